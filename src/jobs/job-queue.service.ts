import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export const JOB_QUEUE_SCHEMA = 'pgboss';
export const JOB_WORKERS_ENABLED = Symbol('JOB_WORKERS_ENABLED');

/**
 * pg-boss, the PostgreSQL-backed job queue: jobs survive restarts, and `SKIP LOCKED` fetching means two
 * app instances never run the same job. Its schema is created by a migration, so it never migrates itself.
 */
@Injectable()
export class JobQueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  readonly boss: PgBoss;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    /** Workers (imports, webhooks, the scheduler) check this: the server runs them, CLI commands only send jobs. */
    @Inject(JOB_WORKERS_ENABLED) readonly workersEnabled: boolean,
  ) {
    const { url } = dataSource.options as PostgresConnectionOptions;
    this.boss = new PgBoss({ connectionString: url, schema: JOB_QUEUE_SCHEMA, migrate: false, max: 4, application_name: 'wiredesk-jobs' });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  async onApplicationShutdown(): Promise<void> {
    // Let running handlers finish briefly; unfinished jobs are retried by whichever instance runs next.
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  }

  /** Creates the queue if needed; pg-boss 10 requires queues to exist before send/work. */
  async ensureQueue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> {
    if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, ...options });
  }

  /**
   * Sends a job inside the caller's transaction, so it exists exactly when the caller's rows commit
   * (a webhook for a publish that rolled back is never delivered).
   */
  sendWithin(manager: EntityManager, name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
    const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await manager.query(text, values) }) };
    return this.boss.send(name, data, { ...options, db });
  }
}
