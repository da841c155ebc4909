import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArticlePresence1796069199381 implements MigrationInterface {
    name = 'AddArticlePresence1796069199381'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_presence" ("articleId" integer NOT NULL, "userId" integer NOT NULL, "editing" boolean NOT NULL DEFAULT false, "seenAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dc4ba4b0235591e1bfe28de3ca9" PRIMARY KEY ("articleId", "userId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_article_presence_user" ON "article_presence" ("userId") `);
        await queryRunner.query(`ALTER TABLE "article_presence" ADD CONSTRAINT "FK_e8489c66b08f9fc9ac997e321db" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_presence" ADD CONSTRAINT "FK_0ad138384704e59021cce8d5464" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article_presence" DROP CONSTRAINT "FK_0ad138384704e59021cce8d5464"`);
        await queryRunner.query(`ALTER TABLE "article_presence" DROP CONSTRAINT "FK_e8489c66b08f9fc9ac997e321db"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_presence_user"`);
        await queryRunner.query(`DROP TABLE "article_presence"`);
    }

}
