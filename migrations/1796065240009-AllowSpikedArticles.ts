import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Articles may be spiked (binned drafts). TypeORM's generator does not see a changed CHECK body under the same
 * name, so this one is written by hand; test/desk.e2e-spec.ts spikes articles through it.
 */
export class AllowSpikedArticles1796065240009 implements MigrationInterface {
  name = 'AllowSpikedArticles1796065240009';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "CHK_articles_status"`);
    await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "CHK_articles_status" CHECK ("status" IN ('draft', 'published', 'unpublished', 'spiked'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Spiked articles go back to drafts: the old constraint does not know them.
    await queryRunner.query(`UPDATE "articles" SET "status" = 'draft' WHERE "status" = 'spiked'`);
    await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "CHK_articles_status"`);
    await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "CHK_articles_status" CHECK ("status" IN ('draft', 'published', 'unpublished'))`);
  }
}
