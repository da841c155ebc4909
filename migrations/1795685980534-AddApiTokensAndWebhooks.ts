import { MigrationInterface, QueryRunner } from "typeorm";

export class AddApiTokensAndWebhooks1795685980534 implements MigrationInterface {
    name = 'AddApiTokensAndWebhooks1795685980534'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_tokens" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "tokenHash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "scopes" character varying(32) array NOT NULL, "createdById" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lastUsedAt" TIMESTAMP WITH TIME ZONE, "revokedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_tokens_hash" ON "api_tokens" ("tokenHash") `);
        await queryRunner.query(`CREATE INDEX "IDX_api_tokens_created_by" ON "api_tokens" ("createdById") `);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" SERIAL NOT NULL, "subscriptionId" integer NOT NULL, "event" character varying(32) NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "lastResponseStatus" integer, "lastError" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deliveredAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_webhook_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_subscription" ON "webhook_deliveries" ("subscriptionId") `);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_status" ON "webhook_deliveries" ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_created_at" ON "webhook_deliveries" ("createdAt") `);
        await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" SERIAL NOT NULL, "url" text NOT NULL, "secret" character varying(200) NOT NULL, "events" character varying(32) array NOT NULL, "active" boolean NOT NULL DEFAULT true, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_8a538534fb8712958e2f6568542" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_336d332b73385acf5c5879e42be" FOREIGN KEY ("subscriptionId") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_336d332b73385acf5c5879e42be"`);
        await queryRunner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_8a538534fb8712958e2f6568542"`);
        await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_deliveries_created_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_deliveries_status"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_webhook_deliveries_subscription"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_api_tokens_created_by"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_api_tokens_hash"`);
        await queryRunner.query(`DROP TABLE "api_tokens"`);
    }

}
