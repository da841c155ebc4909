import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArticleFirstPublishedAt1796075864179 implements MigrationInterface {
    name = 'AddArticleFirstPublishedAt1796075864179'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ADD "firstPublishedAt" TIMESTAMP WITH TIME ZONE`);
        // Until now publishedAt was kept at the first publication, so that is what it holds.
        await queryRunner.query(`UPDATE "articles" SET "firstPublishedAt" = "publishedAt" WHERE "publishedAt" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "firstPublishedAt"`);
    }

}
