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

/** Boots the whole Wiredesk app, as main.ts does, on a fresh database of its own. */
export async function bootTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ databaseUrl: database.url })] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
