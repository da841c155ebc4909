import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';

/** The one TypeORM configuration used by the app, the migration commands and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: 'wiredesk',
  };
}
