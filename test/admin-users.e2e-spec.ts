import request from 'supertest';
import { User, UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { loggedInAs } from './support/admin-session';
import { bootTestApp, TestApp } from './support/test-app';

describe('least privilege: user records and the last admin', () => {
  let testApp: TestApp;
  let admin: { cookie: string; id: number; email: string };

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    admin = await loggedInAs(testApp.app, UserRole.Admin, 'only.admin@example.com');
  });
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());
  const stored = (id: number) => testApp.dataSource.getRepository(User).findOneByOrFail({ id });
  const editAs = (cookie: string, id: number, fields: Record<string, string>) => {
    const call = http().post(`/admin/api/resources/User/records/${id}/edit`).set('Cookie', cookie);
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call;
  };

  it.each([UserRole.Editor, UserRole.Contributor])('refuses a %s every User action, GET included, with 403 and no account details', async (role) => {
    const someone = await loggedInAs(testApp.app, role);
    for (const path of [
      '/admin/api/resources/User/actions/list',
      `/admin/api/resources/User/records/${admin.id}/show`,
      `/admin/api/resources/User/records/${admin.id}/edit`,
      '/admin/api/resources/User/actions/new',
      '/admin/api/resources/User/actions/search/only',
    ]) {
      const response = await http().get(path).set('Cookie', someone.cookie);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.text).not.toContain('only.admin@example.com');
    }
    const edit = await editAs(someone.cookie, someone.id, { role: 'admin' });
    expect(edit.status).toBe(403);
    expect((await stored(someone.id)).role).toBe(role);
  });

  it('keeps the last enabled admin: not demoted, not disabled, from the panel or the CLI’s service', async () => {
    const demote = await editAs(admin.cookie, admin.id, { role: 'editor' });
    expect(demote.body.problem).toMatchObject({ code: 'LAST_ADMIN', status: 409 });
    const disable = await editAs(admin.cookie, admin.id, { disabled: 'true' });
    expect(disable.body.problem).toMatchObject({ code: 'LAST_ADMIN' });
    await expect(testApp.app.get(UsersService).setDisabled(admin.email, true)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await expect(testApp.app.get(UsersService).setRole(admin.email, UserRole.Contributor)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    expect(await stored(admin.id)).toMatchObject({ role: UserRole.Admin, disabled: false });
    // A disabled admin does not count as one left.
    const dormant = await testApp.app.get(UsersService).create({ email: 'dormant.admin@example.com', password: 'a dormant passphrase', role: UserRole.Admin });
    await testApp.app.get(UsersService).setDisabled(dormant.email, true);
    expect((await editAs(admin.cookie, admin.id, { role: 'editor' })).body.problem).toMatchObject({ code: 'LAST_ADMIN' });
  });

  it('lets an admin step down once another is enabled, and never lets two admins demote each other at once', async () => {
    const second = await loggedInAs(testApp.app, UserRole.Admin);
    const both = await Promise.all([editAs(admin.cookie, second.id, { role: 'editor' }), editAs(second.cookie, admin.id, { role: 'editor' })]);
    const admins = await testApp.dataSource.getRepository(User).countBy({ role: UserRole.Admin, disabled: false });
    expect(admins).toBe(1);
    // One demotion went through; the other was refused, as the last admin's (409) or as no longer an admin's (403).
    expect(both.filter((response) => response.body.notice?.type === 'success')).toHaveLength(1);
    expect(both.filter((response) => response.status === 403 || response.body.problem?.code === 'LAST_ADMIN')).toHaveLength(1);
  });
});
