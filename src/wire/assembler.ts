import { parseByline } from './byline';
import { parseCaption, splitCaptionCredit } from './credit';
import { isDateline } from './dateline';
import { DebrisLearner, MAX_LEARNED_DEBRIS_LENGTH } from './debris';
import { LookaheadWindow, type SourceLine } from './lookahead';
import type { AnomalyCode, ParseAnomaly, RemovedLine, RemovedReason, WirePhoto } from './types';

export type { SourceLine } from './lookahead';

export interface ArticleDraft {
  headline: string;
  body: string[];
  photos: WirePhoto[];
  bylines: string[];
  lines: [number, number];
  truncated: boolean;
  anomalies: ParseAnomaly[];
  source?: string;
}

export interface AssemblerSink {
  article(draft: ArticleDraft): void;
  removed(entry: RemovedLine): void;
  warning(message: string): void;
}

export interface AssemblerOptions {
  /** Keep each article's source lines (normalised, blank lines included) in `ArticleDraft.source`. */
  keepSource?: boolean;
}

/**
 * Lines read ahead of the one being placed. The headline's second print must fall inside this window
 * to be seen: a gallery of 1,000 photos, each caption printed twice, plus furniture, fits with room to spare.
 */
const LOOKAHEAD_LINES = 4200;
/** The same bound in characters, so that a window of very long lines stays small. */
const LOOKAHEAD_CHARS = 16 * 1024 * 1024;
/**
 * Lines between the two prints of a header that are neither captions, furniture nor bylines, beyond
 * which the second "print" is taken for a later article with the same headline instead.
 */
const MAX_UNEXPLAINED_HEADER_LINES = 4;
/** Later prints of a headline tried as its second print, when a stray copy sits inside the header. */
const MAX_HEADLINE_PRINTS_TRIED = 3;
/** Lines kept in the window while a header is read, for the checks that look a few lines ahead. */
const HEADER_READ_MARGIN = 8;
/** Blank lines that separate articles when a dump does not say otherwise (paragraphs are one apart). */
const ARTICLE_GAP = 2;
/** Lines before a headline that may belong to its article (a byline, a date, a kicker). */
const MAX_PREAMBLE_LINES = 6;
/** Headlines run to about this length; longer ones are kept but flagged. */
const USUAL_HEADLINE_LENGTH = 250;
/** A headline that ends in a full stop ("… With U.S.") is told from a paragraph by being short. */
const MAX_FULL_STOP_HEADLINE_WORDS = 20;
/** A headline found by shape alone must be short; a long line after a gap is a paragraph. */
const MAX_GUESSED_HEADLINE_LENGTH = 200;
const MIN_GUESSED_BODY_WORDS = 6;
/** Captions without a credit are told from furniture by being prose. */
const MIN_CAPTION_WORDS = 4;

