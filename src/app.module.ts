import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { validateEnvironment } from './config/environment';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { PublishingModule } from './publishing/publishing.module';

export interface AppOptions {
  /** The database Wiredesk runs on: DATABASE_URL, or the embedded server that main.ts started. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl), migrationsRun: true }),
        EventEmitterModule.forRoot(),
        HealthModule,
        JobsModule,
        AuthModule,
        ArticlesModule,
        PublishingModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
