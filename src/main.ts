import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { boundHeapGrowth } from './common/heap-growth';
import { ensureInitialAdmin } from './auth/initial-admin';
import { UsersService } from './auth/users.service';
import { InvalidEnvironmentError, validateEnvironment } from './config/environment';
import { openDatabaseServer } from './database/database-server';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { importSampleOnFirstStart } from './imports/sample-import';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  const logger = new Logger('Wiredesk');
  const env = validateEnvironment(process.env);
  const database = await openDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log: (message) => logger.log(message) });
  if (database.embedded) {
    logger.log(`embedded PostgreSQL ${database.startedHere ? 'running' : 'shared with another Wiredesk process'} for data in ${env.DATA_DIR}`);
  }

  let app: NestExpressApplication | undefined;
  const shutdown = async (signal: string) => {
    logger.log(`${signal} received, shutting down`);
    await app?.close();
    await database.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ databaseUrl: database.url }));
    configureApp(app);
    // Modules start (the job queue among them) before anything below uses their services.
    await app.init();
    const admin = await ensureInitialAdmin(app.get(UsersService), env);
    // Only the throwaway embedded database gets demo copy; a real server starts empty.
    if (database.embedded) await importSampleOnFirstStart(app, logger);
    await app.listen(env.PORT, '0.0.0.0');
    const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    logger.log(`Wiredesk is running at ${url} (editors: ${url}/admin, API docs: ${url}/docs)`);
    if (admin?.generatedPassword) {
      logger.log(`created the first admin: ${admin.email} / ${admin.generatedPassword} (shown only this once)`);
    } else if (admin) {
      logger.log(`created the first admin: ${admin.email} with ADMIN_PASSWORD`);
    }
  } catch (error) {
    await app?.close();
    await database.release();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  // Problems the operator must fix are said in one message; anything else keeps its stack.
  console.error(error instanceof InvalidEnvironmentError || error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
