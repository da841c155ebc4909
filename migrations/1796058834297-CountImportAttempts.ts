import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Imports count their attempts and remember when the latest started, so a retry after a failure or a crashed
 * worker is visible. Imports that already ran are counted as one attempt.
 */
export class CountImportAttempts1796058834297 implements MigrationInterface {
    name = 'CountImportAttempts1796058834297'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "imports" ADD "attempts" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "imports" ADD "startedAt" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "imports" SET "attempts" = 1 WHERE "status" IN ('completed', 'failed')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "startedAt"`);
        await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "attempts"`);
    }

}
