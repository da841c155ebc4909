import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ArticleEventName, ArticleUpdatedEvent } from '../articles/article-events';
import { Article } from '../articles/article.entity';
import { ArticleRevision } from '../articles/revision.entity';
import { copyFieldsOf } from '../articles/revisions';
import { Actor, assertCan, can, describeActor, Permission } from '../auth/actor';
import { EnvironmentVariables } from '../config/environment';
import { isUniqueViolation } from '../database/postgres-errors';
import { JobQueueService } from '../jobs/job-queue.service';
import { WireDumpParser, WireInputError } from '../wire';
import { ImportError, ImportErrorCode } from './import-error';
import { ImportCompletedEvent, ImportEventName } from './import-events';
import { ImportPayload } from './import-payload.entity';
import { Import, ImportStatus } from './import.entity';
import { ImportProgress, ImportReport, toImportError, WireImporter } from './wire-importer';

export const IMPORT_QUEUE = 'wire-import';

/** Media types a wire dump may arrive with; anything else (images, PDFs, archives) is refused up front. */
const ACCEPTED_TYPES = ['text/plain', 'application/octet-stream'];

export interface ImportOutcome {
  import: Import;
  /** True when these exact bytes were imported before: nothing was written. */
  alreadyImported: boolean;
}

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

  /** Newest first, without the (possibly large) reports. */
  list(limit: number, offset: number, actor: Actor): Promise<[Import[], number]> {
    assertCanReadImports(actor);
    return this.imports.findAndCount({
      select: ['id', 'fileName', 'sha256', 'byteSize', 'status', 'counts', 'error', 'createdById', 'createdAt', 'finishedAt'],
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /**
   * An upload from the API or the panel: checked now (so bad input gets a 4xx and writes no copy), then
   * stored with a queued job; a worker on any app instance imports it, once.
   */
  async submit(input: { fileName: string; bytes: Buffer; mimeType?: string; actor: Actor }): Promise<ImportOutcome> {
    assertCan(input.actor, Permission.Import);
    const fileName = cleanFileName(input.fileName);
    if (input.mimeType && !ACCEPTED_TYPES.includes(input.mimeType.split(';')[0]!.trim().toLowerCase())) {
      throw new ImportError(ImportErrorCode.UnsupportedType, `a wire dump must be text/plain, not ${input.mimeType}`);
    }
    if (input.bytes.byteLength > this.maxBytes) throw tooLarge(input.bytes.byteLength, this.maxBytes);
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const previous = await this.findImported(sha256);
    if (previous) return { import: previous, alreadyImported: true };

    const createdById = input.actor.kind === 'user' ? input.actor.id : null;
    try {
      validateDump(input.bytes);
    } catch (error) {
      if (error instanceof ImportError) await this.recordRejection({ fileName, sha256, byteSize: input.bytes.byteLength, createdById }, error);
      throw error;
    }

    try {
      const queued = await this.dataSource.transaction(async (manager) => {
        const record = await manager.save(
          manager.create(Import, { fileName, sha256, byteSize: input.bytes.byteLength, status: ImportStatus.Queued, createdById }),
        );
        await manager.insert(ImportPayload, { importId: record.id, content: input.bytes });
        await this.jobs.ensureQueue(IMPORT_QUEUE);
        await this.jobs.sendWithin(manager, IMPORT_QUEUE, { importId: record.id }, { retryLimit: 3, retryBackoff: true, expireInMinutes: 30 });
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
   * Runs a queued import in one transaction. Safe to call twice (two instances, a retry after a crash):
   * the import row is locked and only a queued or running import is processed.
   */
  async runQueued(importId: number): Promise<void> {
    await this.imports.update({ id: importId, status: ImportStatus.Queued }, { status: ImportStatus.Running });
    let finished: Import | null;
    try {
      finished = await this.dataSource.transaction(async (manager) => {
        const record = await manager.findOne(Import, { where: { id: importId }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
        if (!record || (record.status !== ImportStatus.Running && record.status !== ImportStatus.Queued)) return null;
        const payload = await manager.findOneBy(ImportPayload, { importId });
        if (!payload) throw new Error(`import ${importId} has no stored file to import`);
        const report = await this.importer.importDump(manager, importId, [payload.content]);
        await manager.delete(ImportPayload, { importId });
        return this.complete(manager, record, report);
      });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      await this.imports.update({ id: importId }, { status: ImportStatus.Rejected, error: error.message, finishedAt: new Date() });
      await this.dataSource.getRepository(ImportPayload).delete({ importId });
      finished = await this.imports.findOneBy({ id: importId });
    }
    if (finished) await this.announce(finished);
  }

  /** Marks a queued import failed once the queue has given up retrying it. */
  async markFailed(importId: number, reason: string): Promise<void> {
    await this.imports.update({ id: importId }, { status: ImportStatus.Failed, error: reason, finishedAt: new Date() });
    await this.dataSource.getRepository(ImportPayload).delete({ importId });
    const failed = await this.imports.findOneBy({ id: importId });
    if (failed) await this.announce(failed);
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
    try {
      const completed = await this.dataSource.transaction(async (manager) => {
        const record = await manager.save(manager.create(Import, { fileName, sha256, byteSize: size, status: ImportStatus.Running, createdById }));
        const report = await this.importer.importDump(manager, record.id, createReadStream(path, { highWaterMark: 1 << 20 }), options.onProgress);
        if (options.dryRun) throw new DryRunRollback(report);
        return { record: await this.complete(manager, record, report), report };
      });
      await this.announce(completed.record);
      return { import: completed.record, alreadyImported: false, report: completed.report };
    } catch (error) {
      if (error instanceof DryRunRollback) {
        const preview = this.imports.create({ fileName, sha256, byteSize: size, status: ImportStatus.Completed, counts: error.report.counts });
        return { import: preview, alreadyImported: false, report: error.report };
      }
      if (error instanceof ImportError && !options.dryRun) await this.recordRejection({ fileName, sha256, byteSize: size, createdById }, error);
      throw error;
    }
  }

  private async complete(manager: EntityManager, record: Import, report: ImportReport): Promise<Import> {
    record.status = ImportStatus.Completed;
    record.counts = report.counts;
    record.report = report as unknown as Record<string, unknown>;
    record.finishedAt = new Date();
    return manager.save(record);
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
    file: { fileName: string; sha256: string; byteSize: number; createdById: number | null },
    error: ImportError,
  ): Promise<void> {
    const rejected = await this.imports.save(
      this.imports.create({ ...file, status: ImportStatus.Rejected, error: error.message, report: { error: error.message, code: error.code, ...error.extensions }, finishedAt: new Date() }),
    );
    await this.announce(rejected);
  }

  /** Waits for listeners (webhook queueing) so that a CLI process does not exit before they have run. */
  private async announce(record: Import): Promise<void> {
    this.logger.log(`import ${record.id} (${record.fileName}) ${record.status}`);
    const updated = (record.report as Partial<ImportReport> | null)?.updatedArticleIds ?? [];
    if (updated.length > 0) {
      const importer: Actor = { kind: 'system', name: `wire import ${record.id}` };
      // The import's own revisions say what it changed (a long dump may have touched an article in several batches).
      const revisions = await this.dataSource.getRepository(ArticleRevision).findBy({ articleId: In(updated), actorName: describeActor(importer) });
      for (const article of await this.dataSource.getRepository(Article).findBy({ id: In(updated) })) {
        const copy = [...new Set(revisions.filter((revision) => revision.articleId === article.id).flatMap((revision) => copyFieldsOf(revision.changes)))];
        await this.events.emitAsync(ArticleEventName.Updated, { article, actor: importer, changes: { copy } } satisfies ArticleUpdatedEvent);
      }
    }
    await this.events.emitAsync(ImportEventName.Completed, { import: record } satisfies ImportCompletedEvent);
  }
}

/**
 * Reports quote draft headlines and removed lines, so reading them needs draft access; whoever may import
 * (an ingest token included) may follow their own uploads.
 */
function assertCanReadImports(actor: Actor): void {
  if (!can(actor, Permission.Import)) assertCan(actor, Permission.ReadDrafts);
}

/** Parses the whole upload without keeping anything, to refuse bad input before it is queued. */
function validateDump(bytes: Buffer): void {
  try {
    const parser = new WireDumpParser({ keepRemoved: false });
    parser.push(bytes);
    parser.end();
  } catch (error) {
    throw error instanceof WireInputError ? toImportError(error) : error;
  }
}

function tooLarge(size: number, limit: number): ImportError {
  return new ImportError(ImportErrorCode.TooLarge, `the file is ${size} bytes; the limit is ${limit} bytes (IMPORT_MAX_BYTES)`);
}

function cleanFileName(name: string): string {
  return (basename(name).replace(/[\u0000-\u001f]/g, '').trim() || 'upload.txt').slice(0, 255);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
