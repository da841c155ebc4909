import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseServer {
  /** Connection URL of Wiredesk's database. */
  readonly url: string;
  /** True when this process started the embedded PostgreSQL and owns its lifetime. */
  readonly embedded: boolean;
  release(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'wiredesk';

/**
 * `DATABASE_URL` when set (docker-compose, production, CI); otherwise the embedded PostgreSQL in
 * `dataDir`, started here and stopped by {@link DatabaseServer.release}.
 */
export async function openDatabaseServer(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (message: string) => void;
}): Promise<DatabaseServer> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, release: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
  try {
    const url = await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE_NAME);
    return { url, embedded: true, release: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
