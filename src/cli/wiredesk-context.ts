import { INestApplicationContext, Injectable, Logger, OnModuleDestroy, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppModule } from '../app.module';
import { validateEnvironment } from '../config/environment';
import { DatabaseServer, openDatabaseServer } from '../database/database-server';

/**
 * The app's services for CLI commands, opened on first use: commands that need no database (`parse`)
 * never start one. Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR like `npm start`.
 */
@Injectable()
export class WiredeskContext implements OnModuleDestroy {
  private opened?: Promise<{ database: DatabaseServer; app: INestApplicationContext }>;

  async get<T>(type: Type<T>): Promise<T> {
    const { app } = await (this.opened ??= this.open());
    return app.get(type, { strict: false });
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.opened) return;
    const { database, app } = await this.opened;
    await app.close();
    await database.release();
  }

  private async open(): Promise<{ database: DatabaseServer; app: INestApplicationContext }> {
    const env = validateEnvironment(process.env);
    const database = await openDatabaseServer({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      // Loaded only now: the whole app takes a second or two to load, which `parse` and `--help` do without.
      const { AppModule: App } = require('../app.module') as { AppModule: typeof AppModule };
      const app = await NestFactory.createApplicationContext(App.forRoot({ databaseUrl: database.url, runWorkers: false }), {
        logger: ['error', 'warn'],
      });
      return { database, app };
    } catch (error) {
      await database.release();
      Logger.error('could not open the database', 'cli');
      throw error;
    }
  }
}
