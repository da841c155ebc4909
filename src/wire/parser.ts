import { ArticleAssembler, type ArticleDraft } from './assembler';
import { InFileDeduplicator, articleContentHash, articleText, lshBandHashes, minhashSignature } from './dedup';
import { WireInputError } from './errors';
import { LineSplitter, normaliseLine } from './lines';
import { headlineLookup } from './near-duplicates';
import { InFileRelatedFinder } from './related';
import type { ParsedArticle, RemovedLine, WireParseJson, WireParseResult } from './types';
import { Utf8ChunkDecoder } from './utf8-decoder';

export interface WireParseOptions {
  /** Called for every dropped line as soon as it is dropped, e.g. to count or stream them. */
  onRemoved?: (entry: RemovedLine) => void;
  /** Keep dropped lines in `removed` (default true); turn off for huge dumps when `onRemoved` suffices. */
  keepRemoved?: boolean;
  /** How many earlier articles each article is checked against for near duplicates (exact copies: all); 0 turns de-duplication off. */
  dedupWindow?: number;
  /** Keep each article's source lines in `ParsedArticle.source`, e.g. to show them to an editor. */
  keepSource?: boolean;
  /** Look for related coverage of the same event earlier in the file (`relatedTo`); default true. */
  findRelated?: boolean;
}

/**
 * Streaming parser for wire dumps. Feed byte chunks in order; each call returns the articles completed
 * so far (an article completes when the next one starts, so output lags input by one article). Memory
 * holds one article, a window of a few dozen lines and the de-duplication index, never the dump:
 *
 *   const parser = new WireDumpParser({ keepRemoved: false });
 *   for await (const chunk of fs.createReadStream(path)) for (const article of parser.push(chunk)) save(article);
 *   for (const article of parser.end()) save(article);
 *
 * Throws WireInputError for input that is not a dump; after a throw the parser is unusable.
 */
export class WireDumpParser {
  private readonly decoder = new Utf8ChunkDecoder();
  private readonly splitter = new LineSplitter();
  private readonly assembler: ArticleAssembler;
  private readonly deduplicator: InFileDeduplicator;
  private readonly relatedFinder: InFileRelatedFinder | null;
  private readonly removedLines: RemovedLine[] = [];
  private readonly warningMessages: string[] = [];
  private completed: ParsedArticle[] = [];
  private lineNumber = 0;
  private blankRun = Number.POSITIVE_INFINITY;
  private sawText = false;
  private ended = false;
  private readonly acceptLine = (raw: string): void => this.onLine(raw);

  constructor(private readonly options: WireParseOptions = {}) {
    this.deduplicator = new InFileDeduplicator(options.dedupWindow);
    this.relatedFinder = options.findRelated === false ? null : new InFileRelatedFinder();
    this.assembler = new ArticleAssembler({
      article: (draft) => this.completed.push(this.finalise(draft)),
      removed: (entry) => this.onRemoved(entry),
      warning: (message) => this.warningMessages.push(message),
    }, { keepSource: options.keepSource });
  }

  get removed(): readonly RemovedLine[] {
    return this.removedLines;
  }

  get warnings(): readonly string[] {
    return this.warningMessages;
  }

  push(chunk: Uint8Array): ParsedArticle[] {
    if (this.ended) throw new Error('WireDumpParser.push() called after end()');
    this.splitter.push(this.decoder.decode(chunk), this.acceptLine);
    return this.takeCompleted();
  }

  end(): ParsedArticle[] {
    if (this.ended) throw new Error('WireDumpParser.end() called twice');
    this.ended = true;
    this.splitter.push(this.decoder.end(), this.acceptLine);
    this.splitter.end(this.acceptLine);
    if (!this.sawText) throw new WireInputError('EMPTY', 'Input is empty or contains only whitespace');
    this.assembler.end();
    if (this.assembler.articlesRecognised === 0) {
      throw new WireInputError(
        'NO_ARTICLES',
        `No article found in ${this.lineNumber} line(s): no headline is printed twice around a photo block, or followed by its captions`,
      );
    }
    return this.takeCompleted();
  }

  private onLine(raw: string): void {
    this.lineNumber++;
    const text = normaliseLine(raw);
    if (text.length === 0) {
      this.blankRun++;
      return;
    }
    this.sawText = true;
    this.assembler.push({ number: this.lineNumber, text, blankBefore: this.blankRun });
    this.blankRun = 0;
  }

  private onRemoved(entry: RemovedLine): void {
    this.options.onRemoved?.(entry);
    if (this.options.keepRemoved !== false) this.removedLines.push(entry);
  }

  private finalise(draft: ArticleDraft): ParsedArticle {
    const contentHash = articleContentHash(draft);
    const signature = minhashSignature(articleText(draft));
    // Computed once here for the in-file index and for the importer's archive lookups and rows; a parse that keeps
    // no index (a validation) needs neither.
    const lookupKeys = this.deduplicator.indexing ? { lshBands: lshBandHashes(signature), ...headlineLookup(draft.headline) } : NO_LOOKUP_KEYS;
    const duplicate = this.deduplicator.register(contentHash, signature, draft.headline, lookupKeys);
    // A version of an earlier story is a duplicate, not related coverage; it still registers, so that
    // later reports of the event can find the story through it.
    const related = this.relatedFinder?.registerWithKeys(draft, duplicate?.duplicateOf ?? null);
    return {
      index: this.deduplicator.registered - 1,
      ...draft,
      duplicateOf: duplicate?.duplicateOf ?? null,
      duplicateKind: duplicate?.kind ?? null,
      similarity: duplicate?.similarity ?? null,
      relatedTo: duplicate ? null : related?.relatedTo ?? null,
      relatedKeys: related?.keys ?? new Int32Array(0),
      contentHash,
      signature,
      ...lookupKeys,
    };
  }

  private takeCompleted(): ParsedArticle[] {
    const articles = this.completed;
    this.completed = [];
    return articles;
  }
}

const NO_LOOKUP_KEYS = { lshBands: new Int32Array(0), headlineKeys: new Int32Array(0), headlineWordKeys: new Int32Array(0) };

/** One-shot parse; a thin wrapper over WireDumpParser so both forms behave identically. */
export function parseWireDump(input: Uint8Array | string, options?: WireParseOptions): WireParseResult {
  const parser = new WireDumpParser(options);
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const articles = parser.push(bytes);
  for (const article of parser.end()) articles.push(article);
  return { articles, removed: [...parser.removed], warnings: [...parser.warnings] };
}

/** The JSON interchange shape printed by `parse <file> --json`; internal fields are left out. */
export function toParseJson(result: WireParseResult): WireParseJson {
  return {
    articles: result.articles.map((article) => ({
      headline: article.headline,
      body: [...article.body],
      photos: article.photos.map(({ caption, credit, photographer, agency }) => ({ caption, credit, photographer, agency })),
      bylines: [...article.bylines],
      duplicateOf: article.duplicateOf,
      duplicateKind: article.duplicateKind,
      lines: [article.lines[0], article.lines[1]],
      relatedTo: article.relatedTo,
      anomalies: article.anomalies.map(({ code, lines, message }) => ({ code, lines: [lines[0], lines[1]], message })),
    })),
    removed: result.removed.map(({ line, reason, text }) => ({ line, reason, text })),
    warnings: [...result.warnings],
  };
}
