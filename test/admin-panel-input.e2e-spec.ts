import request from 'supertest';
import { UserRole } from '../src/auth/user.entity';
import { Author } from '../src/authors/author.entity';
import { Photo } from '../src/photos/photo.entity';
import { loggedInAs } from './support/admin-session';
import { insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** Panel writes go through the API's DTOs: what POST /api/photos refuses, the panel refuses too. */
describe('admin panel: writes validated as the API validates them', () => {
  let testApp: TestApp;
  let contributor: { cookie: string };

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    contributor = await loggedInAs(testApp.app, UserRole.Contributor);
  });
  afterAll(() => testApp?.close());

  const form = (url: string, fields: Record<string, string>) => {
    const call = request(testApp.app.getHttpServer()).post(url).set('Cookie', contributor.cookie);
    for (const [name, value] of Object.entries(fields)) call.field(name, value);
    return call;
  };
  const photos = () => testApp.dataSource.getRepository(Photo);

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.com/a.jpg', 'not a url'])(
    'refuses the photo URL %s on new and on edit, as POST /api/photos does',
    async (url) => {
      const api = await request(testApp.app.getHttpServer()).post('/api/photos').set('Cookie', contributor.cookie).send({ url });
      expect(api.status).toBe(400);

      const before = await photos().count();
      const created = await form('/admin/api/resources/Photo/actions/new', { url, credit: 'Someone' });
      expect(created.body.problem).toMatchObject({ status: 400, code: 'PANEL_INVALID_INPUT' });
      expect(created.body.problem.detail).toContain('url must be a URL address');
      expect(await photos().count()).toBe(before);

      const photo = await insertPhoto(testApp.dataSource, { url: 'https://images.example.com/safe.jpg' });
      const edited = await form(`/admin/api/resources/Photo/records/${photo.id}/edit`, { url });
      expect(edited.body.problem).toMatchObject({ status: 400, code: 'PANEL_INVALID_INPUT' });
      expect((await photos().findOneByOrFail({ id: photo.id })).url).toBe('https://images.example.com/safe.jpg');
    },
  );

  it('applies the API’s limits: an overlong credit, a name without letters', async () => {
    const photo = await insertPhoto(testApp.dataSource, { url: 'https://images.example.com/b.jpg', credit: 'AFP' });
    const long = await form(`/admin/api/resources/Photo/records/${photo.id}/edit`, { credit: 'x'.repeat(301) });
    expect(long.body.problem).toMatchObject({ code: 'PANEL_INVALID_INPUT' });
    expect((await photos().findOneByOrFail({ id: photo.id })).credit).toBe('AFP');
    const author = await form('/admin/api/resources/Author/actions/new', { name: '1234' });
    expect(author.body.problem.detail).toContain('name must contain letters');
    expect(await testApp.dataSource.getRepository(Author).countBy({ name: '1234' })).toBe(0);
  });

  it('saves what the API would save, and clears a credit with an empty field', async () => {
    const created = await form('/admin/api/resources/Photo/actions/new', { url: 'https://images.example.com/c.jpg', credit: 'Photo by AFP', agency: 'AFP' });
    expect(created.body.notice).toMatchObject({ type: 'success' });
    const id = Number(created.body.record.id);
    expect(await photos().findOneByOrFail({ id })).toMatchObject({ url: 'https://images.example.com/c.jpg', credit: 'Photo by AFP' });
    const cleared = await form(`/admin/api/resources/Photo/records/${id}/edit`, { credit: '' });
    expect(cleared.body.notice).toMatchObject({ type: 'success' });
    expect((await photos().findOneByOrFail({ id })).credit).toBeNull();
  });
});
