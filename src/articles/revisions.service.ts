import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../auth/actor';
import { Section } from '../sections/section.entity';
import { Tag } from '../sections/tag.entity';
import { ArticleError, ArticleErrorCode } from './article-error';
import { Article } from './article.entity';
import { applyCopyChanges, ArticleSave, ArticlesService, captionsOf } from './articles.service';
import { ArticleRevision, ArticleSnapshot, RestoreNote } from './revision.entity';

/** A restore: the save it made (or that it had nothing to change), and the captions it left out. */
export interface RestoreOutcome extends ArticleSave {
  revision: ArticleRevision;
  skippedCaptions: RestoreNote['skippedCaptions'];
}

/** An article's saves, newest first, and restoring the copy of one of them (itself a new save). */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesService,
  ) {}

  list(articleId: number, limit = 50): Promise<ArticleRevision[]> {
    return this.dataSource.getRepository(ArticleRevision).find({ where: { articleId }, order: { version: 'DESC' }, take: limit });
  }

  /**
   * Saves the revision's headline, slug, body, bylines (when it recorded them), caption texts and the order
   * of the photos (when it recorded positions) as a new version, under the rules of any other save: the
   * editor must have seen the current version (`expectedVersion`), and restoring what the article already
   * says writes nothing. The revision's captions that are no longer in the article (a merge moved them to
   * the article it kept) are left out, and the new version's revision names them.
   */
  async restore(articleId: number, revisionId: number, expectedVersion: number, actor: Actor): Promise<RestoreOutcome> {
    const revision = await this.dataSource.getRepository(ArticleRevision).findOneBy({ id: revisionId, articleId });
    if (!revision) throw new ArticleError(ArticleErrorCode.NotFound, `article ${articleId} has no revision ${revisionId}`);
    const { article, changed, result: skippedCaptions } = await this.articles.edit(
      articleId,
      expectedVersion,
      actor,
      (manager, locked) => restoreCopy(manager, locked, revision.snapshot),
      (skipped) => ({ restore: { revisionId: revision.id, version: revision.version, skippedCaptions: skipped } }),
    );
    return { article, changed, revision, skippedCaptions };
  }

  /**
   * The copy as it was before its first save: as imported (or as created). Nothing stores it apart, and
   * nothing need: it is the first revision's snapshot with that revision's changes taken back. Undefined
   * while the article has never been saved (it is still the original).
   */
  async original(articleId: number): Promise<{ revision: ArticleRevision; snapshot: ArticleSnapshot } | undefined> {
    const first = await this.dataSource.getRepository(ArticleRevision).findOne({ where: { articleId }, order: { version: 'ASC' } });
    return first ? { revision: first, snapshot: snapshotBefore(first) } : undefined;
  }

  /** Restores {@link original}, under the same rules as {@link restore}; History records it as a restore of the original. */
  async restoreOriginal(articleId: number, expectedVersion: number, actor: Actor): Promise<RestoreOutcome> {
    const original = await this.original(articleId);
    if (!original) throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${articleId} has never been saved: it is still as imported`);
    const { article, changed, result: skippedCaptions } = await this.articles.edit(
      articleId,
      expectedVersion,
      actor,
      (manager, locked) => restoreCopy(manager, locked, original.snapshot),
      (skipped) => ({ restore: { revisionId: original.revision.id, version: original.revision.version - 1, original: true, skippedCaptions: skipped } }),
    );
    return { article, changed, revision: original.revision, skippedCaptions };
  }
}

/** A revision's snapshot with its own changes taken back: the copy just before that save. */
export function snapshotBefore(revision: Pick<ArticleRevision, 'snapshot' | 'changes'>): ArticleSnapshot {
  const { snapshot, changes } = revision;
  const before: ArticleSnapshot = { ...snapshot, captions: { ...snapshot.captions } };
  if (changes.headline) before.headline = changes.headline.from;
  if (changes.slug) before.slug = changes.slug.from;
  if (changes.body) before.body = changes.body.from;
  if (changes.bylines) before.bylines = changes.bylines.from;
  if (changes.section) before.section = changes.section.from;
  if (changes.tags) before.tags = changes.tags.from;
  const from: Record<string, string | undefined> = changes.captions?.from ?? {};
  for (const id of Object.keys(changes.captions?.to ?? {})) {
    // A caption with no text before this save arrived with it (a merge): it was not in the original.
    const text = from[id];
    if (text === undefined) delete before.captions[id];
    else before.captions[id] = text;
  }
  if (changes.captionPositions && snapshot.captionPositions) before.captionPositions = { ...snapshot.captionPositions, ...changes.captionPositions.from };
  return before;
}

/** Puts a snapshot's copy back into the locked article; returns the snapshot's captions that have left it. */
async function restoreCopy(manager: EntityManager, article: Article, snapshot: ArticleSnapshot): Promise<RestoreNote['skippedCaptions']> {
  const present = new Set((await captionsOf(manager, article.id)).map((caption) => caption.id));
  const recorded = Object.entries(snapshot.captions).map(([id, text]) => ({ id: Number(id), text }));
  const kept = recorded.filter((caption) => present.has(caption.id));
  const positions = snapshot.captionPositions;
  await applyCopyChanges(manager, article, {
    headline: snapshot.headline,
    slug: snapshot.slug,
    body: snapshot.body,
    captions: kept,
    captionPositions: positions && kept.filter(({ id }) => String(id) in positions).map(({ id }) => ({ id, position: positions[String(id)] })),
    bylines: snapshot.bylines?.map(({ authorId, role }) => ({ authorId, role })),
    // A section or tag deleted since is left out rather than failing the restore.
    sectionId: snapshot.section === undefined ? undefined : await stillExisting(manager, Section, snapshot.section ? [snapshot.section.id] : []).then((ids) => ids[0] ?? null),
    tagIds: snapshot.tags === undefined ? undefined : await stillExisting(manager, Tag, snapshot.tags.map((tag) => tag.id)),
  });
  return recorded.filter((caption) => !present.has(caption.id));
}

async function stillExisting(manager: EntityManager, entity: typeof Section | typeof Tag, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = new Set((await manager.find(entity, { where: { id: In(ids) }, select: { id: true } })).map((row) => row.id));
  return ids.filter((id) => found.has(id));
}
