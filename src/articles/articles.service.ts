import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { RelatedArticleView } from './article-views';
import { relatedCoverage } from './related-coverage';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { Actor, assertCan, Permission } from '../auth/actor';
import { Caption } from '../captions/caption.entity';
import { articleContentHash } from '../wire';
import { ArticleError, ArticleErrorCode } from './article-error';
import { PendingArticleUpdates } from './article-events';
import { ArticleStatus, editPermissionFor } from './article-status';
import { Article } from './article.entity';
import { Byline, BylineRole } from './byline.entity';
import { BylineInput, bylinesOf, replaceBylines, sameBylines } from './bylines';
import { slugify } from './slug';
import { Author } from '../authors/author.entity';
import { PhotosService } from '../photos/photos.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Section } from '../sections/section.entity';
import { Tag } from '../sections/tag.entity';
import { ArticleTag } from './article-tag.entity';
import { applyCaptionTexts, assertVersionNamingEditor, copyFieldsOf, RevisionNotes, sameCopy, snapshotOf, TaxonomySnapshot, writeRevision } from './revisions';

export interface NewArticle {
  headline: string;
  body: string[];
  /** Derived from the headline when absent; a taken derived slug gets a numeric suffix. */
  slug?: string;
  /** Writers, in byline order. */
  authorIds?: number[];
}

export interface ArticleChanges {
  headline?: string;
  slug?: string;
  body?: string[];
  /** New texts for some of the article's own captions. */
  captions?: Array<{ id: number; text: string }>;
  /**
   * New places for some of the article's own captions (a restore puts a version's photos back in its order).
   * A caption not named keeps its place unless a named one takes it; then it goes after the last photo.
   */
  captionPositions?: Array<{ id: number; position: number }>;
  /** The complete new list of bylines, in order (writers and photographers); absent leaves them as they are. */
  bylines?: BylineInput[];
  /**
   * New credits for photos this article prints (the panel's one-page editor). A credit belongs to the photo,
   * so it changes wherever the photo is printed; PhotosService saves it, in the same transaction as the rest.
   */
  credits?: Array<{ photoId: number; credit: string | null }>;
  /** The article's section; null takes it out of any. */
  sectionId?: number | null;
  /** The complete new set of tags; absent leaves them as they are. */
  tagIds?: number[];
}

/**
 * What a save did: the article as it now stands, and whether anything was written. A save that changes
 * nothing writes nothing (no new version, no revision, no `article.updated`) and answers with the article as it is.
 */
export interface ArticleSave {
  article: Article;
  changed: boolean;
}

/** An {@link ArticlesService.edit}: the save, and what the caller's change returned. */
export interface ArticleEdit<T> extends ArticleSave {
  result: T;
}

