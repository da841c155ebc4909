import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { flagNearDuplicates, linkRelated, lockWithSnapshots, recordChangedArticles, releaseStagedCopies, stageCopies, sweepAbandonedCopies } from '../articles/article-rows';
import type { Actor } from '../auth/actor';
import { articlesToStage } from '../articles/staged-copies';
import { ParsedArticle, WireInputError } from '../wire';
import { ArticleIdSet } from './compact-ids';
import { DumpParse, ParsedBatch } from './dump-parsing';
import { DuplicateResolution } from './duplicate-resolution';
import { ImportError, ImportErrorCode } from './import-error';
import { emptyReport, ImportReport, recordOutcome, recordRemoved } from './import-report';
import { attachPeopleAndPhotos, writeNewArticles } from './import-rows';

/** Articles written per round trip: large enough to amortise SQL latency, small enough to stay in memory. */
const BATCH_SIZE = 500;

export interface ImportProgress {
  bytes: number;
  articles: number;
}

/**
 * Turns a wire dump into rows inside the caller's transaction: streams the bytes through the pure parser, which
 * runs in a worker thread (`dump-parsing.ts`), and, per batch, has the duplicate resolution decide each
 * article's outcome (`duplicate-resolution.ts`), writes the rows through each table's owner (`import-rows.ts`)
 * and counts it all in the report (`import-report.ts`). Any error leaves the transaction to roll back whole.
 */
@Injectable()
export class WireImporter {
  private readonly logger = new Logger(WireImporter.name);

  constructor(private readonly dataSource: DataSource) {}

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
    // window of signatures keeps memory flat however long the dump is. It runs in a worker thread, so the next
    // batch is parsed while this thread and PostgreSQL write the current one.
    const parse = new DumpParse({ dedupWindow: 2 * BATCH_SIZE, batchSize: BATCH_SIZE });
    const duplicates = new DuplicateResolution(manager, report);
    const createdIds = new ArticleIdSet();
    const progress: ImportProgress = { bytes: 0, articles: 0 };

    const feed = (async () => {
      for await (const chunk of chunks) {
        progress.bytes += chunk.byteLength;
        await parse.write(chunk);
        onProgress?.({ ...progress });
      }
      parse.end();
    })();
    // Reading the dump failed (a stored chunk, the file): the batches stop with that error.
    feed.catch((error: unknown) => parse.fail(error instanceof Error ? error : new Error(String(error))));

    let upcoming: Promise<{ next: ParsedBatch | null; staged: Promise<Set<number>> }> | null = null;
    try {
      // One batch ahead: while this transaction writes a batch, the next one's copy is staged with its search
      // vectors on another connection (and core), so the insert reads them there instead of stemming.
      let batch = await parse.next();
      let staged = this.stage(importId, batch, null, 0);
      // Where the copies not yet released start: those of the batch written before this one.
      let unreleased = 0;
      while (batch) {
        const current = batch;
        const releaseFrom = unreleased;
        upcoming = parse.next().then((next) => ({ next, staged: this.stage(importId, next, current, releaseFrom) }));
        // Rethrown where it is awaited below; without a handler meanwhile, a parse failure during this batch's
        // writes would count as an unhandled rejection.
        upcoming.catch(() => undefined);
        for (const entry of batch.removed) recordRemoved(report, entry);
        if (batch.articles.length > 0) {
          await this.writeBatch(manager, importId, batch.articles, await staged, duplicates, createdIds, report);
          unreleased = batch.articles[0]!.index;
          progress.articles += batch.articles.length;
          onProgress?.({ ...progress });
        }
        ({ next: batch, staged } = await upcoming);
      }
      await feed;
    } catch (error) {
      // Stop the reader before the transaction is rolled back under it.
      parse.fail(error instanceof Error ? error : new Error(String(error)));
      await feed.catch(() => undefined);
      // The next batch may still be being staged; it is released below once it is.
      await upcoming?.then((ahead) => ahead.staged).catch(() => undefined);
      throw error instanceof WireInputError ? toImportError(error) : error;
    } finally {
      parse.close();
      await this.releaseAll(importId);
    }
    report.warnings.push(...parse.warnings);
    report.counts.warnings = report.warnings.length;
    return report;
  }

  /**
   * Stages the batch's copies and search vectors from a pooled connection outside the import's transaction
   * (stemming depends on nothing the transaction writes), first dropping the copies the transaction has read: all
   * from `releaseFrom` up to `writing`, the batch it is writing now. Returns the positions staged. Never fails:
   * without a staged copy the row's copy is sent with it and the table's trigger computes the vector, as for every
   * other write.
   */
  private async stage(importId: number, batch: ParsedBatch | null, writing: ParsedBatch | null, releaseFrom: number): Promise<Set<number>> {
    const pooled = this.dataSource.manager;
    try {
      if (writing === null) {
        // Before the first batch: copies left by dead processes, this import's own included when it is being run
        // again after one (a retry runs under the import's lock, so no other attempt is staging them now).
        await sweepAbandonedCopies(pooled);
        await releaseStagedCopies(pooled, importId);
      }
      const firstWriting = writing?.articles[0]?.index;
      if (firstWriting !== undefined) await releaseStagedCopies(pooled, importId, firstWriting, releaseFrom);
      if (!batch?.copies) return new Set();
      await stageCopies(pooled, importId, batch.copies);
      return new Set(articlesToStage(batch.articles).map((article) => article.index));
    } catch (error) {
      this.logger.warn(`copies sent with the rows, search vectors left to the insert: ${error instanceof Error ? error.message : String(error)}`);
      return new Set();
    }
  }

  /** Drops whatever this import staged, however it ended. */
  private async releaseAll(importId: number): Promise<void> {
    try {
      await releaseStagedCopies(this.dataSource.manager, importId);
    } catch (error) {
      this.logger.warn(`staged copies of import ${importId} left for the next import to sweep: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async writeBatch(
    manager: EntityManager,
    importId: number,
    batch: ParsedArticle[],
    staged: ReadonlySet<number>,
    duplicates: DuplicateResolution,
    createdIds: ArticleIdSet,
    report: ImportReport,
  ): Promise<void> {
    const resolved = await duplicates.resolve(batch);
    const created = resolved.filter((entry) => entry.outcome !== 'merged');
    await writeNewArticles(manager, importId, created, staged);
    for (const entry of created) createdIds.add(entry.articleId!);
    await flagNearDuplicates(manager, await duplicates.settle(resolved));
    await linkRelated(manager, await duplicates.relate(resolved));

    // Exact copies may bring captions or bylines to articles that existed before this import (perhaps live):
    // those are locked first and get a new version and a revision, like any other edit.
    const earlierArticles = [...new Set(resolved.map((entry) => entry.articleId!).filter((id) => !createdIds.has(id)))];
    const before = await lockWithSnapshots(manager, earlierArticles);
    await attachPeopleAndPhotos(manager, resolved, report);
    const importer: Actor = { kind: 'system', name: `wire import ${importId}` };
    report.updatedArticleIds.push(...(await recordChangedArticles(manager, before, importer)));
    for (const entry of resolved) recordOutcome(report, entry);
  }
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
