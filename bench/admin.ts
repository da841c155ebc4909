/**
 * `npm run bench:admin -- [--articles 1000000] [--runs 7]`
 *
 * Seeds a fresh database with an archive of articles in one `generate_series` INSERT (secondary indexes
 * dropped during the load and rebuilt after, as a restore would), boots the whole app, logs in as an editor
 * and times the Articles list through the panel's own HTTP API (`/admin/api/resources/Article/actions/list`,
 * what the AdminJS list page calls): page 1, page 50, deep pages, filtered pages and a page sorted by every
 * listed column. Prints the median of several runs per page and ends with one JSON line of the figures in ms.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { quoteIdentifier } from '../src/database/embedded-postgres';
import { openScratchDatabase } from './scratch-database';

const PASSWORD = 'bench editor password';
const IMPORTS = 200;

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

async function seed(url: string, articles: number): Promise<void> {
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
      [IMPORTS, articles],
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
        [articles, IMPORTS],
      );
    });
    await client.query('VACUUM ANALYZE articles');
    await client.query('VACUUM ANALYZE imports');
  } finally {
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function logIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('wiredesk.sid='));
  if (response.status !== 302 || !cookie) throw new Error(`log-in failed with ${response.status}`);
  return cookie.split(';')[0]!;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const articles = option(argv, '--articles', 1_000_000);
  const runs = option(argv, '--runs', 7);
  const scratch = await openScratchDatabase('admin');
  const { url } = scratch;

  let app: NestExpressApplication | undefined;
  try {
    // Boot once to run the migrations, then load the archive with the app stopped.
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] });
    await app.init();
    await app.get(UsersService).create({ email: 'bench.editor@example.com', password: PASSWORD, role: UserRole.Editor });
    await app.close();
    app = undefined;

    const seedStarted = performance.now();
    await seed(url, articles);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded ${articles} articles in ${seedSeconds.toFixed(1)} s`);

    app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] })) as NestExpressApplication;
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const cookie = await logIn(base, 'bench.editor@example.com');

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

    const figures: Record<string, number> = {};
    for (const [name, query] of Object.entries(pages)) {
      const timings: number[] = [];
      let total = 0;
      for (let run = 0; run <= runs; run += 1) {
        const started = performance.now();
        const response = await fetch(`${base}/admin/api/resources/Article/actions/list?perPage=${perPage}&${query}`, { headers: { cookie } });
        const body = (await response.json()) as { records?: unknown[]; meta?: { total: number } };
        const elapsed = performance.now() - started;
        if (response.status !== 200 || !Array.isArray(body.records)) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        total = body.meta!.total;
        // The first run warms caches and plans; it is not counted.
        if (run > 0) timings.push(elapsed);
      }
      figures[name] = Number(median(timings).toFixed(1));
      console.log(`${name.padEnd(24)} ${String(figures[name]).padStart(7)} ms  (total shown: ${total})`);
    }
    const worst = Math.max(...Object.values(figures));
    console.log(`slowest page: ${worst} ms (target ≤ 50 ms)`);
    console.log(JSON.stringify({ articles, runs, perPage, seedSeconds: Number(seedSeconds.toFixed(1)), slowestMs: worst, ...figures }));
  } finally {
    await app?.close();
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
