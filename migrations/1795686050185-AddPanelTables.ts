import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPanelTables1795686050185 implements MigrationInterface {
    name = 'AddPanelTables1795686050185'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Panel sessions, in the shape connect-pg-simple reads and writes (no entity: only the store touches it).
        await queryRunner.query(`CREATE TABLE "sessions" ("sid" character varying NOT NULL, "sess" json NOT NULL, "expire" TIMESTAMP(6) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_sessions" PRIMARY KEY ("sid"))`);
        await queryRunner.query(`CREATE INDEX "IDX_sessions_expire" ON "sessions" ("expire") `);
        await queryRunner.query(`CREATE TABLE "dismissed_duplicate_pairs" ("id" SERIAL NOT NULL, "lowHash" character(64) NOT NULL, "highHash" character(64) NOT NULL, "articleId" integer NOT NULL, "otherArticleId" integer NOT NULL, "dismissedById" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_dismissed_duplicate_pairs_order" CHECK ("lowHash" <= "highHash"), CONSTRAINT "PK_871c74663e8139d17afdef13a39" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dismissed_duplicate_pairs_dismissed_by" ON "dismissed_duplicate_pairs" ("dismissedById") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_dismissed_duplicate_pairs_hashes" ON "dismissed_duplicate_pairs" ("lowHash", "highHash") `);
        await queryRunner.query(`CREATE TABLE "article_revisions" ("id" SERIAL NOT NULL, "articleId" integer NOT NULL, "version" integer NOT NULL, "userId" integer, "actorName" character varying(254) NOT NULL, "changes" jsonb NOT NULL, "snapshot" jsonb NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e5a3375569c46d93baa9fe4bfe4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_article_revisions_user" ON "article_revisions" ("userId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_article_revisions_article_version" ON "article_revisions" ("articleId", "version") `);
        await queryRunner.query(`CREATE TABLE "login_failures" ("id" SERIAL NOT NULL, "email" character varying(254) NOT NULL, "ip" character varying(64) NOT NULL, "failedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_login_failures_failed_at" ON "login_failures" ("failedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_login_failures_email_ip_failed_at" ON "login_failures" ("email", "ip", "failedAt") `);
        await queryRunner.query(`ALTER TABLE "dismissed_duplicate_pairs" ADD CONSTRAINT "FK_f18a73307f967783cf08a72c90b" FOREIGN KEY ("dismissedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_revisions" ADD CONSTRAINT "FK_1bd801757181b575874ccd019ca" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_revisions" ADD CONSTRAINT "FK_216ce321d551f3f5144fb23cd76" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "article_revisions" DROP CONSTRAINT "FK_216ce321d551f3f5144fb23cd76"`);
        await queryRunner.query(`ALTER TABLE "article_revisions" DROP CONSTRAINT "FK_1bd801757181b575874ccd019ca"`);
        await queryRunner.query(`ALTER TABLE "dismissed_duplicate_pairs" DROP CONSTRAINT "FK_f18a73307f967783cf08a72c90b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_login_failures_email_ip_failed_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_login_failures_failed_at"`);
        await queryRunner.query(`DROP TABLE "login_failures"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_revisions_article_version"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_revisions_user"`);
        await queryRunner.query(`DROP TABLE "article_revisions"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_dismissed_duplicate_pairs_hashes"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dismissed_duplicate_pairs_dismissed_by"`);
        await queryRunner.query(`DROP TABLE "dismissed_duplicate_pairs"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_sessions_expire"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
    }

}
