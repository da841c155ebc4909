import fc from 'fast-check';
import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { UserRole } from '../src/auth/user.entity';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertImport, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const RESOURCES = ['Article', 'Duplicates', 'NeedsReview', 'Import', 'Photo', 'Caption', 'Author', 'User', 'ApiToken', 'WebhookSubscription', 'WebhookDelivery', 'Spiked', 'Section', 'Tag', 'AuthorMerge'];
/** Every column name the panel's resources list, sort or filter on, and some they do not. */
const NAMES = [
  'id', 'headline', 'status', 'duplicateKind', 'duplicateOfId', 'duplicateScore', 'needsReview', 'importId', 'updatedAt', 'createdAt', 'scheduledAt',
  'fileName', 'counts', 'attempts', 'finishedAt', 'credit', 'agency', 'photographerId', 'url', 'articleId', 'photoId', 'position', 'text', 'name', 'key',
  'email', 'role', 'disabled', 'prefix', 'scopes', 'lastUsedAt', 'revokedAt', 'subscriptionId', 'event', 'active', 'lastResponseStatus', 'nextAttemptAt',
  'report', 'passwordHash', 'body', 'slug', 'sectionId', 'keptAuthorId', 'mergedAuthor', 'movedBylineIds', 'actorName', 'undoneAt', 'nope', 'constructor', '__proto__',
];
const AWKWARD = ['', ' ', '-1', '0', '1', '2', '-5', '1.5', '1e3', 'NaN', 'Infinity', 'abc', 'true', 'false', 'null', '2024-01-01', '2024-13-45', '99999-01-01',
  '9999999999999999999', '2147483648', '%', "'", '\\', '\u0000', 'draft', 'exact', 'waiting', 'admin', 'asc', 'desc', 'x'.repeat(600)];

const valueArbitrary = fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ maxLength: 20 }), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((date) => date.toISOString()));
const keyArbitrary = fc.oneof(
  fc.constantFrom('page', 'perPage', 'sortBy', 'direction'),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('', '~~from', '~~to', '~~nope', '.x')).map(([name, suffix]) => `filters.${name}${suffix}`),
  fc.string({ maxLength: 12 }).map((name) => `filters.${name}`),
);
const sortValue = fc.oneof(fc.constantFrom(...NAMES), valueArbitrary);
const pairArbitrary = fc.oneof(
  fc.tuple(fc.constant('sortBy'), sortValue),
  fc.tuple(keyArbitrary, valueArbitrary),
);

describe('admin panel: list parameters answer 400, never 500', () => {
  let testApp: TestApp;
  let admin: { cookie: string };

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    admin = await loggedInAs(testApp.app, UserRole.Admin);
    const imported = await insertImport(testApp.dataSource);
    await insertArticle(testApp.dataSource, { importId: imported.id });
    await insertPhoto(testApp.dataSource);
    await insertArticle(testApp.dataSource, { status: ArticleStatus.Spiked });
    await testApp.dataSource.query(`INSERT INTO sections (name, slug) VALUES ('World', 'world')`);
    await testApp.dataSource.query(`INSERT INTO tags (name, slug) VALUES ('Elections', 'elections')`);
  });
  afterAll(() => testApp?.close());

  const list = (resource: string, query: string) => request(testApp.app.getHttpServer()).get(`/admin/api/resources/${resource}/actions/list?${query}`).set('Cookie', admin.cookie);

  it.each([
    ['Photo', 'sortBy=nope'],
    ['Caption', 'perPage=-5'],
    ['Author', 'page=-1'],
    ['Import', 'filters.createdAt~~from=garbage&filters.createdAt~~to=also-garbage'],
    ['Caption', 'filters.articleId=abc'],
    ['Photo', 'filters.photographerId=abc'],
    ['Article', 'sortBy=nope'],
    ['NeedsReview', 'filters.importId=abc'],
    ['WebhookDelivery', 'filters.subscriptionId=1.5'],
    ['User', 'filters.disabled=maybe'],
    ['Spiked', 'filters.importId=abc'],
    ['Section', 'sortBy=nope'],
    ['Tag', 'perPage=-5'],
    ['AuthorMerge', 'filters.keptAuthorId=abc'],
  ])('%s?%s is a 400 naming the parameter', async (resource, query) => {
    const response = await list(resource, query);
    expect(response.status).toBe(400);
    expect(response.body.detail).toEqual(expect.any(String));
  });

  it('answers a good list query with 200', async () => {
    expect((await list('Import', 'sortBy=createdAt&direction=asc&perPage=5&page=1&filters.status=completed&filters.createdAt~~from=2020-01-01')).status).toBe(200);
    expect((await list('Caption', 'filters.articleId=')).status).toBe(200);
  });

  it.each(RESOURCES)('%s: any sortBy, perPage, page, direction and filters.* gives 200 or a 400 problem', async (resource) => {
    await fc.assert(
      fc.asyncProperty(fc.array(pairArbitrary, { maxLength: 5 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await list(resource, query);
        if (response.status !== 200 && response.status !== 400) throw new Error(`${resource}?${query} answered ${response.status}: ${response.text.slice(0, 300)}`);
        if (response.status === 400) expect(response.body).toMatchObject({ status: 400, detail: expect.any(String) });
      }),
      { numRuns: Number(process.env.LIST_PARAM_RUNS ?? 40) },
    );
  }, 120_000);
});
