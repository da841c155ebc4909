import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows appear in what the public content API returns. */
const PUBLIC_CONTENT_TABLES = ['articles', 'bylines', 'captions', 'photos', 'authors'];

/**
 * Every committed write to public content sends a NOTIFY on `wiredesk_public_content`, whatever wrote it
 * (a service, an import, a migration, psql), so each app instance can drop its cached public responses.
 * Statement-level: a bulk import costs one notification, and PostgreSQL folds repeats within a transaction
 * into one, delivered only at commit.
 */
export class AddPublicContentNotify1795695000000 implements MigrationInterface {
  name = 'AddPublicContentNotify1795695000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION wiredesk_notify_public_content() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('wiredesk_public_content', '');
        RETURN NULL;
      END $$`);
    for (const table of PUBLIC_CONTENT_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table}_public_content" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION wiredesk_notify_public_content()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of PUBLIC_CONTENT_TABLES) {
      await queryRunner.query(`DROP TRIGGER "TRG_${table}_public_content" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION wiredesk_notify_public_content()');
  }
}
