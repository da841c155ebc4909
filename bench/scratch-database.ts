import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { validateEnvironment } from '../src/config/environment';
import { openDatabaseServer } from '../src/database/database-server';
import { ensureDatabase, quoteIdentifier } from '../src/database/embedded-postgres';

export interface ScratchDatabase {
  /** URL of a new, empty database; the app's migrations create the schema when it boots. */
  readonly url: string;
  /** A temporary directory for the benchmark's own files, removed with the database. */
  readonly workDir: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one benchmark run: on DATABASE_URL's server when set, otherwise on an embedded
 * PostgreSQL started for the run. `drop()` removes the database, stops the embedded server and the files.
 */
export async function openScratchDatabase(name: string): Promise<ScratchDatabase> {
  const env = validateEnvironment(process.env);
  const workDir = await mkdtemp(join(tmpdir(), `wiredesk-bench-${name}-`));
  // The embedded server runs as the postgres OS user when we are root; it must reach its directory.
  await chmod(workDir, 0o755);
  const server = await openDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: join(workDir, 'data') });
  const maintenanceUrl = new URL(server.url);
  maintenanceUrl.pathname = '/postgres';
  const databaseName = `wiredesk_bench_${name}_${randomBytes(4).toString('hex')}`;
  const url = await ensureDatabase(maintenanceUrl.toString(), databaseName);
  return {
    url,
    workDir,
    async drop() {
      const maintenance = new Client({ connectionString: maintenanceUrl.toString() });
      await maintenance.connect();
      await maintenance.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
      await maintenance.end();
      await server.release();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
