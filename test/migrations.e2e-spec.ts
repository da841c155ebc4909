import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TABLES = ['articles', 'authors', 'bylines', 'captions', 'imports', 'photos', 'users'];

async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata') ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations on an empty database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('go up to the full schema, all the way down, and up again', async () => {
    expect(await userTables(dataSource)).toEqual([]);

    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    expect(await userTables(dataSource)).toEqual(expect.arrayContaining(TABLES));

    for (let i = 0; i < applied.length; i += 1) await dataSource.undoLastMigration();
    expect(await userTables(dataSource)).toEqual([]);

    await dataSource.runMigrations();
    expect(await userTables(dataSource)).toEqual(expect.arrayContaining(TABLES));
  });

  it('leave nothing for TypeORM to generate: entities and migrations agree', async () => {
    const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
    expect(sqlInMemory.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('index every foreign key of ours (pg-boss manages its own schema)', async () => {
    const unindexed: { table_name: string; column_name: string }[] = await dataSource.query(`
      SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND NOT EXISTS (
        SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
      )`);
    expect(unindexed).toEqual([]);
  });

  it('make partial exactly the indexes whose entity declares a WHERE (the generator compares no predicates)', async () => {
    const declared = dataSource.entityMetadatas
      .flatMap((entity) => entity.indices.map((index) => ({ table: entity.tableName, name: index.name, partial: Boolean(index.where) })))
      .sort((a, b) => a.name.localeCompare(b.name));
    const rows: { table: string; name: string; partial: boolean }[] = await dataSource.query(
      `SELECT t.relname AS table, c.relname AS name, i.indpred IS NOT NULL AS partial
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        WHERE c.relname = ANY($1)`,
      [declared.map((index) => index.name)],
    );
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual(declared);
  });
});
