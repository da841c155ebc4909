import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity';
import { lockArticle } from '../articles/articles.service';
import { bylinesOf } from '../articles/bylines';
import type { ArticleSnapshot } from '../articles/revision.entity';
import { sameCopy, snapshotOf, writeRevision } from '../articles/revisions';
import { slugify } from '../articles/slug';
import type { Actor } from '../auth/actor';
import { Caption } from '../captions/caption.entity';
import {
  AnomalyCode,
  authorKey,
  displayName,
  estimateJaccard,
  lshBandHashes,
  NEAR_DUPLICATE_THRESHOLD,
  ParsedArticle,
  photoFingerprint,
  RemovedLine,
  serialiseSignature,
  deserialiseSignature,
  WireDumpParser,
  WireInputError,
} from '../wire';
import { ImportError, ImportErrorCode } from './import-error';
import { ImportCounts } from './import.entity';

/** Articles written per round trip: large enough to amortise SQL latency, small enough to stay in memory. */
const BATCH_SIZE = 500;
/** The report lists this many articles and removed lines in detail; the counts always cover everything. */
export const REPORT_DETAIL_LIMIT = 10_000;

export type ArticleOutcome = 'created' | 'merged' | 'flagged';

export interface ArticleReportEntry {
  /** Position of the article in the dump, from 0. */
  index: number;
  headline: string;
  lines: [number, number];
  outcome: ArticleOutcome;
  articleId: number;
  /** For `merged`: the existing article it was merged into; for `flagged`: the article it nearly duplicates. */
  duplicateOf?: number;
  similarity?: number;
  reason?: string;
  /** What the parser guessed about this article (see the parser's anomaly codes); absent when nothing. */
  anomalies?: AnomalyCode[];
}

export interface ImportReport {
  counts: ImportCounts;
  articles: ArticleReportEntry[];
  removed: RemovedLine[];
  removedByReason: Record<string, number>;
  warnings: string[];
  /** True when `articles` or `removed` list only the first REPORT_DETAIL_LIMIT entries. */
  truncated: boolean;
  /** Time spent looking up and confirming near duplicates in the archive, to watch it stay flat as the archive grows. */
  nearDuplicateMs: number;
  /** Articles that existed before this import and gained captions or bylines from an exact copy. */
  updatedArticleIds: number[];
}

export interface ImportProgress {
  bytes: number;
  articles: number;
}

/** Where the parsed article went, by its index in the dump, so later copies in the same file can find it. */
type Placement = Map<number, number>;

interface ResolvedArticle {
  parsed: ParsedArticle;
  outcome: ArticleOutcome;
  /** Set for `merged` before writing; for new articles after insert. */
  articleId?: number;
  duplicateOf?: number;
  similarity?: number;
  reason?: string;
}

/**
 * Turns a wire dump into rows inside the caller's transaction: streams the bytes through the pure parser,
 * then per batch finds exact duplicates (content hash), near duplicates (MinHash LSH bands in PostgreSQL,
 * confirmed by estimated Jaccard), and upserts authors and photos by their normalised keys.
 * Every decision lands in the report. Any error leaves the transaction to roll back whole.
 */
