import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEST_SERVER_URL_VARIABLE } from './test-database';

/**
 * Test suites create their own databases on one PostgreSQL server: DATABASE_URL's when set (CI), else an
 * embedded server started here for this run only.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env[TEST_SERVER_URL_VARIABLE] = process.env.DATABASE_URL;
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'wiredesk-test-'));
  // mkdtemp makes the directory 0700; the postgres OS user must be able to enter it when we run as root.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir });
  process.env[TEST_SERVER_URL_VARIABLE] = server.serverUrl;
  (globalThis as { __wiredeskTestServer?: unknown }).__wiredeskTestServer = { server, dataDir };
}
