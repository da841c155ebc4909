import { DataSource, QueryFailedError } from 'typeorm';
import { Article } from '../src/articles/article.entity';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { Caption } from '../src/captions/caption.entity';
import { ImportStatus } from '../src/imports/import.entity';
import { insertArticle, insertAuthor, insertImport, insertPhoto } from './support/fixtures';
import { createMigratedDatabase } from './support/test-database';

function violationOf(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
}

async function expectViolation(work: Promise<unknown>, constraint: string): Promise<void> {
  const error = await work.then(() => undefined, (failure: unknown) => failure);
  expect(violationOf(error)).toBe(constraint);
}

describe('database schema', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await createMigratedDatabase());
  });
  afterAll(() => close());

  it('refuses a second article with the same slug', async () => {
    await insertArticle(dataSource, { slug: 'same-slug' });
    await expectViolation(insertArticle(dataSource, { slug: 'same-slug' }), 'UQ_articles_slug');
  });

  it('refuses a second author with the same normalised key', async () => {
    await insertAuthor(dataSource, { name: 'Ahmad Al-Rubaye', key: 'ahmad alrubaye' });
    await expectViolation(insertAuthor(dataSource, { name: 'AHMAD AL-RUBAYE', key: 'ahmad alrubaye' }), 'UQ_authors_key');
  });

  it('refuses a second photo with the same fingerprint', async () => {
    const fingerprint = 'f'.repeat(64);
    await insertPhoto(dataSource, { fingerprint });
    await expectViolation(insertPhoto(dataSource, { fingerprint }), 'UQ_photos_fingerprint');
  });

  it('refuses the same bytes imported twice, but lets a failed import be retried', async () => {
    const sha256 = 'a'.repeat(64);
    await insertImport(dataSource, { sha256, status: ImportStatus.Completed });
    await expectViolation(insertImport(dataSource, { sha256, status: ImportStatus.Queued }), 'UQ_imports_sha256');

    const retried = 'b'.repeat(64);
    await insertImport(dataSource, { sha256: retried, status: ImportStatus.Failed });
    await expect(insertImport(dataSource, { sha256: retried, status: ImportStatus.Queued })).resolves.toBeDefined();
  });

  it('rejects an unknown status', async () => {
    await expectViolation(insertArticle(dataSource, { status: 'archived' as never }), 'CHK_articles_status');
  });

  it('keeps the full-text vector in step with headline and body', async () => {
    const article = await insertArticle(dataSource, { headline: 'Larijani visits Baghdad', body: ['Border security memorandum signed.'] });
    const matches = (query: string) =>
      dataSource.query(`SELECT id FROM articles WHERE "searchVector" @@ websearch_to_tsquery('english', $1) AND id = $2`, [query, article.id]);
    expect(await matches('memorandum')).toHaveLength(1);
    expect(await matches('larijani baghdad')).toHaveLength(1);
    expect(await matches('football')).toHaveLength(0);

    await dataSource.query(`UPDATE articles SET headline = 'Larijani visits Tehran', body = ARRAY['Football talks postponed.'] WHERE id = $1`, [article.id]);
    expect(await matches('larijani tehran')).toHaveLength(1);
    expect(await matches('football')).toHaveLength(1);
    expect(await matches('memorandum')).toHaveLength(0);

    // Other changes leave the vector as it is, and it always equals what headline and body give.
    await dataSource.query(`UPDATE articles SET status = 'published', "publishedAt" = now() WHERE id = $1`, [article.id]);
    const [row] = await dataSource.query(`SELECT "searchVector" = wiredesk_search_vector(headline, body) AS current FROM articles WHERE id = $1`, [article.id]);
    expect(row.current).toBe(true);
  });

  it('deletes bylines and captions with their article, keeps authors and photos', async () => {
    const article = await insertArticle(dataSource);
    const author = await insertAuthor(dataSource);
    const photo = await insertPhoto(dataSource, { photographerId: author.id });
    await dataSource.getRepository(Byline).save({ articleId: article.id, authorId: author.id, role: BylineRole.Writer });
    await dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, text: 'A caption.' });

    await dataSource.getRepository(Article).delete(article.id);

    expect(await dataSource.getRepository(Byline).countBy({ articleId: article.id })).toBe(0);
    expect(await dataSource.getRepository(Caption).countBy({ articleId: article.id })).toBe(0);
    expect(await dataSource.query('SELECT id FROM authors WHERE id = $1', [author.id])).toHaveLength(1);
    expect(await dataSource.query('SELECT id FROM photos WHERE id = $1', [photo.id])).toHaveLength(1);
  });

  it('refuses to delete an author who still has bylines', async () => {
    const article = await insertArticle(dataSource);
    const author = await insertAuthor(dataSource);
    await dataSource.getRepository(Byline).save({ articleId: article.id, authorId: author.id, role: BylineRole.Writer });
    await expect(dataSource.query('DELETE FROM authors WHERE id = $1', [author.id])).rejects.toThrow(/foreign key/);
  });

  it('keeps an article while other articles are flagged as its duplicates', async () => {
    const original = await insertArticle(dataSource);
    const copy = await insertArticle(dataSource, { duplicateOfId: original.id, duplicateKind: 'near' as never, duplicateScore: 0.9 });
    await expect(dataSource.getRepository(Article).delete(original.id)).rejects.toThrow(/foreign key/);

    await dataSource.getRepository(Article).update(copy.id, { duplicateOfId: null, duplicateKind: null, duplicateScore: null });
    await expect(dataSource.getRepository(Article).delete(original.id)).resolves.toBeDefined();
  });

  it('refuses a duplicate kind without the article it duplicates', async () => {
    await expectViolation(insertArticle(dataSource, { duplicateKind: 'exact' as never }), 'CHK_articles_duplicate');
  });
});
