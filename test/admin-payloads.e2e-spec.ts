import request from 'supertest';
import { UserRole } from '../src/auth/user.entity';
import { Caption } from '../src/captions/caption.entity';
import { Import } from '../src/imports/import.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertImport, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** What a 10-row list page (or one record's page) may weigh, whatever the records it points to hold. */
const PAGE_BUDGET_BYTES = 50 * 1024;

/** An import report as the importer writes it, padded out to about `megabytes` MB of article entries. */
function bigReport(megabytes: number) {
  const articles = Array.from({ length: Math.ceil((megabytes * 1024 * 1024) / 200) }, (_, index) => ({
    index,
    articleId: 1000 + index,
    headline: `Wire story number ${index} about talks, budgets and the weather in the region`,
    outcome: 'created',
    lines: [index * 20, index * 20 + 19],
  }));
  const removed = Array.from({ length: 2000 }, (_, index) => ({ line: index * 3, reason: 'debris', text: `---- page break ${index} ----` }));
  return {
    counts: { articlesCreated: articles.length, exactDuplicates: 0, nearDuplicates: 0, photosCreated: 0, authorsCreated: 0, linesRemoved: removed.length, warnings: 3 },
    articles,
    removed,
    removedByReason: { debris: removed.length },
    warnings: ['one', 'two', 'three'],
    truncated: false,
    nearDuplicateMs: 12,
    updatedArticleIds: [],
  };
}

describe('admin panel: bounded pages', () => {
  let testApp: TestApp;
  let editor: { cookie: string; id: number };
  let contributor: { cookie: string };
  let imports: Import[];

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    editor = await loggedInAs(testApp.app, UserRole.Editor);
    contributor = await loggedInAs(testApp.app, UserRole.Contributor);
    imports = [];
    for (let index = 0; index < 3; index++) {
      imports.push(await insertImport(testApp.dataSource, { report: bigReport(3), counts: bigReport(0).counts, createdById: editor.id }));
    }
    const photo = await insertPhoto(testApp.dataSource, { url: 'https://example.com/a.jpg' });
    for (let index = 0; index < 12; index++) {
      const article = await insertArticle(testApp.dataSource, { importId: imports[index % imports.length].id });
      await testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, position: 0, text: `Caption ${index}` });
    }
  }, 120_000);
  afterAll(() => testApp?.close());

  const get = (url: string, cookie: string) => request(testApp.app.getHttpServer()).get(url).set('Cookie', cookie);
  const bytesOf = (response: request.Response) => Buffer.byteLength(response.text);

  it.each([
    ['Article', 'editor'],
    ['Article', 'contributor'],
    ['Duplicates', 'editor'],
    ['Import', 'editor'],
    ['Import', 'contributor'],
    ['Caption', 'editor'],
    ['Photo', 'editor'],
  ])('keeps a 10-row %s list under the budget for a %s while imports hold multi-MB reports', async (resource, role) => {
    const cookie = role === 'editor' ? editor.cookie : contributor.cookie;
    const response = await get(`/admin/api/resources/${resource}/actions/list`, cookie);
    expect(response.status).toBe(200);
    expect(bytesOf(response)).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(response.text).not.toContain('Wire story number');
  });

  it('carries references as id and title only', async () => {
    const response = await get('/admin/api/resources/Article/actions/list', editor.cookie);
    const populated = response.body.records[0].populated.importId;
    expect(populated).toMatchObject({ id: expect.anything(), title: 'dump.txt', params: {} });
    const imported = await get('/admin/api/resources/Import/actions/list', contributor.cookie);
    const uploader = imported.body.records[0].populated.createdById;
    expect(uploader.params).toEqual({});
    expect(JSON.stringify(uploader)).not.toMatch(/"role"|"disabled"|"createdAt"/);
  });

  it('keeps an import’s own page under the budget and serves its report a page at a time', async () => {
    const [first] = imports;
    const show = await get(`/admin/api/resources/Import/records/${first.id}/show`, editor.cookie);
    expect(show.status).toBe(200);
    expect(bytesOf(show)).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(show.body.record.params.fileName).toBe('dump.txt');

    const total = bigReport(3).articles.length;
    const page = await get(`/admin/api/resources/Import/records/${first.id}/report?section=articles&page=2&perPage=50`, editor.cookie);
    expect(page.status).toBe(200);
    expect(bytesOf(page)).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(page.body.report).toMatchObject({ section: 'articles', page: 2, perPage: 50, total });
    expect(page.body.report.entries.map((entry: { index: number }) => entry.index)).toEqual(Array.from({ length: 50 }, (_, index) => 50 + index));
    expect(page.body.report.summary).toMatchObject({ removedByReason: { debris: 2000 }, truncated: false });
    expect(page.body.report.summary.articles).toBeUndefined();

    const removed = await get(`/admin/api/resources/Import/records/${first.id}/report?section=removed&page=40&perPage=50`, contributor.cookie);
    expect(removed.body.report.entries).toHaveLength(50);
    expect(removed.body.report.entries[0]).toMatchObject({ line: 39 * 50 * 3 });

    for (const query of ['section=report', 'page=0', 'page=abc', 'perPage=201']) {
      const refused = await get(`/admin/api/resources/Import/records/${first.id}/report?${query}`, editor.cookie);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('IMPORT_INVALID_REPORT_PAGE');
    }
  });

  it('caps a list page at 100 rows', async () => {
    for (let index = 0; index < 95; index++) await insertArticle(testApp.dataSource);
    const response = await get('/admin/api/resources/Article/actions/list?perPage=500', editor.cookie);
    expect(response.status).toBe(200);
    expect(response.body.meta.perPage).toBe(100);
    expect(response.body.records).toHaveLength(100);
  });
});
