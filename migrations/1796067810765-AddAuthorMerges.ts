import { MigrationInterface, QueryRunner } from "typeorm";

export class AddAuthorMerges1796067810765 implements MigrationInterface {
    name = 'AddAuthorMerges1796067810765'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "author_merges" ("id" SERIAL NOT NULL, "keptAuthorId" integer NOT NULL, "mergedAuthor" jsonb NOT NULL, "movedBylineIds" integer array NOT NULL, "droppedBylines" jsonb NOT NULL, "movedPhotoIds" integer array NOT NULL, "actorName" character varying(254) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "undoneAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_82c51467c5f5f97a458522dba77" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_author_merges_kept" ON "author_merges" ("keptAuthorId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_author_merges_kept"`);
        await queryRunner.query(`DROP TABLE "author_merges"`);
    }

}