const SENTENCE_CONTINUES = /[.,:;][\s"'”’»)\]]*$/u;
const ENDS_LIKE_A_SENTENCE = /[.!?…"'”’»)\]؟۔。]$/u;

type HeaderKind = 'reprint' | 'once' | 'guessed';

interface ArticleStart {
  kind: HeaderKind;
  /** Offset of the headline from the head of the window; lines before it are the article's preamble. */
  headlineOffset: number;
  /** For `reprint`: offset of the headline's second print. */
  reprintOffset: number;
}

/**
 * Cuts the stream of non-blank lines into articles by recognising each article's header by its
 * structure: a headline, the photo block (captions printed once or twice) and page furniture, then
 * usually the headline and photo block printed again, with bylines and datelines anywhere among them.
 * Every line is tested as a possible article start on its own, so whatever goes wrong inside one
 * article, the next article is found where it begins: damage stays inside the article it hit.
 * What had to be guessed is recorded on the article as an anomaly. Memory is one article plus a
 * bounded window of lines.
 */
export class ArticleAssembler {
  private readonly window = new LookaheadWindow();
  private current: ArticleInProgress | null = null;
  private articleCount = 0;
  private structuralCount = 0;
  private unattached: { first: number; last: number; count: number } | null = null;
  /** The header being read after a headline print, when the window ran out in the middle of it. */
  private headerReading: { article: ArticleInProgress; earlierPrint: Set<string>; print: 'first' | 'second'; first: boolean } | null = null;
  private readonly debris = new DebrisLearner();

  constructor(
    private readonly sink: AssemblerSink,
    private readonly options: AssemblerOptions = {},
  ) {}

  get articlesFound(): number {
    return this.articleCount;
  }

  /** Articles found by their header (printed twice, or once with its photo block), not by a guess. */
  get articlesRecognised(): number {
    return this.structuralCount;
  }

  push(line: SourceLine): void {
    this.window.push(line);
    while (this.window.size > LOOKAHEAD_LINES || (this.window.heldChars > LOOKAHEAD_CHARS && this.window.size > HEADER_READ_MARGIN)) this.step(false);
  }

  end(): void {
    while (this.window.size > 0) this.step(true);
    this.finishArticle(true);
  }

  private step(final: boolean): void {
    if (this.headerReading !== null) return this.continueHeader(final);
    const start = this.findArticleStart();
    if (start !== null) {
      this.finishArticle(false);
      this.openArticle(start, final);
      return;
    }
    if (this.current === null) {
      const line = this.window.take();
      this.unattached = {
        first: this.unattached?.first ?? line.number,
        last: line.number,
        count: (this.unattached?.count ?? 0) + 1,
      };
      this.remove(line, 'unattached');
      return;
    }
    if (this.isCaptionPrintedTwiceAt(0)) {
      const caption = this.takeLine();
      const reprint = this.takeLine();
      this.current.addCaption(caption);
      this.current.flag('caption-in-body', [caption.number, reprint.number], `a caption printed twice among the body paragraphs was taken as a photo: "${clip(caption.text)}"`);
      this.remove(reprint, 'repeated-caption');
      return;
    }
    this.addBodyLine(this.current, this.takeLine());
  }

  // ---- Finding where an article starts -------------------------------------------------------------

  private findArticleStart(): ArticleStart | null {
    const atHead = this.headlineAt(0, false);
    if (atHead?.kind === 'reprint') return atHead;
    const head = this.window.at(0);
    // A line the current article already printed (its headline, a caption, a paragraph) is its own, never a preamble.
    if (head.blankBefore >= ARTICLE_GAP && !this.current?.owns(head.text)) {
      // Lines after an article gap that sit closer to the next headline than to the article before
      // (a byline, a date, a stray line) open the next article.
      const onlyMetadata = this.current === null;
      for (let offset = 1; offset <= MAX_PREAMBLE_LINES && offset < this.window.size; offset++) {
        if (this.window.at(offset).blankBefore >= head.blankBefore) break;
        if (onlyMetadata && !this.isMetadata(this.window.at(offset - 1).text)) break;
        const start = this.headlineAt(offset, true);
        if (start !== null && start.kind !== 'guessed') return start;
      }
    }
    return atHead;
  }

  private headlineAt(offset: number, afterPreamble: boolean): ArticleStart | null {
    const line = this.window.at(offset);
    if (line.blankBefore === 0 && !afterPreamble) return null;
    if (!this.isHeadlineShaped(line.text)) {
      // "… Talks With U.S." ends like a sentence: such a headline is taken only with a spotless header.
      if (!this.isHeadlineEndingInFullStop(line.text) || this.current?.owns(line.text)) return null;
      if (line.blankBefore < ARTICLE_GAP && !afterPreamble) return null;
      const reprint = this.validatedReprint(offset, 0);
      // The prints must enclose some header (a caption, furniture): a paragraph printed twice encloses nothing.
      return reprint > offset + 1 ? { kind: 'reprint', headlineOffset: offset, reprintOffset: reprint } : null;
    }
    const reprintOffset = this.validatedReprint(offset);
    if (this.current !== null && this.current.owns(line.text)) {
      // The current article's own headline, caption or paragraph printed again is not a new article,
      // unless it is a headline coming back after the body, with a header of its own: a pasted copy.
      const copyOfCurrent =
        line.text === this.current.headline &&
        this.current.body.length > 0 &&
        (line.blankBefore >= ARTICLE_GAP || reprintOffset > 0);
      if (!copyOfCurrent) return null;
    }
    if (reprintOffset > 0) return { kind: 'reprint', headlineOffset: offset, reprintOffset };
    if (this.hasHeaderAfter(offset)) return { kind: 'once', headlineOffset: offset, reprintOffset: -1 };
    if (this.looksLikeGuessedStart(offset)) return { kind: 'guessed', headlineOffset: offset, reprintOffset: -1 };
    return null;
  }

  private isHeadlineShaped(text: string): boolean {
    return (
      !SENTENCE_CONTINUES.test(text) &&
      /\p{L}/u.test(text) &&
      !this.debris.isDebris(text) &&
      splitCaptionCredit(text).credit === null &&
      !this.isMetadata(text)
    );
  }

  private isHeadlineEndingInFullStop(text: string): boolean {
    return (
      text.endsWith('.') &&
      !text.endsWith('..') &&
      !splitsIntoAtLeast(text, MAX_FULL_STOP_HEADLINE_WORDS + 1) &&
      !this.debris.isDebris(text) &&
      splitCaptionCredit(text).credit === null &&
      !this.isMetadata(text)
    );
  }

  private isMetadata(text: string): boolean {
    return parseByline(text) !== null || isDateline(text);
  }

  /**
   * Offset of the headline's second print when what lies between the two prints is a header: captions
   * (printed twice, printed again after the second headline, or carrying a credit), furniture, bylines
   * and dates, with at most a few lines of anything else. Otherwise -1: the same headline further on,
   * with paragraphs between, is a later article, not a reprint.
   */
  private validatedReprint(offset: number, maxUnexplained = MAX_UNEXPLAINED_HEADER_LINES): number {
    // A stray copy of the headline inside the header must not hide the real second print behind it.
    let reprint = this.window.nextPrintOf(offset, LOOKAHEAD_LINES);
    for (let tries = 0; reprint > 0 && tries < MAX_HEADLINE_PRINTS_TRIED; tries++) {
      if (this.isHeaderBetween(offset, reprint, maxUnexplained)) return reprint;
      reprint = this.window.nextPrintOf(reprint, LOOKAHEAD_LINES);
    }
    return -1;
  }

  private isHeaderBetween(offset: number, reprint: number, maxUnexplained: number): boolean {
    const headline = this.window.at(offset).text;
    const reprintLine = this.window.at(reprint);
    // A line printed twice in a row is a caption or a slip of the scraper, not a header.
    if (reprint === offset + 1 && reprintLine.blankBefore === 0) return false;
    const printsInBlock = new Map<string, number>();
    for (let index = offset + 1; index < reprint; index++) {
      const text = this.window.at(index).text;
      printsInBlock.set(text, (printsInBlock.get(text) ?? 0) + 1);
    }
    const reprinted = this.reprintedTexts(reprint, printsInBlock);
    let unexplained = 0;
    let unexplainedParagraphs = 0;
    for (let index = offset + 1; index < reprint; index++) {
      const line = this.window.at(index);
      if (line.text === headline || this.isExplainedHeaderLine(line.text, printsInBlock, reprinted)) continue;
      unexplained++;
      // The block is printed as consecutive lines; prose set apart by blank lines is a body.
      if (line.blankBefore > 0 && index > offset + 1) unexplainedParagraphs++;
      if (unexplained > maxUnexplained || unexplainedParagraphs > 1 || line.blankBefore >= ARTICLE_GAP) return false;
    }
    // The real second print follows its block closely; one after an article gap begins another article.
    return unexplained === 0 || reprintLine.blankBefore < ARTICLE_GAP;
  }

  private isExplainedHeaderLine(text: string, printsInBlock: Map<string, number>, reprinted: Set<string>): boolean {
    return (
      (printsInBlock.get(text) ?? 0) >= 2 ||
      reprinted.has(text) ||
      this.debris.isDebris(text) ||
      this.isMetadata(text) ||
      splitCaptionCredit(text).credit !== null ||
      looksLikeFurniture(text)
    );
  }

  /**
   * Block texts printed again soon after the second headline: the reprinted photo block, found even
   * when a stray line sits inside it.
   */
  private reprintedTexts(reprint: number, printsInBlock: Map<string, number>): Set<string> {
    const texts = new Set<string>();
    let strays = 0;
    for (let offset = reprint + 1; offset < this.window.size; offset++) {
      const line = this.window.at(offset);
      // What follows an article gap is the next article, unless it carries on with this block's captions.
      if (line.blankBefore >= ARTICLE_GAP && offset > reprint + 1 && !printsInBlock.has(line.text)) break;
      if (printsInBlock.has(line.text)) texts.add(line.text);
      else if (!this.debris.isDebris(line.text) && !this.isMetadata(line.text) && ++strays > MAX_UNEXPLAINED_HEADER_LINES) break;
    }
    return texts;
  }

  /**
   * Whether the line at `offset`, right after a headline print (and the lines already read after it),
   * still belongs to the header, and as what.
   */
  private headerLineAfterHeadline(
    offset: number,
    earlierPrint: Map<string, number> | Set<string>,
    first: boolean,
  ): 'caption' | 'furniture' | 'metadata' | null {
    const line = this.window.at(offset);
    const { text } = line;
    // A header never spans an article gap: what follows one belongs to the next article.
    if (line.blankBefore >= ARTICLE_GAP && !first) return null;
    if (this.debris.isDebris(text)) return 'furniture';
    if (earlierPrint.has(text) || this.current?.hasCaptionInHeader(text)) return 'caption';
    if (this.isMetadata(text)) return 'metadata';
    const next = offset + 1 < this.window.size ? this.window.at(offset + 1) : null;
    const printedTwice = next !== null && next.text === text && next.blankBefore === 0;
    if (printedTwice) return 'caption';
    const consecutive = first || line.blankBefore === 0;
    if (consecutive && splitCaptionCredit(text).credit !== null) return 'caption';
    return null;
  }

  /**
   * A headline printed once is recognised by what follows it, perhaps after a few stray lines: captions
   * printed twice or with a credit, or furniture.
   */
  private hasHeaderAfter(offset: number): boolean {
    const headline = this.window.at(offset);
    let strayParagraphs = 0;
    for (let index = offset + 1; index < this.window.size && index <= offset + 1 + MAX_UNEXPLAINED_HEADER_LINES; index++) {
      const line = this.window.at(index);
      if (line.blankBefore >= ARTICLE_GAP || (line.blankBefore > 0 && index > offset + 1 && ++strayParagraphs > 1)) return false;
      const next = index + 1 < this.window.size ? this.window.at(index + 1) : null;
      if (next !== null && next.text === line.text && next.blankBefore === 0) return true;
      if (splitCaptionCredit(line.text).credit !== null) return true;
      if (next !== null && this.debris.isDebris(line.text) && this.debris.isDebris(next.text) && next.blankBefore === 0) return true;
      if (index === offset + 1 && headline.blankBefore >= ARTICLE_GAP && this.isMetadata(line.text)) return true;
      if (this.isHeadlineShaped(line.text) && this.window.nextPrintOf(index, MAX_UNEXPLAINED_HEADER_LINES + 2) > 0) return false;
    }
    return false;
  }

  /** A short headline-shaped line after an article gap, followed by a paragraph of prose. */
  private looksLikeGuessedStart(offset: number): boolean {
    const line = this.window.at(offset);
    if (line.blankBefore < ARTICLE_GAP || line.text.length > MAX_GUESSED_HEADLINE_LENGTH) return false;
    if (this.current !== null && this.current.body.length === 0) return false;
    if (offset + 1 >= this.window.size) return false;
    const next = this.window.at(offset + 1);
    return ENDS_LIKE_A_SENTENCE.test(next.text) && splitsIntoAtLeast(next.text, MIN_GUESSED_BODY_WORDS);
  }

  private isCaptionPrintedTwiceAt(offset: number): boolean {
    if (offset + 1 >= this.window.size) return false;
    const line = this.window.at(offset);
    const next = this.window.at(offset + 1);
    return next.text === line.text && next.blankBefore === 0 && splitCaptionCredit(line.text).credit !== null && !this.current!.owns(line.text);
  }

  // ---- Reading an article's header -----------------------------------------------------------------

  private openArticle(start: ArticleStart, final: boolean): void {
    const preamble: SourceLine[] = [];
    for (let index = 0; index < start.headlineOffset; index++) preamble.push(this.window.take());
    const headline = this.window.take();
    const article = new ArticleInProgress(headline, preamble[0]?.number ?? headline.number, this.options.keepSource === true);
    for (const line of [...preamble, headline]) article.appendSource(line);
    this.current = article;
    this.articleCount++;
    if (start.kind !== 'guessed') this.structuralCount++;
    article.kind = start.kind;

    if (this.unattached !== null) {
      const { first, last, count } = this.unattached;
      this.sink.warning(`lines ${first}-${last}: ${count} line(s) before the first article belong to no article`);
      article.flag('unattached-lines', [first, last], `${count} line(s) before this article belong to no article`);
      this.unattached = null;
    }
    if (preamble.length > 0) this.readPreamble(article, preamble);
    if (headline.text.length > USUAL_HEADLINE_LENGTH) {
      article.flag('long-headline', [headline.number, headline.number], `the headline is ${headline.text.length} characters long`);
    }

    if (start.kind === 'reprint') {
      const block: SourceLine[] = [];
      for (let offset = start.headlineOffset + 1; offset < start.reprintOffset; offset++) block.push(this.takeLine());
      const reprintedHeadline = this.takeLine();
      this.readHeaderBlock(article, block);
      this.remove(reprintedHeadline, 'repeated-headline');
      this.headerReading = { article, earlierPrint: new Set(block.map((line) => line.text)), print: 'second', first: true };
      this.continueHeader(final);
    } else if (start.kind === 'once') {
      this.headerReading = { article, earlierPrint: new Set(), print: 'first', first: true };
      this.continueHeader(final);
    } else {
      article.flag('headline-guessed', [headline.number, headline.number], `"${clip(headline.text)}" was taken as a headline because it follows an article gap; it is not printed twice and has no photo block`);
      article.headerEnd = article.lastLine;
    }
  }

  /** Lines before the headline: bylines and dates are read as such; anything else is a stray line. */
  private readPreamble(article: ArticleInProgress, preamble: SourceLine[]): void {
    for (const line of preamble) {
      if (this.readMetadata(article, line)) continue;
      if (this.debris.isDebris(line.text)) {
        this.remove(line, 'debris');
        continue;
      }
      article.flag('unexpected-header-lines', [line.number, line.number], `a line before the headline was dropped: "${clip(line.text)}"`);
      this.remove(line, 'debris');
    }
  }

  /**
   * Sorts the lines between the headline's two prints into captions, furniture, bylines and dates.
   * Lines printed again after the second headline, printed twice, or carrying a credit are captions;
   * short lines after the last caption are furniture and are learned as such; other prose is a caption
   * printed only once, which is a guess.
   */
  private readHeaderBlock(article: ArticleInProgress, block: SourceLine[]): void {
    const printsInBlock = new Map<string, number>();
    for (const line of block) printsInBlock.set(line.text, (printsInBlock.get(line.text) ?? 0) + 1);
    const reprinted = this.reprintedTexts(-1, printsInBlock);
    const isSureCaption = (text: string) =>
      !this.debris.isDebris(text) &&
      !this.isMetadata(text) &&
      ((printsInBlock.get(text) ?? 0) >= 2 || reprinted.has(text) || splitCaptionCredit(text).credit !== null);
    let lastCaption = -1;
    block.forEach((line, index) => {
      if (isSureCaption(line.text)) lastCaption = index;
    });
    const furniture = new Set<string>();
    block.forEach((line, index) => {
      const { text } = line;
      if (text === article.headline) return this.remove(line, 'repeated-headline');
      if (article.hasCaption(text)) return this.remove(line, 'repeated-caption');
      if (this.debris.isDebris(text) || furniture.has(text)) return this.remove(line, 'debris');
      if (this.readMetadata(article, line)) return;
      if (isSureCaption(text)) return article.addCaption(line, 'first');
      if (index > lastCaption && (lastCaption >= 0 ? text.length <= MAX_LEARNED_DEBRIS_LENGTH : looksLikeFurniture(text))) {
        furniture.add(text);
        if (lastCaption >= 0) this.debris.recordStructuralDebris(text);
        return this.remove(line, 'debris');
      }
      if (looksLikeCaption(text)) {
        article.flag('unexpected-header-lines', [line.number, line.number], `a line printed once between the two headlines, without a credit, was taken as a caption: "${clip(text)}"`);
        return article.addCaption(line, 'first');
      }
      article.flag('unexpected-header-lines', [line.number, line.number], `a line between the two headlines was dropped as furniture: "${clip(text)}"`);
      furniture.add(text);
      this.remove(line, 'debris');
    });
  }

  /**
   * Reads the header lines that follow a headline print (the photo block, bylines, dates, furniture).
   * A photo block may be longer than the lookahead, so reading stops when the window runs low and
   * resumes with the next lines.
   */
  private continueHeader(final: boolean): void {
    const reading = this.headerReading!;
    const { article, earlierPrint, print } = reading;
    while (this.window.size > 0) {
      if (!final && this.window.size <= HEADER_READ_MARGIN) return;
      const kind = this.headerLineAfterHeadline(0, earlierPrint, reading.first);
      if (kind === null) {
        if (this.skipStrayLinesBefore(article, earlierPrint)) continue;
        break;
      }
      const line = this.takeLine();
      if (kind !== 'metadata') reading.first = false;
      if (kind === 'metadata') this.readMetadata(article, line);
      else if (kind === 'furniture') this.remove(line, 'debris');
      else if (earlierPrint.has(line.text)) {
        article.noteSecondPrint(line.text);
        this.remove(line, 'repeated-block');
      } else if (article.hasCaption(line.text)) {
        if (print === 'second') article.noteSecondPrint(line.text);
        this.remove(line, 'repeated-caption');
      } else article.addCaption(line, print);
    }
    this.headerReading = null;
    if (print === 'second') article.comparePrints();
    article.headerEnd = article.lastLine;
  }

  /**
   * A few stray lines inside the second photo block, followed by more of its captions: drops them
   * (flagged) so the rest of the block is still read as the header. False when nothing was skipped.
   */
  private skipStrayLinesBefore(article: ArticleInProgress, earlierPrint: Set<string>): boolean {
    if (earlierPrint.size === 0) return false;
    const limit = Math.min(this.window.size, MAX_UNEXPLAINED_HEADER_LINES + 1);
    // The photo block is printed as consecutive lines; paragraphs are set apart by blank lines.
    for (let offset = 1; offset < limit; offset++) {
      const line = this.window.at(offset);
      if (line.blankBefore > 0) return false;
      if (!earlierPrint.has(line.text) || article.hasCaption(this.window.at(0).text)) continue;
      for (let skipped = 0; skipped < offset; skipped++) {
        const stray = this.takeLine();
        article.flag('unexpected-header-lines', [stray.number, stray.number], `a line inside the second photo block was dropped: "${clip(stray.text)}"`);
        this.remove(stray, 'debris');
      }
      return true;
    }
    return false;
  }

  private readMetadata(article: ArticleInProgress, line: SourceLine): boolean {
    const names = parseByline(line.text);
    if (names !== null) {
      article.addBylines(names);
      this.remove(line, 'byline');
      return true;
    }
    if (isDateline(line.text)) {
      this.remove(line, 'dateline');
      return true;
    }
    return false;
  }

  // ---- The body ---------------------------------------------------------------------------------------

  private addBodyLine(article: ArticleInProgress, line: SourceLine): void {
    const { text } = line;
    if (this.debris.isDebris(text)) return this.remove(line, 'debris');
    if (text === article.headline) return this.remove(line, 'repeated-headline');
    if (article.hasCaption(text)) return this.remove(line, 'repeated-caption');
    if (article.hasParagraph(text)) return this.remove(line, 'repeated-paragraph');
    if (this.readMetadata(article, line)) return;
    article.addParagraph(text);
  }

  private finishArticle(atEndOfDump: boolean): void {
    const article = this.current;
    if (article === null) return;
    this.current = null;
    if (atEndOfDump && article.body.length === 0 && article.kind === 'once') {
      article.truncated = true;
      article.flag('truncated', [article.firstLine, article.lastLine], 'the dump ends inside this article\'s header');
      this.sink.warning(
        `line ${article.firstLine}: the dump ends inside the header of "${article.headline}" (headline printed once, no body); kept as a truncated article`,
      );
    } else if (article.body.length === 0) {
      article.flag('no-body', [article.firstLine, article.lastLine], 'no body paragraph was found');
      this.sink.warning(`line ${article.firstLine}: article "${article.headline}" has no body paragraphs`);
    }
    if (article.kind === 'once' && !article.truncated) {
      article.flag('header-printed-once', [article.firstLine, article.headerEnd], 'the headline and photo block are printed once, not twice; check the captions and the first paragraph');
    }
    const lastParagraph = article.body.at(-1);
    if (atEndOfDump && lastParagraph !== undefined && !ENDS_LIKE_A_SENTENCE.test(lastParagraph)) {
      article.truncated = true;
      article.flag('truncated', [article.lastLine, article.lastLine], 'the dump ends mid-sentence in this article');
      this.sink.warning(
        `line ${article.lastLine}: the dump ends mid-sentence in "${article.headline}"; kept as a truncated article`,
      );
    }
    this.sink.article(article.toDraft());
  }

  private takeLine(): SourceLine {
    const line = this.window.take();
    this.current?.appendSource(line);
    return line;
  }

  private remove(line: SourceLine, reason: RemovedReason): void {
    this.sink.removed({ line: line.number, reason, text: line.text });
  }
}

const WHITESPACE_RUN = /\s+/gu;

/** Whether `text.split(/\s+/u)` has at least `count` pieces, found without splitting a paragraph to count a few words. */
function splitsIntoAtLeast(text: string, count: number): boolean {
  WHITESPACE_RUN.lastIndex = 0;
  let pieces = 1;
  while (pieces < count && WHITESPACE_RUN.test(text)) pieces++;
  return pieces >= count;
}

function looksLikeCaption(text: string): boolean {
  return splitCaptionCredit(text).credit !== null || splitsIntoAtLeast(text, MIN_CAPTION_WORDS);
}

/** Page furniture is short and is not a sentence. */
function looksLikeFurniture(text: string): boolean {
  return text.length <= MAX_LEARNED_DEBRIS_LENGTH && !ENDS_LIKE_A_SENTENCE.test(text);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

class ArticleInProgress {
  readonly headline: string;
  readonly firstLine: number;
  lastLine: number;
  /** Last line of the header (headline prints, photo block, furniture). */
  headerEnd: number;
  kind: HeaderKind = 'reprint';
  truncated = false;
  readonly body: string[] = [];
  private readonly photos: WirePhoto[] = [];
  private readonly photoLines: number[] = [];
  private readonly bylines: string[] = [];
  private readonly captionLines = new Set<string>();
  private readonly firstPrintCaptions = new Set<string>();
  private readonly secondPrintCaptions = new Set<string>();
  private readonly paragraphs = new Set<string>();
  private readonly anomalies: ParseAnomaly[] = [];
  private readonly source: string[] | null;
  private lastSourceLine = 0;

  constructor(headline: SourceLine, firstLine: number, keepSource: boolean) {
    this.headline = headline.text;
    this.firstLine = firstLine;
    this.lastLine = headline.number;
    this.headerEnd = headline.number;
    this.source = keepSource ? [] : null;
  }

  appendSource(line: SourceLine): void {
    this.lastLine = Math.max(this.lastLine, line.number);
    if (this.source === null) return;
    if (this.lastSourceLine > 0) for (let blank = this.lastSourceLine + 1; blank < line.number; blank++) this.source.push('');
    this.source.push(line.text);
    this.lastSourceLine = line.number;
  }

  /** Text this article already printed: its headline, a caption or a paragraph. */
  owns(text: string): boolean {
    return text === this.headline || this.captionLines.has(text) || this.paragraphs.has(text);
  }

  hasCaption(text: string): boolean {
    return this.captionLines.has(text);
  }

  /** A caption read in the header, before any body paragraph. */
  hasCaptionInHeader(text: string): boolean {
    return this.body.length === 0 && this.captionLines.has(text);
  }

  hasParagraph(text: string): boolean {
    return this.paragraphs.has(text);
  }

  addCaption(line: SourceLine, print?: 'first' | 'second'): void {
    this.captionLines.add(line.text);
    if (print === 'first') this.firstPrintCaptions.add(line.text);
    if (print === 'second') this.secondPrintCaptions.add(line.text);
    this.photos.push(parseCaption(line.text));
    this.photoLines.push(line.number);
  }

  noteSecondPrint(text: string): void {
    this.secondPrintCaptions.add(text);
  }

  /** Both prints show captions, but not the same ones: one of them lost or gained a picture. */
  comparePrints(): void {
    if (this.firstPrintCaptions.size === 0 || this.secondPrintCaptions.size === 0) return;
    const onlyFirst = [...this.firstPrintCaptions].filter((text) => !this.secondPrintCaptions.has(text)).length;
    const onlySecond = [...this.secondPrintCaptions].filter((text) => !this.firstPrintCaptions.has(text)).length;
    if (onlyFirst + onlySecond === 0) return;
    this.flag(
      'prints-disagree',
      [this.firstLine, this.headerEnd],
      `the two prints of the header differ: ${onlyFirst} caption(s) only in the first, ${onlySecond} only in the second`,
    );
  }

  addBylines(names: string[]): void {
    for (const name of names) if (!this.bylines.includes(name)) this.bylines.push(name);
  }

  addParagraph(text: string): void {
    this.paragraphs.add(text);
    this.body.push(text);
  }

  flag(code: AnomalyCode, lines: [number, number], message: string): void {
    this.anomalies.push({ code, lines, message });
  }

  toDraft(): ArticleDraft {
    this.photos.forEach((photo, index) => {
      if (photo.credit === null) {
        const line = this.photoLines[index];
        this.flag('caption-without-credit', [line, line], `the caption "${clip(photo.caption)}" has no credit`);
      }
    });
    return {
      headline: this.headline,
      body: this.body,
      photos: this.photos,
      bylines: this.bylines,
      lines: [this.firstLine, this.lastLine],
      truncated: this.truncated,
      anomalies: this.anomalies.sort((a, b) => a.lines[0] - b.lines[0]),
      ...(this.source !== null ? { source: this.source.join('\n') } : {}),
    };
  }
}
