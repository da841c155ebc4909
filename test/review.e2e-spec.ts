import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Article } from '../src/articles/article.entity';
import { ArticleRevision } from '../src/articles/revision.entity';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { ImportsService } from '../src/imports/imports.service';
import { ArticleFixture, buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { UserRole } from '../src/auth/user.entity';
import { loggedInAs } from './support/admin-session';
import { bootTestApp, TestApp } from './support/test-app';

const operator: Actor = { kind: 'system', name: 'test' };
const credited = (seed: number) => `Officials meet in district ${seed} on Monday to discuss the border (Photo by AHMAD AL-RUBAYE / AFP)`;

describe('the Needs review queue', () => {
  let testApp: TestApp;
  let dump: string;
  let reader: string;
  let writer: string;
  let clean: Article;
  let once: Article;

  const once_: ArticleFixture = { ...syntheticArticle(2, 4), photos: [credited(2)], headerPrintedOnce: true };

  beforeAll(async () => {
    testApp = await bootTestApp();
    dump = buildDump([
      { ...syntheticArticle(1, 4), photos: [credited(1)] },
      once_,
      { ...syntheticArticle(3, 4), photos: Array.from({ length: 9 }, (_unused, index) => credited(300 + index)) },
    ]);
    const directory = await mkdtemp(join(tmpdir(), 'wiredesk-review-'));
    const path = join(directory, 'review.txt');
    await writeFile(path, dump);
    const outcome = await testApp.app.get(ImportsService).importFile(path, operator);
    await rm(directory, { recursive: true, force: true });
    expect(outcome.import.counts).toMatchObject({ articlesCreated: 3, needsReview: 1 });
    const articles = await testApp.dataSource.getRepository(Article).find({ order: { id: 'ASC' } });
    [clean, once] = articles;
    const tokens = testApp.app.get(ApiTokensService);
    reader = (await tokens.create({ name: 'reader', scopes: [TokenScope.ContentRead] }, operator)).secret;
    writer = (await tokens.create({ name: 'writer', scopes: [TokenScope.ContentWrite] }, operator)).secret;
  });
  afterAll(() => testApp.close());

  it('marks only the article the parser guessed about, with its anomalies, and says so in the report', async () => {
    expect([clean.needsReview, once.needsReview]).toEqual([false, true]);
    expect(once.anomalies).toEqual([{ code: 'header-printed-once', lines: [once.sourceLineStart, expect.any(Number)], message: expect.stringContaining('printed once') }]);
    const [{ report }] = await testApp.dataSource.query(`SELECT report FROM imports`);
    expect(report.articles.map((entry: { anomalies?: string[] }) => entry.anomalies ?? [])).toEqual([[], ['header-printed-once'], []]);
  });

  it('serves the dump lines behind the article, numbered as in the dump', async () => {
    const response = await request(testApp.app.getHttpServer()).get(`/api/articles/${once.id}/source`).auth(reader, { type: 'bearer' }).expect(200);
    const dumpLines = dump.split('\n');
    expect(response.body.lines.length).toBe(once.sourceLineEnd! - once.sourceLineStart! + 1);
    for (const line of response.body.lines) expect(line.text).toBe(dumpLines[line.number - 1]);
    expect(response.body.lines[0]).toEqual({ number: once.sourceLineStart, text: once_.headline });
    expect(response.body.anomalies.map((anomaly: { code: string }) => anomaly.code)).toEqual(['header-printed-once']);
  });

  it('refuses the source to strangers, and says why an article has none', async () => {
    await request(testApp.app.getHttpServer()).get(`/api/articles/${once.id}/source`).expect(401);
    const none = await request(testApp.app.getHttpServer()).get(`/api/articles/${clean.id}/source`).auth(reader, { type: 'bearer' }).expect(404);
    expect(none.body.detail).toMatch(/read without guesses/);
  });

  it('marks the article reviewed under the version check, and History records it', async () => {
    const server = testApp.app.getHttpServer();
    await request(server).post(`/api/articles/${once.id}/review`).auth(reader, { type: 'bearer' }).send({ version: once.version }).expect(403);
    await request(server).post(`/api/articles/${once.id}/review`).auth(writer, { type: 'bearer' }).send({ version: once.version + 1 }).expect(409);
    expect((await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: once.id })).needsReview).toBe(true);

    const reviewed = await request(server).post(`/api/articles/${once.id}/review`).auth(writer, { type: 'bearer' }).send({ version: once.version }).expect(200);
    expect(reviewed.body.version).toBe(once.version + 1);
    const row = await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: once.id });
    expect(row.needsReview).toBe(false);
    expect(row.reviewedAt).toBeInstanceOf(Date);
    const revision = await testApp.dataSource.getRepository(ArticleRevision).findOneByOrFail({ articleId: once.id, version: row.version });
    expect(revision.changes).toEqual({ reviewed: { anomalies: ['header-printed-once'] } });
    expect(revision.actorName).toBe('token "writer"');

    const again = await request(server).post(`/api/articles/${once.id}/review`).auth(writer, { type: 'bearer' }).send({ version: row.version }).expect(409);
    expect(again.body.detail).toMatch(/does not need review/);
  });

  describe('in the panel', () => {
    let guessed: Article;
    let editor: { cookie: string };
    let contributor: { cookie: string };
    const panelGet = (url: string, cookie: string) => request(testApp.app.getHttpServer()).get(url).set('Cookie', cookie);
    const panelPost = (url: string, cookie: string, payload: object) =>
      request(testApp.app.getHttpServer()).post(url).set('Cookie', cookie).field('payload', JSON.stringify(payload));

    beforeAll(async () => {
      const directory = await mkdtemp(join(tmpdir(), 'wiredesk-review-panel-'));
      const path = join(directory, 'panel.txt');
      await writeFile(path, buildDump([{ ...syntheticArticle(40, 3), photos: [credited(40)], headerPrintedOnce: true }, { ...syntheticArticle(41, 3), photos: [credited(41)] }]));
      await testApp.app.get(ImportsService).importFile(path, operator);
      await rm(directory, { recursive: true, force: true });
      guessed = await testApp.dataSource.getRepository(Article).findOneByOrFail({ headline: syntheticArticle(40, 3).headline });
      editor = await loggedInAs(testApp.app, UserRole.Editor);
      contributor = await loggedInAs(testApp.app, UserRole.Contributor);
    });

    it('lists exactly the articles waiting for review, and the Articles list filters on it', async () => {
      const waiting = await testApp.dataSource.getRepository(Article).find({ where: { needsReview: true }, order: { id: 'ASC' } });
      expect(waiting.map((article) => article.id)).toEqual([guessed.id]);
      const queue = await panelGet('/admin/api/resources/NeedsReview/actions/list', editor.cookie).expect(200);
      expect(queue.body.records.map((record: { id: string }) => Number(record.id))).toEqual([guessed.id]);
      expect(queue.body.meta.total).toBe(1);
      const filtered = await panelGet('/admin/api/resources/Article/actions/list?filters.needsReview=false&perPage=100', editor.cookie).expect(200);
      const ids = filtered.body.records.map((record: { id: string }) => Number(record.id));
      expect(ids).not.toContain(guessed.id);
      expect(ids.length).toBe((await testApp.dataSource.getRepository(Article).count()) - 1);
      const refused = await panelGet('/admin/api/resources/Article/actions/list?filters.needsReview=maybe', editor.cookie);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    });

    it('shows the dump lines with their numbers beside the parse, and the guess with its lines', async () => {
      const page = await panelGet(`/admin/api/resources/NeedsReview/records/${guessed.id}/review`, contributor.cookie).expect(200);
      const { review } = page.body;
      expect(review.lines[0]).toEqual({ number: guessed.sourceLineStart, text: guessed.headline });
      expect(review.lines[review.lines.length - 1].number).toBe(guessed.sourceLineEnd);
      expect(review.anomalies).toEqual([expect.objectContaining({ code: 'header-printed-once', lines: [guessed.sourceLineStart, expect.any(Number)] })]);
      expect(review.captions).toEqual([expect.objectContaining({ text: expect.stringContaining('district 40'), credit: 'Photo by AHMAD AL-RUBAYE / AFP', photographer: 'Ahmad Al-Rubaye', agency: 'AFP' })]);
      expect(review.needsReview).toBe(true);
      expect(review.canReview).toBe(true);
      expect(review.editUrl).toBe(`/admin/resources/NeedsReview/records/${guessed.id}/edit`);
      // The queue's own page is the review page.
      const shown = await panelGet(`/admin/api/resources/NeedsReview/records/${guessed.id}/show`, editor.cookie).expect(200);
      expect(shown.body.review.lines.length).toBe(review.lines.length);
    });

    it('marks the article reviewed under the version check, sends the editor back to the queue, and records it in History', async () => {
      const url = `/admin/api/resources/NeedsReview/records/${guessed.id}/review`;
      const stale = await panelPost(url, editor.cookie, { version: guessed.version + 5 }).expect(200);
      expect(stale.body.problem.code).toBe('ARTICLE_VERSION_CONFLICT');
      expect((await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: guessed.id })).needsReview).toBe(true);

      const done = await panelPost(url, editor.cookie, { version: guessed.version }).expect(200);
      expect(done.body.problem).toBeUndefined();
      expect(done.body.redirectUrl).toBe('/admin/resources/NeedsReview/actions/list');
      const queue = await panelGet('/admin/api/resources/NeedsReview/actions/list', editor.cookie).expect(200);
      expect(queue.body.records).toEqual([]);
      const history = await panelGet(`/admin/api/resources/Article/records/${guessed.id}/history`, editor.cookie).expect(200);
      expect(history.body.history[0].reviewed).toEqual({ anomalies: ['header-printed-once'] });
    });
  });
});
