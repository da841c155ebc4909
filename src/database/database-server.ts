import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseServer {
  /** Connection URL of Wiredesk's database. */
  readonly url: string;
  /** True on the embedded PostgreSQL (no DATABASE_URL). */
  readonly embedded: boolean;
  /** On the embedded PostgreSQL: true when this process started it, false when it joined the one another process runs. */
  readonly startedHere: boolean;
  /** Leaves the server; the embedded one stops when no other Wiredesk process uses it. */
  release(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'wiredesk';

/**
 * `DATABASE_URL` when set (docker-compose, production, CI); otherwise the embedded PostgreSQL in `dataDir`,
 * shared by every Wiredesk process using that directory (the app, CLI commands, a second instance): the
 * first one starts it, the others join it, and the last one to {@link DatabaseServer.release} stops it.
 */
export async function openDatabaseServer(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (message: string) => void;
}): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, startedHere: false, release: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
  try {
    const url = await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE_NAME);
    return { url, embedded: true, startedHere: server.startedHere, release: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
