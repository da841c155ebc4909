import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Actor, assertCan, Permission } from '../auth/actor';
import { isUniqueViolation } from '../database/postgres-errors';
import { authorKey, displayName } from '../wire';
import { AuthorError, AuthorErrorCode } from './author-error';
import { Author } from './author.entity';

@Injectable()
export class AuthorsService {
  constructor(@InjectRepository(Author) private readonly authors: Repository<Author>) {}

  async getById(id: number): Promise<Author> {
    const author = await this.authors.findOneBy({ id });
    if (!author) throw new AuthorError(AuthorErrorCode.NotFound, `no author with id ${id}`);
    return author;
  }

  /** A new person; a name that is a spelling variant of an existing author's is refused, naming that author. */
  async create(input: { name: string }, actor: Actor): Promise<Author> {
    assertCan(actor, Permission.EditDraft);
    return this.save(this.authors.create(named(input.name)));
  }

  /** Renames an author; when their byline is on published copy, this needs the right to edit published copy. */
  async update(id: number, changes: { name?: string }, actor: Actor): Promise<Author> {
    const author = await this.getById(id);
    assertCan(actor, editPermissionFor(await this.bylinesPublishedCopy(id)));
    if (changes.name !== undefined) Object.assign(author, named(changes.name));
    return this.save(author);
  }

  private async bylinesPublishedCopy(id: number): Promise<boolean> {
    const rows: unknown[] = await this.authors.query(
      `SELECT 1 FROM bylines b JOIN articles a ON a.id = b."articleId" WHERE b."authorId" = $1 AND a.status = $2
       UNION ALL
       SELECT 1 FROM photos p JOIN captions c ON c."photoId" = p.id JOIN articles a ON a.id = c."articleId" WHERE p."photographerId" = $1 AND a.status = $2
       LIMIT 1`,
      [id, ArticleStatus.Published],
    );
    return rows.length > 0;
  }

  private async save(author: Author): Promise<Author> {
    try {
      return await this.authors.save(author);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_authors_key')) {
        const existing = await this.authors.findOneBy({ key: author.key });
        throw new AuthorError(AuthorErrorCode.AlreadyExists, `"${author.name}" is already known as author ${existing?.id} ("${existing?.name}")`, {
          existingAuthorId: existing?.id,
        });
      }
      throw error;
    }
  }
}

function named(name: string): Pick<Author, 'name' | 'key'> {
  return { name: displayName(name), key: authorKey(name) };
}
