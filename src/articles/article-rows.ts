import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { type ParseAnomaly, serialiseSignature } from '../wire';
import { intArrayParam } from '../database/sql-arrays';
import { Article } from './article.entity';
import { captionsOf, lockArticle } from './articles.service';
import { bylinesOf } from './bylines';
import type { ArticleSnapshot } from './revision.entity';
import { sameCopy, snapshotOf, writeRevision } from './revisions';
import { slugify } from './slug';

/**
 * Bulk writes of article rows for the wire importer. The articles module owns the table, so its layout
 * (slugs, band keys, source lines, the near-duplicate flag) is known here and nowhere else.
 */

/** An article as read from a dump, ready to become a draft row. */
export interface ImportedArticleRow {
  headline: string;
  body: readonly string[];
  contentHash: string;
  /** MinHash signature (stored serialised, `serialiseSignature`) and its LSH band hashes, for near-duplicate lookups. */
  signature: Uint32Array;
  lshBands: ArrayLike<number>;
  /** Headline and related-coverage lookup keys (src/wire/near-duplicates.ts, src/wire/related.ts). */
  headlineKeys: ArrayLike<number>;
  relatedKeys: ArrayLike<number>;
  lines: [number, number];
  anomalies: readonly ParseAnomaly[];
  /** The dump's lines, kept only for articles that need review. */
  source?: string;
  /**
   * Whether `stageCopies` staged the headline, body, signature and full-text vector under this import and `index`:
   * the insert then reads them from there. Otherwise they are sent with the row and the table's trigger stems it.
   */
  staged: boolean;
  /** The article's position in its dump: the key of its staged copy, and the tie-breaker for a slug taken twice. */
  index: number;
}

export interface NearDuplicateFlag {
  articleId: number;
  duplicateOfId: number;
  score: number | null;
}

export interface ArchiveCandidate {
  /** Position of the probing article in the caller's list. */
  position: number;
  articleId: number;
  contentHash: string;
  headline: string;
  minhash: Buffer;
}

/** Inserts the rows (drafts, in order) with slugs unique across the archive; returns their ids in the same order. */
export async function insertImportedArticles(manager: EntityManager, importId: number, rows: readonly ImportedArticleRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const slugs = await uniqueSlugs(manager, importId, rows);
  // A staged row sends only what is not staged; the copy of a row that is not staged travels with it.
  const records = rows.map((row, position) => ({
    position: row.index,
    slug: slugs[position],
    ...(row.staged ? {} : { headline: row.headline, body: row.body, minhash: serialiseSignature(row.signature).toString('base64') }),
    contentHash: row.contentHash,
    lshBands: Array.from(row.lshBands),
    relatedKeys: Array.from(row.relatedKeys),
    sourceLineStart: row.lines[0],
    sourceLineEnd: row.lines[1],
    anomalies: row.anomalies,
  }));
  // The staged vector is stored as is; where there is none (not staged), the table's trigger computes it. The
  // arrays are typed in the record, so JSON arrays become text[] and int[] as it is read, without a subquery
  // (`ARRAY(SELECT jsonb_array_elements_text(…))`) per row and column.
  const inserted: { id: number; slug: string }[] = await manager.query(
    `INSERT INTO articles (slug, headline, body, "contentHash", minhash, "lshBands", "relatedKeys", "importId", "sourceLineStart", "sourceLineEnd", anomalies, "needsReview", "searchVector")
     SELECT r.slug, coalesce(s.headline, r.headline), coalesce(s.body, r.body), r."contentHash",
            coalesce(s.minhash, decode(r.minhash, 'base64')), r."lshBands", r."relatedKeys", $2, r."sourceLineStart", r."sourceLineEnd",
            r.anomalies, jsonb_array_length(r.anomalies) > 0, s."searchVector"
       FROM jsonb_to_recordset($1::jsonb) AS r(position int, slug text, headline text, body text[], "contentHash" text, minhash text, "lshBands" int[],
            "relatedKeys" int[], "sourceLineStart" int, "sourceLineEnd" int, anomalies jsonb)
       LEFT JOIN article_staged_copies s ON s."importId" = $2 AND s.position = r.position
     RETURNING id, slug`,
    [JSON.stringify(records), importId],
  );
  const idBySlug = new Map(inserted.map((row) => [row.slug, row.id]));
  const ids = slugs.map((slug) => idBySlug.get(slug)!);
  await insertHeadlineKeys(manager, rows, ids);
  // An editor reviewing what the parser guessed compares it with the dump's lines, kept for those articles only.
  const toReview = rows.flatMap((row, position) => (row.anomalies.length > 0 && row.source !== undefined ? [{ row, id: ids[position]! }] : []));
  if (toReview.length > 0) {
    await manager.query(`INSERT INTO article_sources ("articleId", "firstLine", text) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])`, [
      toReview.map(({ id }) => id),
      toReview.map(({ row }) => row.lines[0]),
      toReview.map(({ row }) => row.source),
    ]);
  }
  return ids;
}

