import { Permission } from '../auth/actor';

export enum ArticleStatus {
  Draft = 'draft',
  Published = 'published',
  Unpublished = 'unpublished',
}

export enum DuplicateKind {
  Exact = 'exact',
  Near = 'near',
}

/** Live copy needs more trust to change than a draft: one rule for articles, captions, photos and authors. */
export function editPermissionFor(appearsInPublishedCopy: boolean): Permission {
  return appearsInPublishedCopy ? Permission.EditPublished : Permission.EditDraft;
}
