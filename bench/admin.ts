/**
 * `npm run bench:admin -- [--articles 1000000] [--imports 200] [--report-mb 5] [--runs 7] [--no-browser]`
 *
 * Seeds a fresh database with a newsroom's archive, all in SQL (`generate_series`, secondary indexes dropped
 * during the load and rebuilt after, as a restore would): articles spread over imports whose reports are
 * about `--report-mb` MB each (what a big wire dump's report weighs), authors, photos and captions. Then it
 * boots the whole app and, logged in over loopback HTTP, measures every list, show and edit route of the
 * panel (what the AdminJS pages call): bytes of each answer and the server's time for it (from the request
 * reaching the HTTP server to the last byte written; median of several runs after one uncounted warm-up).
 * The Articles list is also timed deep, filtered and under every sort. Last, in Chromium on this machine: the
 * first load of /admin after logging in, and navigation to a rendered Articles list (first visit and again).
 * Ends with one JSON line of the figures.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { quoteIdentifier } from '../src/database/embedded-postgres';
import { openScratchDatabase } from './scratch-database';

const PASSWORD = 'bench editor password';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** In production the session cookie is Secure: the requests say they came through a TLS proxy, as they would. */
const AS_IF_HTTPS = { 'x-forwarded-proto': 'https' };

function option(argv: string[], flag: string, fallback: number): number {
  const index = argv.indexOf(flag);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number`);
  return value;
}

/** Secondary indexes of `articles` (not the primary key): dropped for the load, rebuilt after. */
async function withoutSecondaryIndexes(client: Client, load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = 'articles'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'articles'::regclass)`,
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${quoteIdentifier(name)}`);
  await load();
  for (const { definition } of rows) await client.query(definition);
}

async function seed(url: string, articles: number, imports: number, reportMegabytes: number, uploaderId: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(
      `INSERT INTO imports ("fileName", sha256, "byteSize", status, counts, "createdAt", "finishedAt")
       SELECT 'wire-' || i || '.txt', encode(sha256(('import ' || i)::bytea), 'hex'), 1000000, 'completed',
              jsonb_build_object('articlesCreated', $2::int / $1::int, 'exactDuplicates', 0, 'nearDuplicates', 0, 'photosCreated', 0,
                                 'authorsCreated', 0, 'linesRemoved', 0, 'warnings', 0),
              now() - i * interval '1 hour', now() - i * interval '1 hour'
       FROM generate_series(1, $1::int) AS i`,
      [imports, articles],
    );
    await withoutSecondaryIndexes(client, async () => {
      // Words drawn from a small vocabulary, so search and headline sorts see realistic repetition.
      await client.query(
        `INSERT INTO articles (slug, headline, body, status, "publishedAt", "scheduledAt", "contentHash", "duplicateOfId", "duplicateKind",
                               "duplicateScore", "importId", "sourceLineStart", "sourceLineEnd", "createdAt", "updatedAt")
         SELECT 'story-' || i,
                initcap(w[1 + i % 23]) || ' ' || w[1 + (i / 23) % 23] || ' ' || w[1 + (i / 529) % 23] || ' in ' || initcap(p[1 + i % 11]) || ' ' || i,
                ARRAY['The ' || w[1 + i % 23] || ' in ' || initcap(p[1 + (i / 7) % 11]) || ' continued on day ' || i % 365 || '.',
                      'Officials said the ' || w[1 + (i / 3) % 23] || ' would be reviewed.',
                      'Reference ' || md5(i::text) || '.'],
                CASE WHEN i % 20 < 12 THEN 'published' WHEN i % 20 < 19 THEN 'draft' ELSE 'unpublished' END,
                CASE WHEN i % 20 < 12 THEN now() - i * interval '1 minute' END,
                CASE WHEN i % 20 = 12 AND i % 100 < 20 THEN now() + (i % 1000) * interval '1 hour' END,
                md5(i::text) || md5((i + 1)::text),
                CASE WHEN i % 200 = 13 THEN i - 1 END,
                CASE WHEN i % 200 = 13 THEN (CASE WHEN i % 400 = 13 THEN 'exact' ELSE 'near' END) END,
                CASE WHEN i % 200 = 13 THEN 0.8 END,
                1 + i % $2::int,
                1, 20,
                now() - i * interval '1 minute',
                now() - i * interval '1 minute' + (i % 97) * interval '1 second'
         FROM generate_series(1, $1::int) AS i,
              (SELECT ARRAY['talks','ceasefire','election','protest','budget','summit','strike','flood','drought','exports',
                            'reform','verdict','inquiry','deal','offensive','visit','vote','outage','rally','sanctions',
                            'harvest','tariffs','census'] AS w,
                      ARRAY['baghdad','basra','mosul','erbil','najaf','kirkuk','riyadh','cairo','beirut','amman','doha'] AS p) AS words`,
        [articles, imports],
      );
    });
    await seedReports(client, reportMegabytes, uploaderId);
    await seedLibrary(client, articles);
    for (const table of ['articles', 'imports', 'authors', 'photos', 'captions']) await client.query(`VACUUM ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}

