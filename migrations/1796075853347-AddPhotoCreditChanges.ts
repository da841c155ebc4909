import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPhotoCreditChanges1796075853347 implements MigrationInterface {
    name = 'AddPhotoCreditChanges1796075853347'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "photo_credit_changes" ("id" SERIAL NOT NULL, "photoId" integer NOT NULL, "fromCredit" text, "toCredit" text, "userId" integer, "actorName" character varying(254) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c123284b58356341a689257d19d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_photo_credit_changes_user" ON "photo_credit_changes" ("userId") `);
        await queryRunner.query(`CREATE INDEX "IDX_photo_credit_changes_photo_created" ON "photo_credit_changes" ("photoId", "createdAt") `);
        await queryRunner.query(`ALTER TABLE "photo_credit_changes" ADD CONSTRAINT "FK_4efde6e62c639a9bb527748a5e6" FOREIGN KEY ("photoId") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "photo_credit_changes" ADD CONSTRAINT "FK_07cd642c9807a0b85d7b712826b" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "photo_credit_changes" DROP CONSTRAINT "FK_07cd642c9807a0b85d7b712826b"`);
        await queryRunner.query(`ALTER TABLE "photo_credit_changes" DROP CONSTRAINT "FK_4efde6e62c639a9bb527748a5e6"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_photo_credit_changes_photo_created"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_photo_credit_changes_user"`);
        await queryRunner.query(`DROP TABLE "photo_credit_changes"`);
    }

}