@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly photos: PhotosService,
    private readonly webhooks: WebhooksService,
  ) {}

  async getById(id: number): Promise<Article> {
    const article = await this.articles.findOneBy({ id });
    if (!article) throw ArticleError.notFound(id);
    return article;
  }

  /** What the one-page editor shows beside the copy: the captions in order, with their photos, and the bylines. */
  async editorData(id: number): Promise<{ captions: Caption[]; bylines: Byline[]; sectionId: number | null; tagIds: number[] }> {
    const article = await this.getById(id);
    const captions = await this.dataSource.getRepository(Caption).find({ where: { articleId: id }, relations: { photo: { photographer: true } }, order: { position: 'ASC' } });
    const { tags } = await taxonomyOf(this.dataSource.manager, article);
    return { captions, bylines: await bylinesOf(this.dataSource.manager, id), sectionId: article.sectionId, tagIds: tags.map((tag) => tag.id) };
  }

  /** The byline names of each article, in byline order, for comparing copies side by side. */
  async bylineNames(articleIds: readonly number[]): Promise<Map<number, string[]>> {
    const bylines = await this.dataSource.getRepository(Byline).find({ where: { articleId: In([...articleIds]) }, relations: { author: true }, order: { position: 'ASC' } });
    const names = new Map<number, string[]>(articleIds.map((id) => [id, []]));
    for (const byline of bylines) names.get(byline.articleId)?.push(byline.author.name);
    return names;
  }

  /** A new draft, written by hand or by automation rather than imported. */
  /** Related coverage of the article, for the panel's show page (editors may read drafts). */
  related(id: number): Promise<RelatedArticleView[]> {
    return relatedCoverage(this.dataSource.manager, id, true);
  }

  async create(input: NewArticle, actor: Actor): Promise<Article> {
    assertCan(actor, Permission.EditDraft);
    const saved = await this.dataSource.transaction(async (manager) => {
      const authorIds = [...new Set(input.authorIds ?? [])];
      if (authorIds.length > 0) {
        const found = await manager.countBy(Author, { id: In(authorIds) });
        if (found !== authorIds.length) {
          throw new ArticleError(ArticleErrorCode.InvalidRequest, `some of the authors ${authorIds.join(', ')} do not exist`);
        }
      }
      const article = manager.create(Article, {
        headline: input.headline,
        body: input.body,
        slug: input.slug ?? (await freeSlug(manager, slugify(input.headline))),
        status: ArticleStatus.Draft,
      });
      article.contentHash = articleContentHash(article);
      const created = await this.saveHandlingSlug(manager, article);
      await manager.save(
        Byline,
        authorIds.map((authorId, position) => manager.create(Byline, { articleId: created.id, authorId, role: BylineRole.Writer, position })),
      );
      return created;
    });
    return this.getById(saved.id);
  }

  /**
   * Applies an editor's or a workflow's changes when `expectedVersion` is still current; otherwise
   * nothing is written and the conflict names the version that won, so the caller can merge and retry.
   * Everything, credits included, is one transaction: a refusal anywhere leaves the article as it was.
   */
  async update(id: number, changes: ArticleChanges, expectedVersion: number, actor: Actor): Promise<ArticleSave> {
    const updates = new PendingArticleUpdates();
    await this.webhooks.prepareQueue();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const { article, changed } = await this.editWithin(manager, id, expectedVersion, actor, updates, (locked) => applyCopyChanges(manager, locked, changes));
      const creditsChanged = await this.changeCreditsWithin(manager, article, changes.credits ?? [], actor, updates);
      await this.webhooks.queueArticleUpdatesWithin(manager, updates);
      return { article, changed: changed || creditsChanged };
    });
    updates.emit(this.events, actor);
    return outcome;
  }

  /**
   * An edit made by another service under the article's rules (a caption, a restore): see {@link editWithin}.
   * `change` runs inside the transaction, with the article locked; `notesFor` turns what it returned into
   * notes for the revision, if the edit changed anything.
   */
  async edit<T>(
    id: number,
    expectedVersion: number | undefined,
    actor: Actor,
    change: (manager: EntityManager, article: Article) => Promise<T>,
    notesFor: (result: T) => RevisionNotes = () => ({}),
  ): Promise<ArticleEdit<T>> {
    const updates = new PendingArticleUpdates();
    await this.webhooks.prepareQueue();
    const outcome = await this.dataSource.transaction(async (manager) => {
      let result: T | undefined;
      const save = await this.editWithin(manager, id, expectedVersion, actor, updates, async (locked) => {
        result = await change(manager, locked);
        return notesFor(result);
      });
      await this.webhooks.queueArticleUpdatesWithin(manager, updates);
      return { ...save, result: result as T };
    });
    updates.emit(this.events, actor);
    return outcome;
  }

  /**
   * The one rule for every edit of an article's copy, whichever route or screen it comes from: the row is
   * locked until commit (concurrent writers queue up), the actor needs the right to edit copy in its status,
   * and the version they read, when given, must still be current (also when the change turns out to change
   * nothing: their view is stale either way). If `change` changed the copy, the version goes up and a revision
   * records what changed, in the same transaction; the caller queues the webhooks of `updates` in it too, and
   * emits their events after commit. If it did not,
   * nothing is written, so pressing Save twice or a workflow sending the same values again neither fills
   * History nor puts other editors' open versions in conflict nor wakes webhook subscribers.
   */
  private async editWithin(
    manager: EntityManager,
    id: number,
    expectedVersion: number | undefined,
    actor: Actor,
    updates: PendingArticleUpdates,
    change: (article: Article) => Promise<RevisionNotes | void>,
  ): Promise<ArticleSave> {
    const article = await lockArticle(manager, id);
    assertCan(actor, editPermissionFor(article.status === ArticleStatus.Published));
    await assertVersionNamingEditor(manager, article, expectedVersion);
    const before = snapshotOf(article, await captionsOf(manager, id), await bylinesOf(manager, id), await taxonomyOf(manager, article));
    const formerSectionId = article.sectionId;
    const notes = (await change(article)) ?? {};
    const after = snapshotOf(article, await captionsOf(manager, id), await bylinesOf(manager, id), await taxonomyOf(manager, article));
    if (sameCopy(before, after)) return { article, changed: false };
    article.contentHash = articleContentHash(article);
    article.version += 1;
    const saved = await this.saveHandlingSlug(manager, article);
    const revision = await writeRevision(manager, saved, before, after, actor, notes);
    updates.copy(saved, copyFieldsOf(revision.changes), formerSectionId);
    return { article: saved, changed: true };
  }

  /**
   * Credits only for photos this article prints; unchanged ones are left alone (and need no right to edit
   * them). Returns whether any credit changed.
   */
  private async changeCreditsWithin(
    manager: EntityManager,
    article: Article,
    credits: NonNullable<ArticleChanges['credits']>,
    actor: Actor,
    updates: PendingArticleUpdates,
  ): Promise<boolean> {
    if (credits.length === 0) return false;
    const printed = new Map((await manager.find(Caption, { where: { articleId: article.id }, relations: { photo: true } })).map((caption) => [caption.photoId, caption.photo]));
    let changed = false;
    for (const { photoId, credit } of credits) {
      const photo = printed.get(photoId);
      if (!photo) throw new ArticleError(ArticleErrorCode.InvalidRequest, `article ${article.id} does not print photo ${photoId}, so its credit cannot be changed here`);
      if (photo.credit === credit) continue;
      if ((await this.photos.updateWithin(manager, photoId, { credit }, actor, updates)).changed) changed = true;
    }
    return changed;
  }

  private async saveHandlingSlug(manager: EntityManager, article: Article): Promise<Article> {
    try {
      return await manager.save(article);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_articles_slug')) {
        throw new ArticleError(ArticleErrorCode.SlugTaken, `another article already uses the slug "${article.slug}"`);
      }
      throw error;
    }
  }
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
async function freeSlug(manager: EntityManager, base: string): Promise<string> {
  const rows: Array<{ slug: string }> = await manager.query(`SELECT slug FROM articles WHERE slug = $1 OR slug LIKE $2`, [
    base,
    `${base.replace(/[\\%_]/g, '\\$&')}-%`,
  ]);
  const taken = new Set(rows.map((row) => row.slug));
  let candidate = base;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}-${suffix}`;
  return candidate;
}

/**
 * Headline, slug, body, caption texts and places, and bylines: the parts of an article's copy an editor changes
 * in one save. Call it with the article locked, inside the save's transaction.
 */
export async function applyCopyChanges(manager: EntityManager, article: Article, changes: ArticleChanges): Promise<void> {
  if (changes.headline !== undefined) article.headline = changes.headline;
  if (changes.slug !== undefined) article.slug = changes.slug;
  if (changes.body !== undefined) article.body = changes.body;
  const captions = await captionsOf(manager, article.id);
  await manager.save(applyCaptionTexts(article, captions, changes.captions ?? []));
  if (changes.captionPositions !== undefined) await placeCaptions(manager, article, captions, changes.captionPositions);
  if (changes.bylines !== undefined && !sameBylines(await bylinesOf(manager, article.id), changes.bylines)) {
    await replaceBylines(manager, article.id, changes.bylines);
  }
  if (changes.sectionId !== undefined) article.sectionId = await existingSection(manager, changes.sectionId);
  if (changes.tagIds !== undefined) await replaceTags(manager, article.id, changes.tagIds);
}

async function existingSection(manager: EntityManager, id: number | null): Promise<number | null> {
  if (id === null) return null;
  if (!Number.isSafeInteger(id) || !(await manager.existsBy(Section, { id }))) throw new ArticleError(ArticleErrorCode.InvalidRequest, `no section with id ${String(id)}`);
  return id;
}

async function replaceTags(manager: EntityManager, articleId: number, wanted: readonly number[]): Promise<void> {
  const ids = [...new Set(wanted)];
  if (ids.some((id) => !Number.isSafeInteger(id))) throw new ArticleError(ArticleErrorCode.InvalidRequest, 'tag ids must be whole numbers');
  const found = ids.length === 0 ? [] : await manager.find(Tag, { where: { id: In(ids) }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((tag) => tag.id === id));
  if (missing.length > 0) throw new ArticleError(ArticleErrorCode.InvalidRequest, `no tag with id ${missing.join(', ')}`);
  await manager.delete(ArticleTag, { articleId });
  if (ids.length > 0) await manager.insert(ArticleTag, ids.map((tagId) => ({ articleId, tagId })));
}

/** The article's section and tags with their names (tags by name), for snapshots and the editor. */
export async function taxonomyOf(manager: EntityManager, article: Pick<Article, 'id' | 'sectionId'>): Promise<Required<TaxonomySnapshot>> {
  const section = article.sectionId === null ? null : await manager.findOne(Section, { where: { id: article.sectionId }, select: { id: true, name: true } });
  const tags: Array<{ id: number; name: string }> = await manager.query(
    `SELECT t.id, t.name FROM article_tags at JOIN tags t ON t.id = at."tagId" WHERE at."articleId" = $1 ORDER BY t.name, t.id`,
    [article.id],
  );
  return { section: section ? { id: section.id, name: section.name } : null, tags };
}

/** Moves captions (the article's, in print order) to the places `wanted` names; see {@link ArticleChanges.captionPositions}. */
async function placeCaptions(manager: EntityManager, article: Article, captions: readonly Caption[], wanted: ReadonlyArray<{ id: number; position: number }>): Promise<void> {
  const target = new Map<number, number>();
  for (const { id, position } of wanted) {
    if (!captions.some((caption) => caption.id === id)) throw new ArticleError(ArticleErrorCode.UnknownCaption, `caption ${id} does not belong to article ${article.id}`);
    target.set(id, position);
  }
  const taken = new Set(target.values());
  let after = Math.max(-1, ...captions.map((caption) => caption.position), ...taken) + 1;
  for (const caption of captions) {
    if (target.has(caption.id)) continue;
    const position = taken.has(caption.position) ? after++ : caption.position;
    target.set(caption.id, position);
    taken.add(position);
  }
  const moving = captions.filter((caption) => target.get(caption.id) !== caption.position);
  if (moving.length === 0) return;
  const ids = moving.map((caption) => caption.id);
  // (articleId, position) is unique at every statement, so the captions that move first step aside to places no caption uses.
  await manager.query(`UPDATE captions SET position = -1 - position WHERE id = ANY($1::int[])`, [ids]);
  await manager.query(`UPDATE captions AS c SET position = m.position FROM unnest($1::int[], $2::int[]) AS m(id, position) WHERE c.id = m.id`, [
    ids,
    moving.map((caption) => target.get(caption.id)),
  ]);
}

/** The article's captions in print order. */
export function captionsOf(manager: EntityManager, articleId: number): Promise<Caption[]> {
  return manager.find(Caption, { where: { articleId }, order: { position: 'ASC' } });
}

/** Reads the article row and locks it until the transaction ends, so concurrent writers queue up. */
export async function lockArticle(manager: EntityManager, id: number): Promise<Article> {
  const article = await manager.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!article) throw ArticleError.notFound(id);
  return article;
}

