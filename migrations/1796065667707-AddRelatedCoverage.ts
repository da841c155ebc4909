import { MigrationInterface, QueryRunner } from "typeorm";

export class AddRelatedCoverage1796065667707 implements MigrationInterface {
    name = 'AddRelatedCoverage1796065667707'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_related_links" ("articleId" integer NOT NULL, "relatedId" integer NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_article_related_links_distinct" CHECK ("articleId" <> "relatedId"), CONSTRAINT "PK_fe085c49ebf2deee0b40aff3338" PRIMARY KEY ("articleId", "relatedId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_article_related_links_related" ON "article_related_links" ("relatedId") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD "headlineKeys" integer array`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "relatedKeys" integer array`);
        // GIN without fastupdate, like IDX_articles_lsh_bands: each of the importer's lookups stays an index probe.
        await queryRunner.query(`CREATE INDEX "IDX_articles_headline_keys" ON "articles" USING GIN ("headlineKeys") WITH (fastupdate = off)`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_related_keys" ON "articles" USING GIN ("relatedKeys") WITH (fastupdate = off)`);
        await queryRunner.query(`ALTER TABLE "article_related_links" ADD CONSTRAINT "FK_306a7c59e791ae526ec412df268" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_related_links" ADD CONSTRAINT "FK_9c0cba3f84d142c0c35aae3feef" FOREIGN KEY ("relatedId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article_related_links" DROP CONSTRAINT "FK_9c0cba3f84d142c0c35aae3feef"`);
        await queryRunner.query(`ALTER TABLE "article_related_links" DROP CONSTRAINT "FK_306a7c59e791ae526ec412df268"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_related_keys"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_headline_keys"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "relatedKeys"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "headlineKeys"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_related_links_related"`);
        await queryRunner.query(`DROP TABLE "article_related_links"`);
    }

}
