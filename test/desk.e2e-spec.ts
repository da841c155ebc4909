import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ArticleStatus, DuplicateKind } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { ArticlesService } from '../src/articles/articles.service';
import { PresenceService } from '../src/articles/presence.service';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { AuthorMerge } from '../src/authors/author-merge.entity';
import { Author } from '../src/authors/author.entity';
import { Photo } from '../src/photos/photo.entity';
import { Caption } from '../src/captions/caption.entity';
import { UserRole } from '../src/auth/user.entity';
import { PublishingService } from '../src/publishing/publishing.service';
import { TaxonomyService } from '../src/sections/taxonomy.service';
import { formatDeskTime } from '../src/common/desk-time';
import { ImportStatus } from '../src/imports/import.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertAuthor, insertImport, insertPhoto, insertUserActor } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** The newsroom desk in the panel: the schedule in plain sight, and later spike and sections. */
describe('desk: schedule, spike, sections', () => {
  let testApp: TestApp;
  let editor: { email: string; id: number; cookie: string };
  const hours = (count: number) => new Date(Date.now() + count * 3_600_000);

  beforeAll(async () => {
    testApp = await bootTestApp();
    editor = await loggedInAs(testApp.app, UserRole.Editor);
  }, 120_000);
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());
  const get = (url: string) => http().get(url).set('Cookie', editor.cookie);
  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });
  const ids = (response: request.Response) => response.body.records.map((record: { id: string }) => Number(record.id));

  describe('schedule in plain sight', () => {
    it('confirms a schedule in the editor’s time zone, not as a raw UTC string', async () => {
      const article = await insertArticle(testApp.dataSource);
      const at = hours(2);
      at.setUTCSeconds(0, 0);
      const response = await http()
        .post(`/admin/api/resources/Article/records/${article.id}/schedule`)
        .set('Cookie', editor.cookie)
        .field('at', at.toISOString())
        .field('timeZone', 'Asia/Dubai');
      expect(response.body.notice).toEqual({ message: `Scheduled for ${formatDeskTime(at, 'Asia/Dubai')}`, type: 'success' });
      expect(response.body.notice.message).toMatch(/^Scheduled for \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(Asia\/Dubai\)$/);
      expect((await reload(article.id)).scheduledAt).toEqual(at);
      // A zone the runtime does not know is written in UTC rather than failing the schedule.
      const other = await insertArticle(testApp.dataSource);
      const fallback = await http().post(`/admin/api/resources/Article/records/${other.id}/schedule`).set('Cookie', editor.cookie).field('at', at.toISOString()).field('timeZone', 'Nowhere/Land');
      expect(fallback.body.notice.message).toMatch(/\(UTC\)$/);
    });

    it('filters scheduled articles, and the dashboard tile counts and links the next 24 hours in time order', async () => {
      await testApp.dataSource.query('UPDATE articles SET "scheduledAt" = NULL');
      const later = await insertArticle(testApp.dataSource, { scheduledAt: hours(3) });
      const sooner = await insertArticle(testApp.dataSource, { scheduledAt: hours(1) });
      const tomorrow = await insertArticle(testApp.dataSource, { scheduledAt: hours(30) });
      await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
      await insertArticle(testApp.dataSource);

      const all = await get('/admin/api/resources/Article/actions/list?filters.status=scheduled&sortBy=scheduledAt&direction=asc').expect(200);
      expect(ids(all)).toEqual([sooner.id, later.id, tomorrow.id]);

      const dashboard = await get('/admin/api/dashboard').expect(200);
      expect(dashboard.body.scheduled).toBe(3);
      const { count, from, to } = dashboard.body.scheduledSoon;
      expect(count).toBe(2);
      expect(Date.parse(to) - Date.parse(from)).toBe(24 * 3_600_000);
      const query = new URLSearchParams({ 'filters.status': 'scheduled', 'filters.scheduledAt~~from': from, 'filters.scheduledAt~~to': to, sortBy: 'scheduledAt', direction: 'asc' });
      const next24h = await get(`/admin/api/resources/Article/actions/list?${query}`).expect(200);
      expect(ids(next24h)).toEqual([sooner.id, later.id]);
      expect(next24h.body.meta.total).toBe(2);

      await get('/admin/api/resources/Article/actions/list?filters.scheduledAt~~from=yesterday').expect(400);
    });
  });

  describe('spike', () => {
    it('moves a draft to the Spiked list, keeps it from going live, records it in History, and unspikes it', async () => {
      const marker = `spikeable${Date.now()}`;
      const article = await insertArticle(testApp.dataSource, { headline: `Rumour about ${marker}`, scheduledAt: hours(5) });
      const spiked = await http().post(`/admin/api/resources/Article/records/${article.id}/spike`).set('Cookie', editor.cookie).field('version', String(article.version));
      expect(spiked.body.notice).toMatchObject({ type: 'success' });
      expect(await reload(article.id)).toMatchObject({ status: ArticleStatus.Spiked, scheduledAt: null, version: article.version + 1 });

      expect(ids(await get(`/admin/api/resources/Article/actions/list?filters.headline=${marker}`))).toEqual([]);
      expect(ids(await get(`/admin/api/resources/Spiked/actions/list?filters.headline=${marker}`))).toEqual([article.id]);
      expect(ids(await get(`/admin/api/resources/Article/actions/list?filters.headline=${marker}&filters.status=spiked`))).toEqual([article.id]);
      expect((await get('/admin/api/dashboard')).body.articlesByStatus.spiked).toBeGreaterThanOrEqual(1);

      const publishing = testApp.app.get(PublishingService);
      const actor = await insertUserActor(testApp.dataSource, UserRole.Editor);
      await expect(publishing.publish(article.id, actor)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('spiked') });
      await expect(publishing.schedule(article.id, hours(1), actor)).rejects.toMatchObject({ status: 409 });
      await expect(publishing.spike(article.id, actor)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('already spiked') });
      expect((await http().get(`/api/articles/${(await reload(article.id)).slug}`)).status).toBe(404);

      const unspiked = await http().post(`/admin/api/resources/Article/records/${article.id}/unspike`).set('Cookie', editor.cookie).field('version', String(article.version + 1));
      expect(unspiked.body.notice).toMatchObject({ type: 'success' });
      expect((await reload(article.id)).status).toBe(ArticleStatus.Draft);
      expect(ids(await get(`/admin/api/resources/Article/actions/list?filters.headline=${marker}`))).toEqual([article.id]);

      const history = await get(`/admin/api/resources/Article/records/${article.id}/history`).expect(200);
      const notes = history.body.history.map((entry: { version: number; spike: unknown; changed: string[] }) => [entry.version, entry.spike, entry.changed]);
      expect(notes).toEqual(
        expect.arrayContaining([
          [article.version + 1, { spiked: true, previousStatus: 'draft' }, []],
          [article.version + 2, { spiked: false, previousStatus: 'spiked' }, []],
        ]),
      );
    });

    it('refuses to spike live copy or on a stale version, and contributors may not spike', async () => {
      const live = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
      const refused = await http().post(`/admin/api/resources/Article/records/${live.id}/spike`).set('Cookie', editor.cookie).field('go', '1');
      expect(refused.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('unpublish it rather than spike it') });
      expect((await reload(live.id)).status).toBe(ArticleStatus.Published);

      const draft = await insertArticle(testApp.dataSource);
      await testApp.app.get(ArticlesService).update(draft.id, { headline: 'Edited meanwhile' }, draft.version, await insertUserActor(testApp.dataSource, UserRole.Editor));
      const stale = await http().post(`/admin/api/resources/Article/records/${draft.id}/spike`).set('Cookie', editor.cookie).field('version', String(draft.version));
      expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT' });
      expect((await reload(draft.id)).status).toBe(ArticleStatus.Draft);

      const contributor = await loggedInAs(testApp.app, UserRole.Contributor);
      const forbidden = await http().post(`/admin/api/resources/Article/records/${draft.id}/spike`).set('Cookie', contributor.cookie).field('go', '1');
      expect(forbidden.status).toBe(403);
      expect((await reload(draft.id)).status).toBe(ArticleStatus.Draft);
    });
  });

  describe('word-level diffs and the original', () => {
    it('marks the words that changed inside paragraphs and headlines, in History and in Compare', async () => {
      const article = await insertArticle(testApp.dataSource, { headline: 'Talks resume in Baghdad', body: ['The minister arrived on Monday.', 'Unchanged.'] });
      const actor = await insertUserActor(testApp.dataSource, UserRole.Editor);
      await testApp.app.get(ArticlesService).update(article.id, { headline: 'Talks resume in Tehran', body: ['The minister arrived on Tuesday.', 'Unchanged.'] }, article.version, actor);
      const [latest] = (await get(`/admin/api/resources/Article/records/${article.id}/history`).expect(200)).body.history;
      expect(latest.headlineDiff.words).toEqual([
        { kind: 'same', text: 'Talks resume in ' },
        { kind: 'removed', text: 'Baghdad' },
        { kind: 'added', text: 'Tehran' },
      ]);
      expect(latest.body).toEqual([
        {
          kind: 'changed',
          left: 'The minister arrived on Monday.',
          right: 'The minister arrived on Tuesday.',
          words: [
            { kind: 'same', text: 'The minister arrived on ' },
            { kind: 'removed', text: 'Monday.' },
            { kind: 'added', text: 'Tuesday.' },
          ],
        },
        { kind: 'same', left: 'Unchanged.', right: 'Unchanged.' },
      ]);

      const original = await insertArticle(testApp.dataSource, { headline: 'Oil output cut', body: ['OPEC agreed to cut output by one million barrels.'] });
      const copy = await insertArticle(testApp.dataSource, {
        headline: 'Oil output cut',
        body: ['OPEC agreed to cut output by two million barrels.'],
        duplicateOfId: original.id,
        duplicateKind: DuplicateKind.Near,
        duplicateScore: 0.87,
      });
      const compare = await get(`/admin/api/resources/Article/records/${copy.id}/compare`).expect(200);
      expect(compare.body.comparison.paragraphs[0].words).toEqual([
        { kind: 'same', text: 'OPEC agreed to cut output by ' },
        { kind: 'removed', text: 'one' },
        { kind: 'added', text: 'two' },
        { kind: 'same', text: ' million barrels.' },
      ]);
    });

    it('restores the original (as imported) as a new version, and answers with the fresh state', async () => {
      const article = await insertArticle(testApp.dataSource, { headline: 'As the wire sent it', body: ['Wire paragraph one.', 'Wire paragraph two.'] });
      const history = `/admin/api/resources/Article/records/${article.id}/history`;
      expect((await get(history).expect(200)).body.original).toBeNull();
      const actor = await insertUserActor(testApp.dataSource, UserRole.Editor);
      const articles = testApp.app.get(ArticlesService);
      await articles.update(article.id, { headline: 'First rewrite', body: ['Desk paragraph.'] }, article.version, actor);
      await articles.update(article.id, { headline: 'Second rewrite' }, article.version + 1, actor);
      expect((await get(history).expect(200)).body.original).toMatchObject({ headline: 'As the wire sent it', body: ['Wire paragraph one.', 'Wire paragraph two.'] });

      const stale = await http().post(history).set('Cookie', editor.cookie).field('payload', JSON.stringify({ revisionId: 'original', version: article.version + 1 }));
      expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT' });
      const restored = await http().post(history).set('Cookie', editor.cookie).field('payload', JSON.stringify({ revisionId: 'original', version: article.version + 2 }));
      expect(restored.body.notice).toEqual({ message: `Restored the original; the article is now at version ${article.version + 3}.`, type: 'success' });
      expect(restored.body.record.params).toMatchObject({ headline: 'As the wire sent it', version: article.version + 3 });
      expect(restored.body.history[0].restore).toMatchObject({ original: true });
      expect(await reload(article.id)).toMatchObject({ headline: 'As the wire sent it', body: ['Wire paragraph one.', 'Wire paragraph two.'] });
    });
  });

  describe('a dashboard that says what to do', () => {
    it('lists the review and duplicates queues, imports since the last visit and those in trouble, what goes live next, and your own work', async () => {
      const ds = testApp.dataSource;
      const lastVisit = new Date(Date.now() - 60_000);
      const before = await insertImport(ds, { fileName: 'before.txt', createdAt: new Date(Date.now() - 3_600_000) });
      const after = await insertImport(ds, { fileName: 'after.txt', counts: { articlesCreated: 3, exactDuplicates: 1, nearDuplicates: 0, linesRemoved: 2, warnings: 0 } as never });
      const failed = await insertImport(ds, { fileName: 'broken.txt', status: ImportStatus.Failed, error: 'not a wire dump' });
      const stalled = await insertImport(ds, { fileName: 'stuck.txt', status: ImportStatus.Running, startedAt: new Date(Date.now() - 30 * 60_000) });
      const running = await insertImport(ds, { fileName: 'busy.txt', status: ImportStatus.Running, startedAt: new Date() });
      const review = await insertArticle(ds, { headline: 'Parser guessed here', needsReview: true });
      const spikedReview = await insertArticle(ds, { headline: 'Binned guess', needsReview: true, status: ArticleStatus.Spiked });
      const soon = await insertArticle(ds, { headline: 'Goes live soon', scheduledAt: new Date(Date.now() + 5 * 60_000) });
      const mine = await insertArticle(ds, { headline: 'My story' });
      const me = await loggedInAs(testApp.app, UserRole.Editor);
      const myActor = { kind: 'user' as const, id: me.id, email: me.email, role: UserRole.Editor };
      await testApp.app.get(ArticlesService).update(mine.id, { headline: 'My story, edited' }, mine.version, myActor);

      const dashboard = await http().get(`/admin/api/dashboard?since=${encodeURIComponent(lastVisit.toISOString())}`).set('Cookie', me.cookie).expect(200);
      const { toDo } = dashboard.body;
      const ids = (items: Array<{ id: number }>) => items.map((item) => item.id);
      expect(ids(toDo.needsReview.items)).toContain(review.id);
      expect(ids(toDo.needsReview.items)).not.toContain(spikedReview.id);
      expect(toDo.needsReview.count).toBeGreaterThanOrEqual(1);
      expect(ids(toDo.importsSince)).toEqual(expect.arrayContaining([after.id, failed.id, stalled.id, running.id]));
      expect(ids(toDo.importsSince)).not.toContain(before.id);
      expect(toDo.importsSince.find((entry: { id: number }) => entry.id === after.id)).toMatchObject({ fileName: 'after.txt', counts: { articlesCreated: 3 } });
      expect(ids(toDo.troubledImports).sort()).toEqual([failed.id, stalled.id].sort());
      expect(toDo.nextScheduled[0]).toMatchObject({ id: soon.id, headline: 'Goes live soon' });
      expect(toDo.recentlyEdited).toEqual([expect.objectContaining({ id: mine.id, headline: 'My story, edited' })]);
      expect(Date.parse(toDo.readAt)).toBeGreaterThan(lastVisit.getTime());

      // The first visit from a browser has no "since": nothing is listed as new rather than everything.
      expect((await http().get('/admin/api/dashboard').set('Cookie', me.cookie).expect(200)).body.toDo.importsSince).toEqual([]);
      expect((await http().get('/admin/api/dashboard?since=garbage').set('Cookie', me.cookie).expect(200)).body.toDo.importsSince).toEqual([]);
    });
  });

  describe('author merge', () => {
    it('makes two spellings one author, moving bylines and photo credits, recorded and undoable', async () => {
      const ds = testApp.dataSource;
      const kept = await insertAuthor(ds, { name: 'Ahmad Al-Rubaye', key: 'ahmad alrubaye' });
      const variant = await insertAuthor(ds, { name: 'Ahmed Rubaie', key: 'ahmed rubaie' });
      const [solo, both] = [await insertArticle(ds, { headline: 'Variant only' }), await insertArticle(ds, { headline: 'Both spellings' })];
      await ds.getRepository(Byline).save([
        { articleId: solo.id, authorId: variant.id, role: BylineRole.Writer, position: 0 },
        { articleId: both.id, authorId: kept.id, role: BylineRole.Writer, position: 0 },
        { articleId: both.id, authorId: variant.id, role: BylineRole.Writer, position: 1 },
      ]);
      const photo = await insertPhoto(ds, { photographerId: variant.id });

      const merged = await http().post(`/admin/api/resources/Author/records/${variant.id}/merge`).set('Cookie', editor.cookie).field('payload', JSON.stringify({ keptId: kept.id }));
      expect(merged.body.notice).toMatchObject({ type: 'success', message: expect.stringContaining('2 byline(s) and 1 photo credit(s) moved') });

      const bylinesOf = async (articleId: number) => (await ds.getRepository(Byline).find({ where: { articleId }, order: { position: 'ASC' } })).map((byline) => byline.authorId);
      expect(await bylinesOf(solo.id)).toEqual([kept.id]);
      expect(await bylinesOf(both.id)).toEqual([kept.id]);
      expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).photographerId).toBe(kept.id);
      expect(await ds.getRepository(Author).findOneBy({ id: variant.id })).toBeNull();
      const [record] = await ds.getRepository(AuthorMerge).find({ where: { keptAuthorId: kept.id } });
      expect(record).toMatchObject({ mergedAuthor: { id: variant.id, name: 'Ahmed Rubaie' }, undoneAt: null });

      const undone = await http().post(`/admin/api/resources/AuthorMerge/records/${record.id}/undo`).set('Cookie', editor.cookie).field('go', '1');
      expect(undone.body.notice).toMatchObject({ type: 'success', message: expect.stringContaining('“Ahmed Rubaie” is back') });
      expect(await ds.getRepository(Author).findOneByOrFail({ id: variant.id })).toMatchObject({ name: 'Ahmed Rubaie', key: 'ahmed rubaie' });
      expect(await bylinesOf(solo.id)).toEqual([variant.id]);
      expect((await bylinesOf(both.id)).sort()).toEqual([kept.id, variant.id].sort());
      expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).photographerId).toBe(variant.id);
      const again = await http().post(`/admin/api/resources/AuthorMerge/records/${record.id}/undo`).set('Cookie', editor.cookie).field('go', '1');
      expect(again.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('already undone') });

      const self = await http().post(`/admin/api/resources/Author/records/${kept.id}/merge`).set('Cookie', editor.cookie).field('payload', JSON.stringify({ keptId: kept.id }));
      expect(self.body.notice).toMatchObject({ type: 'error', message: 'an author cannot be merged into themselves' });
    });

    it('needs an editor when either author is on live copy', async () => {
      const ds = testApp.dataSource;
      const kept = await insertAuthor(ds);
      const variant = await insertAuthor(ds);
      const live = await insertArticle(ds, { status: ArticleStatus.Published, publishedAt: new Date() });
      await ds.getRepository(Byline).save({ articleId: live.id, authorId: variant.id, role: BylineRole.Writer, position: 0 });
      const contributor = await loggedInAs(testApp.app, UserRole.Contributor);
      const refused = await http().post(`/admin/api/resources/Author/records/${variant.id}/merge`).set('Cookie', contributor.cookie).field('payload', JSON.stringify({ keptId: kept.id }));
      expect(refused.status).toBe(403);
      expect(await ds.getRepository(Author).findOneBy({ id: variant.id })).not.toBeNull();
    });
  });

  describe('presence', () => {
    it('shows who else has the article open and who is editing it, until they leave or go quiet', async () => {
      const article = await insertArticle(testApp.dataSource);
      const sam = await loggedInAs(testApp.app, UserRole.Editor, `sam-${Date.now()}@example.com`);
      const url = `/admin/api/resources/Article/records/${article.id}/presence`;
      const beat = (cookie: string, payload: object) => http().post(url).set('Cookie', cookie).field('payload', JSON.stringify(payload)).expect(200);

      expect((await beat(sam.cookie, { editing: true })).body.colleagues).toEqual([]);
      const seen = await beat(editor.cookie, { editing: false });
      expect(seen.body.colleagues).toEqual([expect.objectContaining({ email: sam.email, editing: true })]);
      expect((await beat(sam.cookie, { editing: true })).body.colleagues).toEqual([expect.objectContaining({ email: editor.email, editing: false })]);

      await beat(sam.cookie, { leave: true });
      expect((await beat(editor.cookie, { editing: true })).body.colleagues).toEqual([]);

      // Someone whose page stopped beating (a closed laptop) drops out after the timeout.
      const presence = testApp.app.get(PresenceService);
      const samActor = { kind: 'user' as const, id: sam.id, email: sam.email, role: UserRole.Editor };
      await presence.beat(article.id, samActor, true, new Date(Date.now() - 60_000));
      expect((await beat(editor.cookie, { editing: true })).body.colleagues).toEqual([]);
    });
  });

  describe('photo order on the edit page', () => {
    it('moves photos with the article’s save, recorded as "Photo order"; as loaded, it changes nothing', async () => {
      const ds = testApp.dataSource;
      const article = await insertArticle(ds);
      const [first, second] = [await insertPhoto(ds), await insertPhoto(ds)];
      const captions = await ds.getRepository(Caption).save([
        { articleId: article.id, photoId: first.id, position: 0, text: 'First picture' },
        { articleId: article.id, photoId: second.id, position: 3, text: 'Second picture' },
      ]);
      const url = `/admin/api/resources/Article/records/${article.id}/edit`;
      const form = await get(url).expect(200);
      expect(form.body.editor.captions.map((caption: { id: number; position: number }) => [caption.id, caption.position])).toEqual([[captions[0].id, 0], [captions[1].id, 3]]);
      const save = (payload: object) => http().post(url).set('Cookie', editor.cookie).field('payload', JSON.stringify(payload));

      const asLoaded = await save({ version: article.version, captionPositions: [{ id: captions[0].id, position: 0 }, { id: captions[1].id, position: 3 }] });
      expect(asLoaded.body.notice).toMatchObject({ message: 'No changes to save' });
      const swapped = await save({ version: article.version, captionPositions: [{ id: captions[1].id, position: 0 }, { id: captions[0].id, position: 3 }] });
      expect(swapped.body.notice).toMatchObject({ type: 'success' });
      const order = await ds.getRepository(Caption).find({ where: { articleId: article.id }, order: { position: 'ASC' } });
      expect(order.map((caption) => caption.text)).toEqual(['Second picture', 'First picture']);
      const [latest] = (await get(`/admin/api/resources/Article/records/${article.id}/history`).expect(200)).body.history;
      expect(latest.changedLabels).toEqual(['Photo order']);
    });
  });

  // Last: once a section exists, publishing needs one (the tests above publish without).
  describe('sections and tags', () => {
    let admin: { cookie: string };
    const create = (resource: 'Section' | 'Tag', name: string, cookie = admin.cookie) =>
      http().post(`/admin/api/resources/${resource}/actions/new`).set('Cookie', cookie).field('name', name);

    beforeAll(async () => {
      admin = await loggedInAs(testApp.app, UserRole.Admin);
    });

    it('are managed by admins only, with slugs derived from the names', async () => {
      const refused = await create('Section', 'Sport', editor.cookie);
      expect(refused.status).toBe(403);
      expect(await testApp.dataSource.query(`SELECT 1 FROM sections`)).toEqual([]);

      for (const name of ['World', 'Gulf', 'Middle East']) expect((await create('Section', name)).body.notice).toMatchObject({ type: 'success' });
      for (const name of ['Oil', 'Iran']) expect((await create('Tag', name)).body.notice).toMatchObject({ type: 'success' });
      const sections = await http().get('/api/sections').expect(200);
      expect(sections.body.map((section: { slug: string }) => section.slug)).toEqual(['gulf', 'middle-east', 'world']);
      expect((await http().get('/api/tags').expect(200)).body.map((tag: { name: string }) => tag.name)).toEqual(['Iran', 'Oil']);

      const taken = await create('Section', 'world');
      expect(taken.body.notice).toMatchObject({ type: 'error', message: 'another section already uses the slug "world"' });
      const badSlug = await http().post('/admin/api/resources/Tag/actions/new').set('Cookie', admin.cookie).field('name', 'Gas').field('slug', 'Not A Slug');
      expect(badSlug.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('lower-case words joined by hyphens') });
    });

    it('publishing needs a section once there are sections; editors assign one section and any tags, recorded in History', async () => {
      const [world] = await testApp.dataSource.query(`SELECT id FROM sections WHERE slug = 'world'`);
      const tags: Array<{ id: number; slug: string }> = await testApp.dataSource.query(`SELECT id, slug FROM tags ORDER BY slug`);
      const article = await insertArticle(testApp.dataSource, { headline: 'Oil prices climb after Gulf talks' });
      const publishing = testApp.app.get(PublishingService);
      const actor = await insertUserActor(testApp.dataSource, UserRole.Editor);
      await expect(publishing.publish(article.id, actor)).rejects.toMatchObject({ status: 409, code: 'ARTICLE_SECTION_REQUIRED' });
      await expect(publishing.schedule(article.id, hours(1), actor)).rejects.toMatchObject({ code: 'ARTICLE_SECTION_REQUIRED' });

      const edit = `/admin/api/resources/Article/records/${article.id}/edit`;
      const form = await get(edit).expect(200);
      expect(form.body.editor).toMatchObject({ sectionId: null, tagIds: [], sections: expect.arrayContaining([{ id: world.id, name: 'World' }]) });
      const saved = await http().post(edit).set('Cookie', editor.cookie).field('payload', JSON.stringify({ version: article.version, sectionId: world.id, tagIds: tags.map((tag) => tag.id) }));
      expect(saved.body.notice).toMatchObject({ type: 'success' });
      const unknown = await http().post(edit).set('Cookie', editor.cookie).field('payload', JSON.stringify({ version: article.version + 1, tagIds: [999999] }));
      expect(unknown.body.notice).toMatchObject({ type: 'error', message: 'no tag with id 999999' });

      const history = await get(`/admin/api/resources/Article/records/${article.id}/history`).expect(200);
      expect(history.body.history[0].changedLabels.sort()).toEqual(['Section', 'Tags']);
      await publishing.publish(article.id, actor);
      expect((await reload(article.id)).status).toBe(ArticleStatus.Published);
    });

    it('filter the public API by section and tag, and travel as ninjs subjects', async () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json' });
      const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, 'fixtures/ninjs/ninjs-schema_3.1.json'), 'utf8')));

      const [gulf] = await testApp.dataSource.query(`SELECT id FROM sections WHERE slug = 'gulf'`);
      const [iran] = await testApp.dataSource.query(`SELECT id FROM tags WHERE slug = 'iran'`);
      const other = await insertArticle(testApp.dataSource, { headline: 'Gulf ministers meet', status: ArticleStatus.Published, publishedAt: new Date(), sectionId: gulf.id });
      await testApp.dataSource.query(`INSERT INTO article_tags ("articleId", "tagId") VALUES ($1, $2)`, [other.id, iran.id]);
      const hidden = await insertArticle(testApp.dataSource, { headline: 'Unpublished Gulf draft', sectionId: gulf.id });

      const slugsOf = (response: request.Response) => response.body.items.map((item: { headline: string }) => item.headline);
      expect(slugsOf(await http().get('/api/articles?section=world').expect(200))).toEqual(['Oil prices climb after Gulf talks']);
      expect(slugsOf(await http().get('/api/articles?section=gulf').expect(200))).toEqual(['Gulf ministers meet']);
      expect(slugsOf(await http().get('/api/articles?tag=iran').expect(200)).sort()).toEqual(['Gulf ministers meet', 'Oil prices climb after Gulf talks']);
      expect(slugsOf(await http().get('/api/articles?tag=oil&section=world').expect(200))).toEqual(['Oil prices climb after Gulf talks']);
      expect(slugsOf(await http().get('/api/articles?section=nowhere').expect(200))).toEqual([]);
      expect(slugsOf(await http().get('/api/articles?tag=oil&section=gulf').expect(200))).toEqual([]);
      await http().get(`/api/articles?section=${'x'.repeat(81)}`).expect(400);
      expect(hidden.status).toBe(ArticleStatus.Draft);

      const detail = await http().get(`/api/articles/${other.slug}`).expect(200);
      expect(detail.body).toMatchObject({ section: { id: gulf.id, name: 'Gulf', slug: 'gulf' }, tags: [{ id: iran.id, name: 'Iran', slug: 'iran' }] });
      const ninjs = await http().get(`/api/articles/${other.slug}?format=ninjs`).expect(200);
      expect(validate(ninjs.body)).toBe(true);
      expect(ninjs.body.subjects).toEqual([
        { name: 'Gulf', rel: 'section', uri: `urn:wiredesk:section:${gulf.id}`, literal: 'gulf' },
        { name: 'Iran', rel: 'about', uri: `urn:wiredesk:tag:${iran.id}`, literal: 'iran' },
      ]);

      // A renamed section shows at once, cached public answers included.
      const taxonomy = testApp.app.get(TaxonomyService);
      const adminActor = await insertUserActor(testApp.dataSource, UserRole.Admin);
      await taxonomy.update('section', gulf.id, { name: 'The Gulf' }, adminActor);
      expect((await http().get(`/api/articles/${other.slug}`).expect(200)).body.section.name).toBe('The Gulf');
    });

    it('a section in use cannot be deleted; deleting a tag takes it off its articles', async () => {
      const [world] = await testApp.dataSource.query(`SELECT id FROM sections WHERE slug = 'world'`);
      const refused = await http().post(`/admin/api/resources/Section/records/${world.id}/delete`).set('Cookie', admin.cookie);
      expect(refused.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('is assigned to 1 article') });
      const [oil] = await testApp.dataSource.query(`SELECT id FROM tags WHERE slug = 'oil'`);
      const byEditor = await http().post(`/admin/api/resources/Tag/records/${oil.id}/delete`).set('Cookie', editor.cookie);
      expect(byEditor.status).toBe(403);
      const deleted = await http().post(`/admin/api/resources/Tag/records/${oil.id}/delete`).set('Cookie', admin.cookie);
      expect(deleted.body.notice).toMatchObject({ type: 'success' });
      expect(await testApp.dataSource.query(`SELECT 1 FROM article_tags WHERE "tagId" = $1`, [oil.id])).toEqual([]);
    });
  });
});
