import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPhotoImages1796066911761 implements MigrationInterface {
    name = 'AddPhotoImages1796066911761'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "media_objects" ("key" character varying(200) NOT NULL, "bytes" bytea NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57c414d7f01af7e599977ae7531" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TABLE "photo_renditions" ("photoId" integer NOT NULL, "name" character varying(16) NOT NULL, "contentType" character varying(40) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "byteSize" integer NOT NULL, "sha256" character(64) NOT NULL, "storageKey" character varying(200) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30798f99119f39a94dd99c28355" PRIMARY KEY ("photoId", "name"))`);
        await queryRunner.query(`ALTER TABLE "photo_renditions" ADD CONSTRAINT "FK_ac4187a56e4d9617988b1304d6e" FOREIGN KEY ("photoId") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "photo_renditions" DROP CONSTRAINT "FK_ac4187a56e4d9617988b1304d6e"`);
        await queryRunner.query(`DROP TABLE "photo_renditions"`);
        await queryRunner.query(`DROP TABLE "media_objects"`);
    }

}