@Injectable()
export class WireImporter {
  async importDump(
    manager: EntityManager,
    importId: number,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportReport> {
    const report = emptyReport();
    // Right after a bulk load the planner has no statistics and over-estimates the candidate lookup, which then
    // crosses jit_above_cost: compiling it took ~250 ms per batch, far more than running it (measured on 40k articles).
    await manager.query('SET LOCAL jit = off');
    // The parser finds exact copies at any distance by content hash. Near duplicates further back than a couple
    // of batches are already rows in this transaction, where the band lookup finds them; a short in-memory
    // window of signatures keeps memory flat however long the dump is.
    const parser = new WireDumpParser({
      keepRemoved: false,
      keepSource: true,
      dedupWindow: 2 * BATCH_SIZE,
      onRemoved: (entry) => recordRemoved(report, entry),
    });
    const placement: Placement = new Map();
    const createdIds = new Set<number>();
    const progress: ImportProgress = { bytes: 0, articles: 0 };
    let pending: ParsedArticle[] = [];

    const write = async (articles: ParsedArticle[]) => {
      if (articles.length === 0) return;
      await this.writeBatch(manager, importId, articles, placement, createdIds, report);
      progress.articles += articles.length;
      onProgress?.({ ...progress });
    };
    // One batch is written while the next is parsed: parsing runs here, writing in PostgreSQL's process.
    let writing: Promise<void> = Promise.resolve();

    try {
      for await (const chunk of chunks) {
        progress.bytes += chunk.byteLength;
        pending.push(...parser.push(chunk));
        if (pending.length >= BATCH_SIZE) {
          await writing;
          writing = write(pending);
          pending = [];
        } else {
          onProgress?.({ ...progress });
        }
      }
      pending.push(...parser.end());
    } catch (error) {
      // Let the batch in flight settle before the transaction is rolled back under it.
      await writing.catch(() => undefined);
      throw error instanceof WireInputError ? toImportError(error) : error;
    }
    await writing;
    await write(pending);
    report.warnings.push(...parser.warnings);
    report.counts.warnings = report.warnings.length;
    return report;
  }

  private async writeBatch(
    manager: EntityManager,
    importId: number,
    batch: ParsedArticle[],
    placement: Placement,
    createdIds: Set<number>,
    report: ImportReport,
  ): Promise<void> {
    const resolved = await this.resolveDuplicates(manager, batch, placement, report);
    const created = resolved.filter((entry) => entry.outcome !== 'merged');
    await this.insertArticles(manager, importId, created);
    for (const entry of created) createdIds.add(entry.articleId!);
    for (const entry of resolved) {
      if (entry.articleId === undefined) {
        entry.articleId = resolvedIdInBatch(resolved, entry.parsed.duplicateOf!);
        entry.duplicateOf = entry.articleId;
      }
      placement.set(entry.parsed.index, entry.articleId!);
    }
    const earlierArticles = [...new Set(resolved.filter((entry) => !createdIds.has(entry.articleId!)).map((entry) => entry.articleId!))];
    const before = await this.snapshotsForUpdate(manager, earlierArticles);
    await this.attachPeopleAndPhotos(manager, resolved, report);
    await this.recordRevisions(manager, importId, before, report);

    for (const entry of resolved) {
      if (entry.outcome === 'created') report.counts.articlesCreated += 1;
      if (entry.outcome === 'merged') report.counts.exactDuplicates += 1;
      if (entry.outcome === 'flagged') {
        report.counts.articlesCreated += 1;
        report.counts.nearDuplicates += 1;
      }
      const needsReview = entry.outcome !== 'merged' && entry.parsed.anomalies.length > 0;
      if (needsReview) report.counts.needsReview = (report.counts.needsReview ?? 0) + 1;
      if (report.articles.length < REPORT_DETAIL_LIMIT) {
        report.articles.push({
          index: entry.parsed.index,
          headline: entry.parsed.headline,
          lines: entry.parsed.lines,
          outcome: entry.outcome,
          articleId: entry.articleId!,
          ...(entry.duplicateOf !== undefined ? { duplicateOf: entry.duplicateOf } : {}),
          ...(entry.similarity !== undefined ? { similarity: entry.similarity } : {}),
          ...(entry.reason ? { reason: entry.reason } : {}),
          ...(needsReview ? { anomalies: [...new Set(entry.parsed.anomalies.map((anomaly) => anomaly.code))] } : {}),
        });
      } else {
        report.truncated = true;
      }
    }
  }

  /** Decides for each article: merge into an exact copy, flag as a near duplicate, or create. */
  private async resolveDuplicates(manager: EntityManager, batch: ParsedArticle[], placement: Placement, report: ImportReport): Promise<ResolvedArticle[]> {
    const existingByHash = new Map<string, number>();
    const hashes = [...new Set(batch.map((article) => article.contentHash))];
    const rows: { id: number; contentHash: string }[] = await manager.query(
      `SELECT DISTINCT ON ("contentHash") id, "contentHash" FROM articles WHERE "contentHash" = ANY($1) ORDER BY "contentHash", id`,
      [hashes],
    );
    for (const row of rows) existingByHash.set(row.contentHash, row.id);

    const resolved: ResolvedArticle[] = [];
    const needsArchiveCheck: ResolvedArticle[] = [];
    for (const parsed of batch) {
      const earlierInFile = parsed.duplicateOf !== null ? placement.get(parsed.duplicateOf) ?? resolvedIdInBatch(resolved, parsed.duplicateOf) : undefined;
      const earlierInBatch = parsed.duplicateOf !== null && batch.some((article) => article.index === parsed.duplicateOf);
      if (parsed.duplicateKind === 'exact' && (earlierInFile !== undefined || earlierInBatch)) {
        // When the earlier copy is new in this batch, its id is known only after insert (see writeBatch).
        resolved.push({ parsed, outcome: 'merged', articleId: earlierInFile, duplicateOf: earlierInFile, reason: `same copy as lines ${describeLines(batch, parsed.duplicateOf!) ?? 'earlier in this file'}` });
        continue;
      }
      const existing = existingByHash.get(parsed.contentHash);
      if (existing !== undefined) {
        resolved.push({ parsed, outcome: 'merged', articleId: existing, duplicateOf: existing, reason: `same copy as existing article ${existing}` });
        continue;
      }
      if (parsed.duplicateKind === 'near' && parsed.duplicateOf !== null) {
        const entry: ResolvedArticle = { parsed, outcome: 'flagged', similarity: parsed.similarity ?? undefined, reason: 'near duplicate of an article earlier in this file' };
        // The earlier copy may still be waiting for its id in this very batch; it is filled in at insert time.
        entry.duplicateOf = earlierInFile;
        resolved.push(entry);
        continue;
      }
      const entry: ResolvedArticle = { parsed, outcome: 'created' };
      resolved.push(entry);
      needsArchiveCheck.push(entry);
    }
    const started = performance.now();
    await this.flagNearDuplicatesInArchive(manager, needsArchiveCheck);
    report.nearDuplicateMs += performance.now() - started;
    return resolved;
  }

  /**
   * Finds archive articles sharing an LSH band with each new one (a GIN index probe per article), confirms
   * them by estimated Jaccard, skips pairs an editor declared "not a duplicate", and flags the best match.
   */
  private async flagNearDuplicatesInArchive(manager: EntityManager, entries: ResolvedArticle[]): Promise<void> {
    if (entries.length === 0) return;
    const positions: number[] = [];
    const bands: number[] = [];
    entries.forEach((entry, position) => {
      for (const hash of lshBandHashes(entry.parsed.signature)) {
        positions.push(position);
        bands.push(hash);
      }
    });
    const candidates: { position: number; articleId: number; contentHash: string; minhash: Buffer; dismissed: boolean }[] = await manager.query(
      `WITH probe AS (
         SELECT position, array_agg(band) AS bands, min(hash) AS hash
           FROM unnest($1::int[], $2::int[]) AS q(position, band)
           JOIN unnest($3::int[], $4::char(64)[]) AS h(position, hash) USING (position)
          GROUP BY position
       )
       SELECT probe.position, a.id AS "articleId", a."contentHash", a.minhash,
              EXISTS (SELECT 1 FROM dismissed_duplicate_pairs d
                       WHERE d."lowHash" = LEAST(probe.hash, a."contentHash") AND d."highHash" = GREATEST(probe.hash, a."contentHash")) AS dismissed
         FROM probe JOIN articles a ON a."lshBands" && probe.bands
        WHERE a.minhash IS NOT NULL`,
      [positions, bands, entries.map((_, position) => position), entries.map((entry) => entry.parsed.contentHash)],
    );

    for (const candidate of candidates) {
      if (candidate.dismissed) continue;
      const entry = entries[candidate.position]!;
      const similarity = estimateJaccard(entry.parsed.signature, deserialiseSignature(candidate.minhash));
      if (similarity < NEAR_DUPLICATE_THRESHOLD) continue;
      if (entry.similarity === undefined || similarity > entry.similarity || (similarity === entry.similarity && candidate.articleId < entry.duplicateOf!)) {
        entry.outcome = 'flagged';
        entry.duplicateOf = candidate.articleId;
        entry.similarity = similarity;
        entry.reason = `near duplicate of existing article ${candidate.articleId}`;
      }
    }
  }

  private async insertArticles(manager: EntityManager, importId: number, entries: ResolvedArticle[]): Promise<void> {
    if (entries.length === 0) return;
    const slugs = await this.uniqueSlugs(manager, importId, entries.map((entry) => entry.parsed));
    const rows = entries.map((entry, position) => ({
      slug: slugs[position],
      headline: entry.parsed.headline,
      body: entry.parsed.body,
      contentHash: entry.parsed.contentHash,
      minhash: serialiseSignature(entry.parsed.signature).toString('hex'),
      lshBands: Array.from(lshBandHashes(entry.parsed.signature)),
      sourceLineStart: entry.parsed.lines[0],
      sourceLineEnd: entry.parsed.lines[1],
      anomalies: entry.parsed.anomalies,
    }));
    const inserted: { id: number; slug: string }[] = await manager.query(
      `INSERT INTO articles (slug, headline, body, "contentHash", minhash, "lshBands", "importId", "sourceLineStart", "sourceLineEnd", anomalies, "needsReview")
       SELECT r.slug, r.headline, ARRAY(SELECT jsonb_array_elements_text(r.body)), r."contentHash", decode(r.minhash, 'hex'),
              ARRAY(SELECT jsonb_array_elements_text(r."lshBands")::int), $2, r."sourceLineStart", r."sourceLineEnd",
              r.anomalies, jsonb_array_length(r.anomalies) > 0
         FROM jsonb_to_recordset($1::jsonb) AS r(slug text, headline text, body jsonb, "contentHash" text, minhash text, "lshBands" jsonb, "sourceLineStart" int, "sourceLineEnd" int, anomalies jsonb)
       RETURNING id, slug`,
      [JSON.stringify(rows), importId],
    );
    const idBySlug = new Map(inserted.map((row) => [row.slug, row.id]));
    entries.forEach((entry, position) => {
      entry.articleId = idBySlug.get(slugs[position]!)!;
    });
    // An editor reviewing what the parser guessed compares it with the dump's lines, kept for those articles only.
    const toReview = entries.filter((entry) => entry.parsed.anomalies.length > 0 && entry.parsed.source !== undefined);
    if (toReview.length > 0) {
      await manager.query(
        `INSERT INTO article_sources ("articleId", "firstLine", text) SELECT * FROM unnest($1::int[], $2::int[], $3::text[])`,
        [toReview.map((entry) => entry.articleId), toReview.map((entry) => entry.parsed.lines[0]), toReview.map((entry) => entry.parsed.source)],
      );
    }

    // Flags pointing at an earlier copy in this same batch could only be resolved now that it has an id.
    const byIndex = new Map(entries.map((entry) => [entry.parsed.index, entry.articleId!]));
    const flagged = entries.filter((entry) => entry.outcome === 'flagged');
    for (const entry of flagged) entry.duplicateOf ??= byIndex.get(entry.parsed.duplicateOf!);
    const dismissed = await this.dismissedPairs(manager, flagged);
    for (const entry of dismissed) {
      entry.outcome = 'created';
      entry.reason = `an editor declared it not a duplicate of article ${entry.duplicateOf}`;
      entry.duplicateOf = undefined;
      entry.similarity = undefined;
    }
    const stillFlagged = flagged.filter((entry) => entry.outcome === 'flagged');
    if (stillFlagged.length > 0) {
      await manager.query(
        `UPDATE articles a SET "duplicateOfId" = f.target, "duplicateKind" = 'near', "duplicateScore" = f.score
           FROM unnest($1::int[], $2::int[], $3::real[]) AS f(id, target, score) WHERE a.id = f.id`,
        [stillFlagged.map((entry) => entry.articleId), stillFlagged.map((entry) => entry.duplicateOf), stillFlagged.map((entry) => entry.similarity ?? null)],
      );
    }
  }

  /**
   * Exact copies may bring captions or bylines to articles that existed before this import (perhaps live).
   * Those rows are locked now, so an editor saving meanwhile waits and then gets a version conflict instead of
   * silently overwriting, and their state is kept to write a revision afterwards.
   */
  private async snapshotsForUpdate(manager: EntityManager, ids: number[]): Promise<Map<number, { article: Article; snapshot: ArticleSnapshot }>> {
    const before = new Map<number, { article: Article; snapshot: ArticleSnapshot }>();
    for (const id of [...ids].sort((a, b) => a - b)) {
      const article = await lockArticle(manager, id);
      const captions = await manager.find(Caption, { where: { articleId: id }, order: { position: 'ASC' } });
      before.set(id, { article, snapshot: snapshotOf(article, captions, await bylinesOf(manager, id)) });
    }
    return before;
  }

  /** A new version and a revision for each earlier article the import changed, like any other edit. */
  private async recordRevisions(
    manager: EntityManager,
    importId: number,
    before: Map<number, { article: Article; snapshot: ArticleSnapshot }>,
    report: ImportReport,
  ): Promise<void> {
    const importer: Actor = { kind: 'system', name: `wire import ${importId}` };
    for (const [id, { article, snapshot }] of before) {
      const captions = await manager.find(Caption, { where: { articleId: id }, order: { position: 'ASC' } });
      const after = snapshotOf(article, captions, await bylinesOf(manager, id));
      if (sameCopy(snapshot, after)) continue;
      article.version += 1;
      const saved = await manager.save(article);
      await writeRevision(manager, saved, snapshot, after, importer);
      report.updatedArticleIds.push(id);
    }
  }

  /** In-file near duplicates whose pair of copies an editor already declared "not a duplicate". */
  private async dismissedPairs(manager: EntityManager, entries: ResolvedArticle[]): Promise<Set<ResolvedArticle>> {
    if (entries.length === 0) return new Set();
    const rows: { position: number }[] = await manager.query(
      `SELECT f.position FROM unnest($1::int[], $2::char(64)[], $3::int[]) AS f(position, hash, target)
         JOIN articles t ON t.id = f.target
         JOIN dismissed_duplicate_pairs d ON d."lowHash" = LEAST(f.hash, t."contentHash") AND d."highHash" = GREATEST(f.hash, t."contentHash")`,
      [entries.map((_, position) => position), entries.map((entry) => entry.parsed.contentHash), entries.map((entry) => entry.duplicateOf)],
    );
    return new Set(rows.map((row) => entries[row.position]!));
  }

  /**
   * Slugs from headlines. A slug already taken (in the archive or this batch) gets the start of the content
   * hash, and in the rare case that is taken too, the import and position, which are unique.
   */
  private async uniqueSlugs(manager: EntityManager, importId: number, articles: ParsedArticle[]): Promise<string[]> {
    const wanted = articles.map((article) => slugify(article.headline));
    const hashed = articles.map((article, position) => `${wanted[position]}-${article.contentHash.slice(0, 8)}`);
    const rows: { slug: string }[] = await manager.query(`SELECT slug FROM articles WHERE slug = ANY($1)`, [[...wanted, ...hashed]]);
    const taken = new Set(rows.map((row) => row.slug));
    return articles.map((article, position) => {
      const slug = [wanted[position]!, hashed[position]!].find((candidate) => !taken.has(candidate)) ?? `${hashed[position]}-${importId}-${article.index}`;
      taken.add(slug);
      return slug;
    });
  }

  /** Upserts authors (bylines, photographers) and photos by their keys, then links them to the articles. */
  private async attachPeopleAndPhotos(manager: EntityManager, entries: ResolvedArticle[], report: ImportReport): Promise<void> {
    const authorNames = new Map<string, string>();
    const photos = new Map<string, { credit: string | null; agency: string | null; photographerKey: string | null }>();
    for (const { parsed } of entries) {
      for (const name of parsed.bylines) authorNames.set(authorKey(name), displayName(name));
      for (const photo of parsed.photos) {
        const photographerKey = photo.photographer ? authorKey(photo.photographer) : null;
        if (photo.photographer && photographerKey) authorNames.set(photographerKey, displayName(photo.photographer));
        photos.set(photoFingerprint(photo), { credit: photo.credit, agency: photo.agency, photographerKey });
      }
    }
    authorNames.delete('');

    const authorIds = new Map<string, number>();
    if (authorNames.size > 0) {
      const keys = [...authorNames.keys()];
      const created: unknown[] = await manager.query(
        `INSERT INTO authors (name, key) SELECT * FROM unnest($1::varchar[], $2::varchar[]) ON CONFLICT (key) DO NOTHING RETURNING id`,
        [keys.map((key) => authorNames.get(key)), keys],
      );
      report.counts.authorsCreated += created.length;
      const rows: { id: number; key: string }[] = await manager.query(`SELECT id, key FROM authors WHERE key = ANY($1)`, [keys]);
      for (const row of rows) authorIds.set(row.key, row.id);
    }

    const photoIds = new Map<string, number>();
    if (photos.size > 0) {
      const fingerprints = [...photos.keys()];
      const values = fingerprints.map((fingerprint) => photos.get(fingerprint)!);
      const created: unknown[] = await manager.query(
        `INSERT INTO photos (fingerprint, credit, agency, "photographerId")
         SELECT * FROM unnest($1::char(64)[], $2::text[], $3::varchar[], $4::int[]) ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
        [
          fingerprints,
          values.map((photo) => photo.credit),
          values.map((photo) => photo.agency),
          values.map((photo) => (photo.photographerKey ? authorIds.get(photo.photographerKey) ?? null : null)),
        ],
      );
      report.counts.photosCreated += created.length;
      const rows: { id: number; fingerprint: string }[] = await manager.query(`SELECT id, fingerprint FROM photos WHERE fingerprint = ANY($1)`, [fingerprints]);
      for (const row of rows) photoIds.set(row.fingerprint, row.id);
    }

    await this.insertCaptions(manager, entries, photoIds);
    await this.insertBylines(manager, entries, authorIds);
  }

  /** One caption per photo an article prints; a merged copy adds only photos its article lacks. */
  private async insertCaptions(manager: EntityManager, entries: ResolvedArticle[], photoIds: Map<string, number>): Promise<void> {
    const articleIds = [...new Set(entries.filter((entry) => entry.parsed.photos.length > 0).map((entry) => entry.articleId!))];
    if (articleIds.length === 0) return;
    const existing: { articleId: number; photoId: number; position: number }[] = await manager.query(
      `SELECT "articleId", "photoId", position FROM captions WHERE "articleId" = ANY($1)`,
      [articleIds],
    );
    const photosOf = new Map<number, Set<number>>();
    const nextPosition = new Map<number, number>();
    for (const row of existing) {
      if (!photosOf.has(row.articleId)) photosOf.set(row.articleId, new Set());
      photosOf.get(row.articleId)!.add(row.photoId);
      nextPosition.set(row.articleId, Math.max(nextPosition.get(row.articleId) ?? 0, row.position + 1));
    }
    const rows: { articleId: number; photoId: number; position: number; text: string }[] = [];
    for (const entry of entries) {
      const articleId = entry.articleId!;
      for (const photo of entry.parsed.photos) {
        const photoId = photoIds.get(photoFingerprint(photo))!;
        const seen = photosOf.get(articleId) ?? new Set<number>();
        if (seen.has(photoId)) continue;
        seen.add(photoId);
        photosOf.set(articleId, seen);
        const position = nextPosition.get(articleId) ?? 0;
        nextPosition.set(articleId, position + 1);
        rows.push({ articleId, photoId, position, text: photo.caption });
      }
    }
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO captions ("articleId", "photoId", position, text) SELECT * FROM unnest($1::int[], $2::int[], $3::smallint[], $4::text[])`,
      [rows.map((row) => row.articleId), rows.map((row) => row.photoId), rows.map((row) => row.position), rows.map((row) => row.text)],
    );
  }

  /** Writers from `By …` lines, then photographers from credits, in print order. */
  private async insertBylines(manager: EntityManager, entries: ResolvedArticle[], authorIds: Map<string, number>): Promise<void> {
    const rows: { articleId: number; authorId: number; role: string; position: number }[] = [];
    for (const entry of entries) {
      const people = [
        ...entry.parsed.bylines.map((name) => ({ key: authorKey(name), role: 'writer' })),
        ...entry.parsed.photos.filter((photo) => photo.photographer).map((photo) => ({ key: authorKey(photo.photographer!), role: 'photographer' })),
      ];
      people.forEach((person, position) => {
        const authorId = authorIds.get(person.key);
        if (authorId !== undefined) rows.push({ articleId: entry.articleId!, authorId, role: person.role, position });
      });
    }
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO bylines ("articleId", "authorId", role, position)
       SELECT * FROM unnest($1::int[], $2::int[], $3::varchar[], $4::smallint[])
       ON CONFLICT ("articleId", "authorId", role) DO NOTHING`,
      [rows.map((row) => row.articleId), rows.map((row) => row.authorId), rows.map((row) => row.role), rows.map((row) => row.position)],
    );
  }
}

function emptyReport(): ImportReport {
  return {
    counts: { articlesCreated: 0, exactDuplicates: 0, nearDuplicates: 0, needsReview: 0, photosCreated: 0, authorsCreated: 0, linesRemoved: 0, warnings: 0 },
    articles: [],
    removed: [],
    removedByReason: {},
    warnings: [],
    truncated: false,
    nearDuplicateMs: 0,
    updatedArticleIds: [],
  };
}

function recordRemoved(report: ImportReport, entry: RemovedLine): void {
  report.counts.linesRemoved += 1;
  report.removedByReason[entry.reason] = (report.removedByReason[entry.reason] ?? 0) + 1;
  if (report.removed.length < REPORT_DETAIL_LIMIT) report.removed.push(entry);
  else report.truncated = true;
}

function resolvedIdInBatch(resolved: ResolvedArticle[], index: number): number | undefined {
  return resolved.find((entry) => entry.parsed.index === index)?.articleId;
}

function describeLines(batch: ParsedArticle[], index: number): string | undefined {
  const earlier = batch.find((article) => article.index === index);
  return earlier ? `${earlier.lines[0]}–${earlier.lines[1]}` : undefined;
}

export function toImportError(error: WireInputError): ImportError {
  const code: Record<WireInputError['code'], ImportErrorCode> = {
    EMPTY: ImportErrorCode.Empty,
    BINARY: ImportErrorCode.Binary,
    INVALID_UTF8: ImportErrorCode.InvalidUtf8,
    LINE_TOO_LONG: ImportErrorCode.LineTooLong,
    NO_ARTICLES: ImportErrorCode.NoArticles,
  };
  return new ImportError(code[error.code], error.message, error.byteOffset !== null ? { byteOffset: error.byteOffset } : {});
}
