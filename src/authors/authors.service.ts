import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { ANNOUNCED_COLUMNS, PendingArticleUpdates } from '../articles/article-events';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Article } from '../articles/article.entity';
import { moveBylinesWithin, returnBylinesWithin } from '../articles/bylines';
import { Actor, assertCan, describeActor, Permission } from '../auth/actor';
import { movePhotographerWithin, returnPhotographerWithin } from '../photos/photos.service';
import { AuthorMerge } from './author-merge.entity';
import { isUniqueViolation } from '../database/postgres-errors';
import { authorKey, displayName } from '../wire';
import { AuthorError, AuthorErrorCode } from './author-error';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Author } from './author.entity';

/** An author edit: the author as they now stand, and whether anything was written (false: the name was already that). */
export interface AuthorEdit {
  author: Author;
  changed: boolean;
}

@Injectable()
export class AuthorsService {
  constructor(
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly webhooks: WebhooksService,
  ) {}

  async getById(id: number): Promise<Author> {
    const author = await this.authors.findOneBy({ id });
    if (!author) throw new AuthorError(AuthorErrorCode.NotFound, `no author with id ${id}`);
    return author;
  }

  /** A new person; a name that is a spelling variant of an existing author's is refused, naming that author. */
  async create(input: { name: string }, actor: Actor): Promise<Author> {
    assertCan(actor, Permission.EditDraft);
    return this.save(this.authors.manager, this.authors.create(named(input.name)));
  }

  /**
   * Renames an author; when their byline is on published copy, this needs the right to edit published copy.
   * Each published article printing the name (in a byline or a photo credit) is announced as
   * `article.updated` (queued in the rename's transaction); its version stays, since its own copy did not change.
   */
  async update(id: number, changes: { name?: string }, actor: Actor): Promise<AuthorEdit> {
    const updates = new PendingArticleUpdates();
    await this.webhooks.prepareQueue();
    const edit = await this.dataSource.transaction(async (manager): Promise<AuthorEdit> => {
      const author = await manager.findOne(Author, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!author) throw new AuthorError(AuthorErrorCode.NotFound, `no author with id ${id}`);
      assertCan(actor, editPermissionFor(await publishedArticlesNaming(manager, id).getExists()));
      if (changes.name === undefined) return { author, changed: false };
      const renamed = named(changes.name);
      const nameChanged = renamed.name !== author.name;
      if (!nameChanged && renamed.key === author.key) return { author, changed: false };
      const saved = await this.save(manager, Object.assign(author, renamed));
      if (nameChanged) {
        for (const article of await publishedArticlesNaming(manager, id).getMany()) updates.author(article, { id, fields: ['name'] });
      }
      await this.webhooks.queueArticleUpdatesWithin(manager, updates);
      return { author: saved, changed: true };
    });
    updates.emit(this.events, actor);
    return edit;
  }

  /**
   * Makes two rows for one person one: every byline and photo credit of `mergedId` moves to `keptId` (an
   * article naming both in one role keeps one byline), and `mergedId`'s row goes. The merge is recorded in
   * `author_merges`, with everything that moved, so {@link undoMerge} can take it back. Needs the right to edit
   * published copy when either author is on it. Published articles naming either are announced as updated.
   */
  async merge(keptId: number, mergedId: number, actor: Actor): Promise<AuthorMerge> {
    if (keptId === mergedId) throw new AuthorError(AuthorErrorCode.InvalidMerge, 'an author cannot be merged into themselves');
    const updates = new PendingArticleUpdates();
    await this.webhooks.prepareQueue();
    const merge = await this.dataSource.transaction(async (manager) => {
      const [kept, merged] = await this.lockBoth(manager, keptId, mergedId);
      const onLiveCopy = (await publishedArticlesNaming(manager, keptId).getExists()) || (await publishedArticlesNaming(manager, mergedId).getExists());
      assertCan(actor, editPermissionFor(onLiveCopy));
      const announced = [...(await publishedArticlesNaming(manager, mergedId).getMany())];
      const bylines = await moveBylinesWithin(manager, mergedId, keptId);
      const movedPhotoIds = await movePhotographerWithin(manager, mergedId, keptId);
      await manager.delete(Author, { id: mergedId });
      for (const article of announced) updates.author(article, { id: keptId, fields: ['name'] });
      await this.webhooks.queueArticleUpdatesWithin(manager, updates);
      return manager.save(
        manager.create(AuthorMerge, {
          keptAuthorId: kept.id,
          mergedAuthor: { id: merged.id, name: merged.name, key: merged.key },
          movedBylineIds: bylines.movedBylineIds,
          droppedBylines: bylines.droppedBylines,
          movedPhotoIds,
          actorName: describeActor(actor).slice(0, 254),
        }),
      );
    });
    updates.emit(this.events, actor);
    return merge;
  }

