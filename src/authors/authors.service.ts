import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { ANNOUNCED_COLUMNS, PendingArticleUpdates } from '../articles/article-events';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Article } from '../articles/article.entity';
import { Actor, assertCan, Permission } from '../auth/actor';
import { isUniqueViolation } from '../database/postgres-errors';
import { authorKey, displayName } from '../wire';
import { AuthorError, AuthorErrorCode } from './author-error';
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
   * Once the rename has committed, each published article printing the name (in a byline or a photo
   * credit) is announced as `article.updated`; its version stays, since its own copy did not change.
   */
  async update(id: number, changes: { name?: string }, actor: Actor): Promise<AuthorEdit> {
    const updates = new PendingArticleUpdates();
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
      return { author: saved, changed: true };
    });
    updates.emit(this.events, actor);
    return edit;
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
