import { ExecutionContext } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { ArticleStatus, DuplicateKind } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { ArticleRevision } from '../src/articles/revision.entity';
import { Actor, TokenScope } from '../src/auth/actor';
import { ActorGuard } from '../src/auth/actor.guard';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { Caption } from '../src/captions/caption.entity';
import { PhotoImagesService } from '../src/photos/photo-images.service';
import { Section } from '../src/sections/section.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertAuthor, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const PUBLIC_BASE_URL = 'https://news.example.com';
const NINJS_RIGHTS = {
  '*': { copyrightHolder: 'Wiredesk Daily', usageTerms: 'Subscribers only' },
  afp: { copyrightHolder: 'Agence France-Presse', usageTerms: 'Editorial use only' },
};

describe('publishing API', () => {
  let testApp: TestApp;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  let published: Article;
  let draft: Article;
  let unpublished: Article;
  let scheduled: Article;
  let authorId: number;
  let draftOnlyAuthorId: number;

  const bearer = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

  beforeAll(async () => {
    // Read once at boot; put back at once so other suites in this worker see their own environment.
    const previous = { PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, NINJS_RIGHTS: process.env.NINJS_RIGHTS };
    process.env.PUBLIC_BASE_URL = PUBLIC_BASE_URL;
    process.env.NINJS_RIGHTS = JSON.stringify(NINJS_RIGHTS);
    try {
      testApp = await bootTestApp();
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    http = request(testApp.app.getHttpServer());
    const service = testApp.app.get(ApiTokensService);
    const issue = async (name: string, scopes: TokenScope[]) => (tokens[name] = (await service.create({ name, scopes }, SYSTEM)).secret);
    await issue('reader', [TokenScope.ContentRead]);
    await issue('writer', [TokenScope.ContentWrite]);
    await issue('publisher', [TokenScope.ContentWrite, TokenScope.ContentPublish]);
    await issue('importer', [TokenScope.ImportsWrite]);
    const revoked = await service.create({ name: 'old', scopes: [TokenScope.ContentWrite, TokenScope.ContentPublish, TokenScope.ContentRead] }, SYSTEM);
    await service.revoke(revoked.token.id, SYSTEM);
    tokens.revoked = revoked.secret;

    const ds = testApp.dataSource;
    const author = await insertAuthor(ds, { name: 'Ahmad Al-Rubaye', key: 'ahmad alrubaye' });
    const draftOnlyAuthor = await insertAuthor(ds, { name: 'Secret Writer', key: 'secret writer' });
    authorId = author.id;
    draftOnlyAuthorId = draftOnlyAuthor.id;
    published = await insertArticle(ds, {
      slug: 'baghdad-talks',
      headline: 'Larijani holds talks in Baghdad',
      body: ['BAGHDAD — Iran’s top security official arrived in Baghdad for talks on regional security.', 'The talks <b>continued</b> late.'],
      status: ArticleStatus.Published,
      publishedAt: new Date('2026-11-01T10:00:00Z'),
    });
    draft = await insertArticle(ds, { slug: 'secret-draft', headline: 'Secret Baghdad draft', body: ['Draft copy about Baghdad security.'] });
    unpublished = await insertArticle(ds, {
      slug: 'pulled-story',
      headline: 'Pulled Baghdad story',
      body: ['Pulled copy about Baghdad.'],
      status: ArticleStatus.Unpublished,
      publishedAt: new Date('2026-10-01T10:00:00Z'),
    });
    scheduled = await insertArticle(ds, { slug: 'future-story', headline: 'Future Baghdad story', body: ['Later.'], scheduledAt: new Date(Date.now() + 3_600_000) });
    await ds.getRepository(Byline).save([
      { articleId: published.id, authorId: author.id, role: BylineRole.Writer, position: 0 },
      { articleId: draft.id, authorId: draftOnlyAuthor.id, role: BylineRole.Writer, position: 0 },
    ]);
    const photo = await insertPhoto(ds, { url: 'https://images.example.com/1.jpg', credit: 'Photo by AHMAD AL-RUBAYE / AFP', agency: 'AFP', photographerId: author.id });
    await ds.getRepository(Caption).save({ articleId: published.id, photoId: photo.id, position: 0, text: 'Larijani (L) meets officials in Baghdad' });
    for (let day = 1; day <= 12; day++) {
      await insertArticle(ds, { headline: `Filler story ${day}`, status: ArticleStatus.Published, publishedAt: new Date(Date.UTC(2026, 8, day)) });
    }
  });
  afterAll(() => testApp.close());

  describe('public reads', () => {
    it('serves a published article by slug with bylines, photos, ETag and Cache-Control', async () => {
      const response = await http.get('/api/articles/baghdad-talks').expect(200);
      expect(response.body).toMatchObject({
        slug: 'baghdad-talks',
        headline: 'Larijani holds talks in Baghdad',
        body: published.body,
        bylines: [{ id: authorId, name: 'Ahmad Al-Rubaye', role: 'writer' }],
        photos: [{ caption: 'Larijani (L) meets officials in Baghdad', credit: 'Photo by AHMAD AL-RUBAYE / AFP', agency: 'AFP', photographer: { id: authorId, name: 'Ahmad Al-Rubaye' } }],
      });
      expect(response.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
      const etag = response.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      await http.get('/api/articles/baghdad-talks').set('If-None-Match', etag).expect(304);
      await http.get('/api/articles/baghdad-talks').set('If-None-Match', '"something-else"').expect(200);
      // CDN keys on anonymous answers: the article and its author (writer and photographer); lists carry "articles".
      expect(response.headers['surrogate-key']).toBe(`article-${published.id} author-${authorId}`);
      expect(response.headers['cache-tag']).toBe(`article-${published.id},author-${authorId}`);
      const list = await http.get('/api/articles').expect(200);
      expect(list.headers['surrogate-key']).toMatch(new RegExp(`^articles .*article-${published.id}( |$)`));
      const authorPage = await http.get(`/api/authors/${authorId}`).expect(200);
      expect(authorPage.headers['surrogate-key']).toContain(`author-${authorId} articles`);
      const withToken = await http.get('/api/articles/baghdad-talks').set(bearer('reader')).expect(200);
      expect(withToken.headers['surrogate-key']).toBeUndefined();
    });

    it('names the article\'s section among its CDN keys', async () => {
      const ds = testApp.dataSource;
      const section = await ds.getRepository(Section).save({ name: 'World', slug: 'world-cdn' });
      const article = await insertArticle(ds, { slug: 'sectioned-story', status: ArticleStatus.Published, publishedAt: new Date('2026-11-01T11:00:00Z'), sectionId: section.id });
      try {
        const response = await http.get('/api/articles/sectioned-story').expect(200);
        expect(response.headers['surrogate-key']).toBe(`article-${article.id} section-${section.id}`);
        expect(response.headers['cache-tag']).toBe(`article-${article.id},section-${section.id}`);
      } finally {
        // Gone again: the other tests count the published articles, and publish without sections.
        await ds.getRepository(Article).delete(article.id);
        await ds.getRepository(Section).delete(section.id);
      }
    });

    it('never shows drafts, unpublished or scheduled articles to the public', async () => {
      for (const slug of ['secret-draft', 'pulled-story', 'future-story', String(draft.id), String(published.id)]) {
        const response = await http.get(`/api/articles/${slug}`).expect(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      const all = await http.get('/api/articles?limit=100').expect(200);
      const search = await http.get('/api/articles').query({ q: 'Baghdad' }).expect(200);
      const listed = [...all.body.items, ...search.body.items].map((item: { id: number }) => item.id);
      expect(listed).toContain(published.id);
      for (const hidden of [draft, unpublished, scheduled]) expect(listed).not.toContain(hidden.id);
      await http.get(`/api/authors/${draftOnlyAuthorId}`).expect(404);
      await http.get('/api/articles').query({ status: 'draft' }).expect(401);
    });

    it('pages through the feed with an opaque cursor, newest first, without gaps or repeats', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http.get('/api/articles').query({ limit: 5, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.body.items.map((item: { id: number }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(13);
      expect(new Set(seen).size).toBe(13);
      expect(seen[0]).toBe(published.id);
    });

    it('filters by author, agency and time', async () => {
      const byAuthor = await http.get('/api/articles').query({ author: authorId }).expect(200);
      expect(byAuthor.body.items.map((item: { id: number }) => item.id)).toEqual([published.id]);
      const byAgency = await http.get('/api/articles').query({ agency: 'afp' }).expect(200);
      expect(byAgency.body.items.map((item: { id: number }) => item.id)).toEqual([published.id]);
      const window = await http.get('/api/articles').query({ since: '2026-09-03T00:00:00Z', until: '2026-09-05T00:00:00Z' }).expect(200);
      expect(window.body.items.map((item: { headline: string }) => item.headline)).toEqual(['Filler story 4', 'Filler story 3']);
    });

    it('searches with ranking and an HTML-safe highlighted snippet', async () => {
      const response = await http.get('/api/articles').query({ q: 'security talks' }).expect(200);
      expect(response.body.items).toHaveLength(1);
      const [hit] = response.body.items;
      expect(hit.id).toBe(published.id);
      expect(hit.rank).toBeGreaterThan(0);
      expect(hit.snippet).toContain('<mark>security</mark>');
      expect(hit.snippet).not.toContain('<b>');
      const none = await http.get('/api/articles').query({ q: '"no such phrase anywhere"' }).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null, meta: { total: 0, totalIsEstimate: false } });
    });

    it.each(['-publishedAt', 'publishedAt', '-updatedAt', 'updatedAt', 'headline', '-headline'])('sorts by %s, paging by cursor without gaps or repeats', async (sort) => {
      const all = await http.get('/api/articles').query({ sort, limit: 100 }).expect(200);
      expect(all.body.meta).toEqual({ total: 13, totalIsEstimate: false });
      const field = sort.replace('-', '') as 'publishedAt' | 'updatedAt' | 'headline';
      const sorted = [...all.body.items].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.id - b.id));
      if (sort.startsWith('-')) sorted.reverse();
      expect(all.body.items.map((item: { id: number }) => item.id)).toEqual(sorted.map((item) => item.id));
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http.get('/api/articles').query({ sort, limit: 4, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(page.body.meta.total).toBe(13);
        seen.push(...page.body.items.map((item: { id: number }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(sorted.map((item) => item.id));
    });

    it('sorts drafts too for content:read, and searches by another order than rank', async () => {
      const drafts = await http.get('/api/articles').set(bearer('reader')).query({ sort: 'headline', limit: 100 }).expect(200);
      const headlines = drafts.body.items.map((item: { headline: string }) => item.headline);
      expect(headlines).toContain('Secret Baghdad draft');
      expect(drafts.body.meta.total).toBe(headlines.length);
      const search = await http.get('/api/articles').query({ q: 'filler', sort: 'publishedAt', limit: 3 }).expect(200);
      expect(search.body.items.map((item: { headline: string }) => item.headline)).toEqual(['Filler story 1', 'Filler story 2', 'Filler story 3']);
      expect(search.body.meta).toEqual({ total: 12, totalIsEstimate: false });
      const next = await http.get('/api/articles').query({ q: 'filler', sort: 'publishedAt', limit: 3, cursor: search.body.nextCursor }).expect(200);
      expect(next.body.items[0].headline).toBe('Filler story 4');
    });

    it('refuses an unknown sort, and a cursor of another sort, with a 400 naming them', async () => {
      const bad = await http.get('/api/articles').query({ sort: 'popularity' }).expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(bad.body)).toContain('sort must be one of -publishedAt, publishedAt, -updatedAt, updatedAt, headline, -headline, not \\"popularity\\"');
      const byHeadline = await http.get('/api/articles').query({ sort: 'headline', limit: 2 }).expect(200);
      const mixed = await http.get('/api/articles').query({ sort: 'updatedAt', cursor: byHeadline.body.nextCursor }).expect(400);
      expect(mixed.body.detail).toContain('sort=headline');
    });

    it('gives an estimated total, marked as one, past 10,000 matches', async () => {
      const ds = testApp.dataSource;
      // Published in 2000, so no other listing of this suite sees them; removed again below.
      await ds.query(
        `INSERT INTO articles (slug, headline, body, status, "publishedAt", "firstPublishedAt", "contentHash")
         SELECT 'bulk-' || n, 'Bulk story ' || n, ARRAY['Bulk copy.'], 'published', t, t, md5(n::text) || md5(n::text)
         FROM generate_series(1, 10050) n, LATERAL (SELECT timestamptz '2000-01-01' + n * interval '1 minute' AS t) at`,
      );
      try {
        await ds.query('ANALYZE articles');
        const page = await http.get('/api/articles').query({ until: '2001-01-01T00:00:00Z', limit: 1 }).expect(200);
        expect(page.body.meta.totalIsEstimate).toBe(true);
        expect(page.body.meta.total).toBeGreaterThan(10_000);
        const exact = await http.get('/api/articles').query({ until: '2000-01-01T01:00:00Z', limit: 1 }).expect(200);
        expect(exact.body.meta).toEqual({ total: 59, totalIsEstimate: false });
      } finally {
        await ds.query(`DELETE FROM articles WHERE slug LIKE 'bulk-%'`);
      }
    });

    it('pages through search results by rank without gaps or repeats', async () => {
      const all = await http.get('/api/articles').query({ q: 'filler', limit: 100 }).expect(200);
      expect(all.body.items).toHaveLength(12);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await http.get('/api/articles').query({ q: 'filler', limit: 5, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...page.body.items.map((item: { id: number }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((item: { id: number }) => item.id));
    });

    it('shows an author page with their published work only', async () => {
      const response = await http.get(`/api/authors/${authorId}`).expect(200);
      expect(response.body).toMatchObject({ id: authorId, name: 'Ahmad Al-Rubaye' });
      expect(response.body.articles.items.map((item: { id: number }) => item.id)).toEqual([published.id]);
      await http.get('/api/authors/999999').expect(404);
    });

    it('counts photos as work: a photographer without bylines has a page listing what printed their photos', async () => {
      const ds = testApp.dataSource;
      const photographer = await insertAuthor(ds);
      const photo = await insertPhoto(ds, { photographerId: photographer.id });
      const printed = await insertArticle(ds, { status: ArticleStatus.Published, publishedAt: new Date('2026-11-02T10:00:00Z') });
      const inDraft = await insertArticle(ds);
      await ds.getRepository(Caption).save([
        { articleId: printed.id, photoId: photo.id, position: 0, text: 'A street in Mosul' },
        { articleId: inDraft.id, photoId: photo.id, position: 0, text: 'The same street' },
      ]);
      const page = await http.get(`/api/authors/${photographer.id}`).expect(200);
      expect(page.body.articles.items.map((item: { id: number }) => item.id)).toEqual([printed.id]);
      const filtered = await http.get('/api/articles').query({ author: photographer.id }).expect(200);
      expect(filtered.body.items.map((item: { id: number }) => item.id)).toEqual([printed.id]);

      const unprinted = await insertAuthor(ds);
      await insertPhoto(ds, { photographerId: unprinted.id });
      await http.get(`/api/authors/${unprinted.id}`).expect(404);
    });

    it('answers bad queries and cursors with 400 problem JSON', async () => {
      for (const query of [{ cursor: 'garbage!' }, { cursor: 'eyJ4IjoxfQ' }, { limit: 101 }, { limit: 0 }, { since: 'yesterday' }, { unknown: 1 }, { author: 'x' }]) {
        const response = await http.get('/api/articles').query(query).expect(400);
        expect(response.body).toMatchObject({ status: 400, title: 'Bad Request' });
        expect(typeof response.body.detail).toBe('string');
      }
      const searchCursor = (await http.get('/api/articles').query({ q: 'story', limit: 1 })).body.nextCursor;
      await http.get('/api/articles').query({ cursor: searchCursor }).expect(400);
    });
  });

  describe('reads with a content:read token', () => {
    it('sees drafts by id and slug and filters by status', async () => {
      const byId = await http.get(`/api/articles/${draft.id}`).set(bearer('reader')).expect(200);
      expect(byId.body).toMatchObject({ slug: 'secret-draft', status: 'draft' });
      expect(byId.headers['cache-control']).toBe('private, no-cache');
      await http.get('/api/articles/secret-draft').set(bearer('reader')).expect(200);
      const drafts = await http.get('/api/articles').query({ status: 'draft' }).set(bearer('reader')).expect(200);
      const ids = drafts.body.items.map((item: { id: number }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([draft.id, scheduled.id]));
      expect(ids).not.toContain(published.id);
      await http.get('/api/articles').query({ status: 'draft' }).set(bearer('importer')).expect(403);
    });

    it('refuses unknown and revoked tokens even on public routes', async () => {
      await http.get('/api/articles').set(bearer('revoked')).expect(401);
      const response = await http.get('/api/articles').set('Authorization', 'Bearer wd_nope').expect(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
    });
  });

  describe('management', () => {
    it('creates a draft and updates it with If-Match, refusing a stale version with 409', async () => {
      const created = await http
        .post('/api/articles')
        .set(bearer('writer'))
        .send({ headline: 'Automation story', body: ['First.', 'Second.'], authorIds: [authorId] })
        .expect(201);
      expect(created.body).toMatchObject({ slug: 'automation-story', status: 'draft', version: 1, bylines: [{ id: authorId }] });
      const again = await http.post('/api/articles').set(bearer('writer')).send({ headline: 'Automation story', body: ['x'] }).expect(201);
      const digits = await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x', body: ['x'], slug: '2026' }).expect(400);
      expect(digits.body.detail).toContain('not digits alone');
      const numericHeadline = await http.post('/api/articles').set(bearer('writer')).send({ headline: '1984', body: ['x'] }).expect(201);
      expect(numericHeadline.body.slug).toBe('article-1984');
      expect(again.body.slug).toBe('automation-story-2');

      const updated = await http.patch(`/api/articles/${created.body.id}`).set(bearer('writer')).set('If-Match', '"1"').send({ headline: 'Automation story, fixed' }).expect(200);
      expect(updated.body).toMatchObject({ headline: 'Automation story, fixed', version: 2 });
      const stale = await http.patch(`/api/articles/${created.body.id}`).set(bearer('writer')).send({ headline: 'Lost update', version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ status: 409, currentVersion: 2, code: 'ARTICLE_VERSION_CONFLICT' });
      await http.patch(`/api/articles/${created.body.id}`).set(bearer('writer')).send({ headline: 'Blind write' }).expect(428);
      await http.patch(`/api/articles/${created.body.id}`).set(bearer('writer')).send({ headline: 'x', version: 2, status: 'published' }).expect(400);
      expect((await http.get(`/api/articles/${created.body.id}`).set(bearer('reader'))).body.headline).toBe('Automation story, fixed');
    });

    it('takes the ETag of a GET as If-Match, answers every write with the new ETag, and refuses stale or weak tags with 412', async () => {
      const created = await http.post('/api/articles').set(bearer('publisher')).send({ headline: 'ETag story', body: ['First.'] }).expect(201);
      expect(created.headers.location).toBe(`/api/articles/${created.body.id}`);
      const read = await http.get(`/api/articles/${created.body.id}`).set(bearer('reader')).expect(200);
      expect(read.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(created.headers.etag).toBe(read.headers.etag);

      const edited = await http.patch(`/api/articles/${created.body.id}`).set(bearer('publisher')).set('If-Match', read.headers.etag).send({ headline: 'ETag story, fixed' }).expect(200);
      expect(edited.body.version).toBe(2);
      const reread = await http.get(`/api/articles/${created.body.id}`).set(bearer('reader')).expect(200);
      expect(edited.headers.etag).toBe(reread.headers.etag);
      expect(edited.headers.etag).not.toBe(read.headers.etag);

      const stale = await http.patch(`/api/articles/${created.body.id}`).set(bearer('publisher')).set('If-Match', read.headers.etag).send({ headline: 'Lost update' }).expect(412);
      expect(stale.body).toMatchObject({ code: 'ARTICLE_PRECONDITION_FAILED', currentVersion: 2, currentETag: reread.headers.etag });
      const weak = await http.patch(`/api/articles/${created.body.id}`).set(bearer('publisher')).set('If-Match', `W/${reread.headers.etag}`).send({ headline: 'Weak' }).expect(412);
      expect(weak.body.detail).toContain('weak');

      const published = await http.post(`/api/articles/${created.body.id}/publish`).set(bearer('publisher')).set('If-Match', reread.headers.etag).send({}).expect(200);
      expect(published.body.status).toBe('published');
      const readerRead = await http.get(`/api/articles/${published.body.slug}`).set(bearer('reader')).expect(200);
      expect(published.headers.etag).toBe(readerRead.headers.etag);
      // The public representation leaves out the editorial state, so it has its own tag.
      const publicRead = await http.get(`/api/articles/${published.body.slug}`).expect(200);
      expect(publicRead.body.needsReview).toBeUndefined();
      await http.get(`/api/articles/${published.body.slug}`).set('If-None-Match', publicRead.headers.etag).expect(304);
      // "version" in the body keeps working, stale or not.
      await http.post(`/api/articles/${created.body.id}/unpublish`).set(bearer('publisher')).send({ version: 2 }).expect(409);
      await http.post(`/api/articles/${created.body.id}/unpublish`).set(bearer('publisher')).send({ version: 3 }).expect(200);
    });

    it('shows content:read callers the duplicate state, and lets content:write resolve it: not a duplicate, or merge', async () => {
      const ds = testApp.dataSource;
      const original = await insertArticle(ds, { headline: 'Original wire story', body: ['Original.'] });
      const flagged = await insertArticle(ds, { headline: 'Flagged wire story', body: ['Almost the original.'], duplicateOfId: original.id, duplicateKind: DuplicateKind.Near, duplicateScore: 0.8 });
      const exact = await insertArticle(ds, { headline: 'Exact copy', body: ['Original.'], duplicateOfId: original.id, duplicateKind: DuplicateKind.Exact, duplicateScore: 1 });

      const read = await http.get(`/api/articles/${flagged.id}`).set(bearer('reader')).expect(200);
      expect(read.body).toMatchObject({ duplicateOf: original.id, duplicateKind: 'near', needsReview: true });
      const drafts = await http.get('/api/articles').query({ status: 'draft', limit: 100 }).set(bearer('reader')).expect(200);
      expect(drafts.body.items.find((item: { id: number }) => item.id === exact.id)).toMatchObject({ duplicateOf: original.id, duplicateKind: 'exact', needsReview: true });
      await http.post(`/api/articles/${flagged.id}/publish`).set(bearer('publisher')).send({}).expect(409);

      await http.post(`/api/articles/${flagged.id}/not-a-duplicate`).set(bearer('reader')).send({}).expect(403);
      const cleared = await http.post(`/api/articles/${flagged.id}/not-a-duplicate`).set(bearer('writer')).send({ version: 1, originalVersion: 1 }).expect(200);
      expect(cleared.body).toMatchObject({ duplicateOf: null, duplicateKind: null, needsReview: false, version: 2 });
      expect(cleared.headers.etag).toBeDefined();
      await http.post(`/api/articles/${flagged.id}/publish`).set(bearer('publisher')).send({}).expect(200);

      await http.post(`/api/articles/${exact.id}/merge`).set(bearer('writer')).send({ keep: flagged.id }).expect(409);
      const merged = await http.post(`/api/articles/${exact.id}/merge`).set(bearer('writer')).send({ keep: original.id }).expect(200);
      expect(merged.body.kept).toMatchObject({ id: original.id });
      expect(merged.body.retired).toMatchObject({ id: exact.id, status: 'unpublished', duplicateOf: null });
      await http.post(`/api/articles/${exact.id}/not-a-duplicate`).set(bearer('writer')).send({}).expect(409);
    });

    it('lets an integrations:manage token run webhooks and tokens, granting no scope it lacks', async () => {
      const service = testApp.app.get(ApiTokensService);
      const integrator = (await service.create({ name: 'integrator', scopes: [TokenScope.IntegrationsManage, TokenScope.ContentRead] }, SYSTEM)).secret;
      const auth = { Authorization: `Bearer ${integrator}` };
      await http.get('/api/webhooks').set(auth).expect(200);
      await http.get('/api/tokens').set(auth).expect(200);
      const minted = await http.post('/api/tokens').set(auth).send({ name: 'site reader', scopes: ['content:read'] }).expect(201);
      expect(minted.headers.location).toBe(`/api/tokens/${minted.body.id}`);
      const refused = await http.post('/api/tokens').set(auth).send({ name: 'escalation', scopes: ['content:publish'] }).expect(403);
      expect(refused.body.detail).toContain('content:publish');
      await http.get('/api/webhooks').set(bearer('publisher')).expect(403);
    });

    it('writes nothing for a PATCH that changes nothing, but still refuses a stale version', async () => {
      const article = await insertArticle(testApp.dataSource, { headline: 'Unchanged story', body: ['One.', 'Two.'] });
      const photo = await insertPhoto(testApp.dataSource);
      const caption = await testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, position: 0, text: 'As printed' });
      const stored = async () => ({
        article: await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id }),
        revisions: await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: article.id }),
      });
      const before = await stored();

      const same = await http
        .patch(`/api/articles/${article.id}`)
        .set(bearer('writer'))
        .set('If-Match', `"${article.version}"`)
        .send({ headline: 'Unchanged story', body: ['One.', 'Two.'], slug: article.slug })
        .expect(200);
      expect(same.body).toMatchObject({ headline: 'Unchanged story', body: ['One.', 'Two.'], version: article.version });
      const sameCaption = await http.patch(`/api/captions/${caption.id}`).set(bearer('writer')).send({ text: 'As printed', position: 0, version: article.version }).expect(200);
      expect(sameCaption.body).toMatchObject({ id: caption.id, text: 'As printed', position: 0, articleVersion: article.version });
      expect(await stored()).toEqual(before);

      // The client's view is stale whether or not it changes anything: 412 for a stale If-Match, as for any other edit.
      await http.patch(`/api/articles/${article.id}`).set(bearer('writer')).set('If-Match', `"${article.version}"`).send({ headline: 'Changed story' }).expect(200);
      const stale = await http.patch(`/api/articles/${article.id}`).set(bearer('writer')).set('If-Match', `"${article.version}"`).send({ headline: 'Changed story' }).expect(412);
      expect(stale.body).toMatchObject({ code: 'ARTICLE_PRECONDITION_FAILED', currentVersion: article.version + 1 });
      await http.patch(`/api/captions/${caption.id}`).set(bearer('writer')).set('If-Match', `"${article.version}"`).send({ text: 'As printed' }).expect(409);
      expect(await stored()).toMatchObject({ article: { headline: 'Changed story', version: article.version + 1 }, revisions: 1 });
    });

    it('publishes, schedules and unpublishes through PublishingService', async () => {
      const article = await insertArticle(testApp.dataSource, { slug: 'to-publish' });
      await http.get('/api/articles/to-publish').expect(404);
      await http.post(`/api/articles/${article.id}/publish`).set(bearer('writer')).send({}).expect(403);
      const live = await http.post(`/api/articles/${article.id}/publish`).set(bearer('publisher')).send({}).expect(200);
      expect(live.body.status).toBe('published');
      await http.get('/api/articles/to-publish').expect(200);
      await http.post(`/api/articles/${article.id}/unpublish`).set(bearer('publisher')).set('If-Match', '"1"').send({}).expect(412);
      await http.post(`/api/articles/${article.id}/unpublish`).set(bearer('publisher')).send({}).expect(200);
      await http.get('/api/articles/to-publish').expect(404);

      await http.post(`/api/articles/${article.id}/schedule`).set(bearer('publisher')).send({ at: '2001-01-01T00:00:00Z' }).expect(400);
      await http.post(`/api/articles/${article.id}/schedule`).set(bearer('publisher')).send({ at: 'tomorrow' }).expect(400);
      const at = new Date(Date.now() + 86_400_000).toISOString();
      const queued = await http.post(`/api/articles/${article.id}/schedule`).set(bearer('publisher')).send({ at }).expect(200);
      expect(queued.body.scheduledAt).toBe(at);
      await http.get('/api/articles/to-publish').expect(404);
    });

    it('creates and edits authors, photos and captions', async () => {
      const author = await http.post('/api/authors').set(bearer('writer')).send({ name: 'LINA SINJAB' }).expect(201);
      expect(author.body).toMatchObject({ name: 'Lina Sinjab', key: 'lina sinjab' });
      const variant = await http.post('/api/authors').set(bearer('writer')).send({ name: 'Lina  Sinjab' }).expect(409);
      expect(variant.body.existingAuthorId).toBe(author.body.id);
      await http.patch(`/api/authors/${author.body.id}`).set(bearer('writer')).send({ name: 'Lina Sinjab-Haddad' }).expect(200);

      const photo = await http.post('/api/photos').set(bearer('writer')).send({ url: 'https://images.example.com/new.jpg', credit: 'Reuters', agency: 'Reuters' }).expect(201);
      const fixed = await http.patch(`/api/photos/${photo.body.id}`).set(bearer('writer')).send({ credit: 'Photo by Lina Sinjab / Reuters', photographerId: author.body.id }).expect(200);
      expect(fixed.body).toMatchObject({ credit: 'Photo by Lina Sinjab / Reuters', photographerName: 'Lina Sinjab-Haddad' });
      await http.patch(`/api/photos/${photo.body.id}`).set(bearer('writer')).send({ photographerId: 999999 }).expect(400);
      await http.post('/api/photos').set(bearer('writer')).send({ url: 'javascript:alert(1)' }).expect(400);

      const caption = await http.post('/api/captions').set(bearer('writer')).send({ articleId: draft.id, photoId: photo.body.id, text: 'A caption' }).expect(201);
      expect(caption.body.position).toBe(0);
      const edited = await http.patch(`/api/captions/${caption.body.id}`).set(bearer('writer')).send({ text: 'A better caption' }).expect(200);
      expect(edited.body.text).toBe('A better caption');
      const detail = await http.get(`/api/articles/${draft.id}`).set(bearer('reader')).expect(200);
      expect(detail.body.photos).toEqual([expect.objectContaining({ caption: 'A better caption', credit: 'Photo by Lina Sinjab / Reuters' })]);
    });

    it('saves a caption change as an edit of its article: its version rules, a new version and a revision, or nothing', async () => {
      const article = await insertArticle(testApp.dataSource);
      const [first, second] = [await insertPhoto(testApp.dataSource), await insertPhoto(testApp.dataSource)];
      const revisions = () => testApp.dataSource.getRepository(ArticleRevision).find({ where: { articleId: article.id }, order: { version: 'ASC' } });
      const stored = async () => ({
        version: (await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id })).version,
        captions: (await testApp.dataSource.getRepository(Caption).find({ where: { articleId: article.id }, order: { position: 'ASC' } })).map(({ text, position }) => ({ text, position })),
        revisions: (await revisions()).length,
      });

      const added = await http.post('/api/captions').set(bearer('writer')).send({ articleId: article.id, photoId: first.id, text: 'Delegates arrive', version: 1 }).expect(201);
      expect(added.body).toMatchObject({ articleId: article.id, position: 0, text: 'Delegates arrive', articleVersion: 2 });
      await http.post('/api/captions').set(bearer('writer')).set('If-Match', '"2"').send({ articleId: article.id, photoId: second.id, text: 'The venue' }).expect(201);

      // Stale, contradictory or clashing edits are refused and change nothing.
      const before = await stored();
      const stale = await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).set('If-Match', '"2"').send({ text: 'Lost update' }).expect(409);
      expect(stale.body).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', currentVersion: 3, changedBy: 'token "writer"' });
      await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).set('If-Match', '"3"').send({ text: 'x', version: 2 }).expect(400);
      await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).set('If-Match', 'latest').send({ text: 'x' }).expect(400);
      const clash = await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).set('If-Match', '"3"').send({ text: 'Moved onto the venue', position: 1 }).expect(409);
      expect(clash.body.code).toBe('CAPTION_POSITION_TAKEN');
      await http.patch('/api/captions/999999').set(bearer('writer')).send({ text: 'x' }).expect(404);
      expect(await stored()).toEqual(before);

      const edited = await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).set('If-Match', '"3"').send({ text: 'Delegates arrive on Sunday' }).expect(200);
      expect(edited.body).toMatchObject({ text: 'Delegates arrive on Sunday', articleVersion: 4 });
      // Without a version the edit applies to the current one (the route's contract before versions were accepted).
      const moved = await http.patch(`/api/captions/${added.body.id}`).set(bearer('writer')).send({ position: 5 }).expect(200);
      expect(moved.body).toMatchObject({ position: 5, articleVersion: 5 });

      const history = await revisions();
      expect(history.map((revision) => revision.version)).toEqual([2, 3, 4, 5]);
      expect(history.every((revision) => revision.actorName === 'token "writer"')).toBe(true);
      expect(history[2].changes).toEqual({ captions: { from: { [added.body.id]: 'Delegates arrive' }, to: { [added.body.id]: 'Delegates arrive on Sunday' } } });
      expect(history[3].changes).toEqual({ captionPositions: { from: { [added.body.id]: 0 }, to: { [added.body.id]: 5 } } });
      expect(history[3].snapshot.captions[added.body.id]).toBe('Delegates arrive on Sunday');
      const detail = await http.get(`/api/articles/${article.id}`).set(bearer('reader')).expect(200);
      expect(detail.body).toMatchObject({ version: 5 });
      expect(detail.body.photos.map((photo: { caption: string }) => photo.caption)).toEqual(['The venue', 'Delegates arrive on Sunday']);
    });

    it.each([
      ['post', '/api/articles', { headline: 'x', body: ['y'] }],
      ['patch', '/api/articles/1', { headline: 'x', version: 1 }],
      ['post', '/api/articles/1/publish', {}],
      ['post', '/api/articles/1/unpublish', {}],
      ['post', '/api/articles/1/schedule', { at: '2099-01-01T00:00:00Z' }],
      ['post', '/api/authors', { name: 'Someone' }],
      ['patch', '/api/authors/1', { name: 'Someone' }],
      ['post', '/api/photos', { url: 'https://example.com/a.jpg' }],
      ['patch', '/api/photos/1', { credit: 'x' }],
      ['post', '/api/captions', { articleId: 1, photoId: 1, text: 'x' }],
      ['patch', '/api/captions/1', { text: 'x' }],
      ['post', '/api/tokens', { name: 'x', scopes: ['content:read'] }],
    ] as const)('%s %s: 401 without a token or with a revoked one, 403 with the wrong scope', async (method, path, body) => {
      const expectProblem = (response: request.Response, status: number) => {
        expect(response.status).toBe(status);
        expect(response.headers['content-type']).toContain('application/problem+json');
      };
      expectProblem(await http[method](path).send(body), 401);
      expectProblem(await http[method](path).set(bearer('revoked')).send(body), 401);
      expectProblem(await http[method](path).set(bearer(path.endsWith('publish') || path.endsWith('schedule') ? 'writer' : 'importer')).send(body), 403);
    });

    it('rejects malformed JSON, unknown fields, overlong values and oversize bodies with 4xx problem JSON', async () => {
      const malformed = await http.post('/api/articles').set(bearer('writer')).set('Content-Type', 'application/json').send('{"headline": ').expect(400);
      expect(malformed.body).toMatchObject({ status: 400, type: 'about:blank' });
      const unknown = await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x', body: ['y'], status: 'published' }).expect(400);
      expect(unknown.body.detail).toContain('property status should not exist');
      await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x'.repeat(501), body: ['y'] }).expect(400);
      await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x', body: [] }).expect(400);
      await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x', body: ['y'], slug: 'Not A Slug' }).expect(400);
      const long = await http.post('/api/articles').set(bearer('writer')).send({ headline: 'Long read', body: Array.from({ length: 30 }, () => 'z'.repeat(15_000)) });
      expect(long.status).toBe(201); // 450 kB: over Express's default 100 kB, within the API's 1 MB
      const oversize = await http.post('/api/articles').set(bearer('writer')).send({ headline: 'x', body: ['y'.repeat(2 * 1024 * 1024)] }).expect(413);
      expect(oversize.body).toMatchObject({ status: 413 });
    });
  });

  describe('API tokens', () => {
    it('are managed by admins only (not by tokens), shown once and revocable', async () => {
      await http.get('/api/tokens').set(bearer('publisher')).expect(403);
      const service = testApp.app.get(ApiTokensService);
      const issued = await service.create({ name: 'temp', scopes: [TokenScope.ContentRead] }, SYSTEM);
      await http.get(`/api/articles/${draft.id}`).set('Authorization', `Bearer ${issued.secret}`).expect(200);
      const listed = await service.list(SYSTEM);
      expect(JSON.stringify(listed)).not.toContain(issued.secret);
      await service.revoke(issued.token.id, SYSTEM);
      await http.get(`/api/articles/${draft.id}`).set('Authorization', `Bearer ${issued.secret}`).expect(401);
    });
  });

  describe('admin routes over HTTP with a panel session', () => {
    it('lets an admin create, list and revoke tokens and subscribe webhooks; an editor may not', async () => {
      const admin = await loggedInAs(testApp.app, UserRole.Admin);
      const editor = await loggedInAs(testApp.app, UserRole.Editor);

      const created = await http.post('/api/tokens').set('Cookie', admin.cookie).send({ name: 'newsletter', scopes: ['content:read'] }).expect(201);
      expect(created.body).toMatchObject({ name: 'newsletter', scopes: ['content:read'], createdById: admin.id, revokedAt: null });
      expect(created.body.secret).toMatch(/^wd_[\w-]{43}$/);
      await http.get(`/api/articles/${draft.id}`).set('Authorization', `Bearer ${created.body.secret}`).expect(200);

      const listed = await http.get('/api/tokens').set('Cookie', admin.cookie).expect(200);
      expect(listed.body.find((token: { id: number }) => token.id === created.body.id)).not.toHaveProperty('secret');
      await http.post(`/api/tokens/${created.body.id}/revoke`).set('Cookie', admin.cookie).expect(200);
      await http.get(`/api/articles/${draft.id}`).set('Authorization', `Bearer ${created.body.secret}`).expect(401);

      await http.get('/api/tokens').set('Cookie', editor.cookie).expect(403);
      await http.post('/api/tokens').set('Cookie', admin.cookie).send({ name: 'x', scopes: ['everything'] }).expect(400);

      const hook = await http.post('/api/webhooks').set('Cookie', admin.cookie).send({ url: 'https://hooks.example.com/in', events: ['article.published'] }).expect(201);
      expect(hook.body.secret).toMatch(/^whsec_/);
      await http.get(`/api/webhooks/${hook.body.id}/deliveries`).set('Cookie', admin.cookie).expect(200, []);
      await http.post('/api/webhooks').set('Cookie', admin.cookie).send({ url: 'ftp://nope', events: ['article.exploded'] }).expect(400);
      await http.delete(`/api/webhooks/${hook.body.id}`).set('Cookie', admin.cookie).expect(204);
      await http.get('/api/webhooks').set('Cookie', editor.cookie).expect(403);
    });
  });

  describe('session users', () => {
    const sessionRequest = (adminUser?: { id: number }) => ({ headers: {}, session: adminUser ? { adminUser } : {} }) as Record<string, unknown>;
    const contextFor = (req: Record<string, unknown>) =>
      ({
        switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({ setHeader: () => undefined }) }),
        getHandler: () => ApiTokensService.prototype.create,
        getClass: () => ApiTokensService,
      }) as unknown as ExecutionContext;

    it('resolve a signed-in panel user (re-read from the database) who may manage tokens only as an admin', async () => {
      const users = testApp.app.get(UsersService);
      const guard = testApp.app.get(ActorGuard);
      const tokensService = testApp.app.get(ApiTokensService);
      const admin = await users.create({ email: 'api-admin@example.com', password: 'correct horse battery', role: UserRole.Admin });
      const editor = await users.create({ email: 'api-editor@example.com', password: 'correct horse battery', role: UserRole.Editor });

      const adminRequest = sessionRequest({ id: admin.id });
      await guard.canActivate(contextFor(adminRequest));
      const adminActor = adminRequest.actor as Actor;
      expect(adminActor).toEqual({ kind: 'user', id: admin.id, email: 'api-admin@example.com', role: UserRole.Admin });
      const issued = await tokensService.create({ name: 'by-admin', scopes: [TokenScope.ContentRead] }, adminActor);
      expect(issued.token.createdById).toBe(admin.id);

      const editorRequest = sessionRequest({ id: editor.id });
      await guard.canActivate(contextFor(editorRequest));
      await expect(tokensService.create({ name: 'by-editor', scopes: [TokenScope.ContentRead] }, editorRequest.actor as Actor)).rejects.toMatchObject({ status: 403 });

      await users.setDisabled('api-editor@example.com', true);
      await expect(guard.canActivate(contextFor(sessionRequest({ id: editor.id })))).rejects.toMatchObject({ status: 401 });
      await expect(guard.canActivate(contextFor(sessionRequest()))).rejects.toMatchObject({ status: 401 });
    });
  });

  describe('ninjs 3.1', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    // The schema's one external reference is GeoJSON, for the geometry of `places`, which Wiredesk never
    // emits (asserted below); the test runs offline, so that reference resolves to an accept-all schema.
    ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' });
    const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, 'fixtures/ninjs/ninjs-schema_3.1.json'), 'utf8')));

    const expectValid = (item: unknown) => {
      expect(validate(item)).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    };

    it('serves an article as valid ninjs: public URL, language, times, by, rights, and photos credited', async () => {
      const response = await http.get('/api/articles/baghdad-talks').set('Accept', 'application/ninjs+json').expect(200);
      expect(response.headers['content-type']).toContain('application/ninjs+json');
      expectValid(response.body);
      const url = `${PUBLIC_BASE_URL}/api/articles/baghdad-talks`;
      expect(response.body).toMatchObject({
        uri: url,
        altIds: [{ role: 'wiredesk', value: `urn:wiredesk:article:${published.id}` }],
        renditions: [
          { name: 'ninjs', href: `${url}?format=ninjs`, contentType: 'application/ninjs+json' },
          { name: 'json', href: url, contentType: 'application/json' },
        ],
        language: 'en',
        pubStatus: 'usable',
        copyrightHolder: 'Wiredesk Daily',
        usageTerms: 'Subscribers only',
        headlines: [{ value: 'Larijani holds talks in Baghdad' }],
        by: 'Ahmad Al-Rubaye',
        people: [{ name: 'Ahmad Al-Rubaye', rel: 'writer', uri: `${PUBLIC_BASE_URL}/api/authors/${authorId}` }],
      });
      expect(response.body.associations).toEqual([
        expect.objectContaining({
          type: 'picture',
          language: 'en',
          descriptions: [
            { role: 'caption', contentType: 'text/plain', value: 'Larijani (L) meets officials in Baghdad' },
            { role: 'creditline', contentType: 'text/plain', value: 'Photo by AHMAD AL-RUBAYE / AFP' },
          ],
          by: 'Ahmad Al-Rubaye',
          copyrightHolder: 'Agence France-Presse',
          usageTerms: 'Editorial use only',
          // No picture stored: the wire's own URL is the one rendition, and nothing is made up.
          renditions: [{ name: 'original', href: 'https://images.example.com/1.jpg' }],
        }),
      ]);
      expect(response.body.associations[0].copyrightNotice).toBeUndefined();
      // contentCreated is when the copy came in, never the publication time (which is later than versionCreated).
      const json = (await http.get('/api/articles/baghdad-talks').expect(200)).body;
      expect(response.body).toMatchObject({ firstCreated: json.createdAt, contentCreated: json.createdAt, versionCreated: json.updatedAt });
      expect(response.body.contentCreated).not.toBe(json.publishedAt);
      expect(Date.parse(response.body.contentCreated)).toBeLessThanOrEqual(Date.parse(response.body.versionCreated));
      expect(response.body.bodies[0].value).toContain('Iran’s top security official');
      expect(response.body.places).toBeUndefined();
    });

    it('detects each article’s language, credits photographers, and links stored pictures in the API and ninjs', async () => {
      const ds = testApp.dataSource;
      const photographer = await insertAuthor(ds, { name: 'Layla Hassan', key: 'layla hassan' });
      const arabic = await insertArticle(ds, {
        slug: 'sudani-larijani-ar',
        headline: 'السوداني يبحث مع لاريجاني التطورات الإقليمية في بغداد',
        body: ['عقد رئيس الوزراء العراقي محمد شياع السوداني محادثات مع علي لاريجاني في بغداد يوم الاثنين.'],
        status: ArticleStatus.Published,
        publishedAt: new Date('2026-11-02T10:00:00Z'),
      });
      await ds.getRepository(Byline).save({ articleId: arabic.id, authorId: photographer.id, role: BylineRole.Photographer, position: 0 });
      const stored = await insertPhoto(ds, { credit: 'Photo by Layla Hassan', agency: null, photographerId: photographer.id });
      const bare = await insertPhoto(ds, { credit: 'Reuters', agency: 'Reuters' });
      await ds.getRepository(Caption).save([
        { articleId: arabic.id, photoId: stored.id, position: 0, text: 'السوداني ولاريجاني خلال لقائهما في بغداد' },
        { articleId: arabic.id, photoId: bare.id, position: 1, text: 'A street in Baghdad on Monday' },
      ]);
      await testApp.app.get(PhotoImagesService).attach(stored.id, await sharp({ create: { width: 400, height: 200, channels: 3, background: '#336699' } }).jpeg().toBuffer(), SYSTEM);

      const json = (await http.get(`/api/articles/${arabic.slug}`).expect(200)).body;
      const href = (name: string) => expect.stringMatching(new RegExp(`^${PUBLIC_BASE_URL}/media/photos/${stored.id}/${name}/[0-9a-f]{16}\\.jpg$`));
      const renditions = [
        { name: 'thumbnail', href: href('thumbnail'), width: 320, height: 160, contentType: 'image/jpeg' },
        { name: 'web', href: href('web'), width: 400, height: 200, contentType: 'image/jpeg' },
      ];
      expect(json.photos.map((photo: { renditions: unknown[] }) => photo.renditions)).toEqual([renditions, []]);
      await http.get(json.photos[0].renditions[0].href.slice(PUBLIC_BASE_URL.length)).expect(200);

      const ninjs = (await http.get(`/api/articles/${arabic.slug}?format=ninjs`).expect(200)).body;
      expectValid(ninjs);
      expect(ninjs).toMatchObject({ language: 'ar', by: 'Photographs by Layla Hassan', people: [{ name: 'Layla Hassan', rel: 'photographer' }] });
      expect(ninjs.associations[0]).toMatchObject({ language: 'ar', by: 'Layla Hassan', copyrightHolder: 'Wiredesk Daily', renditions });
      expect(ninjs.associations[1]).toMatchObject({ language: 'en', copyrightHolder: 'Reuters' });
      expect(ninjs.associations[1].renditions).toBeUndefined();
      expect(ninjs.associations[1].usageTerms).toBeUndefined();
    });

    it('validates every published article, list and author page against the 3.1 schema', async () => {
      const list = await http.get('/api/articles?format=ninjs&limit=100').expect(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items.length).toBeGreaterThan(10);
      for (const item of list.body.items) {
        expectValid(item);
        expect(item.contentCreated).toBeUndefined();
        expectValid((await http.get(`/api/articles/${item.slugline}?format=ninjs`).expect(200)).body);
      }
      expect(list.body.items.find((item: { slugline: string }) => item.slugline === 'sudani-larijani-ar')).toMatchObject({ language: 'ar' });

      const authorPage = await http.get(`/api/authors/${authorId}?format=ninjs`).expect(200);
      expect(authorPage.headers['content-type']).toContain('application/ninjs+json');
      expect(authorPage.body).toMatchObject({ id: authorId, name: 'Ahmad Al-Rubaye', articles: { nextCursor: null } });
      expect(authorPage.body.articles.items.map((item: { uri: string }) => item.uri)).toContain(`${PUBLIC_BASE_URL}/api/articles/baghdad-talks`);
      for (const item of authorPage.body.articles.items) expectValid(item);
      const byAccept = await http.get(`/api/authors/${authorId}`).set('Accept', 'application/ninjs+json').expect(200);
      expect(byAccept.body).toEqual(authorPage.body);
      const plain = await http.get(`/api/authors/${authorId}`).expect(200);
      expect(plain.headers['content-type']).toContain('application/json');
      expect(plain.body.articles.items[0]).toHaveProperty('headline');
    });

    it('serves list entries and drafts as valid ninjs too', async () => {
      const list = await http.get('/api/articles?format=ninjs').expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(validate(item)).toBe(true);
      const draftItem = await http.get(`/api/articles/${draft.id}?format=ninjs`).set(bearer('reader')).expect(200);
      expectValid(draftItem.body);
      expect(draftItem.body.pubStatus).toBe('withheld');
    });
  });

  describe('hardening and docs', () => {
    it('sends security headers and request ids', async () => {
      const response = await http.get('/api/articles').set('X-Request-Id', 'client-abc-123').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(response.headers['x-request-id']).toBe('client-abc-123');
      expect((await http.get('/api/articles')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('publishes the OpenAPI document with every API route', async () => {
      const response = await http.get('/docs-json').expect(200);
      const paths = Object.keys(response.body.paths);
      for (const path of ['/api/articles', '/api/articles/{id}', '/api/articles/{id}/publish', '/api/articles/{id}/schedule', '/api/authors/{id}', '/api/photos', '/api/captions/{id}', '/api/tokens']) {
        expect(paths).toContain(path);
      }
      expect(response.body.components.securitySchemes.bearer).toBeDefined();
      const captionEdit = response.body.paths['/api/captions/{id}'].patch;
      expect(captionEdit.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: false }));
      expect(Object.keys(captionEdit.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
      expect(response.body.components.schemas.UpdateCaptionDto.properties).toHaveProperty('version');
      expect(response.body.components.schemas.CaptionView.required).toContain('articleVersion');
      await http.get('/docs').expect(200);
    });
  });
});
