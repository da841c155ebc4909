import { Permission } from '../auth/actor';

export enum ArticleStatus {
  Draft = 'draft',
  Published = 'published',
  Unpublished = 'unpublished',
  /** Binned: a draft nobody will run. Never public, out of the desk's lists; it can be brought back as a draft. */
  Spiked = 'spiked',
}

export enum DuplicateKind {
  Exact = 'exact',
  Near = 'near',
}

/** Live copy needs more trust to change than a draft: one rule for articles, captions, photos and authors. */
export function editPermissionFor(appearsInPublishedCopy: boolean): Permission {
  return appearsInPublishedCopy ? Permission.EditPublished : Permission.EditDraft;
}
