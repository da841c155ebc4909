import { DataSource } from 'typeorm';
import { InvalidEnvironmentError, validateEnvironment } from '../config/environment';
import { dataSourceOptions } from './data-source-options';
import { openDatabaseServer } from './database-server';
import { EmbeddedPostgresError } from './embedded-postgres';

const USAGE = 'usage: migrate <run|revert|show>';

/** `npm run migration:run|revert|show` — against DATABASE_URL, or the embedded database when it is unset. */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'run' && command !== 'revert' && command !== 'show') {
    console.error(USAGE);
    return 2;
  }
  const env = validateEnvironment(process.env);
  const server = await openDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const dataSource = new DataSource({ ...dataSourceOptions(server.url), logging: ['migration', 'error'] });
  try {
    await dataSource.initialize();
    if (command === 'run') {
      const applied = await dataSource.runMigrations();
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration();
    } else {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'there are pending migrations' : 'schema is up to date');
    }
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.release();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof InvalidEnvironmentError || error instanceof EmbeddedPostgresError ? error.message : error);
    process.exit(1);
  },
);
