import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the whole Wiredesk app, as main.ts does, on a fresh database of its own; or, given `database`, on that
 * one (a second instance, or a restart), which `close()` then leaves in place. `runWorkers: false` boots an
 * instance that queues jobs but never takes them, like the CLI.
 */
export async function bootTestApp(options: { database?: TestDatabase; runWorkers?: boolean } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ databaseUrl: database.url, runWorkers: options.runWorkers })] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    async close() {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
