import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The body bands' GIN index, built again over the keys RekeyBodyBands rewrote. In a transaction of its own, after
 * that one committed, so that the rows' old versions are dead and left out of it.
 */
export class IndexRekeyedBodyBands1796133069450 implements MigrationInterface {
    name = 'IndexRekeyedBodyBands1796133069450'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_articles_lsh_bands" ON "articles" USING GIN ("lshBands") WITH (fastupdate = off)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_articles_lsh_bands"`);
    }

}
