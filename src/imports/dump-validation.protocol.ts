import type { WireInputErrorCode } from '../wire';

/** Why the parser refused a dump, as it crosses the thread boundary (errors do not keep their class there). */
export interface WireProblem {
  code: WireInputErrorCode;
  message: string;
  byteOffset: number | null;
}

export type ValidationRequest = { type: 'start' } | { type: 'chunk'; chunk: Uint8Array } | { type: 'end' };

export type ValidationReply =
  /** A chunk was parsed; `refused` once the dump has a problem, after which the rest need not be sent. */
  | { type: 'ack'; bytes: number; refused: boolean }
  | { type: 'done'; problem: WireProblem | null }
  /** The parser failed in a way that is not the input's fault (a bug): the upload fails with a 500. */
  | { type: 'crashed'; message: string };
