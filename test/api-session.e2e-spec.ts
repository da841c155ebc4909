import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { UserRole } from '../src/auth/user.entity';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { loggedInAs } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/**
 * The session middleware runs only for the panel and for requests that carry its cookie: public reads
 * never touch a session, while a signed-in editor's cookie still works on every API route.
 */
describe('sessions on API routes', () => {
  let testApp: TestApp;
  const http = () => request(testApp.app.getHttpServer());
  let published: { slug: string };
  let draft: { id: number; slug: string };

  beforeAll(async () => {
    // No workers: the accepted import stays queued instead of running while the app shuts down.
    testApp = await bootTestApp({ runWorkers: false });
    published = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    draft = await insertArticle(testApp.dataSource, { status: ArticleStatus.Draft });
  });
  afterAll(() => testApp.close());

  const sessionCount = async () => Number((await testApp.dataSource.query('SELECT count(*) AS n FROM sessions'))[0].n);

  it('answers public reads without a session cookie and stores no session', async () => {
    const before = await sessionCount();
    for (const path of [`/api/articles/${published.slug}`, '/api/articles', '/api/articles?q=story']) {
      const response = await http().get(path).set('Cookie', 'theme=dark; consent=yes').expect(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await sessionCount()).toBe(before);
  });

  it('treats an unknown or forged session cookie as anonymous', async () => {
    const response = await http().get('/api/articles?status=published').set('Cookie', 'wiredesk.sid=s%3Anot-a-session.forged').expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body.items.map((item: { slug: string }) => item.slug)).not.toContain(draft.slug);
    await http().get(`/api/articles/${draft.slug}`).set('Cookie', 'wiredesk.sid=s%3Anot-a-session.forged').expect(404);
  });

  it("resolves a signed-in editor from the panel's session cookie, among other cookies", async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    const detail = await http().get(`/api/articles/${draft.id}`).set('Cookie', `theme=dark; ${cookie}`).expect(200);
    expect(detail.body).toMatchObject({ slug: draft.slug, status: ArticleStatus.Draft });
    expect(detail.headers['cache-control']).toBe('private, no-cache');
    const drafts = await http().get('/api/articles?status=draft').set('Cookie', cookie).expect(200);
    expect(drafts.body.items.map((item: { slug: string }) => item.slug)).toContain(draft.slug);
  });

  it('accepts POST /api/imports from a signed-in editor, and refuses it without the cookie', async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    const dump = Buffer.from(buildDump([syntheticArticle(9700)]));
    const upload = () => http().post('/api/imports').attach('file', dump, { filename: 'session.txt', contentType: 'text/plain' });
    await upload().expect(401);
    const accepted = await upload().set('Cookie', cookie).expect(202);
    expect(accepted.body).toMatchObject({ fileName: 'session.txt' });
  });

  it('still sends the panel its session cookie on log-in', async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Contributor);
    expect(cookie).toMatch(/^wiredesk\.sid=/);
    await http().get('/admin/api/resources/Article/actions/list').set('Cookie', cookie).expect(200);
  });
});

describe('public read responses', () => {
  let testApp: TestApp;
  const http = () => request(testApp.app.getHttpServer());
  let slug: string;

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    slug = (await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date(), headline: 'Café talks — día 2' })).slug;
  });
  afterAll(() => testApp.close());

  it('sends JSON with its exact byte length, also for non-ASCII copy', async () => {
    const response = await http().get(`/api/articles/${slug}`).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
    expect(response.body.headline).toBe('Café talks — día 2');
    const ninjs = await http().get(`/api/articles/${slug}?format=ninjs`).expect(200);
    expect(ninjs.headers['content-type']).toBe('application/ninjs+json; charset=utf-8');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await http().get(`/api/articles/${slug}`).expect(200);
    const head = await http().head(`/api/articles/${slug}`).expect(200);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text).toBeUndefined();
  });
});
