import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Busboy, { FileInfo } from 'busboy';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Actor, assertCan, Permission } from '../auth/actor';
import { EnvironmentVariables } from '../config/environment';
import { DumpInspection, DumpValidators } from './dump-inspector';
import { ImportError, ImportErrorCode } from './import-error';
import { checkDumpType, ImportOutcome, ImportsService } from './imports.service';

/** The routes that take a dump as multipart/form-data; every other route refuses multipart bodies unread. */
export const API_UPLOAD_PATH = '/api/imports';
/** How long a client told "busy" should wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 5;
/** Room for the multipart framing around the file when comparing Content-Length with IMPORT_MAX_BYTES. */
const MULTIPART_OVERHEAD_BYTES = 64 << 10;

/**
 * A dump received and inspected (hash, size, validation), waiting in a staging file under DATA_DIR. Only the
 * upload receiver creates these, so a panel action can tell a real upload from form fields shaped like one.
 */
export class StagedDump {
  private discarded?: Promise<void>;

  constructor(
    readonly path: string,
    readonly fileName: string,
    readonly mimeType: string,
    readonly inspection: DumpInspection,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  /** Removes the staging file and frees the upload slot; safe to call more than once. */
  discard(): Promise<void> {
    return (this.discarded ??= this.cleanUp());
  }
}

/**
 * Receives dump uploads (the API's and the panel's): only after the caller may import, at most
 * IMPORT_MAX_CONCURRENT_UPLOADS at a time per instance, streamed to a staging file under DATA_DIR while a worker
 * thread validates them, so neither memory nor the event loop grows with the dump. Every outcome removes the
 * staging file: refusal, error, a client hanging up, and success once the service has stored the bytes.
 */
@Injectable()
export class DumpUploads implements OnModuleInit {
  private readonly logger = new Logger(DumpUploads.name);
  private receiving = 0;
  /** Staging files are named after the host and process that wrote them, so start-up only removes dead ones. */
  private readonly owner = `${hostname()}-${process.pid}`;

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly validators: DumpValidators,
    private readonly imports: ImportsService,
  ) {}

  get stagingDir(): string {
    return resolve(this.config.get('DATA_DIR', { infer: true }), 'uploads');
  }

  private get maxConcurrent(): number {
    return this.config.get('IMPORT_MAX_CONCURRENT_UPLOADS', { infer: true });
  }

  /** Uploads being received right now on this instance. */
  get inProgress(): number {
    return this.receiving;
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    await this.removeLeftovers();
  }

  /** `POST /api/imports`: the caller is known; whether they may import is checked before the body is read. */
  async submit(request: IncomingMessage, response: ServerResponse, actor: Actor): Promise<ImportOutcome> {
    assertCan(actor, Permission.Import);
    const staged = await this.receive(request, response);
    try {
      return await this.imports.submitStaged(staged, actor);
    } finally {
      await staged.discard();
    }
  }

  /**
   * Streams the `file` part of a multipart request into a staging file, hashing and validating as it goes.
   * The caller must already have checked who is sending, and must {@link StagedDump.discard} the result.
   * A refusal before or during the body also closes the connection, so the rest is never read.
   */
  async receive(request: IncomingMessage, response: ServerResponse): Promise<StagedDump> {
    try {
      this.checkBeforeReading(request, response);
    } catch (error) {
      response.setHeader('Connection', 'close');
      throw error;
    }
    this.receiving += 1;
    let released = false;
    const release = () => {
      if (!released) this.receiving -= 1;
      released = true;
    };
    try {
      const received = await this.parse(request);
      // Read whole: the connection may serve the next request.
      response.removeHeader('Connection');
      return new StagedDump(received.path, received.fileName, received.mimeType, received.inspection, async () => {
        release();
        await rm(received.path, { force: true });
      });
    } catch (error) {
      release();
      response.setHeader('Connection', 'close');
      throw error;
    }
  }

