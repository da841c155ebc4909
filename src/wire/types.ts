export interface WirePhoto {
  caption: string;
  credit: string | null;
  photographer: string | null;
  agency: string | null;
}

export type DuplicateKind = 'exact' | 'near';

/**
 * Why a non-blank source line is absent from the parsed articles.
 * - `debris`: page furniture (font-size widget, share counts, "Read more"...).
 * - `repeated-headline`: the second print of the header block, or the headline reprinted in the body.
 * - `repeated-caption`: a caption printed again inside the same photo block, or reprinted in the body.
 * - `repeated-block`: the second print of the photo block.
 * - `repeated-paragraph`: a body paragraph already present earlier in the same article.
 * - `byline`: a "By ..." line, moved into `bylines`.
 * - `dateline`: a line that only gives the date or time of filing or update ("Updated 12 March 2024 14:30").
 * - `unattached`: text before the first recognisable article.
 */
export type RemovedReason =
  | 'debris'
  | 'repeated-headline'
  | 'repeated-caption'
  | 'repeated-block'
  | 'repeated-paragraph'
  | 'byline'
  | 'dateline'
  | 'unattached';

/**
 * Something the parser had to guess about, which an editor should check against the source. An article
 * with any anomaly needs review.
 * - `unattached-lines`: lines before this (first) article that belong to no article.
 * - `headline-guessed`: the article was found only by a gap and a headline-shaped line, not by its header.
 * - `header-printed-once`: the header was not printed twice; the first print alone was read.
 * - `prints-disagree`: the two prints of the header show different captions.
 * - `unexpected-header-lines`: lines in the header that are neither captions, furniture nor bylines.
 * - `caption-without-credit`: a photo whose caption carries no credit.
 * - `caption-in-body`: a caption printed twice among the body paragraphs, taken as a photo.
 * - `long-headline`: a headline longer than headlines usually are.
 * - `no-body`: no body paragraph was found.
 * - `truncated`: the dump ends inside this article.
 */
export type AnomalyCode =
  | 'unattached-lines'
  | 'headline-guessed'
  | 'header-printed-once'
  | 'prints-disagree'
  | 'unexpected-header-lines'
  | 'caption-without-credit'
  | 'caption-in-body'
  | 'long-headline'
  | 'no-body'
  | 'truncated';

export interface ParseAnomaly {
  code: AnomalyCode;
  /** 1-based inclusive source line range the anomaly is about. */
  lines: [number, number];
  message: string;
}

export interface RemovedLine {
  /** 1-based source line number. */
  line: number;
  reason: RemovedReason;
  text: string;
}

export interface ParsedArticle {
  /** 0-based position of the article in its dump; `duplicateOf` refers to these. */
  index: number;
  headline: string;
  body: string[];
  photos: WirePhoto[];
  bylines: string[];
  duplicateOf: number | null;
  duplicateKind: DuplicateKind | null;
  /** Estimated Jaccard similarity to `duplicateOf` (1 for exact duplicates). */
  similarity: number | null;
  /** An earlier article of the same dump reporting the same event in other words (never a duplicate), or null. */
  relatedTo: number | null;
  /** Related-coverage lookup keys (empty without `findRelated`, or for articles naming too few people and places). */
  relatedKeys: Int32Array;
  /** 1-based inclusive source line range. */
  lines: [number, number];
  contentHash: string;
  signature: Uint32Array;
  /** The signature's LSH band hashes (`lshBandHashes`): its body's near-duplicate lookup keys. Empty when the parse keeps no duplicate index (`dedupWindow` 0). */
  lshBands: Int32Array;
  /** The headline's near-duplicate lookup keys (`headlineKeys`); empty for a headline of too few words, and as `lshBands`. */
  headlineKeys: Int32Array;
  /** The headline's content words, hashed (`headlineWordKeys`), for comparing it with many headlines; empty as `lshBands`. */
  headlineWordKeys: Int32Array;
  /** The dump ended inside this article. */
  truncated: boolean;
  /** What the parser guessed; empty when the article was read from a clean layout. */
  anomalies: ParseAnomaly[];
  /** The article's source lines as normalised text, blank lines included; only with `keepSource`. */
  source?: string;
}

export interface WireParseResult {
  articles: ParsedArticle[];
  removed: RemovedLine[];
  warnings: string[];
}

export interface WireParseJson {
  articles: Array<{
    headline: string;
    body: string[];
    photos: WirePhoto[];
    bylines: string[];
    duplicateOf: number | null;
    duplicateKind: DuplicateKind | null;
    lines: [number, number];
    relatedTo: number | null;
    anomalies: ParseAnomaly[];
  }>;
  removed: RemovedLine[];
  warnings: string[];
}