/**
 * Gives every import one report of about `megabytes` MB, shaped as the importer writes it (an entry per
 * article, removed lines, counts) and uploaded by `uploaderId`: built once in SQL, then stored in every row.
 */
async function seedReports(client: Client, megabytes: number, uploaderId: number): Promise<void> {
  // An article entry is about 150 bytes of JSON text, a removed line about 80: 85 % of the size in articles.
  const entries = Math.round((megabytes * 1024 * 1024 * 0.85) / 150);
  const removed = Math.round((megabytes * 1024 * 1024 * 0.15) / 80);
  await client.query(
    `CREATE TEMP TABLE bench_report AS
     SELECT jsonb_build_object(
       'counts', jsonb_build_object('articlesCreated', $1::int, 'exactDuplicates', $1::int / 50, 'nearDuplicates', 0, 'photosCreated', 0,
                                    'authorsCreated', 0, 'linesRemoved', $2::int, 'warnings', 0),
       'articles', (SELECT jsonb_agg(jsonb_build_object('index', g, 'articleId', g, 'headline', 'Wire story ' || g || ' ' || md5(g::text),
                                                        'outcome', CASE WHEN g % 50 = 0 THEN 'exact-duplicate' ELSE 'created' END,
                                                        'lines', jsonb_build_array(g * 20, g * 20 + 19)))
                    FROM generate_series(1, $1::int) AS g),
       'removed', (SELECT jsonb_agg(jsonb_build_object('line', g * 7, 'reason', 'debris', 'text', '---- ' || md5(g::text) || ' ----'))
                   FROM generate_series(1, $2::int) AS g),
       'removedByReason', jsonb_build_object('debris', $2::int),
       'warnings', '[]'::jsonb, 'truncated', false, 'nearDuplicateMs', 12, 'updatedArticleIds', '[]'::jsonb) AS report`,
    [entries, removed],
  );
  await client.query(`UPDATE imports SET report = (SELECT report FROM bench_report), "createdById" = $1`, [uploaderId]);
  const [{ bytes }] = (await client.query(`SELECT length(report::text) AS bytes FROM bench_report`)).rows;
  console.log(`each import's report: ${(Number(bytes) / 1024 / 1024).toFixed(1)} MB of JSON`);
}

/** Authors, photos (with photographers) and one captioned photo for every 50th article. */
async function seedLibrary(client: Client, articles: number): Promise<void> {
  const photos = Math.max(1, Math.floor(articles / 50));
  await client.query(`INSERT INTO authors (name, key) SELECT 'Author ' || g, 'author ' || g FROM generate_series(1, 2000) AS g`);
  await client.query(
    `INSERT INTO photos (fingerprint, url, credit, agency, "photographerId")
     SELECT md5('photo ' || g) || md5('print ' || g), 'https://images.example.com/' || g || '.jpg', 'Photo by Author ' || (1 + g % 2000) || ' / AFP', 'AFP',
            (SELECT min(id) FROM authors) + g % 2000
     FROM generate_series(1, $1::int) AS g`,
    [photos],
  );
  await client.query(
    `INSERT INTO captions ("articleId", "photoId", position, text)
     SELECT a.id, p.id, 0, 'Caption for story ' || a.id
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM articles WHERE id % 50 = 0) AS a
     JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM photos) AS p ON p.n = a.n`,
  );
}