  private checkBeforeReading(request: IncomingMessage, response: ServerResponse): void {
    if (!isMultipart(request)) {
      throw new ImportError(ImportErrorCode.FileMissing, 'send the dump as multipart/form-data in the field "file"');
    }
    const declared = Number(request.headers['content-length']);
    const limit = this.imports.maxBytes;
    if (Number.isFinite(declared) && declared > limit + MULTIPART_OVERHEAD_BYTES) {
      throw new ImportError(ImportErrorCode.TooLarge, `the upload is ${declared} bytes; the limit is ${limit} bytes for the file (IMPORT_MAX_BYTES)`);
    }
    if (this.receiving >= this.maxConcurrent) {
      response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      throw new ImportError(
        ImportErrorCode.Busy,
        `this instance is already receiving ${this.receiving} uploads (IMPORT_MAX_CONCURRENT_UPLOADS); try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
        { retryAfter: BUSY_RETRY_AFTER_SECONDS },
      );
    }
  }

  private parse(request: IncomingMessage): Promise<{ path: string; fileName: string; mimeType: string; inspection: DumpInspection }> {
    return new Promise((resolvePromise, reject) => {
      let parser: Busboy.Busboy;
      try {
        // Busboy reads parameters as latin1 unless told otherwise: names like `файл-خبر.txt` would be mangled.
        parser = Busboy({
          headers: request.headers,
          defParamCharset: 'utf8',
          limits: { files: 1, fileSize: this.imports.maxBytes, fields: 16, fieldSize: 16 << 10, parts: 32 },
        });
      } catch (error) {
        reject(malformed(error));
        return;
      }
      let upload: Promise<Staged> | undefined;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        request.unpipe(parser);
        // A staging file must be gone before the answer goes out, whatever went wrong.
        void (upload ?? Promise.resolve(null))
          .then((staged) => (staged ? rm(staged.path, { force: true }) : undefined), () => undefined)
          .then(() => reject(error));
      };
      const interrupted = () => parser.destroy(new Error('the upload was interrupted before it ended'));

      parser.on('file', (field: string, stream: Readable, info: FileInfo) => {
        if (field !== 'file' || upload) {
          stream.resume();
          return;
        }
        upload = this.stage(stream, info);
        upload.catch(fail);
      });
      parser.on('close', () => {
        if (settled) return;
        if (!upload) return fail(new ImportError(ImportErrorCode.FileMissing, 'send the dump as multipart/form-data in the field "file"'));
        upload.then((staged) => {
          if (settled) return rm(staged.path, { force: true });
          settled = true;
          resolvePromise(staged);
        }, fail);
      });
      parser.on('error', (error: unknown) => fail(error instanceof ImportError ? error : malformed(error)));
      request.on('aborted', interrupted);
      request.on('error', interrupted);
      request.pipe(parser);
    });
  }

  /** Writes one file part to a new staging file through an inspector; on any failure the file is removed first. */
  private async stage(stream: Readable, info: FileInfo): Promise<Staged> {
    try {
      checkDumpType(info.mimeType);
    } catch (error) {
      stream.resume();
      throw error;
    }
    const limit = this.imports.maxBytes;
    // The limit may be hit before the loop below reads: the error then waits in the stream for it, not unhandled.
    stream.on('error', () => undefined);
    stream.once('limit', () => stream.destroy(new ImportError(ImportErrorCode.TooLarge, `the file is larger than the limit of ${limit} bytes (IMPORT_MAX_BYTES)`)));
    const path = join(this.stagingDir, `${this.owner}-${randomUUID()}.part`);
    const file = await open(path, 'wx', 0o600);
    const inspector = this.validators.inspect();
    try {
      for await (const chunk of stream) {
        await inspector.write(chunk as Buffer);
        await file.write(chunk as Buffer);
      }
      await file.close();
      return { path, fileName: info.filename ?? '', mimeType: info.mimeType, inspection: await inspector.finish() };
    } catch (error) {
      inspector.abort();
      await file.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
  }

  /** Staging files of processes on this host that are no longer running (killed mid-upload). */
  private async removeLeftovers(): Promise<void> {
    const prefix = `${hostname()}-`;
    for (const name of await readdir(this.stagingDir)) {
      if (!name.startsWith(prefix) || !name.endsWith('.part')) continue;
      const pid = Number(name.slice(prefix.length).split('-')[0]);
      if (pid === process.pid || isRunning(pid)) continue;
      this.logger.warn(`removing ${name}, left by an upload whose process died`);
      await rm(join(this.stagingDir, name), { force: true });
    }
  }
}

interface Staged {
  path: string;
  fileName: string;
  mimeType: string;
  inspection: DumpInspection;
}

export function isMultipart(request: IncomingMessage): boolean {
  return /^multipart\//i.test(request.headers['content-type'] ?? '');
}

function malformed(error: unknown): ImportError {
  return new ImportError(ImportErrorCode.MalformedUpload, `the multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
