import { parseWireDump, toParseJson } from './parser';
import fc from 'fast-check';
import { eventFeatures, forEachCandidateToken, InFileRelatedFinder, judgeRelated } from './related';
import { buildDump } from './testing/dump-builder';
import { evaluateRelated } from './testing/labelled-evaluation';
import { LABELLED_EVENTS } from './testing/labelled-stories';

const byName = (name: string) => LABELLED_EVENTS.find((event) => event.name === name)!;

describe('eventFeatures', () => {
  it('keeps what survives rewording: names, figures, quoted passages and the dateline', () => {
    const features = eventFeatures(byName('cairo-rate-hike').original);
    expect(features.dateline).toBe('cairo');
    expect([...features.names]).toEqual(expect.arrayContaining(['egypt', 'reuters', 'committee']));
    expect(features.names.has('the')).toBe(false);
    expect([...features.figures]).toEqual(expect.arrayContaining(['200', '21.25', '22.25', '35']));
    const quoted = eventFeatures({ headline: 'Talks', body: ['He said “we will meet many friends in Iraq” on Monday.'] });
    expect([...quoted.quotes]).toEqual(expect.arrayContaining(['we will meet', 'friends in iraq']));
  });

  it('leaves years out of the figures: they date the background that stories on one topic share', () => {
    expect(eventFeatures({ headline: 'Blast', body: ['The blast on August 4, 2020 killed more than 220 people.'] }).figures).toEqual(new Set(['4', '220']));
  });
});

describe('forEachCandidateToken', () => {
  // The pattern the scanner replaces: names and figures were read with it when the stored related keys were made.
  const CANDIDATE_TOKEN = /(?:\p{Lu}|\p{N}|(?:al|el)-\p{Lu})[\p{L}\p{N}\p{M}'’.,-]*/gu;
  const piece = fc.constantFrom(
    'a', 'e', 'l', '-', 'al-', 'el-', 'metal-', 'A', 'Z', 'z', '1', '٣', 'Ⅻ', '²', 'é', 'e\u0301', '\u0301', 'İ', 'Σ', 'ǅ', 'ب',
    ' ', '.', ',', "'", '’', '"', '“', '\u{1d400}', '\u{1f600}', '\ud800', '\udc00', '\u00a0',
  );

  it('finds the tokens the pattern matches, at the same places', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const found: string[] = [];
        forEachCandidateToken(text, (start, end) => found.push(`${start}:${text.slice(start, end)}`));
        expect(found).toEqual([...text.matchAll(CANDIDATE_TOKEN)].map((match) => `${match.index}:${match[0]}`));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('judgeRelated', () => {
  it('links the same event told in other words, and not a different story on the same topic', () => {
    const port = byName('beirut-port-judge');
    expect(judgeRelated(eventFeatures(port.original), eventFeatures(port.otherOutlet)).related).toBe(true);
    expect(judgeRelated(eventFeatures(port.original), eventFeatures(port.sameTopic)).related).toBe(false);
  });

  it('reaches precision 0.95 on the labelled set, linking at least half of the other outlets’ reports', () => {
    const score = evaluateRelated();
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.5);
  });
});

describe('InFileRelatedFinder', () => {
  it('points at the earliest related article in its window, never at a version of the same story, and forgets older ones', () => {
    const quake = byName('ankara-earthquake');
    const finder = new InFileRelatedFinder(2);
    expect(finder.register(quake.original)).toBeNull();
    expect(finder.register(quake.otherOutlet, 0)).toBeNull();
    expect(finder.register(quake.otherOutlet)).toBe(0);
    finder.register(byName('doha-gaza-talks').original);
    finder.register(byName('amman-water-deal').original);
    expect(finder.register(quake.otherOutlet)).toBeNull();
  });
});

describe('parse --json relatedTo', () => {
  it('gives the index of an earlier report of the same event, null otherwise, and keeps duplicates apart', () => {
    const oil = byName('riyadh-oil-output');
    const json = toParseJson(parseWireDump(buildDump([oil.original, oil.sameTopic, oil.otherOutlet, oil.update])));
    expect(json.articles.map((article) => [article.relatedTo, article.duplicateOf, article.duplicateKind])).toEqual([
      [null, null, null],
      [null, null, null],
      [0, null, null],
      [null, 0, 'near'],
    ]);
    expect(Object.keys(json.articles[0]!)).toEqual(['headline', 'body', 'photos', 'bylines', 'duplicateOf', 'duplicateKind', 'lines', 'relatedTo', 'anomalies']);
  });
});
