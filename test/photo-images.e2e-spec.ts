import sharp from 'sharp';
import request from 'supertest';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertPhoto } from './support/fixtures';
import { Caption } from '../src/captions/caption.entity';
import { ArticleStatus } from '../src/articles/article-status';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const MAX_BYTES = 3_000_000;

/** A camera-like JPEG: big, and carrying EXIF (copyright and an orientation) that must not be served. */
function cameraJpeg(width = 2400, height = 1600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Copyright: 'Secret Agency 2026', Artist: 'Someone' } })
    .toBuffer();
}

describe('photo pictures: upload, renditions and /media', () => {
  let testApp: TestApp;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const previous = process.env.PHOTO_MAX_BYTES;

  beforeAll(async () => {
    process.env.PHOTO_MAX_BYTES = String(MAX_BYTES);
    testApp = await bootTestApp();
    http = request(testApp.app.getHttpServer());
    const service = testApp.app.get(ApiTokensService);
    tokens.writer = (await service.create({ name: 'writer', scopes: [TokenScope.ContentWrite] }, SYSTEM)).secret;
    tokens.reader = (await service.create({ name: 'reader', scopes: [TokenScope.ContentRead] }, SYSTEM)).secret;
  }, 120_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.PHOTO_MAX_BYTES;
    else process.env.PHOTO_MAX_BYTES = previous;
    await testApp?.close();
  });

  const upload = (photoId: number, bytes: Buffer, token = tokens.writer, filename = 'picture.jpg', contentType = 'image/jpeg') =>
    http.post(`/api/photos/${photoId}/image`).set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType });

  it('renders a JPEG at 320 and 1280 px wide without its EXIF, served with a year of caching and an ETag', async () => {
    const photo = await insertPhoto(testApp.dataSource);
    const original = await cameraJpeg();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const response = await upload(photo.id, original).expect(200);
    expect(response.body).toEqual([
      { name: 'thumbnail', href: expect.stringMatching(new RegExp(`^/media/photos/${photo.id}/thumbnail/[0-9a-f]{16}\\.jpg$`)), width: 320, height: 213, contentType: 'image/jpeg' },
      { name: 'web', href: expect.stringMatching(new RegExp(`^/media/photos/${photo.id}/web/[0-9a-f]{16}\\.jpg$`)), width: 1280, height: 853, contentType: 'image/jpeg' },
    ]);
    for (const rendition of response.body) {
      const served = await http.get(rendition.href).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(served.body as Buffer).metadata();
      expect(metadata).toMatchObject({ format: 'jpeg', width: rendition.width, height: rendition.height });
      expect(metadata.exif).toBeUndefined();
      await http.get(rendition.href).set('If-None-Match', served.headers.etag).expect(304);
    }
    const current = await http.get(`/media/photos/${photo.id}/thumbnail`).expect(200);
    expect(current.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect((await http.get(`/api/photos/${photo.id}/image`).set('Authorization', `Bearer ${tokens.reader}`).expect(200)).body).toEqual(response.body);

    // A new picture replaces the old one: its URLs stop working, the plain URL serves the new one.
    const replaced = await upload(photo.id, await sharp({ create: { width: 300, height: 600, channels: 4, background: '#00ff0080' } }).png().toBuffer(), tokens.writer, 'p.png', 'image/png').expect(200);
    expect(replaced.body.map((rendition: { width: number; contentType: string }) => [rendition.width, rendition.contentType])).toEqual([
      [300, 'image/png'],
      [300, 'image/png'],
    ]);
    await http.get(response.body[0].href).expect(404);
    expect((await http.get(`/media/photos/${photo.id}/web`).expect(200)).headers['content-type']).toBe('image/png');
    await http.get(`/media/photos/${photo.id}/original`).expect(404);
  });

  it('refuses anything that is not really a JPEG, PNG or WebP picture, changing nothing', async () => {
    const photo = await insertPhoto(testApp.dataSource);
    const text = await upload(photo.id, Buffer.from('not a picture at all, just text\n'.repeat(50))).expect(415);
    expect(text.headers['content-type']).toContain('application/problem+json');
    expect(text.body.detail).toBe('the file is not an image');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await upload(photo.id, gif, tokens.writer, 'x.jpg').expect(415)).body.detail).toMatch(/GIF image; upload a JPEG, PNG or WebP picture/);
    const jpeg = await cameraJpeg(800, 600);
    await upload(photo.id, jpeg.subarray(0, Math.floor(jpeg.length / 3))).expect(415);
    await upload(photo.id, Buffer.alloc(MAX_BYTES + 1, 0xff)).expect(413);
    await http.post(`/api/photos/${photo.id}/image`).set('Authorization', `Bearer ${tokens.writer}`).send({ file: 'x' }).expect(400);
    await http.get(`/media/photos/${photo.id}/thumbnail`).expect(404);
    expect((await http.get(`/api/photos/${photo.id}/image`).set('Authorization', `Bearer ${tokens.reader}`).expect(200)).body).toEqual([]);
  });

  it('needs the right to edit the photo, checked before the upload is read', async () => {
    const photo = await insertPhoto(testApp.dataSource);
    const jpeg = await cameraJpeg(400, 300);
    await http.post(`/api/photos/${photo.id}/image`).attach('file', jpeg, 'a.jpg').expect(401);
    await upload(photo.id, jpeg, tokens.reader).expect(403);
    await upload(999999, jpeg).expect(404);
    await http.get(`/media/photos/${photo.id}/thumbnail`).expect(404);
  });

  it('shows thumbnails in the panel’s Photos list and attaches pictures from a photo’s page', async () => {
    const editor = await loggedInAs(testApp.app, UserRole.Editor);
    const photo = await insertPhoto(testApp.dataSource, { credit: 'EPA' });
    const list = await http.get('/admin/api/resources/Photo/actions/list').set('Cookie', editor.cookie).expect(200);
    expect(list.body.records.length).toBeGreaterThan(0);
    await http.get(`/admin/api/resources/Photo/records/${photo.id}/image`).set('Cookie', editor.cookie).expect(200);
    // The panel's page posts the file to the API with the editor's session.
    const attached = await http.post(`/api/photos/${photo.id}/image`).set('Cookie', editor.cookie).attach('file', await cameraJpeg(640, 480), 'b.jpg').expect(200);
    expect(attached.body[0]).toMatchObject({ name: 'thumbnail', width: 320, height: 240 });

    // A photo's page lists the articles that print it.
    const article = await insertArticle(testApp.dataSource, { headline: 'Printed here' });
    await testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, position: 0, text: 'A caption' });
    const printed = await http.get(`/admin/api/resources/Photo/records/${photo.id}/printedIn`).set('Cookie', editor.cookie).expect(200);
    expect(printed.body.articles).toEqual([expect.objectContaining({ id: article.id, headline: 'Printed here', status: 'draft' })]);
  });

  it('lists the stored sizes on the article’s photos, as paths without PUBLIC_BASE_URL; ninjs, needing absolute links, leaves them out', async () => {
    const photo = await insertPhoto(testApp.dataSource, { url: null });
    const article = await insertArticle(testApp.dataSource, { headline: 'Pictured here', status: ArticleStatus.Published, publishedAt: new Date() });
    await testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, position: 0, text: 'A caption' });
    expect((await http.get(`/api/articles/${article.slug}`).expect(200)).body.photos[0].renditions).toEqual([]);
    const attached = await upload(photo.id, await cameraJpeg(640, 480)).expect(200);
    const view = await http.get(`/api/articles/${article.slug}`).expect(200);
    expect(view.body.photos[0].renditions).toEqual(attached.body);
    expect(attached.body[0].href).toMatch(/^\/media\/photos\//);
    const ninjs = await http.get(`/api/articles/${article.slug}?format=ninjs`).expect(200);
    expect(ninjs.body.uri).toBe(`urn:wiredesk:article:${article.id}`);
    expect(ninjs.body.associations[0].renditions).toBeUndefined();
  });
});
