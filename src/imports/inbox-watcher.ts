import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Actor } from '../auth/actor';
import { EnvironmentVariables } from '../config/environment';
import { JobQueueService } from '../jobs/job-queue.service';
import { DumpInspection, DumpValidators } from './dump-inspector';
import { StagedDump } from './dump-upload';
import { ImportError } from './import-error';
import { Import, ImportStatus } from './import.entity';
import { ImportsService } from './imports.service';

export const INBOX_ACTOR: Actor = { kind: 'system', name: 'inbox' };
/** How often every instance looks at the inbox. */
export const INBOX_SCAN_MS = 2000;
/** A claimed file with no import after this long was left by an instance that died: it goes back to the inbox. */
const ABANDONED_CLAIM_MS = 10 * 60_000;
/** Names that uploaders (FTP clients, browsers, rsync) give files they are still writing. */
const IN_PROGRESS = /^\.|\.(part|partial|tmp|filepart|crdownload|uploading)$/i;
/** Between the claim's random prefix and the file's own name. */
const CLAIM_SEPARATOR = '--';

interface Observation {
  size: number;
  mtimeMs: number;
  since: number;
}

/**
 * The watched inbox (INBOX_DIR): newsrooms receive wire dumps as files dropped into a folder. Every instance
 * that runs workers watches it. A file is taken once its size and modification time have stayed the same for
 * INBOX_SETTLE_SECONDS (so one still being written waits), by renaming it into `processing/` under a name of
 * its own: a rename succeeds for one instance only, so each file is taken once however many watch. It is then
 * checked like an upload and queued; when its import has ended, whichever instance sees it first moves it to
 * `done/` or `rejected/`, with the report beside it as `<name>.report.json`. Files present at start-up are
 * taken the same way.
 */
