import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PendingArticleUpdates } from '../articles/article-events';
import { Article } from '../articles/article.entity';
import { ArticleRevision } from '../articles/revision.entity';
import { copyFieldsOf } from '../articles/revisions';
import { Actor, assertCan, can, describeActor, Permission } from '../auth/actor';
import { EnvironmentVariables } from '../config/environment';
import { isUniqueViolation } from '../database/postgres-errors';
import { JobQueueService } from '../jobs/job-queue.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { ImportError, ImportErrorCode } from './import-error';
import { ImportCompletedEvent, ImportEventName } from './import-events';
import { ImportPayloadChunk, PAYLOAD_CHUNK_BYTES } from './import-payload.entity';
import type { StagedDump } from './dump-upload';
import { Import, ImportStatus } from './import.entity';
import { ImportReport } from './import-report';
import { ImportProgress, WireImporter } from './wire-importer';

export const IMPORT_QUEUE = 'wire-import';

/** The lists inside an import's report that are read a page at a time. */
export const IMPORT_REPORT_SECTIONS = ['articles', 'removed', 'warnings'] as const;
export type ImportReportSection = (typeof IMPORT_REPORT_SECTIONS)[number];
export const MAX_REPORT_PAGE = 200;

export interface ImportReportPage {
  status: ImportStatus;
  /** The report without its lists: counts, removed lines by reason, whether it was truncated; for a rejected file, why. */
  summary: Record<string, unknown> | null;
  section: ImportReportSection;
  page: number;
  perPage: number;
  /** Entries in the whole section. */
  total: number;
  entries: unknown[];
}

/**
 * Media types a wire dump may arrive with: `text/plain`, and `application/octet-stream`, which is what browsers
 * and curl send for a file whose extension they do not know (`.dump`, none). Either way the bytes themselves
 * must be UTF-8 text (422 with the byte offset otherwise). Anything else (images, PDFs, archives) is refused up
 * front, before its bytes are read.
 */
const ACCEPTED_TYPES = ['text/plain', 'application/octet-stream'];

export interface ImportOutcome {
  import: Import;
  /** True when these exact bytes were imported before: nothing was written. */
  alreadyImported: boolean;
  /** True when these bytes belonged to a failed or stalled import, which was queued again instead. */
  retried?: boolean;
}

/** pg-boss options of an import job; a failing import is retried with back-off, then marked failed. */
const IMPORT_JOB = { retryLimit: 3, retryBackoff: true, expireInMinutes: 30 };
/**
 * First key of the advisory lock a worker holds on an import's id for as long as its import transaction lives.
 * PostgreSQL drops it the moment that worker's connection ends, so "running, and nobody holds the lock" means
 * the worker died: no heartbeat to tune, no waiting for an expiry.
 */
