import { parseByline } from './byline';
import { parseCaption, splitCaptionCredit } from './credit';
import { DebrisLearner } from './debris';
import type { RemovedLine, RemovedReason, WirePhoto } from './types';

/** A non-blank, normalised source line. */
export interface SourceLine {
  number: number;
  text: string;
  /** Blank lines since the previous non-blank line; Infinity at the start of the file. */
  blankBefore: number;
}

export interface ArticleDraft {
  headline: string;
  body: string[];
  photos: WirePhoto[];
  bylines: string[];
  lines: [number, number];
  truncated: boolean;
}

export interface AssemblerSink {
  article(draft: ArticleDraft): void;
  removed(entry: RemovedLine): void;
  warning(message: string): void;
}

/** Most lines between the two prints of a headline: three photos printed twice plus furniture. */
const MAX_HEADER_BLOCK_LINES = 16;
/** Enough to see a header block, the reprinted headline and the reprinted photo block. */
const LOOKAHEAD_LINES = 2 * MAX_HEADER_BLOCK_LINES + 2;
const MAX_HEADLINE_LENGTH = 250;
/** Captions without a credit are told from furniture by being prose. */
const MIN_CAPTION_WORDS = 4;
const COMPACT_AFTER = 4096;

const SENTENCE_CONTINUES = /[.,:;][\s"'”’»)\]]*$/u;
const ENDS_LIKE_A_SENTENCE = /[.!?…"'”’»)\]؟۔。]$/u;

/**
 * Cuts the stream of non-blank lines into articles. The anchor is the headline: an article starts at
 * a line that is printed again at most MAX_HEADER_BLOCK_LINES later, the two prints enclosing the
 * photo block and page furniture. Only a bounded window of lines is held, so memory does not grow
 * with the dump.
 */
export class ArticleAssembler {
  private pending: SourceLine[] = [];
  private head = 0;
  private current: ArticleInProgress | null = null;
  private articleCount = 0;
  private unattached: { first: number; last: number; count: number } | null = null;
  private readonly debris = new DebrisLearner();

  constructor(private readonly sink: AssemblerSink) {}

  get articlesFound(): number {
    return this.articleCount;
  }

  push(line: SourceLine): void {
    this.pending.push(line);
    while (this.available() > LOOKAHEAD_LINES) this.step(false);
    if (this.head > COMPACT_AFTER) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  end(): void {
    while (this.available() > 0) this.step(true);
    this.finishArticle(true);
  }

  private step(atEnd: boolean): void {
    const reprintOffset = this.findHeadlineReprint();
    if (reprintOffset > 0) {
      this.finishArticle(false);
      this.startArticle(reprintOffset);
    } else if (this.current === null) {
      const line = this.take();
      this.unattached = {
        first: this.unattached?.first ?? line.number,
        last: line.number,
        count: (this.unattached?.count ?? 0) + 1,
      };
      this.remove(line, 'unattached');
    } else if (atEnd && this.looksLikeTruncatedHeader()) {
      this.finishArticle(false);
      this.startTruncatedArticle();
    } else {
      this.current.addBodyLine(this.take(), this.debris, (line, reason) => this.remove(line, reason));
    }
  }

  /** Offset of the headline's second print from the head of the window, or -1. */
  private findHeadlineReprint(): number {
    const first = this.at(0);
    if (first.blankBefore === 0 || !this.isHeadlineShaped(first.text)) return -1;
    const limit = Math.min(this.available() - 1, MAX_HEADER_BLOCK_LINES + 1);
    for (let offset = 1; offset <= limit; offset++) {
      if (this.at(offset).text === first.text) return offset;
    }
    return -1;
  }

  private isHeadlineShaped(text: string): boolean {
    return (
      text.length <= MAX_HEADLINE_LENGTH &&
      /\p{L}/u.test(text) &&
      !SENTENCE_CONTINUES.test(text) &&
      !this.debris.isDebris(text)
    );
  }

  /**
   * At the end of the dump there is no second print to find. A headline-shaped line after an article
   * gap, or followed by a caption printed twice, is taken as an article cut short in its header.
   */
  private looksLikeTruncatedHeader(): boolean {
    const first = this.at(0);
    if (first.blankBefore === 0 || !this.isHeadlineShaped(first.text)) return false;
    const captionPrintedTwice = this.available() >= 3 && this.at(1).text === this.at(2).text;
    return first.blankBefore >= 2 || captionPrintedTwice;
  }

  private startArticle(reprintOffset: number): void {
    const headline = this.take();
    const block: SourceLine[] = [];
    for (let index = 1; index < reprintOffset; index++) block.push(this.take());
    const reprintedHeadline = this.take();
    const blockTexts = new Set(block.map((line) => line.text));
    const reprintedBlock: SourceLine[] = [];
    while (this.available() > 0 && (blockTexts.has(this.at(0).text) || this.debris.isDebris(this.at(0).text))) {
      reprintedBlock.push(this.take());
    }
    const article = this.openArticle(headline);
    this.classifyHeaderBlock(article, block, reprintedBlock);
    this.remove(reprintedHeadline, 'repeated-headline');
    for (const line of reprintedBlock) {
      this.remove(line, article.hasCaption(line.text) ? 'repeated-block' : 'debris');
    }
    article.extendTo(reprintedBlock.at(-1)?.number ?? reprintedHeadline.number);
  }

  private startTruncatedArticle(): void {
    const article = this.openArticle(this.take());
    const block: SourceLine[] = [];
    while (this.available() > 0) block.push(this.take());
    this.classifyHeaderBlock(article, block, []);
    article.truncated = true;
    this.sink.warning(
      `line ${article.firstLine}: the dump ends inside the header of "${article.headline}" (headline printed once, no body); kept as a truncated article`,
    );
  }

  private openArticle(headline: SourceLine): ArticleInProgress {
    if (this.unattached !== null) {
      const { first, last, count } = this.unattached;
      this.sink.warning(`lines ${first}-${last}: ${count} line(s) before the first article belong to no article`);
      this.unattached = null;
    }
    this.articleCount++;
    this.current = new ArticleInProgress(headline);
    return this.current;
  }

  /**
   * Sorts the lines between the headline's two prints into captions and furniture. Lines printed again
   * after the second headline are the photo block; anything after the last of them is furniture and is
   * learned as such. Without that evidence, prose-like lines (or lines with a credit) are captions.
   */
  private classifyHeaderBlock(article: ArticleInProgress, block: SourceLine[], reprintedBlock: SourceLine[]): void {
    const reprinted = new Set(reprintedBlock.map((line) => line.text).filter((text) => !this.debris.isDebris(text)));
    let lastReprinted = -1;
    block.forEach((line, index) => {
      if (reprinted.has(line.text)) lastReprinted = index;
    });
    const furniture = new Set<string>();
    block.forEach((line, index) => {
      article.extendTo(line.number);
      if (article.hasCaption(line.text)) {
        this.remove(line, 'repeated-caption');
      } else if (this.debris.isDebris(line.text) || furniture.has(line.text)) {
        this.remove(line, 'debris');
      } else if (reprinted.has(line.text)) {
        article.addCaption(line.text);
      } else if (lastReprinted >= 0 && index > lastReprinted) {
        furniture.add(line.text);
        this.debris.recordStructuralDebris(line.text);
        this.remove(line, 'debris');
      } else if (looksLikeCaption(line.text)) {
        article.addCaption(line.text);
      } else {
        furniture.add(line.text);
        this.remove(line, 'debris');
      }
    });
  }

  private finishArticle(atEndOfDump: boolean): void {
    const article = this.current;
    if (article === null) return;
    this.current = null;
    if (article.body.length === 0 && !article.truncated) {
      this.sink.warning(`line ${article.firstLine}: article "${article.headline}" has no body paragraphs`);
    }
    const lastParagraph = article.body.at(-1);
    if (atEndOfDump && lastParagraph !== undefined && !ENDS_LIKE_A_SENTENCE.test(lastParagraph)) {
      article.truncated = true;
      this.sink.warning(
        `line ${article.lastLine}: the dump ends mid-sentence in "${article.headline}"; kept as a truncated article`,
      );
    }
    this.sink.article(article.toDraft());
  }

  private remove(line: SourceLine, reason: RemovedReason): void {
    this.sink.removed({ line: line.number, reason, text: line.text });
  }

  private available(): number {
    return this.pending.length - this.head;
  }

  private at(offset: number): SourceLine {
    return this.pending[this.head + offset];
  }

  private take(): SourceLine {
    return this.pending[this.head++];
  }
}

function looksLikeCaption(text: string): boolean {
  return splitCaptionCredit(text).credit !== null || text.split(/\s+/u).length >= MIN_CAPTION_WORDS;
}

type RemoveLine = (line: SourceLine, reason: RemovedReason) => void;

class ArticleInProgress {
  readonly headline: string;
  readonly firstLine: number;
  lastLine: number;
  truncated = false;
  readonly body: string[] = [];
  private readonly photos: WirePhoto[] = [];
  private readonly bylines: string[] = [];
  private readonly captionLines = new Set<string>();
  private readonly paragraphs = new Set<string>();

  constructor(headline: SourceLine) {
    this.headline = headline.text;
    this.firstLine = headline.number;
    this.lastLine = headline.number;
  }

  hasCaption(text: string): boolean {
    return this.captionLines.has(text);
  }

  addCaption(text: string): void {
    this.captionLines.add(text);
    this.photos.push(parseCaption(text));
  }

  extendTo(lineNumber: number): void {
    this.lastLine = Math.max(this.lastLine, lineNumber);
  }

  addBodyLine(line: SourceLine, debris: DebrisLearner, remove: RemoveLine): void {
    this.extendTo(line.number);
    const { text } = line;
    if (debris.isDebris(text)) return remove(line, 'debris');
    if (text === this.headline) return remove(line, 'repeated-headline');
    if (this.captionLines.has(text)) return remove(line, 'repeated-caption');
    if (this.paragraphs.has(text)) return remove(line, 'repeated-paragraph');
    const names = parseByline(text);
    if (names !== null) {
      for (const name of names) if (!this.bylines.includes(name)) this.bylines.push(name);
      return remove(line, 'byline');
    }
    this.paragraphs.add(text);
    this.body.push(text);
  }

  toDraft(): ArticleDraft {
    return {
      headline: this.headline,
      body: this.body,
      photos: this.photos,
      bylines: this.bylines,
      lines: [this.firstLine, this.lastLine],
      truncated: this.truncated,
    };
  }
}
