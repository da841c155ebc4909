import type { ParsedArticle, RemovedLine } from '../wire';
import type { WireProblem } from './dump-validation.protocol';

/** What the importer sends its parse worker: the parser's options once, then the dump's bytes in order. */
export type ParseRequest =
  | { type: 'start'; dedupWindow: number; batchSize: number }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' };

export type ParseReply =
  /**
   * A chunk was parsed. `articles` carries a whole batch once one is complete (empty otherwise), with the lines
   * dropped while reading it; the importer writes batches in the order they arrive. `copies` is the batch's
   * copies to stage (`encodeCopiesToStage`), transferred, or null when it has none.
   */
  | { type: 'parsed'; bytes: number; articles: ParsedArticle[]; removed: RemovedLine[]; copies: Uint8Array | null }
  /** The dump ended: the last articles, the last dropped lines and the parser's warnings. */
  | { type: 'done'; articles: ParsedArticle[]; removed: RemovedLine[]; copies: Uint8Array | null; warnings: string[] }
  /** The bytes are not a dump (empty, binary, invalid UTF-8…): the import is rejected. */
  | { type: 'problem'; problem: WireProblem }
  /** The parser failed in a way that is not the input's fault (a bug): the import fails and is retried. */
  | { type: 'crashed'; message: string };