/** Server-side time of each request, from its arrival at the HTTP server to the last byte written, by `x-bench-id`. */
function serverTimes(server: Server): Map<string, number> {
  const times = new Map<string, number>();
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const id = request.headers['x-bench-id'];
    if (typeof id !== 'string') return;
    const started = process.hrtime.bigint();
    response.once('finish', () => times.set(id, Number(process.hrtime.bigint() - started) / 1e6));
  });
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function logIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...AS_IF_HTTPS },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('wiredesk.sid='));
  if (response.status !== 302 || !cookie) throw new Error(`log-in failed with ${response.status}`);
  return cookie.split(';')[0]!;
}

interface RouteFigure {
  bytes: number;
  ms: number;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const articles = option(argv, '--articles', 1_000_000);
  const imports = option(argv, '--imports', 200);
  const reportMegabytes = option(argv, '--report-mb', 5);
  const runs = option(argv, '--runs', 7);
  const browser = !argv.includes('--no-browser');
  // As deployed: AdminJS serves its minified production bundles (the development ones are 14 MB) and
  // production needs a session secret; one made up for this run.
  process.env.NODE_ENV = 'production';
  process.env.SESSION_SECRET ??= randomBytes(32).toString('hex');
  const scratch = await openScratchDatabase('admin');
  const { url } = scratch;