export const IMPORT_LOCK_SPACE = 0x57_44_49_4d;
/** An import whose worker died this many times is marked failed rather than queued again (a crash loop). */
export const MAX_IMPORT_ATTEMPTS = 5;
/** Statuses a worker may (still) run. */
const RUNNABLE = [ImportStatus.Queued, ImportStatus.Running];

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: WireImporter,
    private readonly jobs: JobQueueService,
    private readonly events: EventEmitter2,
    private readonly webhooks: WebhooksService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  get maxBytes(): number {
    return this.config.get('IMPORT_MAX_BYTES', { infer: true });
  }

  async findById(id: number, actor: Actor): Promise<Import> {
    assertCanReadImports(actor);
    const found = await this.imports.findOneBy({ id });
    if (!found) throw new ImportError(ImportErrorCode.NotFound, `no import with id ${id}`);
    return found;
  }

  /**
   * One page of one section of an import's report, and the report's summary (counts, removed lines by
   * reason, truncation): a report can run to megabytes, so only PostgreSQL ever holds it whole.
   */
  async reportPage(id: number, section: ImportReportSection, page: number, perPage: number, actor: Actor): Promise<ImportReportPage> {
    assertCanReadImports(actor);
    if (!IMPORT_REPORT_SECTIONS.includes(section)) {
      throw new ImportError(ImportErrorCode.InvalidReportPage, `section must be one of ${IMPORT_REPORT_SECTIONS.join(', ')}`);
    }
    if (!Number.isSafeInteger(page) || page < 1) throw new ImportError(ImportErrorCode.InvalidReportPage, 'page must be a whole number from 1');
    if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > MAX_REPORT_PAGE) {
      throw new ImportError(ImportErrorCode.InvalidReportPage, `perPage must be a whole number from 1 to ${MAX_REPORT_PAGE}`);
    }
    const [row] = await this.dataSource.query(
      `SELECT status,
              CASE WHEN jsonb_typeof(report) = 'object' THEN report - 'articles' - 'removed' - 'warnings' - 'updatedArticleIds' END AS summary,
              CASE WHEN jsonb_typeof(report -> $2) = 'array' THEN jsonb_array_length(report -> $2) ELSE 0 END AS total,
              CASE WHEN jsonb_typeof(report -> $2) = 'array'
                   THEN (SELECT coalesce(jsonb_agg(entry ORDER BY position), '[]'::jsonb)
                         FROM jsonb_array_elements(report -> $2) WITH ORDINALITY AS entries(entry, position)
                         WHERE position > $3 AND position <= $3 + $4)
                   ELSE '[]'::jsonb END AS entries
       FROM imports WHERE id = $1`,
      [id, section, (page - 1) * perPage, perPage],
    );
    if (!row) throw new ImportError(ImportErrorCode.NotFound, `no import with id ${id}`);
    return { status: row.status, summary: row.summary, section, page, perPage, total: Number(row.total), entries: row.entries };
  }

  /** Newest first, without the (possibly large) reports. */
  list(limit: number, offset: number, actor: Actor): Promise<[Import[], number]> {
    assertCanReadImports(actor);
    return this.imports.findAndCount({
      select: ['id', 'fileName', 'sha256', 'byteSize', 'status', 'counts', 'error', 'attempts', 'startedAt', 'createdById', 'createdAt', 'finishedAt'],
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /**
   * An upload from the API or the panel, already received and inspected by {@link DumpUploads} (bad input
   * gets a 4xx and writes no copy): stored in PostgreSQL with a queued job; a worker on any app instance
   * imports it, once.
   */
  async submitStaged(staged: StagedDump, actor: Actor, source: { inboxFile?: string } = {}): Promise<ImportOutcome> {
    const inboxFile = source.inboxFile ?? null;
    assertCan(actor, Permission.Import);
    checkDumpType(staged.mimeType);
    const fileName = cleanFileName(staged.fileName);
    const { sha256, byteSize, problem } = staged.inspection;
    if (byteSize > this.maxBytes) throw tooLarge(byteSize, this.maxBytes);
    const previous = await this.findImported(sha256);
    if (previous) {
      // The same bytes again, while their import is stuck behind a dead worker: run it again rather than wait.
      const retried = previous.status === ImportStatus.Running ? await this.requeueIfIdle(previous.id, [ImportStatus.Running], { inboxFile }) : null;
      return retried ? { import: retried, alreadyImported: false, retried: true } : { import: previous, alreadyImported: true };
    }
    const failed = problem ? null : await this.imports.findOne({ where: { sha256, status: ImportStatus.Failed }, order: { id: 'DESC' } });
    if (failed) {
      // Sending the bytes of a failed import is asking for it again: the same import runs once more, from these bytes.
      const retried = await this.requeueIfIdle(failed.id, [ImportStatus.Failed], { payloadPath: staged.path, inboxFile });
      if (retried) return { import: retried, alreadyImported: false, retried: true };
    }

    const createdById = actor.kind === 'user' ? actor.id : null;
    if (problem) {
      await this.recordRejection({ fileName, sha256, byteSize, createdById, inboxFile }, problem);
      throw problem;
    }

    try {
      const queued = await this.dataSource.transaction(async (manager) => {
        const record = await manager.save(manager.create(Import, { fileName, sha256, byteSize, status: ImportStatus.Queued, createdById, inboxFile }));
        await storePayload(manager, record.id, staged.path);
        await this.enqueue(manager, record.id);
        return record;
      });
      return { import: queued, alreadyImported: false };
    } catch (error) {
      // Two uploads of the same bytes raced; the other one won.
      if (isUniqueViolation(error, 'UQ_imports_sha256')) return { import: (await this.findImported(sha256))!, alreadyImported: true };
      throw error;
    }
  }

  /**
   * Runs a queued import in one transaction, holding the import's advisory lock throughout. Safe to call any
   * number of times, from any instance (pg-boss retries, a job sent again after a crash, `import:retry`):
   * a second caller finds the lock taken and returns false at once, and a finished import is never run again.
   * Returns whether this call ran the import to an end (completed or rejected).
   */
  async runQueued(importId: number): Promise<boolean> {
    let finished: Finished | 'busy' | null;
    await this.webhooks.prepareQueue();
    try {
      finished = await this.dataSource.transaction(async (manager) => {
        if (!(await holdImportLock(manager, importId))) return 'busy';
        const record = await manager.findOneBy(Import, { id: importId });
        if (!record || !RUNNABLE.includes(record.status)) return null;
        if (!(await manager.existsBy(ImportPayloadChunk, { importId }))) throw new Error(`import ${importId} has no stored file to import`);
        // Committed at once, beside this transaction (which leaves the row unlocked), so everyone sees the attempt running.
        await this.imports.update(importId, { status: ImportStatus.Running, startedAt: new Date(), attempts: () => '"attempts" + 1', error: null });
        // A worker that vanishes without closing its connection (a lost machine) must not hold the lock for hours.
        await manager.query(`SET LOCAL idle_in_transaction_session_timeout = '60s'`);
        const report = await this.importer.importDump(manager, importId, storedPayload(manager, importId));
        await manager.delete(ImportPayloadChunk, { importId });
        await manager.update(Import, importId, completion(report) as QueryDeepPartialEntity<Import>);
        return this.finishWithin(manager, await manager.findOneByOrFail(Import, { id: importId }));
      });
    } catch (error) {
      if (!(error instanceof ImportError)) {
        // The queue retries it; meanwhile it waits as queued, so it is not mistaken for an import whose worker died.
        const reason = error instanceof Error ? error.message : String(error);
        await this.imports.update({ id: importId, status: ImportStatus.Running }, { status: ImportStatus.Queued, error: `the last attempt failed: ${reason}` });
        throw error;
      }
      finished = await this.dataSource.transaction(async (manager) => {
        await manager.update(Import, importId, { status: ImportStatus.Rejected, error: error.message, finishedAt: new Date() });
        await manager.delete(ImportPayloadChunk, { importId });
        const rejected = await manager.findOneBy(Import, { id: importId });
        return rejected && this.finishWithin(manager, rejected);
      });
    }
    if (finished === 'busy' || finished === null) return false;
    this.announce(finished);
    return true;
  }

  /** Marks a queued import failed once the queue has given up retrying it; its bytes stay, so it can be retried. */
  async markFailed(importId: number, reason: string): Promise<void> {
    await this.webhooks.prepareQueue();
    const finished = await this.dataSource.transaction(async (manager) => {
      await manager.update(Import, importId, { status: ImportStatus.Failed, error: reason, finishedAt: new Date() });
      const failed = await manager.findOneBy(Import, { id: importId });
      return failed && this.finishWithin(manager, failed);
    });
    if (finished) this.announce(finished);
  }

  /**
   * Queues a failed import, or one whose worker died (running, with nobody holding its lock), once more: the
   * panel's Retry, `POST /api/imports/:id/retry` and `npm run cli -- import:retry ID`.
   */
  async retry(importId: number, actor: Actor): Promise<Import> {
    assertCan(actor, Permission.Import);
    const record = await this.imports.findOneBy({ id: importId });
    if (!record) throw new ImportError(ImportErrorCode.NotFound, `no import with id ${importId}`);
    if (![ImportStatus.Failed, ImportStatus.Running].includes(record.status)) {
      const advice = record.status === ImportStatus.Rejected ? '; fix the file and upload it again' : '';
      throw new ImportError(ImportErrorCode.NotRetryable, `import ${importId} is ${record.status}: only a failed or stalled import can be retried${advice}`, { status: record.status });
    }
    if (!(await this.dataSource.getRepository(ImportPayloadChunk).existsBy({ importId }))) {
      throw new ImportError(ImportErrorCode.NotRetryable, `the bytes of import ${importId} are no longer stored; upload the file again`, { status: record.status });
    }
    const queued = await this.requeueIfIdle(importId, [ImportStatus.Failed, ImportStatus.Running]);
    if (!queued) {
      throw new ImportError(ImportErrorCode.NotRetryable, `import ${importId} is running on an instance now (attempt ${record.attempts}); it needs no retry`, {
        status: ImportStatus.Running,
      });
    }
    this.logger.warn(`import ${importId} queued again by ${describeActor(actor)}`);
    return queued;
  }

  /**
   * Imports left running by a worker that died: queued again (every instance runs this every few seconds and
   * at start-up), or marked failed once their workers have died {@link MAX_IMPORT_ATTEMPTS} times. Returns the
   * ids queued again.
   */
  async resumeStalled(): Promise<number[]> {
    const resumed: number[] = [];
    const running = await this.imports.find({ select: { id: true }, where: { status: ImportStatus.Running } });
    if (running.length > 0) await this.webhooks.prepareQueue();
    for (const { id } of running) {
      const outcome = await this.dataSource.transaction(async (manager): Promise<Finished | ImportStatus.Queued | null> => {
        if (!(await holdImportLock(manager, id))) return null;
        const record = await manager.findOneBy(Import, { id });
        if (record?.status !== ImportStatus.Running) return null;
        if (record.attempts >= MAX_IMPORT_ATTEMPTS) {
          const error = `its worker stopped during each of ${record.attempts} attempts; retry it once the cause is fixed`;
          await manager.update(Import, id, { status: ImportStatus.Failed, error, finishedAt: new Date() });
          return this.finishWithin(manager, await manager.findOneByOrFail(Import, { id }));
        }
        await manager.update(Import, id, { status: ImportStatus.Queued, error: `the worker running attempt ${record.attempts} stopped; queued again` });
        await this.enqueue(manager, id);
        return ImportStatus.Queued;
      });
      if (outcome === ImportStatus.Queued) {
        this.logger.warn(`import ${id} was left running by a worker that stopped; queued again`);
        resumed.push(id);
      } else if (outcome !== null) {
        this.announce(outcome);
      }
    }
    return resumed;
  }

  /**
   * Sets an import in one of `from` back to queued with a new job, unless a worker holds it; with `payloadPath`,
   * its stored bytes are replaced by that file's first. Returns the queued import, or null when it was not idle.
   */
  private async requeueIfIdle(importId: number, from: ImportStatus[], replace: { payloadPath?: string; inboxFile?: string | null } = {}): Promise<Import | null> {
    const { payloadPath, inboxFile } = replace;
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (!(await holdImportLock(manager, importId))) return null;
        const record = await manager.findOneBy(Import, { id: importId });
        if (!record || !from.includes(record.status)) return null;
        if (payloadPath) {
          await manager.delete(ImportPayloadChunk, { importId });
          await storePayload(manager, importId, payloadPath);
        }
        await manager.update(Import, importId, { status: ImportStatus.Queued, error: null, finishedAt: null, ...(inboxFile ? { inboxFile } : {}) });
        await this.enqueue(manager, importId);
        return manager.findOneByOrFail(Import, { id: importId });
      });
    } catch (error) {
      // The same bytes were imported again meanwhile, as another import: that one stands.
      if (isUniqueViolation(error, 'UQ_imports_sha256')) {
        throw new ImportError(ImportErrorCode.NotRetryable, `the bytes of import ${importId} have been imported again since, as another import`);
      }
      throw error;
    }
  }

  /** The imports of files taken from INBOX_DIR, by their names in `INBOX_DIR/processing/`. */
  findByInboxFiles(names: string[]): Promise<Import[]> {
    return names.length === 0 ? Promise.resolve([]) : this.imports.findBy({ inboxFile: In(names) });
  }

  private async enqueue(manager: EntityManager, importId: number): Promise<void> {
    await this.jobs.ensureQueue(IMPORT_QUEUE);
    await this.jobs.sendWithin(manager, IMPORT_QUEUE, { importId }, IMPORT_JOB);
  }

  /**
   * The CLI path: streams a file from disk (never holding it whole) and imports it in one transaction.
   * With `dryRun`, everything is computed and reported, then rolled back.
   */
  async importFile(
    path: string,
    actor: Actor,
    options: { dryRun?: boolean; onProgress?: (progress: ImportProgress) => void } = {},
  ): Promise<ImportOutcome & { report: ImportReport | null }> {
    assertCan(actor, Permission.Import);
    const fileName = cleanFileName(basename(path));
    const { size } = await stat(path);
    if (size > this.maxBytes) throw tooLarge(size, this.maxBytes);
    const sha256 = await hashFile(path);
    const previous = await this.findImported(sha256);
    if (previous) return { import: previous, alreadyImported: true, report: null };

    const createdById = actor.kind === 'user' ? actor.id : null;
    await this.webhooks.prepareQueue();
    try {
      const completed = await this.dataSource.transaction(async (manager) => {
        const record = await manager.save(
          manager.create(Import, { fileName, sha256, byteSize: size, status: ImportStatus.Running, createdById, attempts: 1, startedAt: new Date() }),
        );
        const report = await this.importer.importDump(manager, record.id, createReadStream(path, { highWaterMark: 1 << 20 }), options.onProgress);
        if (options.dryRun) throw new DryRunRollback(report);
        return { finished: await this.finishWithin(manager, await manager.save(Object.assign(record, completion(report)))), report };
      });
      this.announce(completed.finished);
      return { import: completed.finished.record, alreadyImported: false, report: completed.report };
    } catch (error) {
      if (error instanceof DryRunRollback) {
        const preview = this.imports.create({ fileName, sha256, byteSize: size, status: ImportStatus.Completed, counts: error.report.counts });
        return { import: preview, alreadyImported: false, report: error.report };
      }
      if (error instanceof ImportError && !options.dryRun) await this.recordRejection({ fileName, sha256, byteSize: size, createdById }, error);
      throw error;
    }
  }

  private findImported(sha256: string): Promise<Import | null> {
    return this.imports
      .createQueryBuilder('import')
      .where('import.sha256 = :sha256', { sha256 })
      .andWhere('import.status NOT IN (:...retryable)', { retryable: [ImportStatus.Failed, ImportStatus.Rejected] })
      .getOne();
  }

  /** A rejected file is still reported (who sent what, and why it was refused); no copy is written. */
  private async recordRejection(
    file: { fileName: string; sha256: string; byteSize: number; createdById: number | null; inboxFile?: string | null },
    error: ImportError,
  ): Promise<void> {
    await this.webhooks.prepareQueue();
    const finished = await this.dataSource.transaction(async (manager) => {
      const rejected = await manager.save(
        manager.create(Import, { ...file, status: ImportStatus.Rejected, error: error.message, report: { error: error.message, code: error.code, ...error.extensions }, finishedAt: new Date() }),
      );
      return this.finishWithin(manager, rejected);
    });
    this.announce(finished);
  }

  /**
   * Queues the webhooks of a finished import (completed, rejected or failed) inside the transaction that
   * finished it, so they exist exactly when its outcome does: an `article.updated` for each article it
   * changed, then its `import.completed`. The in-process events follow after commit ({@link announce}).
   */
  private async finishWithin(manager: EntityManager, record: Import): Promise<Finished> {
    const updates = new PendingArticleUpdates();
    const updated = (record.report as Partial<ImportReport> | null)?.updatedArticleIds ?? [];
    if (updated.length > 0) {
      // The import's own revisions say what it changed (a long dump may have touched an article in several batches).
      const revisions = await manager.findBy(ArticleRevision, { articleId: In(updated), actorName: describeActor(importerOf(record)) });
      for (const article of await manager.findBy(Article, { id: In(updated) })) {
        updates.copy(article, [...new Set(revisions.filter((revision) => revision.articleId === article.id).flatMap((revision) => copyFieldsOf(revision.changes)))]);
      }
    }
    await this.webhooks.queueArticleUpdatesWithin(manager, updates);
    await this.webhooks.queueImportCompletedWithin(manager, record);
    return { record, updates };
  }

  /** After commit: the log line, and the in-process events of what {@link finishWithin} queued. */
  private announce({ record, updates }: Finished): void {
    this.logger.log(`import ${record.id} (${record.fileName}) ${record.status}`);
    updates.emit(this.events, importerOf(record));
    this.events.emit(ImportEventName.Completed, { import: record } satisfies ImportCompletedEvent);
  }
}

