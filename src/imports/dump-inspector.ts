import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { WireInputError } from '../wire';
import type { ImportError } from './import-error';
import type { ValidationReply, ValidationRequest, WireProblem } from './dump-validation.protocol';
import { toImportError } from './wire-importer';
import { startWorker } from './worker-script';

/** What a dump turned out to be once all of it went through an inspector. */
export interface DumpInspection {
  sha256: string;
  byteSize: number;
  /** Why the importer would refuse these bytes (empty, binary, invalid UTF-8, no article…), or null. */
  problem: ImportError | null;
}

/** Bytes sent to the worker and not yet parsed, beyond which writers wait: the memory an upload may hold. */
const MAX_BYTES_IN_FLIGHT = 4 << 20;
/** Heap limits of a validator thread; beyond the old generation's, the upload fails (500) rather than the server. */
const VALIDATOR_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };
/** An idle worker is kept this long for the next upload, then ended. */
const IDLE_WORKER_MS = 60_000;

/**
 * Hashes, measures and validates a dump chunk by chunk as it arrives, parsing in a worker thread so the event
 * loop stays free however large the dump. Writers are held back while the worker is behind, so an upload
 * never piles up in memory.
 */
export class DumpInspector {
  private readonly hash: Hash = createHash('sha256');
  private byteCount = 0;
  private inFlight = 0;
  private refused = false;
  private drained: (() => void) | null = null;
  private finished: ((reply: ValidationReply) => void) | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly worker: Worker,
    private readonly giveBack: (worker: Worker, reusable: boolean) => void,
  ) {
    worker.on('message', this.onMessage);
    worker.on('error', this.onFailure);
    worker.on('exit', this.onExit);
    this.post({ type: 'start' });
  }

  get bytes(): number {
    return this.byteCount;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.hash.update(chunk);
    this.byteCount += chunk.byteLength;
    // Once the dump is refused, the rest is only hashed (the rejection is recorded under the file's hash).
    if (this.refused) return;
    // A copy: the caller's buffer may be a slice of a pooled or socket buffer, which must not be transferred.
    const copy = new Uint8Array(chunk);
    this.inFlight += copy.byteLength;
    this.post({ type: 'chunk', chunk: copy }, [copy.buffer]);
    if (this.inFlight > MAX_BYTES_IN_FLIGHT) await new Promise<void>((resolve) => (this.drained = resolve));
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<DumpInspection> {
    if (this.failure) throw this.failure;
    const reply = await new Promise<ValidationReply>((resolve) => {
      this.finished = resolve;
      this.post({ type: 'end' });
    });
    if (reply.type !== 'done') throw this.failure ?? new Error('the dump validator stopped unexpectedly');
    this.close(true);
    return { sha256: this.hash.digest('hex'), byteSize: this.byteCount, problem: reply.problem ? toProblem(reply.problem) : null };
  }

  /** Stops early (the upload was refused or failed); the worker, mid-parse, is ended rather than reused. */
  abort(): void {
    this.close(false);
  }

  private post(message: ValidationRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private readonly onMessage = (reply: ValidationReply): void => {
    if (reply.type === 'ack') {
      this.inFlight -= reply.bytes;
      this.refused ||= reply.refused;
      if (this.drained && (this.inFlight <= MAX_BYTES_IN_FLIGHT / 2 || this.refused)) this.release();
    } else if (reply.type === 'crashed') {
      this.onFailure(new Error(`the dump validator failed: ${reply.message}`));
    } else {
      this.finished?.(reply);
    }
  };

  private readonly onFailure = (error: Error): void => {
    this.failure ??= error;
    this.release();
    this.finished?.({ type: 'crashed', message: error.message });
    this.close(false);
  };

  private readonly onExit = (): void => {
    if (!this.closed) this.onFailure(new Error('the dump validator exited unexpectedly'));
  };

  private release(): void {
    const drained = this.drained;
    this.drained = null;
    drained?.();
  }

  private close(reusable: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onFailure);
    this.worker.off('exit', this.onExit);
    this.giveBack(this.worker, reusable && !this.failure);
  }
}

function toProblem(problem: WireProblem): ImportError {
  return toImportError(new WireInputError(problem.code, problem.message, problem.byteOffset));
}

/**
 * The worker threads that validate dumps, kept for reuse between uploads (starting one costs tens of
 * milliseconds, more under ts-node) and ended after a minute idle or at shutdown.
 */
@Injectable()
export class DumpValidators implements OnApplicationShutdown {
  private readonly idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];
  private readonly busy = new Set<Worker>();

  inspect(): DumpInspector {
    const reused = this.idle.pop();
    if (reused) clearTimeout(reused.timer);
    const worker = reused?.worker ?? this.spawn();
    this.busy.add(worker);
    return new DumpInspector(worker, (returned, reusable) => this.giveBack(returned, reusable));
  }

  async onApplicationShutdown(): Promise<void> {
    const workers = [...this.busy, ...this.idle.map((entry) => entry.worker)];
    for (const entry of this.idle) clearTimeout(entry.timer);
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): Worker {
    const worker = startWorker('dump-validation.worker', VALIDATOR_HEAP);
    // An idle validator must not keep a finished CLI command alive.
    worker.unref();
    // Always listened to, so a worker failing while idle is dropped, never an unhandled 'error' event.
    worker.on('error', () => this.forget(worker));
    worker.once('exit', () => this.forget(worker));
    return worker;
  }

  private forget(worker: Worker): void {
    const index = this.idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) clearTimeout(this.idle.splice(index, 1)[0]!.timer);
  }

  private giveBack(worker: Worker, reusable: boolean): void {
    this.busy.delete(worker);
    if (!reusable) {
      void worker.terminate();
      return;
    }
    const timer = setTimeout(() => {
      this.forget(worker);
      void worker.terminate();
    }, IDLE_WORKER_MS);
    timer.unref();
    this.idle.push({ worker, timer });
  }
}
