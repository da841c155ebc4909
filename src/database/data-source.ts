import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For TypeORM's own CLI (`npm run migration:generate`), which needs a server named by DATABASE_URL. */
if (!process.env.DATABASE_URL) {
  throw new Error('DATABASE_URL must name a scratch database to generate migrations against');
}

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL));
