import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { WebhookSubscription } from '../src/webhooks/webhook-subscription.entity';
import { loggedInAs, PANEL_PASSWORD } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('sessions and cross-site requests', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
  });
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());
  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });
  const sessionCookie = (response: request.Response) =>
    ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('wiredesk.sid='))?.split(';')[0];

  describe('session fixation', () => {
    it('gives a new session id at log-in: a cookie issued before it never acts as the user who logged in', async () => {
      const contributor = await loggedInAs(testApp.app, UserRole.Contributor);
      await testApp.app.get(UsersService).create({ email: 'fixation.editor@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
      // The editor logs in in the same browser, which still holds the contributor's cookie.
      const logIn = await http().post('/admin/login').set('Cookie', contributor.cookie).type('form').send({ email: 'fixation.editor@example.com', password: PANEL_PASSWORD });
      expect(logIn.status).toBe(302);
      const editorCookie = sessionCookie(logIn);
      expect(editorCookie).toBeDefined();
      expect(editorCookie).not.toBe(contributor.cookie);

      const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
      const withOldCookie = await http().post(`/admin/api/resources/Article/records/${article.id}/unpublish`).set('Cookie', contributor.cookie).field('go', '1');
      expect(withOldCookie.status).not.toBe(200);
      expect((await reload(article.id)).status).toBe(ArticleStatus.Published);
      const withNewCookie = await http().get('/admin/api/resources/Article/actions/list').set('Cookie', editorCookie!);
      expect(withNewCookie.status).toBe(200);
    });
  });

  describe('cross-site requests with the session cookie', () => {
    let editor: { cookie: string };
    let admin: { cookie: string };
    beforeAll(async () => {
      editor = await loggedInAs(testApp.app, UserRole.Editor);
      admin = await loggedInAs(testApp.app, UserRole.Admin);
    });

    const publishFrom = (id: number, headers: Record<string, string>) => {
      const call = http().post(`/admin/api/resources/Article/records/${id}/publish`).set('Cookie', editor.cookie);
      for (const [name, value] of Object.entries(headers)) call.set(name, value);
      return call.field('go', '1');
    };

    it.each([
      ['another port of the same site (Sec-Fetch-Site: same-site)', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://127.0.0.1:9999' }],
      ['another site (Sec-Fetch-Site: cross-site)', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }],
      ['an older browser naming another origin', { Origin: 'http://news.example.com:8080' }],
      ['a sandboxed frame (Origin: null)', { Origin: 'null' }],
    ])('refuses a panel action sent from %s (403) and publishes nothing', async (_from, headers) => {
      const article = await insertArticle(testApp.dataSource);
      const response = await publishFrom(article.id, headers);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('CROSS_SITE_REQUEST');
      expect((await reload(article.id)).status).toBe(ArticleStatus.Draft);
    });

    it('lets the panel itself act (same origin, or a client that sends neither header)', async () => {
      const first = await insertArticle(testApp.dataSource);
      const sameOrigin = await publishFrom(first.id, { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://127.0.0.1' });
      expect(sameOrigin.body.notice).toMatchObject({ type: 'success' });
      const second = await insertArticle(testApp.dataSource);
      const matchingOrigin = await http()
        .post(`/admin/api/resources/Article/records/${second.id}/publish`)
        .set('Cookie', editor.cookie)
        .set('Host', 'desk.example.com')
        .set('Origin', 'https://desk.example.com')
        .field('go', '1');
      expect(matchingOrigin.body.notice).toMatchObject({ type: 'success' });
    });

    it('refuses a cross-site JSON API call with the cookie, and creates no webhook', async () => {
      const response = await http()
        .post('/api/webhooks')
        .set('Cookie', admin.cookie)
        .set('Sec-Fetch-Site', 'same-site')
        .send({ url: 'https://hooks.example.com/csrf', events: ['article.published'] });
      expect(response.status).toBe(403);
      expect(await testApp.dataSource.getRepository(WebhookSubscription).countBy({ url: 'https://hooks.example.com/csrf' })).toBe(0);
    });

    it.each(['application/x-www-form-urlencoded', 'text/plain'])('refuses a %s body on the JSON API (415), cookie or not', async (type) => {
      const article = await insertArticle(testApp.dataSource);
      const body = type === 'text/plain' ? '{"version":1}' : 'version=1';
      const response = await http().post(`/api/articles/${article.id}/publish`).set('Cookie', editor.cookie).set('Content-Type', type).send(body);
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('FORM_BODY_REFUSED');
      expect((await reload(article.id)).status).toBe(ArticleStatus.Draft);
    });

    it('still takes a JSON body from a same-origin caller', async () => {
      const article = await insertArticle(testApp.dataSource);
      const response = await http().post(`/api/articles/${article.id}/publish`).set('Cookie', editor.cookie).set('Sec-Fetch-Site', 'same-origin').send({});
      expect(response.status).toBe(200);
      expect((await reload(article.id)).status).toBe(ArticleStatus.Published);
    });

    it('does not log anyone out from another site', async () => {
      const victim = await loggedInAs(testApp.app, UserRole.Editor);
      expect((await http().post('/admin/logout').set('Cookie', victim.cookie).set('Sec-Fetch-Site', 'cross-site')).status).toBe(403);
      expect((await http().get('/admin/logout').set('Cookie', victim.cookie)).status).toBe(200);
      expect((await http().get('/admin/api/resources/Article/actions/list').set('Cookie', victim.cookie)).status).toBe(200);
    });
  });
});
