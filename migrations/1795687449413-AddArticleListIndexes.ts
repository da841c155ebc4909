import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArticleListIndexes1795687449413 implements MigrationInterface {
    name = 'AddArticleListIndexes1795687449413'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_updated_at"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_scheduled" ON "articles" ("scheduledAt", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_import" ON "articles" ("importId", "updatedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_duplicate" ON "articles" ("duplicateKind", "updatedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_status" ON "articles" ("status", "updatedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_headline" ON "articles" ("headline", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_list_updated" ON "articles" ("updatedAt", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_updated"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_headline"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_status"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_duplicate"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_import"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_list_scheduled"`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_updated_at" ON "articles" ("updatedAt") `);
    }

}
