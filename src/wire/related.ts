/**
 * Related coverage: the same event told by another outlet in other words. Rewording changes almost every
 * 5-word run (body Jaccard ≈ 0.01 on the labelled set), so this works on what survives it:
 * - names: runs of capitalised words (people, places, bodies), as single words so "Ali Larijani" and
 *   "Larijani" meet; titles and words that open sentences are left out;
 * - figures: numbers ("500", "21.25", "300,000");
 * - quoted passages, as word triples, since outlets quote the same sentence in part;
 * - the dateline city.
 * A pair is related when it shares enough of the rarer kinds (figures, quotes, datelines) and names, with
 * thresholds chosen on `testing/labelled-stories.ts` for precision first (see README): a wrong link costs
 * an editor's trust more than a missing one. Pure: no I/O. Never a duplicate flag and never a merge.
 */

import { NUMBER, UPPERCASE_LETTER, WORD_CHARACTER, characterClass } from './characters';
import { hashString32, setBandKeys } from './hashing';
import { toNfc } from './nfc';


export interface EventFeatures {
  names: Set<string>;
  figures: Set<string>;
  quotes: Set<string>;
  dateline: string | null;
}

/** Lookup bands over the features: 24 bands of 2 rows of a MinHash of all features. */
export const RELATED_BANDS = 24;
export const RELATED_ROWS = 2;

/**
 * Two ways to be related (chosen on the labelled set, precision first):
 * - names and facts: at least RELATED_MIN_NAMES shared names and RELATED_MIN_FACTS shared figures, quote
 *   triples or dateline. Stories on the same topic share background (a death toll, "August 4") and a
 *   few names (at most 3 on the labelled set, against 4–12 for the same event);
 * - names alone: at least RELATED_NAMES_ALONE shared names covering RELATED_NAME_OVERLAP of the smaller
 *   article's names. Same-topic stories on a busy beat share up to 11 names but at most 79% of them.
 */
export const RELATED_MIN_NAMES = 4;
export const RELATED_MIN_FACTS = 2;
export const RELATED_NAMES_ALONE = 8;
export const RELATED_NAME_OVERLAP = 0.85;

const WEIGHT = { name: 1, figure: 2, quote: 1, dateline: 2 } as const;

// Capitalised words that are not names: sentence openers, pronouns, titles, months and days.
const NOT_NAMES = new Set(
  (
    'a an the this that these those it its he she they we i you his her their our but and or if in on at as by for from to of with ' +
    'after before while when where what who which there here also about among more most some no not one two three all any ' +
    'mr mrs ms dr president prime minister ministers ministry secretary general major brigadier staff officer chief head spokesman ' +
    'spokeswoman adviser director judge king crown prince sheikh grand ayatollah foreign interior security national council ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday today speaking political sources source officials official ' +
    'corrects correction updated update story earlier version'
  ).split(' '),
);

/**
 * Calls `visit` with the start and end of each token that can be a name or a figure, capitalised (or al-/el-
 * before a capital) or starting with a digit: the matches of `/(?:\p{Lu}|\p{N}|(?:al|el)-\p{Lu})[\p{L}\p{N}\p{M}'’.,-]*\/gu`,
 * found without allocating the regex's match objects.
 */
export function forEachCandidateToken(text: string, visit: (start: number, end: number) => void): void {
  POSSIBLE_TOKEN_START.lastIndex = 0;
  // test() moves lastIndex past each place a token may start, without allocating a match.
  while (POSSIBLE_TOKEN_START.test(text)) {
    const found = POSSIBLE_TOKEN_START.lastIndex;
    // After "l-" the token, if any, is al-/el- and starts two characters before the l. Had that character been
    // a capital, a digit or non-ASCII, the scan would have stopped there first.
    const start = text.charCodeAt(found - 1) === 0x2d /* - */ ? found - 3 : found - 1;
    const end = start >= 0 ? candidateTokenEnd(text, start) : -1;
    if (end > start) {
      visit(start, end);
      POSSIBLE_TOKEN_START.lastIndex = end;
    }
  }
}

/**
 * Where a candidate token may start: capitals and digits (the only ASCII \p{Lu} and \p{N}), any non-ASCII
 * character, and the "l-" of al-/el-, so that lower-case words and spaces are skipped in native code.
 */
const POSSIBLE_TOKEN_START = /[A-Z0-9\x80-\uffff]|l-/g;