/**
 * One `article_headline_keys` row per distinct headline key of each new article. A headline's bands may hash to
 * one key twice; those are dropped here, so the insert needs no `ON CONFLICT` (a speculative insertion per row).
 */
async function insertHeadlineKeys(manager: EntityManager, rows: readonly ImportedArticleRow[], ids: readonly number[]): Promise<void> {
  const [positions, keys] = flatten(rows.map((row) => [...new Set(Array.from(row.headlineKeys))]));
  if (keys.length === 0) return;
  await manager.query(`INSERT INTO article_headline_keys (key, "articleId") SELECT * FROM unnest($1::int[], $2::int[])`, [
    intArrayParam(keys),
    intArrayParam(positions.map((position) => ids[position]!)),
  ]);
}

/**
 * Stages the copies of an import's next articles (`encodeCopiesToStage`) in `article_staged_copies` with their
 * full-text vectors (`wiredesk_search_vector`), for `insertImportedArticles` to read. Stemming is about half of an
 * imported article's insert and depends on nothing the import's transaction writes, so the importer runs this on
 * `manager`'s own pooled connection, outside its transaction, while that transaction writes the previous batch.
 */
export async function stageCopies(manager: EntityManager, importId: number, copies: Buffer): Promise<void> {
  // `copies` is from `encodeCopiesToStage`: a jsonb parameter in binary form, so it is not encoded again here.
  await manager.query(
    `INSERT INTO article_staged_copies ("importId", position, headline, body, minhash, "searchVector")
     SELECT $2, c.position, c.headline, c.body, c.minhash, wiredesk_search_vector(c.headline, c.body)
       FROM (SELECT r.position, r.headline, r.body, decode(r.minhash, 'base64') AS minhash
               FROM jsonb_to_recordset($1::jsonb) AS r(position int, headline text, body text[], minhash text)) c`,
    [copies, importId],
  );
}

/**
 * Drops an import's staged copies from one dump position up to another (all of them without): they have been read.
 * Give the lower bound where it is known. The import's own transaction keeps the rows deleted earlier from being
 * vacuumed or marked dead in the index, so a delete from position 0 walked every one of them again: on a 100k
 * dump, 23 s of the staging connection (and of a core) in 170 deletes, growing with the square of the dump.
 */
export async function releaseStagedCopies(manager: EntityManager, importId: number, before = 2 ** 31 - 1, from = 0): Promise<void> {
  await manager.query(`DELETE FROM article_staged_copies WHERE "importId" = $1 AND position >= $2 AND position < $3`, [importId, from, before]);
}

/**
 * How long a staged copy may wait to be read. A batch is read seconds after it is staged; older rows were left by
 * an import whose process died before it could release them.
 */
export const STAGED_COPY_MAX_AGE = '1 hour';

