import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Queued dumps are stored as ordered 1 MB chunks instead of one bytea value, so that neither storing an
 * upload nor importing it ever holds the whole dump in memory (one 256 MB value cost the server twice that
 * and more). Payloads still waiting are carried over as a single chunk.
 */
export class ChunkImportPayloads1796058834296 implements MigrationInterface {
    name = 'ChunkImportPayloads1796058834296'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "import_payload_chunks" ("importId" integer NOT NULL, "position" integer NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_3550a41d870b57807b350739391" PRIMARY KEY ("importId", "position"))`);
        await queryRunner.query(`ALTER TABLE "import_payload_chunks" ADD CONSTRAINT "FK_9b7fd3be3952392ed53da3dd56a" FOREIGN KEY ("importId") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Stored out of line but not compressed: the chunks live minutes, and compressing them cost the server
        // more CPU than the upload itself (four uploads at once kept every core busy compressing).
        await queryRunner.query(`ALTER TABLE "import_payload_chunks" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
        await queryRunner.query(`INSERT INTO "import_payload_chunks" ("importId", "position", "content") SELECT "importId", 0, "content" FROM "import_payloads"`);
        await queryRunner.query(`DROP TABLE "import_payloads"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "import_payloads" ("importId" integer NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_6901462ac841408d9264ae902be" PRIMARY KEY ("importId"))`);
        await queryRunner.query(`ALTER TABLE "import_payloads" ADD CONSTRAINT "FK_6901462ac841408d9264ae902be" FOREIGN KEY ("importId") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`INSERT INTO "import_payloads" ("importId", "content") SELECT "importId", string_agg("content", ''::bytea ORDER BY "position") FROM "import_payload_chunks" GROUP BY "importId"`);
        await queryRunner.query(`ALTER TABLE "import_payload_chunks" DROP CONSTRAINT "FK_9b7fd3be3952392ed53da3dd56a"`);
        await queryRunner.query(`DROP TABLE "import_payload_chunks"`);
    }

}