/** End of the candidate token starting at `start`, or -1 when none starts there. */
function candidateTokenEnd(text: string, start: number): number {
  let index = start;
  const first = text.codePointAt(start)!;
  if ((first === 0x61 /* a */ || first === 0x65 /* e */) && text.startsWith('l-', start + 1) && start + 3 < text.length) {
    const capital = text.codePointAt(start + 3)!;
    if ((characterClass(capital) & UPPERCASE_LETTER) === 0) return -1;
    index += 3 + (capital > 0xffff ? 2 : 1);
  } else {
    if ((characterClass(first) & (UPPERCASE_LETTER | NUMBER)) === 0) return -1;
    index += first > 0xffff ? 2 : 1;
  }
  while (index < text.length) {
    const codePoint = text.codePointAt(index)!;
    if ((characterClass(codePoint) & WORD_CHARACTER) === 0 && !TOKEN_PUNCTUATION.has(codePoint)) break;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return index;
}
const TOKEN_PUNCTUATION = new Set([..."'’.,-"].map((character) => character.codePointAt(0)!));
const FIGURE = /^\p{N}[\p{N}.,]*$/u;
const YEAR = /^(19|20)\d\d$/u;
const UPPER_START = /^\p{Lu}/u;

/** Whether the token at `index` is the first word of a sentence: only spaces and quotes since a full stop or the paragraph start. */
function opensSentence(text: string, index: number): boolean {
  let position = index - 1;
  while (position >= 0 && (text[position] === ' ' || text[position] === '"' || text[position] === '“' || text[position] === '(' || text[position] === '[')) position--;
  if (position < 0) return true;
  const before = text[position]!;
  if (before === '.' || before === '!' || before === '?' || before === ':' || before === '”') {
    // An initial ("Abdul L. Rashid") does not end a sentence.
    return !(before === '.' && position >= 1 && /\p{Lu}/u.test(text[position - 1]!) && (position < 2 || text[position - 2] === ' '));
  }
  return false;
}
const QUOTED = /[“"«]([^”"»]{12,400})[”"»]/gu;
const DATELINE = /^\s*([\p{Lu}][\p{Lu}\p{M} .'-]{2,30})(?:,\s*[\p{L} ]{2,30})?\s*[—–-]{1,2}\s/u;

function cleanToken(token: string): string {
  return token.replace(/[’']s$/u, '').replace(/[.,'’-]+$/u, '');
}

/** The features of an article that survive rewording. */
export function eventFeatures(article: { headline: string; body: readonly string[] }): EventFeatures {
  const names = new Set<string>();
  const figures = new Set<string>();
  const quotes = new Set<string>();
  let dateline: string | null = null;
  const paragraphs = [article.headline, ...article.body];
  const first = article.body[0];
  const datelineMatch = first ? DATELINE.exec(first) : null;
  if (datelineMatch) dateline = datelineMatch[1]!.trim().toLowerCase();

  paragraphs.forEach((paragraph, paragraphIndex) => {
    const text = toNfc(paragraph);
    forEachCandidateToken(text, (start, end) => {
      // Only a token opening with a digit can be a figure. In a headline every word is capitalised, and a
      // sentence's first word is capitalised whatever it is, so names are read from the body, inside sentences.
      const mayBeFigure = (characterClass(text.codePointAt(start)!) & NUMBER) !== 0;
      const mayBeName = paragraphIndex > 0 && !opensSentence(text, start);
      if (!mayBeFigure && !mayBeName) return;
      const token = cleanToken(text.slice(start, end));
      if (mayBeFigure && FIGURE.test(token)) {
        // Years date the background ("the 2020 explosion") that stories on the same topic share.
        const figure = token.replace(/,/g, '');
        if (!YEAR.test(figure)) figures.add(figure);
        return;
      }
      if (!mayBeName) return;
      for (const part of token.split('-')) {
        if (part.length <= 1 || !UPPER_START.test(part)) continue;
        const name = part.toLowerCase();
        if (!NOT_NAMES.has(name)) names.add(name);
      }
    });
    if (text.includes('"') || text.includes('“') || text.includes('«')) {
      for (const quote of text.matchAll(QUOTED)) {
        const words = quote[1]!.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
        for (let start = 0; start + 3 <= words.length; start++) quotes.add(words.slice(start, start + 3).join(' '));
      }
    }
  });
  return { names, figures, quotes, dateline };
}

export interface RelatedVerdict {
  related: boolean;
  /** Shared weight over the smaller article's weight, 0–1: how much of the shorter report the other one covers. */
  overlap: number;
  sharedNames: number;
  sharedFacts: number;
}

/** Whether two articles report the same event, from their features. */
export function judgeRelated(a: EventFeatures, b: EventFeatures): RelatedVerdict {
  const sharedNames = countShared(a.names, b.names);
  const sharedFigures = countShared(a.figures, b.figures);
  const sharedQuotes = countShared(a.quotes, b.quotes);
  const sameDateline = a.dateline !== null && a.dateline === b.dateline ? 1 : 0;
  const shared = sharedNames * WEIGHT.name + sharedFigures * WEIGHT.figure + sharedQuotes * WEIGHT.quote + sameDateline * WEIGHT.dateline;
  const overlap = shared / Math.max(1, Math.min(weightOf(a), weightOf(b)));
  const sharedFacts = sharedFigures + sharedQuotes + sameDateline;
  const nameOverlap = sharedNames / Math.max(1, Math.min(a.names.size, b.names.size));
  const related =
    (sharedNames >= RELATED_MIN_NAMES && sharedFacts >= RELATED_MIN_FACTS) || (sharedNames >= RELATED_NAMES_ALONE && nameOverlap >= RELATED_NAME_OVERLAP);
  return { related, overlap, sharedNames, sharedFacts };
}

/**
 * Lookup keys for related coverage (one per band, signed 32-bit, for an indexed `int[]` column): a band
 * is two specific features of the article, so two reports of one event (feature Jaccard ≈ 0.2–0.4) meet
 * with probability 1 - (1 - s²)²⁴ (0.62 at 0.2, 0.89 at 0.3), while buckets stay small in a large archive.
 * Articles with fewer than RELATED_MIN_NAMES names have none.
 */
export function relatedKeys(features: EventFeatures): Int32Array {
  if (features.names.size < RELATED_MIN_NAMES) return new Int32Array(0);
  // Quote triples are left out: there are many of them, and an outlet quoting less would dilute the match.
  const hashes = [
    ...[...features.names].map((name) => hashString32(`n:${name}`)),
    ...[...features.figures].map((figure) => hashString32(`f:${figure}`)),
    ...(features.dateline ? [hashString32(`d:${features.dateline}`)] : []),
  ];
  return setBandKeys(hashes, RELATED_BANDS, RELATED_ROWS);
}

/** At most this many candidates (the newest) are compared per article. */
export const RELATED_CANDIDATES_COMPARED = 64;

/** Earlier articles of the same file an article is compared with for related coverage. */
export const DEFAULT_RELATED_WINDOW = 4096;

/**
 * Finds, for each article in file order, the earliest article among the last `window` reporting the same
 * event, through the band keys: one lookup per band, whatever the file size, and memory bounded by the window.
 */
export class InFileRelatedFinder {
  private readonly buckets = Array.from({ length: RELATED_BANDS }, () => new Map<number, number[]>());
  private readonly recent = new Map<number, { features: EventFeatures; keys: Int32Array }>();
  private count = 0;

  constructor(private readonly window = DEFAULT_RELATED_WINDOW) {}

  /**
   * Registers the next article (index = number of earlier calls). Returns the earliest related earlier
   * article, or null; `versionOf` (an earlier version of this same story) is never the answer.
   */
  register(article: { headline: string; body: readonly string[] }, versionOf: number | null = null): number | null {
    return this.registerWithKeys(article, versionOf).relatedTo;
  }

  /** As `register`, also returning the article's lookup keys, e.g. to store them for later dumps. */
  registerWithKeys(article: { headline: string; body: readonly string[] }, versionOf: number | null = null): { relatedTo: number | null; keys: Int32Array } {
    const index = this.count++;
    this.forget(index - this.window - 1);
    const features = eventFeatures(article);
    const keys = relatedKeys(features);
    const candidates = new Set<number>();
    keys.forEach((key, band) => {
      for (const candidate of this.buckets[band]!.get(key) ?? []) candidates.add(candidate);
    });
    let found: number | null = null;
    // Only the newest candidates are compared: reports of one event sit close together, and a key shared by a
    // busy beat's stories must not cost thousands of comparisons per article.
    for (const candidate of [...candidates].sort((a, b) => a - b).slice(-RELATED_CANDIDATES_COMPARED)) {
      if (candidate === versionOf) continue;
      if (judgeRelated(features, this.recent.get(candidate)!.features).related) {
        found = candidate;
        break;
      }
    }
    if (keys.length > 0) {
      this.recent.set(index, { features, keys });
      keys.forEach((key, band) => {
        const bucket = this.buckets[band]!;
        const list = bucket.get(key);
        if (list) list.push(index);
        else bucket.set(key, [index]);
      });
    }
    return { relatedTo: found, keys };
  }

  private forget(index: number): void {
    const entry = this.recent.get(index);
    if (!entry) return;
    this.recent.delete(index);
    entry.keys.forEach((key, band) => {
      const bucket = this.buckets[band]!;
      const list = bucket.get(key)!.filter((other) => other !== index);
      if (list.length === 0) bucket.delete(key);
      else bucket.set(key, list);
    });
  }
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) shared++;
  return shared;
}

function weightOf(features: EventFeatures): number {
  return features.names.size * WEIGHT.name + features.figures.size * WEIGHT.figure + features.quotes.size * WEIGHT.quote + (features.dateline ? WEIGHT.dateline : 0);
}


