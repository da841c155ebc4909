import { MigrationInterface, QueryRunner } from "typeorm";
import { bandHashes, deserialiseSignature } from "../src/wire";

/** The band layouts this migration moves between; fixed here, whatever `LSH_BANDS` and `LSH_ROWS` later become. */
const SIXTEEN_BY_SIX = { bands: 16, rows: 6 };
const THIRTY_TWO_BY_EIGHT = { bands: 32, rows: 8 };
/** Articles re-keyed per statement: ~100 kB of keys each way, and a batch's row versions stay few. */
const CHUNK = 5000;

/**
 * Body bands go from 32 bands of 8 slots to 16 of 6 (src/wire/dedup.ts says why): every stored article's
 * `lshBands` is recomputed from its stored signature, or a new article would never share a band with one
 * imported before the upgrade. The band index is dropped first, so the rows are rewritten without maintaining it,
 * and built again by the next migration, IndexRekeyedBodyBands: built in this transaction it would also index
 * every row's old version (148 MB instead of 65 on 95,000 articles). Written by hand: the keys are computed by
 * the wire package, which SQL cannot call. It reads and rewrites every article (11 s for 95,000, the index
 * included, on the benchmark host) and leaves the old row versions to vacuum, as any bulk update does. While
 * transactions older than the rebuilt index still run on the server, the planner may leave the index alone
 * (PostgreSQL's `indcheckxmin` for an index built over rows just updated); imports look up by a scan until they end.
 */
export class RekeyBodyBands1796133069449 implements MigrationInterface {
    name = 'RekeyBodyBands1796133069449'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await rekey(queryRunner, SIXTEEN_BY_SIX);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await rekey(queryRunner, THIRTY_TWO_BY_EIGHT);
        await queryRunner.query(`CREATE INDEX "IDX_articles_lsh_bands" ON "articles" USING GIN ("lshBands") WITH (fastupdate = off)`);
    }

}

async function rekey(queryRunner: QueryRunner, layout: { bands: number; rows: number }): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_articles_lsh_bands"`);
    for (let after = 0; ; ) {
        const rows: { id: number; minhash: Buffer }[] = await queryRunner.query(
            `SELECT id, minhash FROM articles WHERE id > $1 AND minhash IS NOT NULL ORDER BY id LIMIT $2`,
            [after, CHUNK],
        );
        if (rows.length === 0) break;
        const keys = rows.flatMap((row) => Array.from(bandHashes(deserialiseSignature(row.minhash), layout.bands, layout.rows)));
        // Row n's keys are the flat array's n-th run of `bands`.
        await queryRunner.query(
            `UPDATE articles a SET "lshBands" = ($2::int[])[(r.n - 1) * $3 + 1 : r.n * $3]
               FROM unnest($1::int[]) WITH ORDINALITY AS r(id, n) WHERE a.id = r.id`,
            [rows.map((row) => row.id), `{${keys.join(',')}}`, layout.bands],
        );
        after = rows[rows.length - 1]!.id;
    }
}
