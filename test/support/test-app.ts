import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { ContractRecorder } from './contract';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  database: TestDatabase;
  /** Every response sent, for the contract check in `close()`. */
  contract: ContractRecorder;
  /** Closes the app, then fails if any API response it sent broke the OpenAPI contract. */
  close(): Promise<void>;
}

/**
 * Boots the whole Wiredesk app, as main.ts does, on a fresh database of its own; or, given `database`, on that
 * one (a second instance, or a restart), which `close()` then leaves in place. `runWorkers: false` boots an
 * instance that queues jobs but never takes them, like the CLI.
 */
export async function bootTestApp(options: { database?: TestDatabase; runWorkers?: boolean } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  // Test receivers listen on loopback; a suite about the address guard sets this to false itself.
  process.env.WEBHOOK_ALLOW_PRIVATE ??= 'true';
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ databaseUrl: database.url, runWorkers: options.runWorkers })] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  // Every API response the suite provokes is checked against /docs-json when the app closes.
  const contract = new ContractRecorder();
  app.use(contract.middleware);
  configureApp(app);
  await app.init();
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    contract,
    async close() {
      const violations = await contract.violations(app).catch((error: unknown) => [`the contract check failed: ${String(error)}`]);
      await app.close();
      if (!options.database) await database.drop();
      if (violations.length > 0) {
        throw new Error(`${violations.length} response(s) break the OpenAPI contract (/docs-json):\n${[...new Set(violations)].slice(0, 40).join('\n')}`);
      }
    },
  };
}
