import { randomBytes } from 'node:crypto';
import { DataSource, DeepPartial } from 'typeorm';
import { ArticleStatus } from '../../src/articles/article-status';
import { Article } from '../../src/articles/article.entity';
import { Author } from '../../src/authors/author.entity';
import type { Actor } from '../../src/auth/actor';
import { User, UserRole } from '../../src/auth/user.entity';
import { Import, ImportStatus } from '../../src/imports/import.entity';
import { Photo } from '../../src/photos/photo.entity';

const unique = () => randomBytes(4).toString('hex');

/** Fixture builders: valid rows with overridable fields, so each test states only what it is about. */
export function articleFixture(overrides: DeepPartial<Article> = {}): DeepPartial<Article> {
  const id = unique();
  return {
    slug: `story-${id}`,
    headline: `Story ${id}`,
    body: [`First paragraph of story ${id}.`, 'Second paragraph.'],
    status: ArticleStatus.Draft,
    contentHash: randomBytes(32).toString('hex'),
    ...overrides,
  };
}

export function insertArticle(dataSource: DataSource, overrides: DeepPartial<Article> = {}): Promise<Article> {
  const repository = dataSource.getRepository(Article);
  return repository.save(repository.create(articleFixture(overrides)));
}

export function insertAuthor(dataSource: DataSource, overrides: DeepPartial<Author> = {}): Promise<Author> {
  const id = unique();
  const repository = dataSource.getRepository(Author);
  return repository.save(repository.create({ name: `Author ${id}`, key: `author ${id}`, ...overrides }));
}

export function insertPhoto(dataSource: DataSource, overrides: DeepPartial<Photo> = {}): Promise<Photo> {
  const repository = dataSource.getRepository(Photo);
  return repository.save(repository.create({ fingerprint: randomBytes(32).toString('hex'), credit: 'Reuters', agency: 'Reuters', ...overrides }));
}

export function insertImport(dataSource: DataSource, overrides: DeepPartial<Import> = {}): Promise<Import> {
  const repository = dataSource.getRepository(Import);
  return repository.save(
    repository.create({ fileName: 'dump.txt', sha256: randomBytes(32).toString('hex'), byteSize: 100, status: ImportStatus.Completed, ...overrides }),
  );
}

/** A user row with a throwaway hash, and the matching actor, for service-level tests that need a real account. */
export async function insertUserActor(dataSource: DataSource, role: UserRole): Promise<Actor> {
  const repository = dataSource.getRepository(User);
  const user = await repository.save(repository.create({ email: `${role}-${unique()}@example.com`, role, passwordHash: 'not-a-real-hash' }));
  return { kind: 'user', id: user.id, email: user.email, role };
}
