import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { User, UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { loggedInAs } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('admin panel: security headers and sessions of changed accounts', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
  });
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());
  const articleList = (cookie: string) => http().get('/admin/api/resources/Article/actions/list').set('Cookie', cookie);
  const users = () => testApp.dataSource.getRepository(User);
  const storedSessionsOf = async (userId: number) =>
    Number((await testApp.dataSource.query(`SELECT count(*) AS n FROM sessions WHERE (sess->'adminUser'->>'id')::int = $1`, [userId]))[0].n);

  describe('headers', () => {
    it("puts helmet's headers on /admin, without a CSP and without X-Powered-By", async () => {
      const login = await http().get('/admin/login');
      expect(login.status).toBe(200);
      expect(login.headers['x-powered-by']).toBeUndefined();
      expect(login.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'x-dns-prefetch-control': 'off',
      });
      expect(login.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(login.headers['content-security-policy']).toBeUndefined();

      const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
      const page = await http().get('/admin').set('Cookie', cookie);
      expect(page.status).toBe(200);
      expect(page.headers['x-powered-by']).toBeUndefined();
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('sends no X-Powered-By anywhere else either', async () => {
      for (const path of ['/api/articles', '/health', '/no-such-route', '/docs']) {
        const response = await http().get(path);
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('accounts that changed since they logged in', () => {
    it('logs out a session whose account was disabled, for good, and deletes it from the store', async () => {
      const editor = await loggedInAs(testApp.app, UserRole.Editor);
      expect((await articleList(editor.cookie)).status).toBe(200);

      await testApp.app.get(UsersService).setDisabled(editor.email, true);
      const api = await articleList(editor.cookie);
      expect(api.status).toBe(302);
      expect(api.headers.location).toBe('/admin/login');
      const page = await http().get('/admin').set('Cookie', editor.cookie);
      expect(page.status).toBe(302);
      expect(page.headers.location).toBe('/admin/login');
      expect(await storedSessionsOf(editor.id)).toBe(0);

      // Enabling the account again does not revive the old session: they log in again.
      await testApp.app.get(UsersService).setDisabled(editor.email, false);
      expect((await articleList(editor.cookie)).status).toBe(302);
    });

    it('logs out a session whose account was deleted', async () => {
      const editor = await loggedInAs(testApp.app, UserRole.Editor);
      await users().delete({ id: editor.id });
      const response = await articleList(editor.cookie);
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('/admin/login');
    });

    it('applies a role change on the next request, without logging in again, under a new session id', async () => {
      const article = await insertArticle(testApp.dataSource);
      const editor = await loggedInAs(testApp.app, UserRole.Editor);
      let cookie = editor.cookie;
      /** Sends the current cookie and takes the one the answer sets, as a browser does. */
      const browse = async (send: (cookie: string) => request.Test) => {
        const response = await send(cookie);
        const renewed = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((value) => value.startsWith('wiredesk.sid='));
        if (renewed) cookie = renewed.split(';')[0];
        return response;
      };
      const actions = async () =>
        (await browse((current) => http().get(`/admin/api/resources/Article/records/${article.id}/show`).set('Cookie', current))).body.record.recordActions.map(
          (action: { name: string }) => action.name,
        );
      expect(await actions()).toContain('publish');

      await users().update({ id: editor.id }, { role: UserRole.Contributor });
      expect(await actions()).not.toContain('publish');
      expect(cookie).not.toBe(editor.cookie);
      // The cookie from before the change no longer names a session.
      expect((await articleList(editor.cookie)).status).toBe(302);
      const publish = await browse((current) => http().post(`/admin/api/resources/Article/records/${article.id}/publish`).set('Cookie', current).field('version', String(article.version)));
      expect(publish.status).toBe(403);
      expect((await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id })).status).toBe(ArticleStatus.Draft);
      expect((await browse((current) => http().get('/admin/api/resources/ApiToken/actions/list').set('Cookie', current))).status).toBe(403);

      const contributorCookie = cookie;
      await users().update({ id: editor.id }, { role: UserRole.Admin });
      expect((await browse((current) => http().get('/admin/api/resources/ApiToken/actions/list').set('Cookie', current))).status).toBe(200);
      expect(cookie).not.toBe(contributorCookie);
      const [stored] = await testApp.dataSource.query(`SELECT sess->'adminUser'->>'role' AS role FROM sessions WHERE (sess->'adminUser'->>'id')::int = $1`, [editor.id]);
      expect(stored.role).toBe('admin');
    });
  });
});