/** A finished import, and the article updates it announces. */
interface Finished {
  record: Import;
  updates: PendingArticleUpdates;
}

function importerOf(record: Pick<Import, 'id'>): Actor {
  return { kind: 'system', name: `wire import ${record.id}` };
}

/** What a finished import's row says. */
function completion(report: ImportReport): Pick<Import, 'status' | 'counts' | 'report' | 'finishedAt'> {
  return { status: ImportStatus.Completed, counts: report.counts, report: report as unknown as Record<string, unknown>, finishedAt: new Date() };
}

/** Takes the import's advisory lock for the rest of `manager`'s transaction; false when another session holds it. */
async function holdImportLock(manager: EntityManager, importId: number): Promise<boolean> {
  const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [IMPORT_LOCK_SPACE, importId]);
  return locked === true;
}

/**
 * Reports quote draft headlines and removed lines, so reading them needs draft access; whoever may import
 * (an ingest token included) may follow their own uploads.
 */
function assertCanReadImports(actor: Actor): void {
  if (!can(actor, Permission.Import)) assertCan(actor, Permission.ReadDrafts);
}

/** Refuses a media type a dump cannot have (415), before any of its bytes are read. */
export function checkDumpType(mimeType: string): void {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ImportError(ImportErrorCode.UnsupportedType, `a wire dump must be text/plain (or application/octet-stream) in UTF-8, not ${mimeType}`);
  }
}

export function tooLarge(size: number, limit: number): ImportError {
  return new ImportError(ImportErrorCode.TooLarge, `the file is ${size} bytes; the limit is ${limit} bytes (IMPORT_MAX_BYTES)`);
}

/** The name as a person reads it: NFC (macOS sends decomposed names), no control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  const cleaned = basename(name).normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'upload.txt';
  return Array.from(cleaned).slice(0, 255).join('');
}

/** Copies a staged dump into the import's payload chunks, a chunk at a time. */
async function storePayload(manager: EntityManager, importId: number, path: string): Promise<void> {
  let position = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: PAYLOAD_CHUNK_BYTES })) {
    await manager.insert(ImportPayloadChunk, { importId, position, content: chunk as Buffer });
    position += 1;
  }
}

/**
 * A queued import's bytes, read back one stored chunk at a time. The importer parses them in a worker thread,
 * so the event loop stays free for requests (`/health`) during a long import.
 */
async function* storedPayload(manager: EntityManager, importId: number): AsyncGenerator<Uint8Array> {
  for (let position = 0; ; position += 1) {
    const chunk = await manager.findOne(ImportPayloadChunk, { where: { importId, position }, select: { content: true } });
    if (!chunk) return;
    yield chunk.content;
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
