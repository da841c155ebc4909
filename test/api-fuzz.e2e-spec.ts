import fc from 'fast-check';
import request from 'supertest';
import { ArticleEventName } from '../src/articles/article-events';
import { ArticleStatus, DuplicateKind } from '../src/articles/article-status';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { Caption } from '../src/captions/caption.entity';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertAuthor, insertImport, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'fuzz' };
/** Roughly how many requests one run sends, spread evenly over the operations of the spec. */
const TOTAL_REQUESTS = 5_000;
/** Copy only an editor may see; an anonymous answer containing it is a leak. */
const SECRET = 'CONFIDENTIALDRAFTMARKER';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
  allOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface FuzzRequest {
  credential: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string };
}

/**
 * Drives every operation of /docs-json with fast-check: valid and invalid path ids, query parameters and
 * bodies, under eight kinds of credentials. Whatever comes in, nothing answers 5xx, every error is problem
 * JSON, and no anonymous answer shows unpublished copy.
 */
describe('API fuzzing from the OpenAPI document', () => {
  let testApp: TestApp;
  let http: ReturnType<typeof request>;
  let operations: Operation[];
  let components: Record<string, Schema>;
  const credentials: Record<string, Record<string, string>> = {};
  const ids: number[] = [];
  const slugs: string[] = [];
  const totals = { requests: 0, byStatus: new Map<number, number>() };
  const previousRateLimit = process.env.RATE_LIMIT_PER_MINUTE;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '1000000';
    testApp = await bootTestApp({ runWorkers: false });
    http = request(testApp.app.getHttpServer());
    const ds = testApp.dataSource;

    const author = await insertAuthor(ds, { name: 'Fuzz Writer', key: 'fuzz writer' });
    const photo = await insertPhoto(ds, { url: 'https://images.example.com/fuzz.jpg', photographerId: author.id });
    const published = await insertArticle(ds, { slug: 'public-story', headline: 'Public story', status: ArticleStatus.Published, publishedAt: new Date('2026-11-01T00:00:00Z') });
    // Flagged as duplicates, these can be neither published nor scheduled live by anyone the fuzzer plays.
    const secretDraft = await insertArticle(ds, {
      slug: 'secret-draft',
      headline: `${SECRET} draft`,
      body: [`${SECRET} body`],
      duplicateOfId: published.id,
      duplicateKind: DuplicateKind.Exact,
      duplicateScore: 1,
    });
    const secretPulled = await insertArticle(ds, {
      slug: 'secret-pulled',
      headline: `${SECRET} pulled`,
      body: [`${SECRET} pulled body`],
      status: ArticleStatus.Unpublished,
      publishedAt: new Date('2026-10-01T00:00:00Z'),
      duplicateOfId: published.id,
      duplicateKind: DuplicateKind.Near,
      duplicateScore: 0.9,
    });
    const caption = await ds.getRepository(Caption).save({ articleId: published.id, photoId: photo.id, position: 0, text: 'A caption' });
    const imported = await insertImport(ds);
    const subscription = await testApp.app.get(WebhooksService).subscribe({ url: 'http://127.0.0.1:9/hook', events: [ArticleEventName.Published], active: false }, SYSTEM);
    ids.push(author.id, photo.id, published.id, secretDraft.id, secretPulled.id, caption.id, imported.id, subscription.subscription.id);
    slugs.push(published.slug, secretDraft.slug, secretPulled.slug);

    const tokens = testApp.app.get(ApiTokensService);
    const issue = async (scopes: TokenScope[]) => ({ Authorization: `Bearer ${(await tokens.create({ name: scopes.join(' '), scopes }, SYSTEM)).secret}` });
    const revoked = await tokens.create({ name: 'revoked', scopes: Object.values(TokenScope) }, SYSTEM);
    await tokens.revoke(revoked.token.id, SYSTEM);
    credentials.anonymous = {};
    credentials.malformed = { Authorization: 'Basic Zm9vOmJhcg==' };
    credentials.unknownToken = { Authorization: 'Bearer wd_not-a-token' };
    credentials.revokedToken = { Authorization: `Bearer ${revoked.secret}` };
    credentials.reader = await issue([TokenScope.ContentRead]);
    credentials.publisher = await issue([TokenScope.ContentWrite, TokenScope.ContentPublish]);
    credentials.allScopes = await issue(Object.values(TokenScope));
    credentials.adminSession = { Cookie: (await loggedInAs(testApp.app, UserRole.Admin)).cookie };

    const document = (await http.get('/docs-json').expect(200)).body;
    components = document.components?.schemas ?? {};
    operations = [];
    for (const [path, item] of Object.entries<Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
        const content = operation.requestBody?.content ?? {};
        operations.push({ method, path, parameters: operation.parameters ?? [], body: (content['application/json'] ?? Object.values(content)[0])?.schema });
      }
    }
  }, 120_000);

  afterAll(async () => {
    if (previousRateLimit === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
    else process.env.RATE_LIMIT_PER_MINUTE = previousRateLimit;
    await testApp?.close();
    const statuses = [...totals.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    console.log(`API fuzz: ${totals.requests} requests over ${operations?.length ?? 0} operations; statuses ${statuses.join(', ')}`);
  });

  it('answers the inputs that used to fail with the 4xx that names them', async () => {
    const notFound = await http.get('/api/authors/2147483648').expect(404);
    expect(notFound.headers['content-type']).toContain('application/problem+json');
    await http.patch('/api/articles/9007199254740993').set(credentials.publisher).set('If-Match', '"1"').send({ headline: 'x' }).expect(404);
    await http.get('/api/articles').query({ q: '\0' }).expect(400);
    const nul = await http.get('/api/articles?agency=%00').expect(400);
    expect(nul.body.detail).toContain('NUL');
    const deep = 100_000;
    const nested = await http.post('/api/articles').set(credentials.publisher).set('Content-Type', 'application/json').send(`${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`).expect(400);
    expect(nested.body.detail).toContain('nested more than');
    await http.post('/api/articles').set(credentials.publisher).send({ headline: 'a\u0000b', body: ['x'] }).expect(400);
    // Authorisation comes before validation: a reader learns it may not write, not what the body lacks.
    const forbidden = await http.post('/api/articles').set(credentials.reader).send({}).expect(403);
    expect(forbidden.body.detail).toContain('may not edit draft');
    await http.post('/api/webhooks').set(credentials.publisher).send({}).expect(403);
  });

  it('answers every generated request without a 5xx, errors as problem JSON, and never shows a draft anonymously', async () => {
    expect(operations.length).toBeGreaterThan(20);
    const runsPerOperation = Math.ceil(TOTAL_REQUESTS / operations.length);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (generated) => {
          const response = await send(operation, generated);
          totals.requests += 1;
          totals.byStatus.set(response.status, (totals.byStatus.get(response.status) ?? 0) + 1);
          const what = `${operation.method.toUpperCase()} ${generated.path} as ${generated.credential} → ${response.status} ${response.text.slice(0, 300)}`;
          expect({ what, serverError: response.status >= 500 }).toEqual({ what, serverError: false });
          if (response.status >= 400) {
            expect({ what, type: response.headers['content-type'] }).toEqual({ what, type: expect.stringContaining('application/problem+json') });
            expect({ what, status: response.body.status, detail: typeof response.body.detail }).toEqual({ what, status: response.status, detail: 'string' });
          }
          if (generated.credential === 'anonymous') expect({ what, leaked: response.text.includes(SECRET) }).toEqual({ what, leaked: false });
        }),
        { numRuns: runsPerOperation, endOnFailure: true, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    expect(totals.requests).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
  }, 900_000);

  async function send(operation: Operation, generated: FuzzRequest): Promise<request.Response> {
    const method = operation.method as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let call = http[method](generated.path).query(generated.query).set(generated.headers).set(credentials[generated.credential]).timeout(30_000);
    if (generated.body?.kind === 'json') call = call.set('Content-Type', 'application/json').send(JSON.stringify(generated.body.value));
    else if (generated.body?.kind === 'raw') call = call.set('Content-Type', generated.body.type).send(generated.body.text);
    return call.ok(() => true);
  }

  function requestFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
    const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
    const path = fc.tuple(...pathParameters.map(() => pathValue())).map((values) =>
      pathParameters.reduce((built, parameter, index) => built.replace(`{${parameter.name}}`, values[index]), operation.path),
    );
    const query = fc
      .tuple(...queryParameters.map((parameter) => fc.option(fc.oneof(valueFor(parameter.schema ?? {}).map(String), junkText()), { nil: undefined, freq: 2 })))
      .map((values) => Object.fromEntries(queryParameters.flatMap((parameter, index) => (values[index] === undefined ? [] : [[parameter.name, values[index]!]]))));
    const headers = fc.record(
      {
        'If-Match': fc.oneof(fc.constant('"1"'), fc.constant('W/"1"'), fc.constant('*'), fc.nat().map((n) => `"${n}"`), junkHeader()),
        'If-None-Match': fc.oneof(fc.constant('*'), junkHeader()),
        Accept: fc.constantFrom('application/json', 'application/ninjs+json', 'text/html', '*/*'),
      },
      { requiredKeys: [] },
    );
    const body: fc.Arbitrary<FuzzRequest['body']> = operation.body
      ? fc.oneof(
          { weight: 4, arbitrary: valueFor(operation.body).map((value) => ({ kind: 'json' as const, value })) },
          { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })) },
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: junkBody() },
        )
      : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junkBody() });
    return fc.record({ credential: fc.constantFrom(...Object.keys(credentials)), path, query, headers, body });
  }

  function pathValue(): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ids, ...slugs).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('0', '2147483647', '2147483648', '9007199254740993', '99999999999999999999999', '-1', '1.5', '1e3', '0x10') },
      { weight: 1, arbitrary: junkText().map(encodeURIComponent) },
    );
  }

  /** A value that follows `schema` (enums, types, bounds), so requests get past validation often enough to reach the services. */
  function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    if (schema.$ref) return valueFor(components[schema.$ref.split('/').pop()!] ?? {}, depth + 1);
    if (schema.allOf) return valueFor(Object.assign({}, ...schema.allOf.map((part) => (part.$ref ? components[part.$ref.split('/').pop()!] : part))), depth + 1);
    const plain = plainValueFor(schema, depth);
    return schema.nullable ? fc.option(plain, { nil: null, freq: 5 }) : plain;
  }

  function plainValueFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'integer':
      case 'number':
        return fc.oneof(fc.constantFrom(...ids), fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1_000, 1_000) }), fc.constantFrom(2 ** 31, 2 ** 53, -1, 0.5));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 3 });
      case 'object': {
        if (depth > 4 || !schema.properties) return fc.constant({});
        const required = schema.required ?? [];
        return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, valueFor(property, depth + 1)])), {
          requiredKeys: required.filter((name) => name in schema.properties!),
        });
      }
      default:
        if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
        if (schema.format === 'binary') return fc.string();
        return fc.oneof(
          fc.constantFrom(...slugs, 'https://images.example.com/x.jpg', 'http://127.0.0.1:9/hook', 'AFP', 'content:read', 'article.published', '2030-01-01T00:00:00Z'),
          fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        );
    }
  }

  function junkText(): fc.Arbitrary<string> {
    return fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('\0', 'a\0b', '%', '../../etc/passwd', "'; DROP TABLE articles; --", 'x'.repeat(5_000), '[]', '{}', 'null', 'NaN', '-0', ' '),
    );
  }

  function junkHeader(): fc.Arbitrary<string> {
    return fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 30 });
  }

  function junkBody(): fc.Arbitrary<NonNullable<FuzzRequest['body']>> {
    return fc.oneof(
      fc.constantFrom('{', '{"a":1', 'null', '"text"', '123', '[]', '{"headline":"\\u0000"}').map((text) => ({ kind: 'raw' as const, text, type: 'application/json' })),
      fc.integer({ min: 33, max: 100_000 }).map((depth) => ({ kind: 'raw' as const, text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, type: 'application/json' })),
      fc.integer({ min: 33, max: 100_000 }).map((depth) => ({ kind: 'raw' as const, text: `${'['.repeat(depth)}${']'.repeat(depth)}`, type: 'application/json' })),
      junkText().map((text) => ({ kind: 'raw' as const, text, type: 'text/plain' })),
      fc.constant({ kind: 'raw' as const, text: 'a=1&b[c]=2&d=%00', type: 'application/x-www-form-urlencoded' }),
      fc.constant({ kind: 'raw' as const, text: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nhi\r\n--x--\r\n', type: 'multipart/form-data; boundary=x' }),
    );
  }
});
