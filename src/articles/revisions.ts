import { EntityManager } from 'typeorm';
import { Actor, describeActor } from '../auth/actor';
import { Caption } from '../captions/caption.entity';
import { ArticleError, ArticleErrorCode } from './article-error';
import type { Article } from './article.entity';
import type { Byline } from './byline.entity';
import { ArticleRevision, ArticleSnapshot, RevisionChanges } from './revision.entity';

/** What a revision may record besides the copy it changed: a merge, a "not a duplicate" decision, a restore, a review, a spike. */
export type RevisionNotes = Pick<RevisionChanges, 'merge' | 'notDuplicate' | 'restore' | 'reviewed' | 'spike'>;
const NOTE_FIELDS: ReadonlySet<string> = new Set<keyof RevisionNotes>(['merge', 'notDuplicate', 'restore', 'reviewed', 'spike']);

/** Where an article goes and what it is about, as a snapshot records them. */
export type TaxonomySnapshot = Pick<ArticleSnapshot, 'section' | 'tags'>;

export function snapshotOf(article: Article, captions: readonly Caption[], bylines: readonly Byline[], taxonomy: TaxonomySnapshot = {}): ArticleSnapshot {
  return {
    ...taxonomy,
    headline: article.headline,
    slug: article.slug,
    body: [...article.body],
    captions: Object.fromEntries(captions.map((caption) => [String(caption.id), caption.text])),
    captionPositions: Object.fromEntries(captions.map((caption) => [String(caption.id), caption.position])),
    bylines: bylines.map((byline) => ({ authorId: byline.authorId, role: byline.role, name: byline.author.name })),
  };
}

export function diffSnapshots(before: ArticleSnapshot, after: ArticleSnapshot): RevisionChanges {
  const changes: RevisionChanges = {};
  if (before.headline !== after.headline) changes.headline = { from: before.headline, to: after.headline };
  if (before.slug !== after.slug) changes.slug = { from: before.slug, to: after.slug };
  if (JSON.stringify(before.body) !== JSON.stringify(after.body)) changes.body = { from: before.body, to: after.body };
  if (after.bylines && JSON.stringify(before.bylines ?? []) !== JSON.stringify(after.bylines)) changes.bylines = { from: before.bylines ?? [], to: after.bylines };
  if (after.section !== undefined && (before.section?.id ?? null) !== (after.section?.id ?? null)) changes.section = { from: before.section ?? null, to: after.section };
  if (after.tags && JSON.stringify((before.tags ?? []).map((tag) => tag.id)) !== JSON.stringify(after.tags.map((tag) => tag.id))) changes.tags = { from: before.tags ?? [], to: after.tags };
  const changedCaptions = Object.keys(after.captions).filter((id) => before.captions[id] !== after.captions[id]);
  if (changedCaptions.length > 0) {
    changes.captions = {
      from: Object.fromEntries(changedCaptions.map((id) => [id, before.captions[id]])),
      to: Object.fromEntries(changedCaptions.map((id) => [id, after.captions[id]])),
    };
  }
  // A caption that arrived is in `captions` already; this records only captions that moved.
  const [positionsBefore, positionsAfter] = [before.captionPositions, after.captionPositions];
  if (positionsBefore && positionsAfter) {
    const moved = Object.keys(positionsAfter).filter((id) => id in positionsBefore && positionsBefore[id] !== positionsAfter[id]);
    if (moved.length > 0) {
      changes.captionPositions = {
        from: Object.fromEntries(moved.map((id) => [id, positionsBefore[id]])),
        to: Object.fromEntries(moved.map((id) => [id, positionsAfter[id]])),
      };
    }
  }
  return changes;
}

/** Whether two snapshots hold the same copy: then a save has nothing to record. */
export function sameCopy(before: ArticleSnapshot, after: ArticleSnapshot): boolean {
  return Object.keys(diffSnapshots(before, after)).length === 0;
}

export async function writeRevision(
  manager: EntityManager,
  saved: Article,
  before: ArticleSnapshot,
  after: ArticleSnapshot,
  actor: Actor,
  notes: RevisionNotes = {},
): Promise<ArticleRevision> {
  return manager.save(
    manager.create(ArticleRevision, {
      articleId: saved.id,
      version: saved.version,
      userId: actor.kind === 'user' ? actor.id : null,
      actorName: describeActor(actor).slice(0, 254),
      changes: { ...diffSnapshots(before, after), ...notes },
      snapshot: after,
    }),
  );
}

/**
 * The optimistic-concurrency check for every change to an article: a stale `expectedVersion` is a conflict
 * naming the current version and who saved it and when, so the editor knows whose changes to look at
 * before trying again. No `expectedVersion`: nothing to check.
 */
export async function assertVersionNamingEditor(manager: EntityManager, article: Article, expectedVersion: number | undefined): Promise<void> {
  if (expectedVersion === undefined || article.version === expectedVersion) return;
  const latest = await manager.findOne(ArticleRevision, { where: { articleId: article.id }, order: { version: 'DESC' } });
  // Status changes bump the version without a revision; then the latest revision is not the change that won.
  const byLatest = latest?.version === article.version;
  const who = byLatest ? latest.actorName : 'a workflow action (publish, unpublish or schedule)';
  const when = (byLatest ? latest.createdAt : article.updatedAt).toISOString();
  throw new ArticleError(
    ArticleErrorCode.VersionConflict,
    `${who} saved article ${article.id} at ${when} while you were editing (you edited version ${expectedVersion}; it is now at version ${article.version}). Your changes were not saved: review theirs and save again.`,
    { currentVersion: article.version, updatedAt: article.updatedAt.toISOString(), changedBy: who, changedAt: when },
  );
}

/** Applies caption texts to the article's own captions; an id that is not one of them changes nothing and fails. */
export function applyCaptionTexts(article: Article, captions: Caption[], texts: ReadonlyArray<{ id: number; text: string }>): Caption[] {
  const byId = new Map(captions.map((caption) => [caption.id, caption]));
  const changed: Caption[] = [];
  for (const { id, text } of texts) {
    const caption = byId.get(id);
    if (!caption) throw new ArticleError(ArticleErrorCode.UnknownCaption, `caption ${id} does not belong to article ${article.id}`);
    if (caption.text !== text) {
      caption.text = text;
      changed.push(caption);
    }
  }
  return changed;
}

/** The parts of the copy a revision changed, without its notes (merge, "not a duplicate", restore). */
export function copyFieldsOf(changes: RevisionChanges): Array<keyof ArticleSnapshot> {
  return Object.keys(changes).filter((field) => !NOTE_FIELDS.has(field)) as Array<keyof ArticleSnapshot>;
}
