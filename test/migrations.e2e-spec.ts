import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bandHashes, lshBandHashes, minhashSignature, serialiseSignature } from '../src/wire';

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

  it('compress article bodies and their search vectors with lz4 where the server has it, and pglz where not', async () => {
    const [{ lz4 }] = await dataSource.query(`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
    const columns: { attname: string; compression: string }[] = await dataSource.query(
      `SELECT attname, attcompression AS compression FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname IN ('body', 'searchVector') ORDER BY attname`,
    );
    expect(columns).toEqual([
      { attname: 'body', compression: lz4 ? 'l' : '' },
      { attname: 'searchVector', compression: lz4 ? 'l' : '' },
    ]);
    // A body long enough to be compressed on the way into the table.
    await dataSource.query(
      `INSERT INTO articles (slug, headline, body, "contentHash") VALUES ('lz4-check', 'Long body', ARRAY[repeat('Ministers met in Basra on Monday. ', 400)], repeat('a', 64))`,
    );
    const [{ method }] = await dataSource.query(`SELECT pg_column_compression(body) AS method FROM articles WHERE slug = 'lz4-check'`);
    expect(method).toBe(lz4 ? 'lz4' : 'pglz');
    await dataSource.query(`DELETE FROM articles WHERE slug = 'lz4-check'`);
  });

  it('store signatures and key arrays inline and uncompressed, and sources for review with lz4 where the server has it', async () => {
    const [{ lz4 }] = await dataSource.query(`SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
    const columns: { column: string; storage: string; compression: string }[] = await dataSource.query(
      `SELECT attrelid::regclass::text || '.' || attname AS column, attstorage AS storage, attcompression AS compression FROM pg_attribute
        WHERE (attrelid = 'articles'::regclass AND attname IN ('minhash', 'lshBands', 'relatedKeys')) OR (attrelid = 'article_sources'::regclass AND attname = 'text')
           OR (attrelid = 'article_staged_copies'::regclass AND attname = 'minhash')
        ORDER BY 1`,
    );
    expect(columns).toEqual([
      { column: 'article_sources.text', storage: 'x', compression: lz4 ? 'l' : '' },
      { column: 'article_staged_copies.minhash', storage: 'p', compression: '' },
      { column: 'articles.lshBands', storage: 'p', compression: '' },
      { column: 'articles.minhash', storage: 'p', compression: '' },
      { column: 'articles.relatedKeys', storage: 'p', compression: '' },
    ]);
    // A row past the toast threshold: the body is compressed, the signature is left as it is.
    await dataSource.query(
      `INSERT INTO articles (slug, headline, body, "contentHash", minhash, "lshBands") VALUES ('plain-check', 'Long body',
        ARRAY[repeat('Ministers met in Basra on Monday. ', 400)], repeat('b', 64), decode(repeat('00', 1024), 'hex'), ARRAY(SELECT generate_series(1, 32)))`,
    );
    const [stored] = await dataSource.query(
      `SELECT pg_column_compression(minhash) AS minhash, pg_column_size(minhash) AS "minhashBytes", pg_column_compression(body) AS body FROM articles WHERE slug = 'plain-check'`,
    );
    // 1,024 zero bytes would shrink to almost nothing if the column were still compressed.
    expect(stored).toEqual({ minhash: null, minhashBytes: 1028, body: lz4 ? 'lz4' : 'pglz' });
    await dataSource.query(`DELETE FROM articles WHERE slug = 'plain-check'`);
  });

  it("re-key stored articles' body bands from their signatures: 16 bands of 6 up, 32 of 8 down, the index rebuilt", async () => {
    const signatures = ['Ministers met in Basra on Monday to agree the budget', 'Floods closed the road from Mosul to Erbil for a week'].map((text) =>
      minhashSignature(Array.from({ length: 30 }, (_unused, index) => `${text} ${index}`).join('. ')),
    );
    // Stored as an import before the upgrade stored them: the 32 × 8 layout.
    for (const [index, signature] of signatures.entries()) {
      await dataSource.query(`INSERT INTO articles (slug, headline, body, "contentHash", minhash, "lshBands") VALUES ($1, 'Rekey', ARRAY['Body'], repeat('c', 64), $2, $3)`, [
        `rekey-${index}`,
        serialiseSignature(signatures[index]!),
        Array.from(bandHashes(signature, 32, 8)),
      ]);
    }
    const stored = async () =>
      ((await dataSource.query(`SELECT "lshBands" AS bands FROM articles WHERE slug LIKE 'rekey-%' ORDER BY slug`)) as { bands: number[] }[]).map((row) => row.bands);
    const migration = (name: string) => dataSource.migrations.find((candidate) => candidate.name === name)!;
    const [rekey, index] = [migration('RekeyBodyBands1796133069449'), migration('IndexRekeyedBodyBands1796133069450')];
    const runner = dataSource.createQueryRunner();
    const indexDefinition = async () =>
      ((await dataSource.query(`SELECT indexdef AS definition FROM pg_indexes WHERE indexname = 'IDX_articles_lsh_bands'`)) as { definition: string }[]).map((row) => row.definition);
    try {
      await rekey.up(runner);
      await index.up(runner);
      expect(await stored()).toEqual(signatures.map((signature) => Array.from(lshBandHashes(signature))));
      expect(await indexDefinition()).toEqual([expect.stringContaining('USING gin ("lshBands") WITH (fastupdate=off)')]);
      // The rebuilt index is ready for lookups, and a new article probing with its own keys finds the stored one. (Not
      // asserted through the plan: while older transactions run anywhere on the server, as other suites' do, the
      // planner leaves an index built over just-updated rows alone until they end; PostgreSQL's `indcheckxmin`.)
      const [state] = await dataSource.query(
        `SELECT i.indisvalid AS valid, i.indisready AS ready FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'IDX_articles_lsh_bands'`,
      );
      expect(state).toEqual({ valid: true, ready: true });
      const probe = [Array.from(lshBandHashes(signatures[1]!))];
      expect(await dataSource.query(`SELECT slug FROM articles WHERE "lshBands" && $1::int[]`, probe)).toEqual([{ slug: 'rekey-1' }]);

      await index.down(runner);
      await rekey.down(runner);
      expect(await stored()).toEqual(signatures.map((signature) => Array.from(bandHashes(signature, 32, 8))));
      expect(await indexDefinition()).toEqual([expect.stringContaining('USING gin ("lshBands") WITH (fastupdate=off)')]);
      await rekey.up(runner);
      await index.up(runner);
    } finally {
      await runner.release();
      await dataSource.query(`DELETE FROM articles WHERE slug LIKE 'rekey-%'`);
    }
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
