import { MigrationInterface, QueryRunner } from "typeorm";

export class NarrowArticleIndexes1796081141671 implements MigrationInterface {
    name = 'NarrowArticleIndexes1796081141671'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_scheduled_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_import"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_public_feed"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_public_feed" ON "articles" ("publishedAt", "id") WHERE "status" = 'published'`);
        // Added in review: TypeORM compares an index's columns but not its WHERE, so it generates nothing when an
        // index only becomes partial (test/migrations.e2e-spec.ts checks that entities and database agree on that).
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_duplicate_of"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_duplicate_of" ON "articles" ("duplicateOfId") WHERE "duplicateOfId" IS NOT NULL`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_merged_into"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_merged_into" ON "articles" ("mergedIntoId") WHERE "mergedIntoId" IS NOT NULL`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_section"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_section" ON "articles" ("sectionId") WHERE "sectionId" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_section"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_section" ON "articles" ("sectionId") `);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_merged_into"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_merged_into" ON "articles" ("mergedIntoId") `);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_duplicate_of"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_duplicate_of" ON "articles" ("duplicateOfId") `);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_public_feed"`);
        // Reviewed: the generator listed the old columns in the wrong order (id, status, publishedAt).
        await queryRunner.query(`CREATE INDEX "IDX_articles_public_feed" ON "articles" ("status", "publishedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_import" ON "articles" ("importId") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_scheduled_at" ON "articles" ("scheduledAt") WHERE ("scheduledAt" IS NOT NULL)`);
    }

}
