import sharp from 'sharp';
import request from 'supertest';
import { ArticlePreviewService } from '../src/articles/article-preview.service';
import { ArticleStatus } from '../src/articles/article-status';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { Caption } from '../src/captions/caption.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertAuthor, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };

describe('article preview: API, shared links and the panel action', () => {
  let testApp: TestApp;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  let draftId: number;
  let web: { href: string; width: number; height: number };
  const bearer = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

  beforeAll(async () => {
    testApp = await bootTestApp();
    http = request(testApp.app.getHttpServer());
    const service = testApp.app.get(ApiTokensService);
    for (const [name, scopes] of [
      ['reader', [TokenScope.ContentRead]],
      ['writer', [TokenScope.ContentWrite]],
      ['publisher', [TokenScope.ContentPublish]],
    ] as const) {
      tokens[name] = (await service.create({ name, scopes: [...scopes] }, SYSTEM)).secret;
    }
    const ds = testApp.dataSource;
    const writer = await insertAuthor(ds, { name: 'Ahmad Al-Rubaye', key: 'ahmad alrubaye' });
    const draft = await insertArticle(ds, {
      headline: 'Talks <resume> in Baghdad',
      body: ['BAGHDAD — Delegates met again.', 'A <script>alert(1)</script> stays text.'],
    });
    draftId = draft.id;
    await ds.getRepository(Byline).save({ articleId: draft.id, authorId: writer.id, role: BylineRole.Writer, position: 0 });
    const photo = await insertPhoto(ds, { url: 'https://images.example.com/7.jpg', credit: 'Photo by AFP' });
    const hostile = await insertPhoto(ds, { url: 'javascript:alert(1)', credit: 'EPA' });
    await ds.getRepository(Caption).save([
      { articleId: draft.id, photoId: photo.id, position: 0, text: 'Delegates arrive' },
      { articleId: draft.id, photoId: hostile.id, position: 1, text: 'A second picture' },
    ]);
    // The first photo has a stored picture (small, so the web size is the picture itself); the second has none.
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#468' } }).jpeg().toBuffer();
    const renditions = await http
      .post(`/api/photos/${photo.id}/image`)
      .set(bearer('writer'))
      .attach('file', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' })
      .expect(200);
    web = renditions.body.find((rendition: { name: string }) => rendition.name === 'web');
  }, 120_000);
  afterAll(() => testApp?.close());

  it('serves a draft as readers will see it to content:read, never cached, and to nobody else', async () => {
    const response = await http.get(`/api/articles/${draftId}/preview`).set(bearer('reader')).expect(200);
    expect(response.body).toMatchObject({
      id: draftId,
      status: ArticleStatus.Draft,
      headline: 'Talks <resume> in Baghdad',
      bylines: [{ name: 'Ahmad Al-Rubaye', role: 'writer' }],
      photos: [
        { caption: 'Delegates arrive', credit: 'Photo by AFP', url: 'https://images.example.com/7.jpg', renditions: [{ name: 'thumbnail' }, { name: 'web', href: web.href, width: 400, height: 300 }] },
        { caption: 'A second picture', credit: 'EPA', renditions: [] },
      ],
    });
    expect(response.headers['cache-control']).toBe('private, no-store');
    await http.get(`/api/articles/${draftId}/preview`).expect(401);
    await http.get(`/api/articles/${draftId}/preview`).set(bearer('publisher')).expect(403);
    await http.get('/api/articles/999999/preview').set(bearer('reader')).expect(404);
    await http.get('/api/articles/abc/preview').set(bearer('reader')).expect(400);
  });

  it('is documented in the OpenAPI description', async () => {
    const { body } = await http.get('/docs-json').expect(200);
    expect(body.paths['/api/articles/{id}/preview'].get.summary).toMatch(/readers will see it/);
    expect(body.paths['/api/articles/{id}/preview-link'].post).toBeDefined();
    expect(Object.keys(body.paths).some((path) => path.startsWith('/preview'))).toBe(false);
  });

  it('makes a link that shows the latest saved draft without an account, as escaped, script-free HTML', async () => {
    await http.post(`/api/articles/${draftId}/preview-link`).set(bearer('reader')).expect(403);
    const created = await http.post(`/api/articles/${draftId}/preview-link`).set(bearer('writer')).expect(201);
    expect(created.body.path).toMatch(new RegExp(`^/preview/${draftId}\\.\\d+\\.[\\w-]{43}$`));
    expect(created.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/preview\//);
    const hours = (Date.parse(created.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47);
    expect(hours).toBeLessThanOrEqual(48);

    const page = await http.get(created.body.path).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).toMatch(/img-src 'self';/);
    expect(page.text).toContain('<h1>Talks &lt;resume&gt; in Baghdad</h1>');
    expect(page.text).toContain('By Ahmad Al-Rubaye');
    // The stored picture's web size, served by this server; the wire's own URLs are never shown.
    expect(page.text).toContain(`<img src="${web.href}" width="400" height="300" alt="Delegates arrive">`);
    expect(page.text.match(/<img /g)).toHaveLength(1);
    expect(page.text).not.toContain('images.example.com');
    expect(page.text).toContain('Photo by AFP');
    expect(page.text).toMatch(/<figcaption>A second picture<span class="credit">EPA<\/span><\/figcaption>/);
    const image = await http.get(web.href).expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(page.text).not.toContain('javascript:');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; stays text.');
    expect(page.text).toMatch(/draft, not published/);

    await http.patch(`/api/articles/${draftId}`).set(bearer('writer')).set('If-Match', '"1"').send({ headline: 'Talks resume in Baghdad' }).expect(200);
    expect((await http.get(created.body.path).expect(200)).text).toContain('<h1>Talks resume in Baghdad</h1>');
  });

  it('refuses an altered link (404) and an expired one (410), as a page saying why', async () => {
    const { body } = await http.post(`/api/articles/${draftId}/preview-link`).set(bearer('writer')).expect(201);
    const [id, expires, signature] = body.path.replace('/preview/', '').split('.');
    const otherArticle = await insertArticle(testApp.dataSource, { headline: 'Someone else’s draft' });
    for (const forged of [`${otherArticle.id}.${expires}.${signature}`, `${id}.${Number(expires) + 86_400}.${signature}`, 'nonsense']) {
      const refused = await http.get(`/preview/${forged}`).expect(404);
      expect(refused.text).toContain('Preview unavailable');
      expect(refused.text).not.toContain('Talks resume');
    }
    const preview = testApp.app.get(ArticlePreviewService);
    const old = await preview.createLink(draftId, SYSTEM, new Date(Date.now() - 49 * 3_600_000));
    const expired = await http.get(old.path).expect(410);
    expect(expired.text).toMatch(/expired/);
  });

  it('gives the panel a Preview action with the same view and a link to share', async () => {
    const editor = await loggedInAs(testApp.app, UserRole.Editor);
    const url = `/admin/api/resources/Article/records/${draftId}/preview`;
    const shown = await http.get(url).set('Cookie', editor.cookie).expect(200);
    expect(shown.body.preview).toMatchObject({ id: draftId, headline: 'Talks resume in Baghdad', photos: [{ caption: 'Delegates arrive', renditions: [{ name: 'thumbnail' }, { name: 'web', href: web.href }] }, { caption: 'A second picture', renditions: [] }] });
    const shared = await http.post(url).set('Cookie', editor.cookie).expect(200);
    expect(shared.body.link.path).toMatch(/^\/preview\//);
    await http.get(shared.body.link.path).expect(200);
  });
});
