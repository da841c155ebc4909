import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArticleReview1796055348036 implements MigrationInterface {
    name = 'AddArticleReview1796055348036'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_sources" ("articleId" integer NOT NULL, "firstLine" integer NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_1687653ffa4c9333383e4b2be2e" PRIMARY KEY ("articleId"))`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "anomalies" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "needsReview" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "reviewedAt" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "reviewedById" integer`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_reviewed_by" ON "articles" ("reviewedById") WHERE "reviewedById" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_needs_review" ON "articles" ("updatedAt", "id") WHERE "needsReview"`);
        await queryRunner.query(`ALTER TABLE "article_sources" ADD CONSTRAINT "FK_1687653ffa4c9333383e4b2be2e" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_8ef79c082d214f99131cca0ee29" FOREIGN KEY ("reviewedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_8ef79c082d214f99131cca0ee29"`);
        await queryRunner.query(`ALTER TABLE "article_sources" DROP CONSTRAINT "FK_1687653ffa4c9333383e4b2be2e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_needs_review"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_reviewed_by"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "reviewedById"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "reviewedAt"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "needsReview"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "anomalies"`);
        await queryRunner.query(`DROP TABLE "article_sources"`);
    }

}
