import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A table where the importer stages each batch's copy and full-text vector beside its transaction (see
 * src/articles/article-staged-copy.entity.ts). Reviewed from the generated file: the table is UNLOGGED (rows live
 * for two batches and are rebuilt from the dump, so they are not worth WAL) and its large columns are stored
 * EXTERNAL, out of line but uncompressed, since each row is read once, right after it is written.
 */
export class StageImportedCopies1796096446181 implements MigrationInterface {
    name = 'StageImportedCopies1796096446181'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNLOGGED TABLE "article_staged_copies" ("importId" integer NOT NULL, "position" integer NOT NULL, "headline" text NOT NULL, "body" text array NOT NULL, "minhash" bytea NOT NULL, "searchVector" tsvector NOT NULL, "stagedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e2b57032480ff3a6466e049d54" PRIMARY KEY ("importId", "position"))`);
        await queryRunner.query(`ALTER TABLE "article_staged_copies" ALTER COLUMN "body" SET STORAGE EXTERNAL, ALTER COLUMN "searchVector" SET STORAGE EXTERNAL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "article_staged_copies"`);
    }

}
