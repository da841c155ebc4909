import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export const JOB_QUEUE_SCHEMA = 'pgboss';
export const JOB_WORKERS_ENABLED = Symbol('JOB_WORKERS_ENABLED');
/**
 * Advisory lock taken while a queue is created: instances starting at once otherwise deadlock inside
 * pg-boss's create_queue (each inserts its queue row and creates its partition, locking the two in opposite
 * orders), and the loser fails to boot. Seen with three instances started together.
 */
const QUEUE_CREATION_LOCK = 0x57_44_51_43;

/**
 * pg-boss, the PostgreSQL-backed job queue: jobs survive restarts, and `SKIP LOCKED` fetching means two
 * app instances never run the same job. Its schema is created by a migration, so it never migrates itself.
 */
@Injectable()
export class JobQueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  readonly boss: PgBoss;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    if (await this.boss.getQueue(name)) return;
    // One creator at a time across instances; a session lock on a connection of its own, so a process that
    // dies while holding it releases it with its connection.
    const lockHolder = this.dataSource.createQueryRunner();
    await lockHolder.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [QUEUE_CREATION_LOCK]);
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, ...options });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [QUEUE_CREATION_LOCK]).catch(() => undefined);
      await lockHolder.release();
    }
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