@Injectable()
export class InboxWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxWatcher.name);
  private readonly observed = new Map<string, Observation>();
  private timer?: NodeJS.Timeout;
  private scanning: Promise<void> | null = null;

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly jobs: JobQueueService,
    private readonly imports: ImportsService,
    private readonly validators: DumpValidators,
  ) {}

  private get directory(): string | null {
    const configured = this.config.get('INBOX_DIR', { infer: true });
    return configured ? resolve(configured) : null;
  }

  private folder(name: 'processing' | 'done' | 'rejected'): string {
    return join(this.directory!, name);
  }

  async onApplicationBootstrap(): Promise<void> {
    // CLI commands run no workers and leave the inbox to the servers.
    if (!this.directory || !this.jobs.workersEnabled) return;
    for (const folder of ['processing', 'done', 'rejected'] as const) await mkdir(this.folder(folder), { recursive: true });
    this.logger.log(`watching ${this.directory} for wire dumps`);
    void this.scan();
    this.timer = setInterval(() => void this.scan(), INBOX_SCAN_MS);
    this.timer.unref();
  }

  /** Before the database connections close: no new scan, and the one under way finishes its file. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.scanning;
  }

  /** One look at the inbox (also what the timer runs); scans never overlap. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce()
      .catch((error: unknown) => this.logger.error(`inbox scan failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    await this.settleClaims();
    for (const name of await this.settledFiles()) await this.take(name);
  }

  /** Files whose size and modification time have not changed for INBOX_SETTLE_SECONDS, as this instance saw them. */
  private async settledFiles(): Promise<string[]> {
    const settleMs = this.config.get('INBOX_SETTLE_SECONDS', { infer: true }) * 1000;
    const now = Date.now();
    const present = new Set<string>();
    const settled: string[] = [];
    for (const entry of await readdir(this.directory!, { withFileTypes: true })) {
      if (!entry.isFile() || IN_PROGRESS.test(entry.name)) continue;
      const info = await stat(join(this.directory!, entry.name)).catch(() => null);
      if (!info) continue;
      present.add(entry.name);
      const previous = this.observed.get(entry.name);
      if (!previous || previous.size !== info.size || previous.mtimeMs !== info.mtimeMs) {
        this.observed.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
      } else if (now - previous.since >= settleMs) {
        settled.push(entry.name);
      }
    }
    for (const name of this.observed.keys()) if (!present.has(name)) this.observed.delete(name);
    return settled;
  }

  /** Claims a file (or finds another instance was first), checks it and queues it, or moves it where it belongs. */
  private async take(name: string): Promise<void> {
    this.observed.delete(name);
    const claim = `${randomUUID()}${CLAIM_SEPARATOR}${name}`;
    const path = join(this.folder('processing'), claim);
    try {
      await rename(join(this.directory!, name), path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another instance took it
      throw error;
    }
    try {
      const before = await stat(path);
      if (before.size > this.imports.maxBytes) {
        return await this.move(claim, 'rejected', {
          error: `the file is ${before.size} bytes; the limit is ${this.imports.maxBytes} bytes (IMPORT_MAX_BYTES)`,
          code: 'IMPORT_TOO_LARGE',
          import: null,
        });
      }
      const inspection = await this.inspect(path);
      const after = await stat(path);
      if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
        // Still being written after all (a writer that paused): back to the inbox, to settle again.
        await rename(path, join(this.directory!, name));
        this.logger.warn(`${name} changed while it was being checked; it waits in the inbox until it settles`);
        return;
      }
      const staged = new StagedDump(path, name, 'text/plain', inspection, async () => undefined);
      const outcome = await this.imports.submitStaged(staged, INBOX_ACTOR, { inboxFile: claim });
      if (outcome.alreadyImported) await this.move(claim, 'done', { alreadyImported: true, import: summaryOf(outcome.import), report: null });
      else this.logger.log(`${name}: import ${outcome.import.id} queued`);
    } catch (error) {
      if (!(error instanceof ImportError)) {
        // Left in processing/: with no import naming it, it goes back to the inbox after a while, to be tried again.
        this.logger.error(`${name} could not be taken: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const rejected = (await this.imports.findByInboxFiles([claim]))[0] ?? null;
      await this.move(claim, 'rejected', { error: error.message, code: error.code, ...error.extensions, import: rejected ? summaryOf(rejected) : null });
    }
  }

  private async inspect(path: string): Promise<DumpInspection> {
    const inspector = this.validators.inspect();
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 64 << 10 })) await inspector.write(chunk as Buffer);
      return await inspector.finish();
    } catch (error) {
      inspector.abort();
      throw error;
    }
  }

  /**
   * Claimed files whose import has ended go to `done/` or `rejected/` (an import that failed keeps its file here
   * until it is retried); a claim no import names, left longer than a few minutes, goes back to the inbox.
   */
  private async settleClaims(): Promise<void> {
    const claims = (await readdir(this.folder('processing'), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    if (claims.length === 0) return;
    const byClaim = new Map((await this.imports.findByInboxFiles(claims)).map((record) => [record.inboxFile!, record]));
    for (const claim of claims) {
      const record = byClaim.get(claim);
      if (record?.status === ImportStatus.Completed) {
        await this.move(claim, 'done', { alreadyImported: false, import: summaryOf(record), report: record.report });
      } else if (record?.status === ImportStatus.Rejected) {
        await this.move(claim, 'rejected', { error: record.error, ...(record.report ?? {}), import: summaryOf(record) });
      } else if (!record) {
        await this.returnAbandoned(claim);
      }
    }
  }

  private async returnAbandoned(claim: string): Promise<void> {
    const path = join(this.folder('processing'), claim);
    const info = await stat(path).catch(() => null);
    if (!info || Date.now() - info.ctimeMs < ABANDONED_CLAIM_MS) return;
    const original = originalName(claim);
    await rename(path, join(this.directory!, original)).catch(() => undefined);
    this.logger.warn(`${original} was claimed by an instance that stopped before queueing it; it is back in the inbox`);
  }

  /** Moves a claimed file (once: another instance may be doing the same) and writes its report beside it. */
  private async move(claim: string, folder: 'done' | 'rejected', report: Record<string, unknown>): Promise<void> {
    const original = originalName(claim);
    const importId = (report.import as { id?: number } | null)?.id;
    let target = join(this.folder(folder), original);
    if (await stat(target).then(() => true, () => false)) {
      const extension = extname(original);
      target = join(this.folder(folder), `${original.slice(0, original.length - extension.length)}-${importId ?? claim.slice(0, 8)}${extension}`);
    }
    try {
      await rename(join(this.folder('processing'), claim), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another instance moved it
      throw error;
    }
    await writeFile(`${target}.report.json`, `${JSON.stringify({ file: original, ...report }, null, 2)}\n`);
    this.logger.log(`${original} → ${folder}/${importId ? ` (import ${importId})` : ''}`);
  }
}

function originalName(claim: string): string {
  return claim.slice(claim.indexOf(CLAIM_SEPARATOR) + CLAIM_SEPARATOR.length);
}

function summaryOf(record: Import): Record<string, unknown> {
  const { id, fileName, sha256, byteSize, status, counts, error, attempts, createdAt, finishedAt } = record;
  return { id, fileName, sha256, byteSize, status, counts, error, attempts, createdAt, finishedAt };
}
