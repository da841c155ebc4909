import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

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
