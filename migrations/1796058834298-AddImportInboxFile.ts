import { MigrationInterface, QueryRunner } from "typeorm";

/** Imports taken from INBOX_DIR name their file in `INBOX_DIR/processing/`, so any instance can move it when they end. */
export class AddImportInboxFile1796058834298 implements MigrationInterface {
    name = 'AddImportInboxFile1796058834298'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "imports" ADD "inboxFile" character varying(300)`);
        await queryRunner.query(`CREATE INDEX "IDX_imports_inbox_file" ON "imports" ("inboxFile") WHERE "inboxFile" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_imports_inbox_file"`);
        await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "inboxFile"`);
    }

}
