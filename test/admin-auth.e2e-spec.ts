import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { MAX_LOGIN_FAILURES } from '../src/auth/login-throttle.service';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { loggedInAs, PANEL_PASSWORD, panelLogIn } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('admin panel log-in, sessions and roles', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await bootTestApp();
  });
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());

  it('shows the log-in page and keeps everything else behind it', async () => {
    const page = await http().get('/admin/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Wiredesk');
    const list = await http().get('/admin/api/resources/Article/actions/list');
    expect(list.status).toBe(302);
    expect(list.headers.location).toBe('/admin/login');
  });

  it('logs an editor in with an httpOnly, SameSite session cookie stored in PostgreSQL', async () => {
    await testApp.app.get(UsersService).create({ email: 'Editor@Example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    const logIn = await panelLogIn(testApp.app, 'editor@example.com', PANEL_PASSWORD);
    expect(logIn.status).toBe(302);
    expect(logIn.location).toBe('/admin');
    const cookie = logIn.setCookie.find((value) => value.startsWith('wiredesk.sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // only with NODE_ENV=production

    const [stored] = await testApp.dataSource.query(`SELECT sess FROM sessions`);
    expect(stored.sess.adminUser).toMatchObject({ email: 'editor@example.com', role: 'editor' });
    expect(typeof stored.sess.adminUser.id).toBe('number');

    const list = await http().get('/admin/api/resources/Article/actions/list').set('Cookie', logIn.cookie!);
    expect(list.status).toBe(200);
    expect(list.body.records).toEqual([]);
  });

  it('refuses a wrong password without a session', async () => {
    await testApp.app.get(UsersService).create({ email: 'wrong@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    const logIn = await panelLogIn(testApp.app, 'wrong@example.com', 'not the password at all');
    expect(logIn.status).toBe(200);
    expect(logIn.text).toContain('invalidCredentials');
    expect(logIn.cookie).toBeUndefined();
  });

  it(`locks log-in for an email after ${MAX_LOGIN_FAILURES} failures, even with the right password`, async () => {
    await testApp.app.get(UsersService).create({ email: 'locked@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    for (let attempt = 0; attempt < MAX_LOGIN_FAILURES; attempt++) {
      expect((await panelLogIn(testApp.app, 'locked@example.com', `guess ${attempt}`)).cookie).toBeUndefined();
    }
    const locked = await panelLogIn(testApp.app, 'locked@example.com', PANEL_PASSWORD);
    expect(locked.status).toBe(400);
    expect(locked.cookie).toBeUndefined();
    expect(locked.text).toContain('Too many failed log-ins for this email from your address');

    // Another account from the same address is not affected.
    await testApp.app.get(UsersService).create({ email: 'colleague@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    expect((await panelLogIn(testApp.app, 'colleague@example.com', PANEL_PASSWORD)).cookie).toBeDefined();
  });

  it('refuses a disabled account', async () => {
    await testApp.app.get(UsersService).create({ email: 'gone@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    await testApp.app.get(UsersService).setDisabled('gone@example.com', true);
    expect((await panelLogIn(testApp.app, 'gone@example.com', PANEL_PASSWORD)).cookie).toBeUndefined();
  });

  it('logs out with a POST: the session is destroyed in the store; a GET only shows the button', async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    const list = () => http().get('/admin/api/resources/Article/actions/list').set('Cookie', cookie);
    const page = await http().get('/admin/logout').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/admin/logout">');
    expect((await list()).status).toBe(200);

    const logOut = await http().post('/admin/logout').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin');
    expect(logOut.status).toBe(303);
    expect(logOut.headers.location).toBe('/admin/login');
    expect((await list()).status).toBe(302);
  });

  it('keeps a session across app instances and restarts on the same database', async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    const listWith = (instance: TestApp) => request(instance.app.getHttpServer()).get('/admin/api/resources/Article/actions/list').set('Cookie', cookie);

    const second = await bootTestApp({ database: testApp.database });
    try {
      expect((await listWith(second)).status).toBe(200);
    } finally {
      await second.close();
    }
    // A fresh process after the other one stopped: nothing but PostgreSQL remembers the session.
    const restarted = await bootTestApp({ database: testApp.database });
    try {
      expect((await listWith(restarted)).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('refuses a contributor calling the publish action directly with 403, and writes nothing', async () => {
    const article = await insertArticle(testApp.dataSource);
    const { cookie } = await loggedInAs(testApp.app, UserRole.Contributor);
    const response = await http().post(`/admin/api/resources/Article/records/${article.id}/publish`).set('Cookie', cookie).field('version', String(article.version));
    expect(response.status).toBe(403);
    expect((await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id })).status).toBe(ArticleStatus.Draft);

    const show = await http().get(`/admin/api/resources/Article/records/${article.id}/show`).set('Cookie', cookie);
    expect(show.status).toBe(200);
    expect(show.body.record.recordActions.map((action: { name: string }) => action.name)).not.toContain('publish');
  });

  it('lets an editor publish through the same action', async () => {
    const article = await insertArticle(testApp.dataSource);
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    const response = await http().post(`/admin/api/resources/Article/records/${article.id}/publish`).set('Cookie', cookie).field('version', String(article.version));
    expect(response.status).toBe(200);
    expect(response.body.notice).toMatchObject({ type: 'success' });
    expect((await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id })).status).toBe(ArticleStatus.Published);
  });

  it('says "No changes to save" for an account form saved as loaded, writing nothing, and "Saved" once something changed', async () => {
    const admin = await loggedInAs(testApp.app, UserRole.Admin);
    const account = await loggedInAs(testApp.app, UserRole.Editor);
    const users = testApp.app.get(UsersService);
    const before = (await users.findById(account.id))!;
    const edit = (fields: Record<string, string>) => {
      const form = http().post(`/admin/api/resources/User/records/${account.id}/edit`).set('Cookie', admin.cookie);
      for (const [field, value] of Object.entries({ email: account.email, role: 'editor', disabled: 'false', password: '', ...fields })) form.field(field, value);
      return form;
    };

    const unchanged = await edit({});
    expect(unchanged.body.notice).toEqual({ message: 'No changes to save', type: 'info' });
    expect(unchanged.body.redirectUrl).toBeUndefined();
    expect((await users.findById(account.id))!.updatedAt).toEqual(before.updatedAt);

    const demoted = await edit({ role: 'contributor' });
    expect(demoted.body.notice).toEqual({ message: 'Saved', type: 'success' });
    expect(demoted.body.redirectUrl).toContain(`/User/records/${account.id}/show`);
    expect((await users.findById(account.id))!.role).toBe(UserRole.Contributor);

    // A new password is a change even when nothing else is.
    const newPassword = 'a different passphrase entirely';
    expect((await edit({ role: 'contributor', password: newPassword })).body.notice).toEqual({ message: 'Saved', type: 'success' });
    expect(await users.verifyCredentials(account.email, newPassword)).not.toBeNull();
  });

  it("changes an account's email from the panel, and refuses one another account has, changing nothing", async () => {
    const admin = await loggedInAs(testApp.app, UserRole.Admin);
    const account = await loggedInAs(testApp.app, UserRole.Editor);
    const other = await loggedInAs(testApp.app, UserRole.Editor);
    const users = testApp.app.get(UsersService);
    const edit = (email: string) =>
      http().post(`/admin/api/resources/User/records/${account.id}/edit`).set('Cookie', admin.cookie)
        .field('email', email).field('role', 'editor').field('disabled', 'false').field('password', '');

    const renamed = await edit('  Desk.Editor@Example.com ');
    expect(renamed.body.notice).toEqual({ message: 'Saved', type: 'success' });
    expect((await users.findById(account.id))!.email).toBe('desk.editor@example.com');

    const taken = await edit(other.email);
    expect(taken.body.notice).toMatchObject({ type: 'error' });
    expect(taken.body.notice.message).toContain(`a user with email ${other.email} already exists`);
    expect((await users.findById(account.id))!.email).toBe('desk.editor@example.com');
  });

  it('keeps the Users resource to admins', async () => {
    const { cookie } = await loggedInAs(testApp.app, UserRole.Editor);
    expect((await http().get('/admin/api/resources/User/actions/list').set('Cookie', cookie)).status).toBe(403);
    const admin = await loggedInAs(testApp.app, UserRole.Admin);
    expect((await http().get('/admin/api/resources/User/actions/list').set('Cookie', admin.cookie)).status).toBe(200);
  });
});
