import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { WireDumpParser, WireInputError } from '../wire';
import type { ValidationReply, ValidationRequest, WireProblem } from './dump-validation.protocol';

/**
 * Runs in a worker thread: parses one dump at a time as its chunks arrive, so checking a large upload never
 * blocks the server's event loop. Nothing of the parse is kept; the first problem is reported, and the rest of
 * that dump is only acknowledged.
 */
/**
 * Validation is background work: this thread runs at a lower CPU priority (nice 10; Linux schedules threads
 * one by one), so that the thread answering requests is scheduled first when uploads keep every core busy.
 * Elsewhere it keeps the ordinary priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    // No /proc/thread-self, or not allowed: validate at the ordinary priority.
  }
}
lowerThisThreadsPriority();

let parser: WireDumpParser | null = null;
let problem: WireProblem | null = null;

function reply(message: ValidationReply): void {
  parentPort!.postMessage(message);
}

function check(step: () => void): void {
  if (problem) return;
  try {
    step();
  } catch (error) {
    if (!(error instanceof WireInputError)) throw error;
    problem = { code: error.code, message: error.message, byteOffset: error.byteOffset };
  }
}

parentPort!.on('message', (message: ValidationRequest) => {
  try {
    switch (message.type) {
      case 'start':
        // No de-duplication or related lookup: only whether the bytes are a dump matters here, and their indexes cost memory.
        parser = new WireDumpParser({ keepRemoved: false, dedupWindow: 0, findRelated: false });
        problem = null;
        return;
      case 'chunk':
        check(() => parser!.push(message.chunk));
        return reply({ type: 'ack', bytes: message.chunk.byteLength, refused: problem !== null });
      case 'end':
        check(() => parser!.end());
        parser = null;
        return reply({ type: 'done', problem });
    }
  } catch (error) {
    parser = null;
    reply({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
