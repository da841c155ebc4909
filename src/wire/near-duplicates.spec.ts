import { articleText, estimateJaccard, minhashSignature, NEAR_DUPLICATE_THRESHOLD } from './dedup';
import {
  BODY_WITH_HEADLINE,
  HEADLINE_MATCH,
  headlineKeys,
  headlineLookup,
  headlineSimilarity,
  headlineWordKeys,
  headlineWordKeysDice,
  headlineWords,
  judgeNearDuplicate,
} from './near-duplicates';
import { parseWireDump } from './parser';
import { buildDump } from './testing/dump-builder';
import { evaluateNearDuplicates } from './testing/labelled-evaluation';
import { LABELLED_EVENTS } from './testing/labelled-stories';

const bodySimilarity = (a: { headline: string; body: string[] }, b: { headline: string; body: string[] }) =>
  estimateJaccard(minhashSignature(articleText(a)), minhashSignature(articleText(b)));

describe('headline similarity', () => {
  it('compares content words, ignoring case, possessives, stopwords and order', () => {
    expect(headlineWords('Egypt’s Central Bank Raises Interest Rates by 200 Basis Points')).toEqual(['egypt', 'central', 'bank', 'raises', 'interest', 'rates', '200', 'basis', 'points']);
    expect(headlineSimilarity('Egypt’s Central Bank Raises Interest Rates by 200 Basis Points', 'Egypt Central Bank Raises Interest Rates by 200 Basis Points')).toBe(1);
    expect(headlineSimilarity('Qatar Hosts New Round of Gaza Ceasefire Talks', 'Aid Trucks Enter Gaza Through Kerem Shalom After Two-Day Halt')).toBeLessThan(0.2);
  });

  it('gives nearly the same headlines a shared lookup key, and headlines of other stories none', () => {
    const shares = (a: string, b: string) => {
      const keys = new Set(headlineKeys(a));
      return Array.from(headlineKeys(b)).some((key) => keys.has(key));
    };
    for (const event of LABELLED_EVENTS) expect(shares(event.original.headline, event.update.headline)).toBe(true);
    expect(shares('US Forces Withdraw from Iraq Air Base', 'Saudi Arabia Extends Voluntary Oil Output Cut')).toBe(false);
    expect(headlineKeys('Breaking')).toHaveLength(0);
  });

  it('scores hashed headline words as it scores the words, for every pair of labelled headlines', () => {
    const headlines = LABELLED_EVENTS.flatMap((event) => [event.original, event.sameTopic, event.otherOutlet, event.update, event.correction].map((story) => story.headline));
    headlines.push('Egypt’s Central Bank Raises Interest Rates by 200 Basis Points', 'Egypt Central Bank Raises Interest Rates by 200 Basis Points', 'Breaking', '');
    for (const left of headlines) {
      for (const right of headlines) expect(headlineWordKeysDice(headlineWordKeys(left), headlineWordKeys(right))).toBeCloseTo(headlineSimilarity(left, right), 12);
    }
    expect(Array.from(headlineWordKeys('Gaza talks in Cairo, Cairo talks on Gaza'))).toHaveLength(3);
    expect(headlineLookup('Egypt Central Bank Raises Interest Rates by 200 Basis Points')).toEqual({
      headlineKeys: headlineKeys('Egypt Central Bank Raises Interest Rates by 200 Basis Points'),
      headlineWordKeys: headlineWordKeys('Egypt Central Bank Raises Interest Rates by 200 Basis Points'),
    });
  });
});

describe('judgeNearDuplicate', () => {
  const cairo = LABELLED_EVENTS.find((event) => event.name === 'cairo-rate-hike')!;

  it('flags an updated version whose body overlap is below the body-only cut when the headline is nearly the same', () => {
    const similarity = bodySimilarity(cairo.original, cairo.update);
    expect(similarity).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(similarity).toBeGreaterThanOrEqual(BODY_WITH_HEADLINE);
    expect(judgeNearDuplicate(similarity, cairo.original.headline, cairo.update.headline)).toMatchObject({ rule: 'headline-and-body', headlineSimilarity: 1 });
  });

  it('does not flag a different story with a similar headline: the bodies share no runs of words', () => {
    const same = 'Egypt’s Central Bank Raises Interest Rates by 200 Basis Points';
    const similarity = bodySimilarity(cairo.original, { ...cairo.sameTopic, headline: same });
    expect(judgeNearDuplicate(similarity, cairo.original.headline, same).rule).toBeNull();
  });

  it('still flags on the body alone whatever the headline', () => {
    expect(judgeNearDuplicate(0.85, 'One headline entirely', 'Another one altogether').rule).toBe('body');
    expect(judgeNearDuplicate(0.5, 'One headline entirely', 'Another one altogether').rule).toBeNull();
    expect(HEADLINE_MATCH).toBeGreaterThan(0.5);
  });

  it('finds every update and correction of the labelled set and flags no other pair, through the parser', () => {
    expect(evaluateNearDuplicates()).toMatchObject({ falsePositives: 0, falseNegatives: 0 });
  });

  it('flags the update in a dump where other stories sit between the versions', () => {
    const [oil, port] = [LABELLED_EVENTS[2]!, LABELLED_EVENTS[3]!];
    const articles = parseWireDump(buildDump([oil.original, port.original, port.sameTopic, oil.update, oil.otherOutlet])).articles;
    expect(articles.map((article) => [article.duplicateOf, article.duplicateKind])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [0, 'near'],
      [null, null],
    ]);
  });
});
