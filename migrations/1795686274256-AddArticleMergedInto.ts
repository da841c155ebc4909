import { MigrationInterface, QueryRunner } from "typeorm";

export class AddArticleMergedInto1795686274256 implements MigrationInterface {
    name = 'AddArticleMergedInto1795686274256'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" ADD "mergedIntoId" integer`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_merged_into" ON "articles" ("mergedIntoId") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_84b0d5b6af6be2945cff78c8ea9" FOREIGN KEY ("mergedIntoId") REFERENCES "articles"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_84b0d5b6af6be2945cff78c8ea9"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_merged_into"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "mergedIntoId"`);
    }

}
