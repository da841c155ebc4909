import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Headline LSH keys move from `articles."headlineKeys"` (GIN-indexed) to `article_headline_keys`, one row per key,
 * so the importer's headline lookup reads only the newest articles of each key from the primary key instead of
 * fetching every article holding a busy key from the heap (a cost that grew with the archive).
 * Reviewed from the generated file: the table is created first and filled from the column before the column and
 * its index are dropped (the generator dropped them first, losing every stored key), and `down` refills the column
 * and recreates the GIN index as 1796065667707-AddRelatedCoverage made it (the generator proposed a B-tree).
 */
export class BoundHeadlineKeyLookups1796088681433 implements MigrationInterface {
    name = 'BoundHeadlineKeyLookups1796088681433'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_headline_keys" ("key" integer NOT NULL, "articleId" integer NOT NULL, CONSTRAINT "PK_4c64b5a4867e36e7ff4a9c44741" PRIMARY KEY ("key", "articleId"))`);
        // A headline's bands may hash to one key twice; the table holds it once.
        await queryRunner.query(`INSERT INTO "article_headline_keys" ("key", "articleId") SELECT unnest("headlineKeys"), id FROM "articles" WHERE "headlineKeys" IS NOT NULL ON CONFLICT DO NOTHING`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_headline_keys"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "headlineKeys"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ADD "headlineKeys" integer array`);
        await queryRunner.query(`UPDATE "articles" a SET "headlineKeys" = k.keys FROM (SELECT "articleId", array_agg("key") AS keys FROM "article_headline_keys" GROUP BY "articleId") k WHERE a.id = k."articleId"`);
        await queryRunner.query(`DROP TABLE "article_headline_keys"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_headline_keys" ON "articles" USING GIN ("headlineKeys") WITH (fastupdate = off)`);
    }

}
