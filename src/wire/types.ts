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
 * - `unattached`: text before the first recognisable article.
 */
export type RemovedReason =
  | 'debris'
  | 'repeated-headline'
  | 'repeated-caption'
  | 'repeated-block'
  | 'repeated-paragraph'
  | 'byline'
  | 'unattached';

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
  /** 1-based inclusive source line range. */
  lines: [number, number];
  contentHash: string;
  signature: Uint32Array;
  /** The dump ended inside this article. */
  truncated: boolean;
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
  }>;
  removed: RemovedLine[];
  warnings: string[];
}
