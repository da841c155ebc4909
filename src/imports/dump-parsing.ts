import type { Worker } from 'node:worker_threads';
import { ParsedArticle, RemovedLine, WireInputError } from '../wire';
import type { ParseReply, ParseRequest } from './dump-parse.protocol';
import { startWorker } from './worker-script';

/**
 * Heap limits of an import's parse thread. Its old generation holds the parser's index of every content hash in
 * the dump (about 23 MB at 290,000 articles), the near-duplicate and related windows and the batches being
 * built; beyond the limit the worker dies and the import fails and rolls back, rather than the process running
 * out of memory. The small young generation keeps its GC slack, which counts in the process's RSS, small.
 */
const PARSER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };
/** Parsed batches waiting to be written, beyond which no more bytes are sent: parsing stays one step ahead. */
const MAX_BATCHES_WAITING = 2;
/** Bytes sent to the worker and not yet parsed, beyond which the reader waits. */
const MAX_BYTES_IN_FLIGHT = 2 << 20;

export interface ParsedBatch {
  articles: ParsedArticle[];
  removed: RemovedLine[];
  /** The batch's copies to stage (`encodeCopiesToStage`), or null when it has none. */
  copies: Buffer | null;
}

/**
 * One dump parsed in a worker thread of its own. The importer feeds it the dump's bytes with `write`/`end` and
 * takes parsed batches with `next`, concurrently; `write` waits while two batches are waiting or 2 MB are
 * unparsed, so memory stays bounded however fast the bytes come. A parse problem (`WireInputError`) or a
 * worker failure is thrown from whichever call comes next; `close` ends the worker.
 */
export class DumpParse {
  private readonly worker: Worker;
  private readonly batches: ParsedBatch[] = [];
  private bytesInFlight = 0;
  private ended = false;
  private finished = false;
  private closed = false;
  private failure: Error | null = null;
  private parserWarnings: string[] = [];
  /** Whoever waits: the writer for room, the reader for a batch. */
  private wakeWriter: (() => void) | null = null;
  private wakeReader: (() => void) | null = null;

  constructor(options: { dedupWindow: number; batchSize: number }) {
    this.worker = startWorker('dump-parse.worker', PARSER_HEAP);
    this.worker.on('message', this.onMessage);
    this.worker.on('error', (error: Error) => this.fail(new Error(`the wire parser failed: ${error.message}`)));
    this.worker.on('exit', () => {
      if (!this.closed) this.fail(new Error('the wire parser stopped unexpectedly'));
    });
    this.post({ type: 'start', ...options });
  }

  get warnings(): readonly string[] {
    return this.parserWarnings;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    // A copy, transferred: the caller's buffer may be a slice of a pooled or stored buffer, which must not be detached.
    const copy = new Uint8Array(chunk);
    this.bytesInFlight += copy.byteLength;
    this.post({ type: 'chunk', chunk: copy }, [copy.buffer]);
    while (!this.failure && !this.hasRoom()) await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.failure) throw this.failure;
    this.ended = true;
    this.post({ type: 'end' });
  }

  /** The next parsed batch in dump order, or null once the dump is fully parsed. */
  async next(): Promise<ParsedBatch | null> {
    for (;;) {
      if (this.failure) throw this.failure;
      const batch = this.batches.shift();
      if (batch) {
        this.wake('writer');
        return batch;
      }
      if (this.finished) return null;
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  /** Stops the reader and the writer with `error` (the first failure wins), and ends the worker. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake('writer');
    this.wake('reader');
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }

  private hasRoom(): boolean {
    return this.batches.length < MAX_BATCHES_WAITING && this.bytesInFlight <= MAX_BYTES_IN_FLIGHT;
  }

  private post(message: ParseRequest, transfer: ArrayBuffer[] = []): void {
    if (this.closed) return;
    this.worker.postMessage(message, transfer);
  }

  private readonly onMessage = (reply: ParseReply): void => {
    switch (reply.type) {
      case 'parsed':
        this.bytesInFlight -= reply.bytes;
        this.queue(reply);
        if (this.hasRoom()) this.wake('writer');
        return;
      case 'done':
        if (!this.ended) return this.fail(new Error('the wire parser finished before the dump ended'));
        this.queue(reply);
        this.parserWarnings = reply.warnings;
        this.finished = true;
        this.close();
        this.wake('reader');
        return;
      case 'problem':
        return this.fail(new WireInputError(reply.problem.code, reply.problem.message, reply.problem.byteOffset));
      case 'crashed':
        return this.fail(new Error(`the wire parser failed: ${reply.message}`));
    }
  };

  private queue(batch: { articles: ParsedArticle[]; removed: RemovedLine[]; copies: Uint8Array | null }): void {
    if (batch.articles.length === 0 && batch.removed.length === 0) return;
    const { copies } = batch;
    this.batches.push({ articles: batch.articles, removed: batch.removed, copies: copies && Buffer.from(copies.buffer, copies.byteOffset, copies.byteLength) });
    this.wake('reader');
  }

  private wake(who: 'writer' | 'reader'): void {
    const wake = who === 'writer' ? this.wakeWriter : this.wakeReader;
    if (who === 'writer') this.wakeWriter = null;
    else this.wakeReader = null;
    wake?.();
  }
}
