import { MigrationInterface, QueryRunner } from "typeorm";

export class AddNearDuplicateIndex1795686602053 implements MigrationInterface {
    name = 'AddNearDuplicateIndex1795686602053'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "import_payloads" ("importId" integer NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_6901462ac841408d9264ae902be" PRIMARY KEY ("importId"))`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "minhash" bytea`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "lshBands" integer array`);
        // Without fastupdate every lookup stays an index probe; the pending list would be scanned linearly
        // by each of the importer's candidate lookups during a bulk import.
        await queryRunner.query(`CREATE INDEX "IDX_articles_lsh_bands" ON "articles" USING GIN ("lshBands") WITH (fastupdate = off)`);
        await queryRunner.query(`ALTER TABLE "import_payloads" ADD CONSTRAINT "FK_6901462ac841408d9264ae902be" FOREIGN KEY ("importId") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_payloads" DROP CONSTRAINT "FK_6901462ac841408d9264ae902be"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_lsh_bands"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "lshBands"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "minhash"`);
        await queryRunner.query(`DROP TABLE "import_payloads"`);
    }

}
