import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AdminPanelModule } from './admin/admin-panel.module';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { SessionModule } from './auth/session.module';
import { AuthorsModule } from './authors/authors.module';
import { CaptionsModule } from './captions/captions.module';
import { httpLoggerOptions } from './common/http-logger';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { SlidingWindowRateLimitStorage, rateLimitKey } from './common/rate-limit-storage';
import { validateEnvironment } from './config/environment';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/jobs.module';
import { PhotosModule } from './photos/photos.module';
import { PublishingModule } from './publishing/publishing.module';
import { SectionsModule } from './sections/sections.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface AppOptions {
  /** The database Wiredesk runs on: DATABASE_URL, or the embedded server that main.ts started. */
  databaseUrl: string;
  /** Take jobs off the queue in this process (the server does; CLI commands do not). Default true. */
  runWorkers?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
        LoggerModule.forRootAsync({ inject: [ConfigService], useFactory: (config: ConfigService) => httpLoggerOptions(config.get('NODE_ENV')) }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            throttlers: [{ ttl: 60_000, limit: config.get<number>('RATE_LIMIT_PER_MINUTE', 600) }],
            storage: new SlidingWindowRateLimitStorage(),
            generateKey: rateLimitKey,
            errorMessage: (_context, { limit, isBlocked, timeToBlockExpire, timeToExpire }) =>
              `too many requests: each client may make ${limit} requests a minute to this route; try again in ${Math.max(1, Math.ceil(isBlocked ? timeToBlockExpire : timeToExpire))} s`,
          }),
        }),
        // A few retries cover a database that is still starting; a failing migration should stop start-up quickly.
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl), migrationsRun: true, retryAttempts: 3, retryDelay: 2000 }),
        EventEmitterModule.forRoot(),
        HealthModule,
        JobsModule.forRoot({ runWorkers: options.runWorkers ?? true }),
        AuthModule,
        ArticlesModule,
        PublishingModule,
        SectionsModule,
        ImportsModule,
        AuthorsModule,
        PhotosModule,
        CaptionsModule,
        WebhooksModule,
        SessionModule,
        AdminPanelModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }
}
