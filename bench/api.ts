/**
 * `npm run bench:api`: seeds 10k published articles in a scratch database, then measures the slug,
 * list and search routes of the real app and of a bare node:http + pg server running the same queries,
 * with autocannon in-process (in a worker thread). Prints a table and, last, one JSON line. Not a test:
 * figures vary by machine.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { AppModule } from '../src/app.module';
import { ARTICLE_DETAIL_COLUMNS } from '../src/articles/article-feed.service';
import { configureApp } from '../src/app.setup';
import { SEEDED_ARTICLES } from './api-seed-size';
import { openScratchDatabase } from './scratch-database';

const ARTICLES = SEEDED_ARTICLES;
const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const WARM_UP_SECONDS = 2;
const SEARCH = 'security talks';
const LOAD_GENERATOR_THREADS = 1;

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function main(): Promise<void> {
  // The app under test: no request logging, no rate limit, no job workers; the bare server has none either.
  process.env.NODE_ENV = 'test';
  process.env.RATE_LIMIT_PER_MINUTE = String(1e9);
  const scratch = await openScratchDatabase('api');
  const app = configureApp(await NestFactory.create(AppModule.forRoot({ databaseUrl: scratch.url, runWorkers: false }), { logger: ['error'] }));
  await app.listen(0, '127.0.0.1');
  const pool = new Pool({ connectionString: scratch.url, max: 10 });
  let bare: Server | undefined;
  try {
    const slug = await seed(pool);
    bare = await startBareServer(pool);
    const appUrl = await app.getUrl();
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    // The three routes, each asked for over and over (as readers of one breaking story would), then a
    // long tail: every request a random one of the 10k articles, so the public content cache rarely helps.
    const routes: Record<string, { path: string; setupRequest?: string }> = {
      slug: { path: `/api/articles/${slug}` },
      list: { path: '/api/articles?limit=20' },
      search: { path: `/api/articles?q=${encodeURIComponent(SEARCH)}&limit=20` },
      anySlug: { path: `/api/articles/${slug}`, setupRequest: join(__dirname, 'random-article-request.js') },
    };
    const results: Record<string, { wiredesk: Figures; bare: Figures; ratio: number }> = {};
    for (const [name, { path, setupRequest }] of Object.entries(routes)) {
      const wiredesk = await measure(`${appUrl.replace('[::1]', '127.0.0.1')}${path}`, setupRequest);
      const baseline = await measure(`${bareUrl}${path}`, setupRequest);
      results[name] = { wiredesk, bare: baseline, ratio: round(wiredesk.requestsPerSecond / baseline.requestsPerSecond, 2) };
      console.log(
        `${name.padEnd(7)} wiredesk ${wiredesk.requestsPerSecond} req/s p50 ${wiredesk.p50} ms p99 ${wiredesk.p99} ms | ` +
          `bare ${baseline.requestsPerSecond} req/s p50 ${baseline.p50} ms p99 ${baseline.p99} ms | ratio ${results[name].ratio}` +
          (wiredesk.errors + baseline.errors > 0 ? ` | errors ${wiredesk.errors}/${baseline.errors}` : ''),
      );
    }
    console.log(JSON.stringify({ articles: ARTICLES, connections: CONNECTIONS, durationSeconds: DURATION_SECONDS, ...results }));
  } finally {
    await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
    await pool.end();
    await app.close();
    await scratch.drop();
  }
}

async function seed(pool: Pool): Promise<string> {
  await pool.query(`INSERT INTO authors (name, key) SELECT 'Writer ' || n, 'writer ' || n FROM generate_series(1, 200) n`);
  await pool.query(
    `INSERT INTO articles (slug, headline, body, status, "publishedAt", "contentHash")
     SELECT 'story-' || n,
            (ARRAY['Talks', 'Markets', 'Floods', 'Elections', 'Security'])[1 + n % 5] || ' update number ' || n || ' from the region',
            ARRAY['Officials said on day ' || n || ' that ' || (ARRAY['security', 'trade', 'water', 'oil', 'border'])[1 + n % 5] || ' talks would continue.',
                  'A second paragraph with more detail about the story, number ' || n || ', and the people involved.',
                  'A third paragraph quoting a spokesperson who declined to be named.'],
            'published', now() - n * interval '1 minute', md5(n::text) || md5((n * 7)::text)
     FROM generate_series(1, $1) n`,
    [ARTICLES],
  );
  await pool.query(
    `INSERT INTO bylines ("articleId", "authorId", role, position) SELECT a.id, 1 + a.id % 200, 'writer', 0 FROM articles a`,
  );
  await pool.query('ANALYZE');
  return 'story-5000';
}

/** The same queries the app's feed runs, with nothing around them: the ceiling for this machine and database. */
async function startBareServer(pool: Pool): Promise<Server> {
  const bylines = async (ids: number[]) =>
    (await pool.query(`SELECT b."articleId", au.id, au.name, b.role FROM bylines b JOIN authors au ON au.id = b."authorId" WHERE b."articleId" = ANY($1) ORDER BY b."articleId", b.position, b.id`, [ids])).rows;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://bench');
      let body: unknown;
      if (url.pathname === '/api/articles' && url.searchParams.has('q')) {
        const { rows } = await pool.query(
          `SELECT page.*, ts_headline('english', wiredesk_paragraphs_text(page.body), page.query, 'MaxWords=35, MinWords=15, MaxFragments=2') AS snippet FROM (
             SELECT a.id, a.slug, a.headline, a."publishedAt", a.body[1] AS summary, ts_rank(a."searchVector", query) AS rank, query, a.body
             FROM articles a, websearch_to_tsquery('english', $1) query
             WHERE a.status = 'published' AND a."searchVector" @@ query ORDER BY rank DESC, a.id DESC LIMIT 21) page ORDER BY page.rank DESC, page.id DESC`,
          [url.searchParams.get('q')],
        );
        body = { items: rows.map(({ query: _query, body: _body, ...row }) => row), bylines: await bylines(rows.map((row) => row.id)) };
      } else if (url.pathname === '/api/articles') {
        const { rows } = await pool.query(
          `SELECT a.id, a.slug, a.headline, a."publishedAt", a.body[1] AS summary FROM articles a WHERE a.status = 'published' ORDER BY a."publishedAt" DESC, a.id DESC LIMIT 21`,
        );
        body = { items: rows, bylines: await bylines(rows.map((row) => row.id)) };
      } else {
        const slug = decodeURIComponent(url.pathname.replace('/api/articles/', ''));
        const { rows } = await pool.query(
          `SELECT ${ARTICLE_DETAIL_COLUMNS}
           FROM articles a WHERE a.slug = $1 AND a.status = 'published'`,
          [slug],
        );
        if (rows.length === 0) {
          res.writeHead(404).end();
          return;
        }
        body = rows[0];
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function measure(url: string, setupRequest?: string): Promise<Figures> {
  // autocannon runs in one worker thread of this process: on the main thread its 50 connections would share
  // the servers' event loop, and the figures would count the load generator's own work as server latency.
  const load = { url, connections: CONNECTIONS, workers: LOAD_GENERATOR_THREADS, ...(setupRequest ? { requests: [{ setupRequest }] } : {}) };
  // A short unmeasured warm-up, so neither side is timed while V8 is still compiling its hot paths.
  await autocannon({ ...load, duration: WARM_UP_SECONDS });
  const result = await autocannon({ ...load, duration: DURATION_SECONDS });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
