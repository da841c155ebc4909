import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';
// Frozen here on purpose: a migration must not change when app code does.
const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * The PostgreSQL-backed job queue (pg-boss) keeps its tables in their own schema. We create them here so
 * that every schema change goes through migrations and the app starts pg-boss with `migrate: false`.
 * pg-boss wraps its plan in its own transaction (with an advisory lock), hence `transaction = false`.
 */
export class CreateJobQueue1795685000000 implements MigrationInterface {
  name = 'CreateJobQueue1795685000000';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA IF EXISTS ${JOB_QUEUE_SCHEMA} CASCADE`);
  }
}
