import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');
const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');

/** Starts the built app the way `npm start` does and resolves with its URL once it is listening. */
const running = new Set<ChildProcess>();

function startApp(env: NodeJS.ProcessEnv): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [MAIN], { env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s\x1b]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe('npm start without DATABASE_URL', () => {
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first`);
    dataDir = await mkdtemp(join(tmpdir(), 'wiredesk-start-'));
    await chmod(dataDir, 0o755);
  });
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('runs on the embedded PostgreSQL, answers /health, creates an admin and stops it cleanly', async () => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const started = Date.now();
    const app = startApp({ ...inherited, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const url = await app.url;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    process.stdout.write(`embedded cold start to first 200: ${Date.now() - started} ms\n`);
    expect(app.output()).toMatch(/created the first admin: admin@wiredesk\.local \/ \S{12,}/);

    const exited = new Promise<number | null>((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // A clean stop removes the cluster's pid file; an orphaned server would leave it behind.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it("lets the CLI import beside the running app, and a second instance join, without stopping the app's server", async () => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' as const };
    const first = startApp(env);
    const url = await first.url;

    // /health is polled all along: the CLI must join the app's PostgreSQL, never stop it as a leftover.
    const health: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        health.push(await fetch(`${url}/health`).then((response) => response.status, () => 0));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const cli = (args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...env, NO_COLOR: '1' }, maxBuffer: 16 << 20 });
    const dumpPath = join(dataDir, 'ten-megabytes.txt');
    await writeFile(dumpPath, buildDump(Array.from({ length: 5400 }, (_, index) => syntheticArticle(60_000 + index, 6))));
    expect((await stat(dumpPath)).size).toBeGreaterThan(10_000_000);
    const imported = await cli(['import', dumpPath]);
    const id = Number(/imported \(#(\d+)\)/.exec(imported.stdout)![1]);
    const token = (await cli(['token:create', '--name', 'check', '--scopes', 'content:read,imports:write'])).stdout.trim().split('\n').pop()!;
    polling = false;
    await poller;
    expect(health.length).toBeGreaterThan(10);
    expect(health.filter((status) => status !== 200)).toEqual([]);

    // The running app sees what the CLI wrote.
    const authorised = { headers: { Authorization: `Bearer ${token}` } };
    const report = await (await fetch(`${url}/api/imports/${id}`, authorised)).json();
    expect(report).toMatchObject({ status: 'completed', counts: { articlesCreated: 5400 } });
    const drafts = (await (await fetch(`${url}/api/articles?status=draft&limit=100`, authorised)).json()) as { items: unknown[] };
    expect(drafts.items).toHaveLength(100);

    // A second instance on the same DATA_DIR joins the server too; the first one leaving does not stop it.
    const second = startApp(env);
    const secondUrl = await second.url;
    expect(second.output()).toMatch(/embedded PostgreSQL shared with another Wiredesk process/);
    const firstExited = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    expect(await firstExited).toBe(0);
    expect((await fetch(`${secondUrl}/health`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    // The last one to leave stops it.
    const secondExited = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    expect(await secondExited).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await readdir(join(dataDir, 'postgres-users'))).toEqual([]);
  }, 240_000);

  it('recovers from a killed run that left its PostgreSQL behind', async () => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const first = startApp({ ...inherited, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    await first.url;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const second = startApp({ ...inherited, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development' });
    const url = await second.url;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(second.output()).not.toMatch(/created the first admin/);
    const exited = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await exited;
  });
});
