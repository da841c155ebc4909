import { MigrationInterface, QueryRunner } from "typeorm";

export class AddNearDuplicateIndex1795685949196 implements MigrationInterface {
    name = 'AddNearDuplicateIndex1795685949196'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_lsh_bands" ("articleId" integer NOT NULL, "band" smallint NOT NULL, "hash" integer NOT NULL, CONSTRAINT "PK_7c58a19eaa24e7cdccb52e2e156" PRIMARY KEY ("articleId", "band"))`);
        await queryRunner.query(`CREATE INDEX "IDX_article_lsh_bands_lookup" ON "article_lsh_bands" ("band", "hash") `);
        await queryRunner.query(`CREATE TABLE "import_payloads" ("importId" integer NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_6901462ac841408d9264ae902be" PRIMARY KEY ("importId"))`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "minhash" bytea`);
        await queryRunner.query(`ALTER TABLE "article_lsh_bands" ADD CONSTRAINT "FK_ae21f230266ac83b10907b4ebb0" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "import_payloads" ADD CONSTRAINT "FK_6901462ac841408d9264ae902be" FOREIGN KEY ("importId") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_payloads" DROP CONSTRAINT "FK_6901462ac841408d9264ae902be"`);
        await queryRunner.query(`ALTER TABLE "article_lsh_bands" DROP CONSTRAINT "FK_ae21f230266ac83b10907b4ebb0"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "minhash"`);
        await queryRunner.query(`DROP TABLE "import_payloads"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_lsh_bands_lookup"`);
        await queryRunner.query(`DROP TABLE "article_lsh_bands"`);
    }

}
