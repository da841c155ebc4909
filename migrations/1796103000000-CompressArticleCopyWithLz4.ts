import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Article bodies and their full-text vectors are compressed with lz4 instead of pglz, where the server was built
 * with lz4 (PostgreSQL 14 and later, as packaged by Debian, PGDG and the official images): an import of 20k
 * articles spent 0.4–0.6 s of its transaction compressing them with pglz, and every read of a long body pays for
 * pglz's slower decompression. Values already stored keep their compression until they are rewritten. Written
 * by hand: TypeORM does not model a column's compression.
 */
export class CompressArticleCopyWithLz41796103000000 implements MigrationInterface {
    name = 'CompressArticleCopyWithLz41796103000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const [{ lz4 }]: { lz4: boolean }[] = await queryRunner.query(
            `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
        );
        if (!lz4) return;
        await queryRunner.query(`ALTER TABLE "articles" ALTER COLUMN "body" SET COMPRESSION lz4, ALTER COLUMN "searchVector" SET COMPRESSION lz4`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ALTER COLUMN "body" SET COMPRESSION DEFAULT, ALTER COLUMN "searchVector" SET COMPRESSION DEFAULT`);
    }

}