/** Drops staged copies left by imports whose process died (a server crash empties the unlogged table itself). */
export async function sweepAbandonedCopies(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM article_staged_copies WHERE "stagedAt" < now() - $1::interval`, [STAGED_COPY_MAX_AGE]);
}

/** Marks new articles as near duplicates awaiting an editor's decision. */
export async function flagNearDuplicates(manager: EntityManager, flags: readonly NearDuplicateFlag[]): Promise<void> {
  if (flags.length === 0) return;
  await manager.query(
    `UPDATE articles a SET "duplicateOfId" = f.target, "duplicateKind" = 'near', "duplicateScore" = f.score
       FROM unnest($1::int[], $2::int[], $3::real[]) AS f(id, target, score) WHERE a.id = f.id`,
    [flags.map((flag) => flag.articleId), flags.map((flag) => flag.duplicateOfId), flags.map((flag) => flag.score)],
  );
}

/** The first (lowest id) article holding each content hash, for exact copies across dumps. */
export async function articleIdsByContentHash(manager: EntityManager, hashes: readonly string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  // One index probe per hash. Without statistics (rows this transaction inserted have none) the planner took
  // `"contentHash" = ANY(…)` to match most of the table and chose a parallel sequential scan: 40–60 ms a batch at
  // 20k articles, growing with the archive. As a lateral subquery (`OFFSET 0` keeps it one) it is probed per hash.
  const rows: { id: number; contentHash: string }[] = await manager.query(
    `SELECT h.hash AS "contentHash", a.id
       FROM unnest($1::char(64)[]) AS h(hash)
       CROSS JOIN LATERAL (SELECT min(id) AS id FROM (SELECT id FROM articles WHERE "contentHash" = h.hash OFFSET 0) same) a
      WHERE a.id IS NOT NULL`,
    [[...new Set(hashes)]],
  );
  return new Map(rows.map((row) => [row.contentHash, row.id]));
}

export async function contentHashesOf(manager: EntityManager, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; contentHash: string }[] = await manager.query(`SELECT id, "contentHash" FROM articles WHERE id = ANY($1)`, [[...new Set(ids)]]);
  return new Map(rows.map((row) => [row.id, row.contentHash]));
}

/** Archive articles sharing at least one body LSH band with each probe (GIN index probes), with their signatures. */
export async function bodyBandCandidates(manager: EntityManager, probes: ReadonlyArray<ArrayLike<number>>): Promise<ArchiveCandidate[]> {
  const [positions, bands] = flatten(probes);
  if (bands.length === 0) return [];
  return manager.query(
    `WITH probe AS (SELECT position, array_agg(band) AS bands FROM unnest($1::int[], $2::int[]) AS q(position, band) GROUP BY position)
     SELECT probe.position, a.id AS "articleId", a."contentHash", a.headline, a.minhash
       FROM probe JOIN articles a ON a."lshBands" && probe.bands
      WHERE a.minhash IS NOT NULL`,
    [intArrayParam(positions), intArrayParam(bands)],
  );
}

/**
 * Of the articles holding a headline key, only the newest this many are read for each lookup, so a hot key (three
 * common headline words, "gaza israel killed") costs the same however large the archive grows; before, every
 * article holding it was fetched and ranked. An update is filed close to the story it updates, so the original is
 * among a hot key's newest stories, or meets the update through another of its ten keys or a body band.
 */
export const HEADLINE_KEY_RECENT_LIMIT = 200;

/**
 * For each key, the ids of the newest HEADLINE_KEY_RECENT_LIMIT articles holding it, ascending: a key's own index
 * entries read backwards (an index-only scan of article_headline_keys' primary key), one scan per distinct key.
 * Keys no article holds are left out.
 */
export async function newestByHeadlineKey(manager: EntityManager, keys: readonly number[]): Promise<Map<number, number[]>> {
  if (keys.length === 0) return new Map();
  const rows: { key: number; ids: number[] }[] = await manager.query(
    `SELECT q.key, newest.ids
       FROM unnest($1::int[]) AS q(key)
       CROSS JOIN LATERAL (SELECT ARRAY(SELECT "articleId" FROM article_headline_keys k WHERE k.key = q.key ORDER BY "articleId" DESC LIMIT $2) AS ids) newest
      WHERE cardinality(newest.ids) > 0`,
    [intArrayParam([...new Set(keys)]), HEADLINE_KEY_RECENT_LIMIT],
  );
  return new Map(rows.map((row) => [row.key, row.ids.reverse()]));
}

/** The headlines of those of the given articles that have a signature (only those can be compared). */
export async function signedHeadlinesOf(manager: EntityManager, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; headline: string }[] = await manager.query(`SELECT id, headline FROM articles WHERE id = ANY($1) AND minhash IS NOT NULL`, [
    intArrayParam([...new Set(ids)]),
  ]);
  return new Map(rows.map((row) => [row.id, row.headline]));
}

/** What a near-duplicate check compares of the given articles (those with a stored MinHash signature). */
export async function comparableArticles(manager: EntityManager, ids: readonly number[]): Promise<Map<number, Omit<ArchiveCandidate, 'position'>>> {
  if (ids.length === 0) return new Map();
  const rows: Omit<ArchiveCandidate, 'position'>[] = await manager.query(
    `SELECT id AS "articleId", "contentHash", headline, minhash FROM articles WHERE id = ANY($1) AND minhash IS NOT NULL`,
    [intArrayParam([...new Set(ids)])],
  );
  return new Map(rows.map((row) => [row.articleId, row]));
}

export interface RelatedCandidate {
  position: number;
  articleId: number;
  headline: string;
  body: string[];
}

/**
 * At most this many archive articles per probe, the newest, are compared for related coverage: reports of one
 * event are filed within days of each other, and a key shared by many stories (two names of a busy beat)
 * must not make one lookup read thousands of bodies.
 */
export const RELATED_CANDIDATE_LIMIT = 64;

/** Archive articles sharing a related-coverage key with each probe (the newest RELATED_CANDIDATE_LIMIT), with their copy to compare, oldest first. */
export async function relatedCandidates(manager: EntityManager, probes: ReadonlyArray<ArrayLike<number>>): Promise<RelatedCandidate[]> {
  const [positions, keys] = flatten(probes);
  if (keys.length === 0) return [];
  // Bodies are read only for the ranked few, each by primary key: `OFFSET 0` keeps the planner from turning that
  // lookup into a hash join over a sequential scan of the whole table, a per-batch cost that grew with the archive.
  return manager.query(
    `WITH p AS (SELECT position, array_agg(key) AS keys FROM unnest($1::int[], $2::int[]) AS q(position, key) GROUP BY position),
          found AS (SELECT p.position, a.id, a."mergedIntoId" IS NULL AS live, row_number() OVER (PARTITION BY p.position ORDER BY a.id DESC) AS rank
                      FROM p JOIN articles a ON a."relatedKeys" && p.keys)
     SELECT found.position, a.id AS "articleId", a.headline, a.body
       FROM found CROSS JOIN LATERAL (SELECT id, headline, body FROM articles WHERE articles.id = found.id OFFSET 0) a
      WHERE found.rank <= $3 AND found.live
      ORDER BY found.position, a.id`,
    [intArrayParam(positions), intArrayParam(keys), RELATED_CANDIDATE_LIMIT],
  );
}

export interface RelatedLinkRow {
  articleId: number;
  relatedId: number;
}

/** Records related coverage (the later article first); a pair already linked is left as is. */
export async function linkRelated(manager: EntityManager, links: readonly RelatedLinkRow[]): Promise<void> {
  if (links.length === 0) return;
  await manager.query(
    `INSERT INTO article_related_links ("articleId", "relatedId") SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
    [links.map((link) => link.articleId), links.map((link) => link.relatedId)],
  );
}

