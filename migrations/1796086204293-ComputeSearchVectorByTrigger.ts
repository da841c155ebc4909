import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `articles.searchVector` stops being a generated column and is kept by a trigger instead, so that the importer can
 * supply vectors it had PostgreSQL compute on another connection while its transaction writes the previous batch
 * (stemming headline and body is about half of an imported article's insert). The generator proposed renaming
 * the column, adding a NOT NULL one and copying (which fails on a filled table and drops the full-text index with
 * the old column); reviewed and replaced by DROP EXPRESSION, which keeps the stored vectors and the index.
 */
export class ComputeSearchVectorByTrigger1796086204293 implements MigrationInterface {
    name = 'ComputeSearchVectorByTrigger1796086204293'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // One definition of what is searchable, read by the trigger and by the importer's side connection alike.
        await queryRunner.query(`CREATE FUNCTION wiredesk_search_vector(headline text, body text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', wiredesk_paragraphs_text(body)), 'B') $$`);
        await queryRunner.query(`ALTER TABLE "articles" ALTER COLUMN "searchVector" DROP EXPRESSION`);
        await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3`, ["GENERATED_COLUMN","searchVector","articles"]);
        // An insert without a vector gets one computed; a supplied one (the importer's, computed by
        // wiredesk_search_vector from the same row) is kept. Any change of headline or body recomputes it.
        await queryRunner.query(`CREATE FUNCTION wiredesk_articles_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' AND NEW."searchVector" IS NOT NULL THEN
                    RETURN NEW;
                END IF;
                IF TG_OP = 'UPDATE' AND NEW.headline IS NOT DISTINCT FROM OLD.headline AND NEW.body IS NOT DISTINCT FROM OLD.body THEN
                    RETURN NEW;
                END IF;
                NEW."searchVector" := wiredesk_search_vector(NEW.headline, NEW.body);
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER articles_search_vector BEFORE INSERT OR UPDATE OF headline, body ON "articles" FOR EACH ROW EXECUTE FUNCTION wiredesk_articles_search_vector()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER articles_search_vector ON "articles"`);
        await queryRunner.query(`DROP FUNCTION wiredesk_articles_search_vector()`);
        await queryRunner.query(`ALTER TABLE "articles" DROP COLUMN "searchVector"`);
        await queryRunner.query(`ALTER TABLE "articles" ADD "searchVector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', "headline"), 'A') || setweight(to_tsvector('english', wiredesk_paragraphs_text("body")), 'B')) STORED NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_articles_search" ON "articles" USING GIN ("searchVector")`);
        await queryRunner.query(`INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)`, ["articles","GENERATED_COLUMN","searchVector","setweight(to_tsvector('english', \"headline\"), 'A') || setweight(to_tsvector('english', wiredesk_paragraphs_text(\"body\")), 'B')"]);
        await queryRunner.query(`DROP FUNCTION wiredesk_search_vector(text, text[])`);
    }

}
