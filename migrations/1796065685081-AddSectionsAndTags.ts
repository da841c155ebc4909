import { MigrationInterface, QueryRunner } from "typeorm";

/** Section and tag names appear in public articles: their writes drop the instances' public caches too (see AddPublicContentNotify). */
const PUBLIC_CONTENT_TABLES = ['sections', 'tags', 'article_tags'];

export class AddSectionsAndTags1796065685081 implements MigrationInterface {
    name = 'AddSectionsAndTags1796065685081'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "article_tags" ("articleId" integer NOT NULL, "tagId" integer NOT NULL, CONSTRAINT "PK_bfcd6ae5865482ee63ece446586" PRIMARY KEY ("articleId", "tagId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_article_tags_tag" ON "article_tags" ("tagId") `);
        await queryRunner.query(`CREATE TABLE "sections" ("id" SERIAL NOT NULL, "name" character varying(80) NOT NULL, "slug" character varying(80) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f9749dd3bffd880a497d007e450" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sections_slug" ON "sections" ("slug") `);
        await queryRunner.query(`CREATE TABLE "tags" ("id" SERIAL NOT NULL, "name" character varying(80) NOT NULL, "slug" character varying(80) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7dc17249a1148a1970748eda99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_tags_slug" ON "tags" ("slug") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD "sectionId" integer`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_section" ON "articles" ("sectionId") `);
        await queryRunner.query(`ALTER TABLE "articles" ADD CONSTRAINT "FK_357003ca84dcce26257472d945f" FOREIGN KEY ("sectionId") REFERENCES "sections"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_tags" ADD CONSTRAINT "FK_acbc7f775fb5e3fe2627477b5f7" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "article_tags" ADD CONSTRAINT "FK_83a0534713c9e7f6bb2110c7bcc" FOREIGN KEY ("tagId") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        for (const table of PUBLIC_CONTENT_TABLES) {
            await queryRunner.query(`CREATE TRIGGER "TRG_${table}_public_content" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION wiredesk_notify_public_content()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of PUBLIC_CONTENT_TABLES) {
            await queryRunner.query(`DROP TRIGGER "TRG_${table}_public_content" ON "${table}"`);
        }
        await queryRunner.query(`ALTER TABLE "article_tags" DROP CONSTRAINT "FK_83a0534713c9e7f6bb2110c7bcc"`);
        await queryRunner.query(`ALTER TABLE "article_tags" DROP CONSTRAINT "FK_acbc7f775fb5e3fe2627477b5f7"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP CONSTRAINT "FK_357003ca84dcce26257472d945f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_articles_section"`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "sectionId"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_tags_slug"`);
        await queryRunner.query(`DROP TABLE "tags"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_sections_slug"`);
        await queryRunner.query(`DROP TABLE "sections"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_article_tags_tag"`);
        await queryRunner.query(`DROP TABLE "article_tags"`);
    }

}