function flatten(lists: ReadonlyArray<ArrayLike<number>>): [number[], number[]] {
  const positions: number[] = [];
  const values: number[] = [];
  lists.forEach((list, position) => {
    for (let index = 0; index < list.length; index += 1) {
      positions.push(position);
      values.push(list[index]!);
    }
  });
  return [positions, values];
}

export interface LockedSnapshot {
  article: Article;
  snapshot: ArticleSnapshot;
}

/**
 * Locks earlier articles an import is about to add captions or bylines to, so an editor saving meanwhile
 * waits and then gets a version conflict instead of silently overwriting, and keeps their state to write
 * a revision afterwards (`recordChangedArticles`).
 */
export async function lockWithSnapshots(manager: EntityManager, ids: readonly number[]): Promise<Map<number, LockedSnapshot>> {
  const before = new Map<number, LockedSnapshot>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    const article = await lockArticle(manager, id);
    before.set(id, { article, snapshot: snapshotOf(article, await captionsOf(manager, id), await bylinesOf(manager, id)) });
  }
  return before;
}

/** A new version and a revision for each locked article whose copy changed, like any other edit; returns their ids. */
export async function recordChangedArticles(manager: EntityManager, before: Map<number, LockedSnapshot>, actor: Actor): Promise<number[]> {
  const changed: number[] = [];
  for (const [id, { article, snapshot }] of before) {
    const after = snapshotOf(article, await captionsOf(manager, id), await bylinesOf(manager, id));
    if (sameCopy(snapshot, after)) continue;
    article.version += 1;
    const saved = await manager.save(article);
    await writeRevision(manager, saved, snapshot, after, actor);
    changed.push(id);
  }
  return changed;
}

/**
 * Slugs from headlines. A slug already taken (in the archive or this batch) gets the start of the content
 * hash, and in the rare case that is taken too, the import and position, which are unique.
 */
async function uniqueSlugs(manager: EntityManager, importId: number, rows: readonly ImportedArticleRow[]): Promise<string[]> {
  const wanted = rows.map((row) => slugify(row.headline));
  const hashed = rows.map((row, position) => `${wanted[position]}-${row.contentHash.slice(0, 8)}`);
  // One index probe per slug, as in `articleIdsByContentHash`: with `= ANY(…)` the planner scanned the table.
  const taken = new Set(
    (
      (await manager.query(`SELECT a.slug FROM unnest($1::text[]) AS q(slug) CROSS JOIN LATERAL (SELECT slug FROM articles WHERE slug = q.slug OFFSET 0) a`, [
        [...new Set([...wanted, ...hashed])],
      ])) as { slug: string }[]
    ).map((row) => row.slug),
  );
  return rows.map((row, position) => {
    const slug = [wanted[position]!, hashed[position]!].find((candidate) => !taken.has(candidate)) ?? `${hashed[position]}-${importId}-${row.index}`;
    taken.add(slug);
    return slug;
  });
}
