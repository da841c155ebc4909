import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { buildApiDocument } from './common/http-hardening';
import { validateEnvironment } from './config/environment';

/**
 * Writes the OpenAPI document /docs-json serves to a file (docs/openapi.json), for the linter and for clients
 * generated from it: `npm run openapi:update`. Boots the app on DATABASE_URL without taking jobs or listening.
 */
async function exportDocument(target: string): Promise<void> {
  const env = validateEnvironment(process.env);
  if (!env.DATABASE_URL) throw new Error('set DATABASE_URL: the document is read from a booted app');
  // The committed document names the server relatively, whatever this machine's PUBLIC_BASE_URL.
  delete process.env.PUBLIC_BASE_URL;
  const app = configureApp(await NestFactory.create(AppModule.forRoot({ databaseUrl: env.DATABASE_URL, runWorkers: false }), { logger: ['error', 'warn'] }));
  await app.init();
  try {
    writeFileSync(target, `${JSON.stringify(buildApiDocument(app), null, 2)}\n`);
  } finally {
    await app.close();
  }
}

exportDocument(process.argv[2] ?? 'docs/openapi.json').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
