import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateSchema1795684703500 implements MigrationInterface {
    name = 'CreateSchema1795684703500'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // array_to_string is only STABLE; a generated column needs an IMMUTABLE expression. Joining text with a
        // constant separator does not depend on any setting, so declaring the wrapper IMMUTABLE is truthful.
        await queryRunner.query(`CREATE FUNCTION wiredesk_paragraphs_text(paragraphs text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(paragraphs, E'\\n\\n') $$`);
        // TypeORM records generated columns here to diff them later; the database name must be the one we run in.
        // TypeORM creates this table before migrating only while some entity declares a generated column, and
        // since ComputeSearchVectorByTrigger none does, so a fresh database gets it here (TypeORM's own layout).
        await queryRunner.query(`CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`);
        await queryRunner.query(`INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)`, ["articles","GENERATED_COLUMN","searchVector","setweight(to_tsvector('english', \"headline\"), 'A') || setweight(to_tsvector('english', wiredesk_paragraphs_text(\"body\")), 'B')"]);
        await queryRunner.query(`CREATE TABLE "articles" ("id" SERIAL NOT NULL, "slug" character varying(200) NOT NULL, "headline" text NOT NULL, "body" text array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'draft', "publishedAt" TIMESTAMP WITH TIME ZONE, "scheduledAt" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "contentHash" character(64) NOT NULL, "duplicateOfId" integer, "duplicateKind" character varying(8), "duplicateScore" real, "importId" integer, "sourceLineStart" integer, "sourceLineEnd" integer, "searchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "headline"), 'A') || setweight(to_tsvector('english', wiredesk_paragraphs_text("body")), 'B')) STORED NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_articles_source_lines" CHECK ("sourceLineStart" IS NULL OR "sourceLineEnd" >= "sourceLineStart"), CONSTRAINT "CHK_articles_duplicate_kind" CHECK ("duplicateKind" IN ('exact', 'near')), CONSTRAINT "CHK_articles_duplicate" CHECK (("duplicateOfId" IS NULL) = ("duplicateKind" IS NULL)), CONSTRAINT "CHK_articles_status" CHECK ("status" IN ('draft', 'published', 'unpublished')), CONSTRAINT "PK_0a6e2c450d83e0b6052c2793334" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_articles_slug" ON "articles" ("slug") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_search" ON "articles" USING GIN ("searchVector")`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_scheduled_at" ON "articles" ("scheduledAt") WHERE "scheduledAt" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_content_hash" ON "articles" ("contentHash") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_duplicate_of" ON "articles" ("duplicateOfId") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_import" ON "articles" ("importId") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_updated_at" ON "articles" ("updatedAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_articles_public_feed" ON "articles" ("status", "publishedAt", "id") `);
        await queryRunner.query(`CREATE TABLE "bylines" ("id" SERIAL NOT NULL, "articleId" integer NOT NULL, "authorId" integer NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'writer', "position" smallint NOT NULL DEFAULT '0', CONSTRAINT "UQ_bylines_article_author_role" UNIQUE ("articleId", "authorId", "role"), CONSTRAINT "CHK_bylines_role" CHECK ("role" IN ('writer', 'photographer')), CONSTRAINT "PK_3379231d0f589bb0f2e754d3700" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_bylines_author" ON "bylines" ("authorId") `);
        await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" character varying(254) NOT NULL, "passwordHash" character varying(100) NOT NULL, "role" character varying(16) NOT NULL DEFAULT 'editor', "disabled" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_users_email_lowercase" CHECK ("email" = lower("email")), CONSTRAINT "CHK_users_role" CHECK ("role" IN ('admin', 'editor', 'contributor')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email") `);
        await queryRunner.query(`CREATE TABLE "authors" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "key" character varying(200) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2ed02fabd9b52847ccb85e6b88" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_authors_key" ON "authors" ("key") `);
        await queryRunner.query(`CREATE TABLE "captions" ("id" SERIAL NOT NULL, "articleId" integer NOT NULL, "photoId" integer NOT NULL, "position" smallint NOT NULL DEFAULT '0', "text" text NOT NULL, CONSTRAINT "UQ_captions_article_position" UNIQUE ("articleId", "position"), CONSTRAINT "PK_8761dd8416f69a838496009bec3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_captions_photo" ON "captions" ("photoId") `);
        await queryRunner.query(`CREATE TABLE "imports" ("id" SERIAL NOT NULL, "fileName" character varying(255) NOT NULL, "sha256" character(64) NOT NULL, "byteSize" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "counts" jsonb, "report" jsonb, "error" text, "createdById" integer, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finishedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_imports_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed', 'rejected')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_imports_status" ON "imports" ("status") `);
        await queryRunner.query(`CREATE INDEX "IDX_imports_created_by" ON "imports" ("createdById") `);
        await queryRunner.query(`CREATE INDEX "IDX_imports_created_at" ON "imports" ("createdAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_imports_sha256" ON "imports" ("sha256") WHERE "status" NOT IN ('failed', 'rejected')`);
        await queryRunner.query(`CREATE TABLE "photos" ("id" SERIAL NOT NULL, "fingerprint" character(64) NOT NULL, "url" text, "credit" text, "photographerId" integer, "agency" character varying(200), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5220c45b8e32d49d767b9b3d725" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_photos_fingerprint" ON "photos" ("fingerprint") `);
        await queryRunner.query(`CREATE INDEX "IDX_photos_photographer" ON "photos" ("photographerId") `);
        await queryRunner.query(`CREATE INDEX "IDX_photos_agency" ON "photos" ("agency") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_989f030c02490521d48e0af5516" FOREIGN KEY ("duplicateOfId") REFERENCES "articles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_4b4dfa9e615ecdb6e245988f742" FOREIGN KEY ("importId") REFERENCES "imports"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bylines" ADD CONSTRAINT "FK_036b1a64406a4041737939a9f25" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bylines" ADD CONSTRAINT "FK_92f60e88e6d405b1c5a4ef3c4df" FOREIGN KEY ("authorId") REFERENCES "authors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "captions" ADD CONSTRAINT "FK_f34e0f809f9f22cf5c8637dba7d" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "captions" ADD CONSTRAINT "FK_cedb10885d1583fa6efe66df91a" FOREIGN KEY ("photoId") REFERENCES "photos"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "imports" ADD CONSTRAINT "FK_bc473f99c9a13155fff899120f6" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "photos" ADD CONSTRAINT "FK_e0543fd810434deb3394bc8fa16" FOREIGN KEY ("photographerId") REFERENCES "authors"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "FK_e0543fd810434deb3394bc8fa16"`);
        await queryRunner.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_bc473f99c9a13155fff899120f6"`);
        await queryRunner.query(`ALTER TABLE "captions" DROP CONSTRAINT "FK_cedb10885d1583fa6efe66df91a"`);
        await queryRunner.query(`ALTER TABLE "captions" DROP CONSTRAINT "FK_f34e0f809f9f22cf5c8637dba7d"`);
        await queryRunner.query(`ALTER TABLE "bylines" DROP CONSTRAINT "FK_92f60e88e6d405b1c5a4ef3c4df"`);
        await queryRunner.query(`ALTER TABLE "bylines" DROP CONSTRAINT "FK_036b1a64406a4041737939a9f25"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_4b4dfa9e615ecdb6e245988f742"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_989f030c02490521d48e0af5516"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_photos_agency"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_photos_photographer"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_photos_fingerprint"`);
        await queryRunner.query(`DROP TABLE "photos"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_imports_sha256"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_imports_created_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_imports_created_by"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_imports_status"`);
        await queryRunner.query(`DROP TABLE "imports"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_captions_photo"`);
        await queryRunner.query(`DROP TABLE "captions"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_authors_key"`);
        await queryRunner.query(`DROP TABLE "authors"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_users_email"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bylines_author"`);
        await queryRunner.query(`DROP TABLE "bylines"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_public_feed"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_updated_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_import"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_duplicate_of"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_content_hash"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_scheduled_at"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_articles_slug"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_search"`);
        await queryRunner.query(`DROP TABLE "articles"`);
        await queryRunner.query(`DROP FUNCTION wiredesk_paragraphs_text(text[])`);
        await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3`, ["GENERATED_COLUMN","searchVector","articles"]);
    }

}
