/**
 * Near duplicates: versions of one story (an update refiled later in the day, a correction). The body
 * MinHash alone misses updates whose body was edited a lot (a new lead, figures moved on, paragraphs
 * added and dropped: word-5-gram Jaccard 0.4–0.7) although the headline barely changed. Two rules, either
 * flags a pair; both were chosen on the labelled set in `testing/labelled-stories.ts` (see README):
 * - the body alone: Jaccard ≥ NEAR_DUPLICATE_THRESHOLD (0.8), as before;
 * - headline and body together: headline word overlap (Dice) ≥ HEADLINE_MATCH and body Jaccard ≥
 *   BODY_WITH_HEADLINE. Stories on the same topic share names and places in their headlines, but
 *   their bodies share almost no 5-word run (Jaccard ≤ 0.03 on the labelled set, against 0.26 for the least similar update), so a body floor well
 *   above that keeps them apart however alike the headlines are.
 * Nothing is ever merged on these scores: a flagged pair waits for an editor.
 */

import { hashString32, setBandKeys } from './hashing';
import { toNfc } from './nfc';

export const HEADLINE_MATCH = 0.6;
export const BODY_WITH_HEADLINE = 0.15;

// Words that carry no story in a headline; numbers and names stay.
const HEADLINE_STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'and', 'or', 'over', 'after', 'into', 'is', 'are', 'be', 'its',
]);
const HEADLINE_WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;

/** The headline's distinct content words: case-folded, possessive `’s` dropped, stopwords left out. */
export function headlineWords(headline: string): string[] {
  const words = toNfc(headline).toLowerCase().replace(/['’]s\b/gu, '').match(HEADLINE_WORD) ?? [];
  return [...new Set(words.filter((word) => !HEADLINE_STOPWORDS.has(word)))];
}

/** Dice overlap of the two headlines' content words: 1 for the same words in any order, 0 for none shared. */
export function headlineSimilarity(a: string, b: string): number {
  return headlineWordsDice(headlineWords(a), new Set(headlineWords(b)));
}

/**
 * `headlineSimilarity` from words `headlineWords` already gave, for a caller comparing one headline with many
 * (the importer's candidates) that splits each headline once.
 */
export function headlineWordsDice(left: readonly string[], right: ReadonlySet<string>): number {
  if (left.length === 0 || right.size === 0) return 0;
  const shared = left.filter((word) => right.has(word)).length;
  return (2 * shared) / (left.length + right.size);
}

/**
 * Headline LSH: a MinHash of the headline's content words, 10 bands of 3 rows. Two headlines whose word
 * sets have Jaccard s share a band with probability 1 - (1 - s³)¹⁰: 0.97 at 0.67 (an update that changed
 * two or three words of ten), 0.66 at 0.5, 0.15 at 0.25 and 0.01 at 0.1, so stories that merely share a
 * place name rarely meet. A band is three specific words, which keeps buckets small in a large archive.
 */
export const HEADLINE_BANDS = 10;
export const HEADLINE_ROWS = 3;

/**
 * Headlines with fewer content words give no lookup key: a short headline ("Iraq Votes", "Oil Prices Rise")
 * is shared by too many stories to find candidates by, and with three words to a band a few common words
 * would make hot buckets. Wire headlines run to 6–12 content words; short ones still meet through the body bands.
 */
export const HEADLINE_MIN_WORDS = 5;

/** Lookup keys for headlines that are the same or nearly the same (one per band, signed 32-bit for an indexed `int[]` column). */
export function headlineKeys(headline: string): Int32Array {
  return headlineLookup(headline).headlineKeys;
}

/**
 * The headline's lookup keys (`headlineKeys`) and its content words as sorted distinct 32-bit hashes
 * (`headlineWordKeys`), from one split of the headline.
 */
export function headlineLookup(headline: string): { headlineKeys: Int32Array; headlineWordKeys: Int32Array } {
  const hashes = headlineWords(headline).map(hashString32);
  return {
    headlineKeys: hashes.length < HEADLINE_MIN_WORDS ? new Int32Array(0) : setBandKeys(hashes, HEADLINE_BANDS, HEADLINE_ROWS),
    headlineWordKeys: distinctSorted(hashes),
  };
}

/**
 * The headline's content words (`headlineWords`) as sorted distinct 32-bit hashes: what `headlineWordKeysDice`
 * compares. An importer compares each headline with dozens of candidates, batch after batch; hashed once, a
 * headline is a few dozen bytes to keep and a merge to compare.
 */
export function headlineWordKeys(headline: string): Int32Array {
  return distinctSorted(headlineWords(headline).map(hashString32));
}

/** `headlineWordsDice` on `headlineWordKeys` (equal but for a 32-bit hash collision between two words). */
export function headlineWordKeysDice(left: Int32Array, right: Int32Array): number {
  if (left.length === 0 || right.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < left.length && j < right.length; ) {
    if (left[i] === right[j]) {
      shared++;
      i++;
      j++;
    } else if (left[i]! < right[j]!) i++;
    else j++;
  }
  return (2 * shared) / (left.length + right.length);
}

function distinctSorted(hashes: readonly number[]): Int32Array {
  const sorted = Int32Array.from(hashes).sort();
  let length = 0;
  for (let index = 0; index < sorted.length; index++) if (index === 0 || sorted[index] !== sorted[length - 1]) sorted[length++] = sorted[index]!;
  return sorted.slice(0, length);
}

export interface NearDuplicateVerdict {
  /** Estimated body (headline and body text) Jaccard, reported as the pair's similarity. */
  similarity: number;
  /** Computed only when it decides: null when the body alone flags or clears the pair. */
  headlineSimilarity: number | null;
  /** Which rule flagged it, or null when the pair is not a near duplicate. */
  rule: 'body' | 'headline-and-body' | null;
}

/**
 * Whether two articles are versions of one story, from the estimated Jaccard of their MinHash signatures
 * (`estimateJaccard`) and their headlines.
 */
export function judgeNearDuplicate(
  similarity: number,
  headlineA: string,
  headlineB: string,
  thresholds: NearDuplicateThresholds = DEFAULT_NEAR_THRESHOLDS,
): NearDuplicateVerdict {
  // The headline comparison is skipped when the body decides alone, or cannot pass the floor anyway.
  if (similarity >= thresholds.body) return { similarity, headlineSimilarity: null, rule: 'body' };
  if (similarity < thresholds.bodyWithHeadline) return { similarity, headlineSimilarity: null, rule: null };
  const headline = headlineSimilarity(headlineA, headlineB);
  return { similarity, headlineSimilarity: headline, rule: headline >= thresholds.headline ? 'headline-and-body' : null };
}

export interface NearDuplicateThresholds {
  body: number;
  headline: number;
  bodyWithHeadline: number;
}

export const DEFAULT_NEAR_THRESHOLDS: NearDuplicateThresholds = { body: 0.8, headline: HEADLINE_MATCH, bodyWithHeadline: BODY_WITH_HEADLINE };


