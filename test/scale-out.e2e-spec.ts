import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, get, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArticleStatus } from '../src/articles/article-status';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiToken } from '../src/auth/api-token.entity';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { insertArticle, insertUserActor } from './support/fixtures';
import { createMigratedDatabase } from './support/test-database';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');
const INSTANCES = 3;
const SYSTEM: Actor = { kind: 'system', name: 'test' };

/** A free TCP port on 127.0.0.1 (taken and released at once). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The smallest load balancer: each request goes to the next instance in turn; `X-Upstream` says which one answered. */
async function roundRobinProxy(ports: number[]): Promise<{ server: Server; url: string }> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const port = ports[next++ % ports.length]!;
    const upstream = httpRequest({ host: '127.0.0.1', port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': String(port) });
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Answer {
  status: number;
  upstream: string;
  body: string;
}

function fetchThrough(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, upstream: String(answer.headers['x-upstream']), body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}

async function until(probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('every instance should be caching by now');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function healthy(child: ChildProcess, port: number, errors: () => string, deadline: number): Promise<void> {
  for (;;) {
    const status = await new Promise<number>((resolve) => get(`http://127.0.0.1:${port}/health`, (answer) => resolve((answer.resume(), answer.statusCode ?? 0))).on('error', () => resolve(0)));
    if (status === 200) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the instance on port ${port} did not become healthy: ${errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe(`${INSTANCES} instances of the built app on one database behind a round-robin proxy`, () => {
  // The database, migrated, and a connection to it for setting up; no app runs in this process.
  let setup: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let children: ChildProcess[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first`);
    setup = await createMigratedDatabase();
    // With an admin in place, no instance creates the first one (three at once would race for it).
    await insertUserActor(setup.dataSource, UserRole.Admin);
    dataDir = await mkdtemp(join(tmpdir(), 'wiredesk-scale-'));
    const ports = await Promise.all(Array.from({ length: INSTANCES }, freePort));
    const stderr = ports.map(() => '');
    children = ports.map((port, index) => {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, DATABASE_URL: setup.database.url, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'development', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr!.on('data', (chunk: Buffer) => (stderr[index] = (stderr[index] + chunk.toString('utf8')).slice(-2_000)));
      return child;
    });
    const deadline = Date.now() + 60_000;
    await Promise.all(ports.map((port, index) => healthy(children[index]!, port, () => stderr[index]!, deadline)));
    proxy = await roundRobinProxy(ports);
  }, 90_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await new Promise((resolve) => proxy?.server.close(resolve));
    await setup?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows an article published through one instance through all of them within a second', async () => {
    const article = await insertArticle(setup.dataSource, { slug: 'scale-out-story', headline: 'Scale-out story', status: ArticleStatus.Draft });
    const canary = await insertArticle(setup.dataSource, { headline: 'Canary', status: ArticleStatus.Published, publishedAt: new Date('2026-01-01T00:00:00Z') });
    const token = (await new ApiTokensService(setup.dataSource.getRepository(ApiToken)).create({ name: 'cms', scopes: [TokenScope.ContentPublish] }, SYSTEM)).secret;

    const headlinesEach = async () => {
      const answers = [];
      for (let turn = 0; turn < INSTANCES; turn++) answers.push(await fetchThrough(`${proxy.url}/api/articles`));
      expect(new Set(answers.map((answer) => answer.upstream)).size).toBe(INSTANCES);
      return answers.map((answer) => JSON.parse(answer.body).items.map((item: { headline: string }) => item.headline));
    };
    // Every instance caches the list (its cache turns on with its LISTEN connection, after the first read).
    let silentName = canary.headline;
    await until(async () => {
      const before = await headlinesEach();
      // Renamed without the trigger that notifies: an instance still answering as before answered from its cache.
      silentName = `Canary ${Date.now()}`;
      await setup.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
        await manager.query(`UPDATE articles SET headline = $2 WHERE id = $1`, [canary.id, silentName]);
      });
      const after = await headlinesEach();
      return after.every((headlines, instance) => headlines.join() === before[instance]!.join() && !headlines.includes(silentName));
    });

    const published = await fetchThrough(`${proxy.url}/api/articles/${article.id}/publish`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(200);
    const publishedAt = Date.now();

    // The proxy hands requests out in turn, so asking for the page and the list alternately reaches every
    // instance with both; until each has shown both, ask again.
    const showsPage = new Set<string>();
    const showsInList = new Set<string>();
    while (showsPage.size < INSTANCES || showsInList.size < INSTANCES) {
      expect(Date.now() - publishedAt).toBeLessThan(1_000);
      const page = await fetchThrough(`${proxy.url}/api/articles/scale-out-story`);
      if (page.status === 200) showsPage.add(page.upstream);
      const list = await fetchThrough(`${proxy.url}/api/articles`);
      const items: Array<{ id: number; headline: string }> = JSON.parse(list.body).items;
      // The publish's notification dropped the whole cache: the silent rename shows too.
      if (items.some((item) => item.id === article.id) && items.some((item) => item.id === canary.id && item.headline === silentName)) showsInList.add(list.upstream);
    }
    expect(Date.now() - publishedAt).toBeLessThan(1_000);
  });
});
