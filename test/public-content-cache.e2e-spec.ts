import request from 'supertest';
import { DataSource } from 'typeorm';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { PublicContentCache } from '../src/articles/public-content-cache';
import { TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/**
 * Changes a headline the way a write that PostgreSQL does not announce would (triggers off for this one
 * session): the only way to see from outside whether a reader was answered from the cache.
 */
async function changeHeadlineSilently(dataSource: DataSource, id: number, headline: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(`UPDATE articles SET headline = $1 WHERE id = $2`, [headline, id]);
  });
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('public content cache', () => {
  let testApp: TestApp;
  let http: ReturnType<typeof request>;
  let cache: PublicContentCache;
  let publisher: string;

  const headlineOf = async (slug: string) => (await http.get(`/api/articles/${slug}`).expect(200)).body.headline as string;
  const listedSlugs = async () => ((await http.get('/api/articles?limit=100').expect(200)).body.items as Array<{ slug: string }>).map((item) => item.slug);

  beforeAll(async () => {
    testApp = await bootTestApp();
    http = request(testApp.app.getHttpServer());
    cache = testApp.app.get(PublicContentCache);
    publisher = (await testApp.app.get(ApiTokensService).create({ name: 'publisher', scopes: [TokenScope.ContentWrite, TokenScope.ContentPublish] }, { kind: 'system', name: 'test' })).secret;
    // The first public read starts the LISTEN connection; caching begins once it is up.
    await http.get('/api/articles').expect(200);
    await eventually(async () => cache.listening, 'the LISTEN connection');
  });

  afterAll(() => testApp.close());

  const publishedArticle = (overrides: Partial<Article> = {}) =>
    insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date(), ...overrides });

  it('answers repeated anonymous reads from memory, and drops them when a write to public content commits', async () => {
    const article = await publishedArticle({ headline: 'Original headline' });
    expect(await headlineOf(article.slug)).toBe('Original headline');

    await changeHeadlineSilently(testApp.dataSource, article.id, 'Unannounced headline');
    expect(await headlineOf(article.slug)).toBe('Original headline');

    // Any committed write to an article, byline, caption, photo or author is announced, by whatever wrote it.
    await testApp.dataSource.query(`UPDATE authors SET name = name WHERE false`);
    await eventually(async () => (await headlineOf(article.slug)) === 'Unannounced headline', 'the cache to drop the article');
  });

  it('never caches what an API token holder reads', async () => {
    const reader = (await testApp.app.get(ApiTokensService).create({ name: 'reader', scopes: [TokenScope.ContentRead] }, { kind: 'system', name: 'test' })).secret;
    const article = await publishedArticle({ headline: 'Before' });
    await http.get(`/api/articles/${article.slug}`).set('Authorization', `Bearer ${reader}`).expect(200);
    await changeHeadlineSilently(testApp.dataSource, article.id, 'After');
    const { body } = await http.get(`/api/articles/${article.slug}`).set('Authorization', `Bearer ${reader}`).expect(200);
    expect(body.headline).toBe('After');
  });

  it('shows a workflow what it just published and withdrew, with no delay, through lists and single reads', async () => {
    for (let round = 0; round < 10; round += 1) {
      const article = await insertArticle(testApp.dataSource);
        expect(await listedSlugs()).not.toContain(article.slug);

      await http.post(`/api/articles/${article.id}/publish`).set('Authorization', `Bearer ${publisher}`).expect(200);
      expect(await listedSlugs()).toContain(article.slug);
      await http.get(`/api/articles/${article.slug}`).expect(200);

      await http.post(`/api/articles/${article.id}/unpublish`).set('Authorization', `Bearer ${publisher}`).expect(200);
      expect(await listedSlugs()).not.toContain(article.slug);
      await http.get(`/api/articles/${article.slug}`).expect(404);
    }
  });

  it("catches up with this instance's own commits before answering the next read", async () => {
    // Without that, the notification of a commit usually arrives after the commit's own reply (most rounds here).
    for (let round = 0; round < 20; round += 1) {
      await cache.read('catch-up-test', async () => ({ round }));
      await testApp.dataSource.transaction((manager) => manager.query(`UPDATE articles SET headline = headline WHERE false`));
      let reloaded = false;
      await cache.read('catch-up-test', async () => ({ reloaded: (reloaded = true) }));
      expect(reloaded).toBe(true);
    }
  });

  it('withdraws copy unpublished by another instance as soon as its commit is announced', async () => {
    const article = await publishedArticle();
    await http.get(`/api/articles/${article.slug}`).expect(200);
    await testApp.dataSource.query(`UPDATE articles SET status = 'unpublished' WHERE id = $1`, [article.id]);
    await eventually(async () => (await http.get(`/api/articles/${article.slug}`)).status === 404, 'the unpublished article to disappear');
  });

  it('serves nothing from memory while its LISTEN connection is down, and resumes once it is back', async () => {
    const article = await publishedArticle({ headline: 'Cached' });
    expect(await headlineOf(article.slug)).toBe('Cached');

    await testApp.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'wiredesk-cache-listener' AND datname = current_database()`);
    await eventually(async () => !cache.listening, 'the cache to notice the lost connection');
    await changeHeadlineSilently(testApp.dataSource, article.id, 'Read while the listener was down');
    expect(await headlineOf(article.slug)).toBe('Read while the listener was down');

    await eventually(async () => cache.listening, 'the LISTEN connection to come back');
    await headlineOf(article.slug);
    await changeHeadlineSilently(testApp.dataSource, article.id, 'Unannounced again');
    expect(await headlineOf(article.slug)).toBe('Read while the listener was down');
  });

  it('lets simultaneous misses on one key share a single load', async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { loads };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.read('shared-load-test', load)));
    expect(loads).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });
});