  /** Takes a merge back: the merged author returns with their id and name, and their bylines and photo credits with them. */
  async undoMerge(mergeId: number, actor: Actor): Promise<Author> {
    return this.dataSource.transaction(async (manager) => {
      const merge = await manager.findOne(AuthorMerge, { where: { id: mergeId }, lock: { mode: 'pessimistic_write' } });
      if (!merge) throw new AuthorError(AuthorErrorCode.NotFound, `no author merge ${mergeId}`);
      if (merge.undoneAt) throw new AuthorError(AuthorErrorCode.InvalidMerge, `author merge ${mergeId} was already undone at ${merge.undoneAt.toISOString()}`);
      const kept = await manager.findOne(Author, { where: { id: merge.keptAuthorId }, lock: { mode: 'pessimistic_write' } });
      if (!kept) throw new AuthorError(AuthorErrorCode.InvalidMerge, `author ${merge.keptAuthorId}, whom this merge kept, no longer exists (merged again since?); undo that first`);
      assertCan(actor, editPermissionFor(await publishedArticlesNaming(manager, kept.id).getExists()));
      const { id, name, key } = merge.mergedAuthor;
      // Under its old id (TypeORM's save would draw a new one), so links to the author work again.
      try {
        await manager.query(`INSERT INTO authors (id, name, key) VALUES ($1, $2, $3)`, [id, name, key]);
      } catch (error) {
        if (!isUniqueViolation(error, 'UQ_authors_key')) throw error;
        throw new AuthorError(AuthorErrorCode.InvalidMerge, `"${name}" cannot come back: another author has been created with that spelling since`);
      }
      const restored = await manager.findOneByOrFail(Author, { id });
      await returnBylinesWithin(manager, kept.id, id, merge.movedBylineIds, merge.droppedBylines);
      await returnPhotographerWithin(manager, kept.id, id, merge.movedPhotoIds);
      merge.undoneAt = new Date();
      await manager.save(merge);
      return restored;
    });
  }

  private async lockBoth(manager: EntityManager, keptId: number, mergedId: number): Promise<[Author, Author]> {
    // Always in id order, so two merges of the same pair cannot deadlock.
    const rows = await manager.find(Author, { where: { id: In([keptId, mergedId]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const kept = rows.find((row) => row.id === keptId);
    const merged = rows.find((row) => row.id === mergedId);
    if (!kept || !merged) throw new AuthorError(AuthorErrorCode.NotFound, `no author with id ${!kept ? keptId : mergedId}`);
    return [kept, merged];
  }

  private async save(manager: EntityManager, author: Author): Promise<Author> {
    try {
      return await manager.save(author);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_authors_key')) {
        // Read outside `manager`: its transaction, if any, is aborted by the violation.
        const existing = await this.authors.findOneBy({ key: author.key });
        throw new AuthorError(AuthorErrorCode.AlreadyExists, `"${author.name}" is already known as author ${existing?.id} ("${existing?.name}")`, {
          existingAuthorId: existing?.id,
        });
      }
      throw error;
    }
  }
}

/**
 * Published articles that print the author's name: in a byline, or as the photographer of a photo they
 * print. Only what an announcement shows is read (a prolific author's archive is large).
 */
function publishedArticlesNaming(manager: EntityManager, authorId: number): SelectQueryBuilder<Article> {
  return manager
    .createQueryBuilder(Article, 'article')
    .select(ANNOUNCED_COLUMNS.map((column) => `article.${column}`))
    .where('article.status = :published', { published: ArticleStatus.Published })
    .andWhere(
      `(article.id IN (SELECT byline."articleId" FROM bylines byline WHERE byline."authorId" = :authorId)
        OR article.id IN (SELECT caption."articleId" FROM captions caption JOIN photos photo ON photo.id = caption."photoId" WHERE photo."photographerId" = :authorId))`,
      { authorId },
    )
    .orderBy('article.id');
}

function named(name: string): Pick<Author, 'name' | 'key'> {
  return { name: displayName(name), key: authorKey(name) };
}