  let app: NestExpressApplication | undefined;
  try {
    // Boot once to run the migrations, then load the archive with the app stopped.
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] });
    await app.init();
    const editor = await app.get(UsersService).create({ email: 'bench.editor@example.com', password: PASSWORD, role: UserRole.Editor });
    await app.get(UsersService).create({ email: 'bench.admin@example.com', password: PASSWORD, role: UserRole.Admin });
    await app.close();
    app = undefined;

    const seedStarted = performance.now();
    await seed(url, articles, imports, reportMegabytes, editor.id);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded ${articles} articles, ${imports} imports, authors, photos and captions in ${seedSeconds.toFixed(1)} s`);

    app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] })) as NestExpressApplication;
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const times = serverTimes(app.getHttpServer() as Server);
    const cookies = { editor: await logIn(base, 'bench.editor@example.com'), admin: await logIn(base, 'bench.admin@example.com') };

    let requestNumber = 0;
    /** Median server time and the answer's size for one panel JSON route. */
    async function measure(path: string, as: keyof typeof cookies = 'editor'): Promise<RouteFigure & { body: unknown }> {
      const timings: number[] = [];
      let bytes = 0;
      let body: unknown;
      for (let run = 0; run <= runs; run += 1) {
        const id = String((requestNumber += 1));
        const response = await fetch(`${base}${path}`, { headers: { cookie: cookies[as], 'x-bench-id': id, ...AS_IF_HTTPS } });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
        bytes = Buffer.byteLength(text);
        body = JSON.parse(text);
        // The first run warms caches and plans; it is not counted.
        if (run > 0) timings.push(times.get(id) ?? Number.NaN);
      }
      return { bytes, ms: Number(median(timings).toFixed(1)), body };
    }
    const firstId = async (resource: string, as: keyof typeof cookies = 'editor') => {
      const { body } = await measure(`/admin/api/resources/${resource}/actions/list?perPage=1`, as);
      const id = (body as { records: Array<{ id: string }> }).records[0]?.id;
      if (!id) throw new Error(`${resource} has no records to open`);
      return id;
    };

    const [articleId, importId, photoId, captionId, authorId] = [
      await firstId('Article'),
      await firstId('Import'),
      await firstId('Photo'),
      await firstId('Caption'),
      await firstId('Author'),
    ];
    const userId = await firstId('User', 'admin');
    const routes: Array<[string, string, keyof typeof cookies]> = [
      ['dashboard', '/admin/api/dashboard', 'editor'],
      ['list Article', '/admin/api/resources/Article/actions/list', 'editor'],
      ['list Article perPage=100', '/admin/api/resources/Article/actions/list?perPage=100', 'editor'],
      ['list Duplicates', '/admin/api/resources/Duplicates/actions/list', 'editor'],
      ['list NeedsReview', '/admin/api/resources/NeedsReview/actions/list', 'editor'],
      ['list Import', '/admin/api/resources/Import/actions/list', 'editor'],
      ['list Import perPage=100', '/admin/api/resources/Import/actions/list?perPage=100', 'editor'],
      ['list Photo', '/admin/api/resources/Photo/actions/list', 'editor'],
      ['list Caption', '/admin/api/resources/Caption/actions/list', 'editor'],
      ['list Author', '/admin/api/resources/Author/actions/list', 'editor'],
      ['list User', '/admin/api/resources/User/actions/list', 'admin'],
      ['list ApiToken', '/admin/api/resources/ApiToken/actions/list', 'admin'],
      ['list WebhookSubscription', '/admin/api/resources/WebhookSubscription/actions/list', 'admin'],
      ['list WebhookDelivery', '/admin/api/resources/WebhookDelivery/actions/list', 'admin'],
      ['show Article', `/admin/api/resources/Article/records/${articleId}/show`, 'editor'],
      ['edit Article (form)', `/admin/api/resources/Article/records/${articleId}/edit`, 'editor'],
      ['history Article', `/admin/api/resources/Article/records/${articleId}/history`, 'editor'],
      ['show Import', `/admin/api/resources/Import/records/${importId}/show`, 'editor'],
      ['report Import, page 1', `/admin/api/resources/Import/records/${importId}/report?section=articles&page=1`, 'editor'],
      ['report Import, page 500', `/admin/api/resources/Import/records/${importId}/report?section=articles&page=500`, 'editor'],
      ['show Photo', `/admin/api/resources/Photo/records/${photoId}/show`, 'editor'],
      ['edit Photo (form)', `/admin/api/resources/Photo/records/${photoId}/edit`, 'editor'],
      ['show Caption', `/admin/api/resources/Caption/records/${captionId}/show`, 'editor'],
      ['edit Caption (form)', `/admin/api/resources/Caption/records/${captionId}/edit`, 'editor'],
      ['show Author', `/admin/api/resources/Author/records/${authorId}/show`, 'editor'],
      ['edit Author (form)', `/admin/api/resources/Author/records/${authorId}/edit`, 'editor'],
      ['show User', `/admin/api/resources/User/records/${userId}/show`, 'admin'],
      ['edit User (form)', `/admin/api/resources/User/records/${userId}/edit`, 'admin'],
    ];
    const routeFigures: Record<string, RouteFigure> = {};
    console.log(`\n${'route'.padEnd(30)} ${'bytes'.padStart(10)} ${'server ms'.padStart(10)}`);
    for (const [name, path, as] of routes) {
      const { bytes, ms } = await measure(path, as);
      routeFigures[name] = { bytes, ms };
      console.log(`${name.padEnd(30)} ${String(bytes).padStart(10)} ${String(ms).padStart(10)}`);
    }

    const perPage = 10;
    const deepPage = Math.max(1, Math.floor(articles / perPage / 2));
    const pages: Record<string, string> = {
      page1: 'page=1',
      page50: 'page=50',
      page1000: 'page=1000',
      deepMiddle: `page=${deepPage}`,
      filteredDraft: 'filters.status=draft&page=1',
      filteredDraftPage50: 'filters.status=draft&page=50',
      filteredDuplicates: 'filters.duplicateKind=waiting&page=1',
      filteredImport: 'filters.importId=7&page=1',
      filteredUpdatedRange: `filters.updatedAt~~from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}&filters.updatedAt~~to=${encodeURIComponent(new Date(Date.now() - 29 * 86_400_000).toISOString())}&page=1`,
      search: 'filters.headline=ceasefire%20basra&page=1',
    };
    for (const column of ['id', 'headline', 'status', 'duplicateKind', 'scheduledAt', 'updatedAt', 'importId']) {
      pages[`sort_${column}_asc`] = `sortBy=${column}&direction=asc&page=1`;
      pages[`sort_${column}_desc`] = `sortBy=${column}&direction=desc&page=1`;
    }
    const listFigures: Record<string, RouteFigure> = {};
    console.log(`\n${'Articles list page'.padEnd(30)} ${'bytes'.padStart(10)} ${'server ms'.padStart(10)}`);
    for (const [name, query] of Object.entries(pages)) {
      const { bytes, ms } = await measure(`/admin/api/resources/Article/actions/list?perPage=${perPage}&${query}`);
      listFigures[name] = { bytes, ms };
      console.log(`${name.padEnd(30)} ${String(bytes).padStart(10)} ${String(ms).padStart(10)}`);
    }
    const all = [...Object.values(routeFigures), ...Object.values(listFigures)];
    console.log(`\nlargest answer: ${Math.max(...all.map((figure) => figure.bytes))} bytes; slowest: ${Math.max(...all.map((figure) => figure.ms))} ms`);

    const chromiumFigures = browser ? await browserTimings(base, runs) : null;
    console.log(JSON.stringify({ articles, imports, reportMegabytes, runs, seedSeconds: Number(seedSeconds.toFixed(1)), routes: routeFigures, articleList: listFigures, chromium: chromiumFigures }));
  } finally {
    await app?.close();
    await scratch.drop();
  }
}

/**
 * In Chromium (Debian's, never a downloaded one): the first load of /admin after the log-in form is sent, to
 * the dashboard's figures; navigation to the Articles list from the panel's menu until its rows are
 * rendered, the first visit and `runs` more; and a full page load of the list (a reload, or a link opened anew).
 */
async function browserTimings(
  base: string,
  runs: number,
): Promise<{ firstAdminLoadMs: number; articleListFirstMs: number; articleListMs: number; articleListPageLoadMs: number }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, extraHTTPHeaders: AS_IF_HTTPS })).newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'bench.editor@example.com');
    await page.fill('input[name="password"]', PASSWORD);
    let started = performance.now();
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button[type="submit"]')]);
    await page.waitForSelector('[data-testid="count-draft"]');
    const firstAdminLoadMs = performance.now() - started;

    const fromMenu = async () => {
      const link = page.locator('a[href="/admin/resources/Article"]');
      // The menu's Newsroom group starts folded.
      if (!(await link.isVisible())) await page.getByText('Newsroom', { exact: true }).click();
      await link.waitFor();
      started = performance.now();
      await link.click();
      await page.waitForSelector('tbody tr td');
      const elapsed = performance.now() - started;
      await page.goto(`${base}/admin`);
      await page.waitForSelector('[data-testid="count-draft"]');
      return elapsed;
    };
    const articleListFirstMs = await fromMenu();
    const again: number[] = [];
    for (let run = 0; run < runs; run += 1) again.push(await fromMenu());
    const loads: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      await page.goto(`${base}/admin/resources/Article`);
      await page.waitForSelector('tbody tr td');
      loads.push(performance.now() - started);
    }
    const figures = {
      firstAdminLoadMs: Math.round(firstAdminLoadMs),
      articleListFirstMs: Math.round(articleListFirstMs),
      articleListMs: Math.round(median(again)),
      articleListPageLoadMs: Math.round(median(loads)),
    };
    console.log(
      `\nChromium: first /admin after log-in ${figures.firstAdminLoadMs} ms; Articles list from the menu: first visit ${figures.articleListFirstMs} ms, ` +
        `then median ${figures.articleListMs} ms (target ≤ 1000 ms); as a full page load, median ${figures.articleListPageLoadMs} ms`,
    );
    return figures;
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
