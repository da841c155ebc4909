import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An article's MinHash signature (1 kB of hashes) and its band and related-key arrays are random integers that no
 * compressor shrinks, yet a row past the 2 kB toast threshold had each of them tried with pglz on every insert,
 * after its body and vector (the staged copy's signature likewise). PLAIN keeps them inline and never tries: the
 * import transaction's pglz samples fell from 69 to 18 of ~3,550 on a 20k dump. Sources kept for review are text
 * and compress well, with lz4 (as the body since CompressArticleCopyWithLz4) where the server has it. Stored values
 * keep their form until rewritten. Written by hand: TypeORM does not model a column's storage or compression.
 */
export class StoreSignaturesUncompressed1796123856213 implements MigrationInterface {
    name = 'StoreSignaturesUncompressed1796123856213'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ALTER COLUMN "minhash" SET STORAGE PLAIN, ALTER COLUMN "lshBands" SET STORAGE PLAIN, ALTER COLUMN "relatedKeys" SET STORAGE PLAIN`);
        await queryRunner.query(`ALTER TABLE "article_staged_copies" ALTER COLUMN "minhash" SET STORAGE PLAIN`);
        const [{ lz4 }]: { lz4: boolean }[] = await queryRunner.query(
            `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
        );
        if (lz4) await queryRunner.query(`ALTER TABLE "article_sources" ALTER COLUMN "text" SET COMPRESSION lz4`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article_sources" ALTER COLUMN "text" SET COMPRESSION DEFAULT`);
        await queryRunner.query(`ALTER TABLE "article_staged_copies" ALTER COLUMN "minhash" SET STORAGE EXTENDED`);
        await queryRunner.query(`ALTER TABLE "articles" ALTER COLUMN "minhash" SET STORAGE EXTENDED, ALTER COLUMN "lshBands" SET STORAGE EXTENDED, ALTER COLUMN "relatedKeys" SET STORAGE EXTENDED`);
    }

}
