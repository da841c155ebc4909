import { parentPort } from 'node:worker_threads';
import { ParsedArticle, RemovedLine, WireDumpParser, WireInputError } from '../wire';
import { encodeCopiesToStage } from '../articles/staged-copies';
import type { ParseReply, ParseRequest } from './dump-parse.protocol';

/**
 * Runs in a worker thread for one import: the pure parse (lines, articles, content hashes, MinHash signatures,
 * headline and related-coverage keys, the in-file duplicate and related index) of the dump whose bytes the
 * importer sends, so that parsing the next batch overlaps with the importer writing the current one. Articles go
 * back a batch at a time; the importer stops sending bytes while it has batches waiting to be written.
 */
let parser: WireDumpParser | null = null;
let batchSize = 0;
let articles: ParsedArticle[] = [];
let removed: RemovedLine[] = [];

function reply(message: ParseReply): void {
  parentPort!.postMessage(message);
}

/**
 * Hands over what is parsed so far, with the copies the importer stages for it already encoded; the arrays are
 * sent by structured clone, so new ones are started.
 */
function take(): { articles: ParsedArticle[]; removed: RemovedLine[]; copies: Uint8Array | null } {
  const encoded = encodeCopiesToStage(articles);
  // A copy that owns its memory, so it can be transferred: the encoder's buffer may be a slice of a shared pool.
  const taken = { articles, removed, copies: encoded && new Uint8Array(encoded) };
  articles = [];
  removed = [];
  return taken;
}

/**
 * The importer keeps an article's source lines only when it needs review (its anomalies); the others' are dropped
 * here rather than copied to the importer's thread, where they were about as much text again as the dump.
 */
function forImport(article: ParsedArticle): ParsedArticle {
  if (article.anomalies.length === 0) delete article.source;
  return article;
}

/** Sends a reply, moving rather than copying the encoded copies. */
function replyWith(message: ParseReply & { copies: Uint8Array | null }): void {
  parentPort!.postMessage(message, message.copies ? [message.copies.buffer as ArrayBuffer] : []);
}

parentPort!.on('message', (message: ParseRequest) => {
  try {
    switch (message.type) {
      case 'start':
        // As the importer ran it on its own thread: dropped lines are streamed, not kept; the source is kept for review.
        parser = new WireDumpParser({ keepRemoved: false, keepSource: true, dedupWindow: message.dedupWindow, onRemoved: (entry) => removed.push(entry) });
        batchSize = message.batchSize;
        return;
      case 'chunk': {
        for (const article of parser!.push(message.chunk)) articles.push(forImport(article));
        const batch = articles.length >= batchSize ? take() : { articles: [], removed: [], copies: null };
        return replyWith({ type: 'parsed', bytes: message.chunk.byteLength, ...batch });
      }
      case 'end': {
        for (const article of parser!.end()) articles.push(forImport(article));
        const warnings = [...parser!.warnings];
        parser = null;
        return replyWith({ type: 'done', ...take(), warnings });
      }
    }
  } catch (error) {
    parser = null;
    if (error instanceof WireInputError) {
      return reply({ type: 'problem', problem: { code: error.code, message: error.message, byteOffset: error.byteOffset } });
    }
    reply({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
