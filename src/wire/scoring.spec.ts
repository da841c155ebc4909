import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWireDump, toParseJson } from './parser';
import { describeScore, LabelledArticle, LabelledDump, scoreParse, ScoredParse } from './scoring';
import { buildDump, syntheticArticle } from './testing/dump-builder';

const SAMPLES = join(__dirname, '..', '..', 'samples');

const photo = (caption: string) => ({ caption, credit: 'Photo by AHMAD AL-RUBAYE / AFP', photographer: 'Ahmad Al-Rubaye', agency: 'AFP' });
const labelled = (seed: number, extra: Partial<LabelledArticle> = {}): LabelledArticle => ({
  headline: `Headline ${seed}`,
  body: [`First paragraph ${seed}.`, `Second paragraph ${seed}.`],
  photos: [photo(`Caption ${seed}`)],
  bylines: [`Writer ${seed}`],
  duplicateOf: null,
  duplicateKind: null,
  relatedTo: null,
  ...extra,
});
const parsedAs = (labels: LabelledArticle[]): ScoredParse => ({
  articles: labels.map((article) => ({
    headline: article.headline,
    body: [...article.body],
    photos: article.photos.map((entry) => ({ ...entry })),
    bylines: [...article.bylines],
    duplicateOf: article.duplicateOf ?? null,
    duplicateKind: article.duplicateKind ?? null,
    relatedTo: article.relatedTo ?? null,
    lines: [1, 1],
    anomalies: [],
  })),
});

describe('scoring a parse against labels', () => {
  const labels: LabelledDump = {
    articles: [labelled(0), labelled(1), labelled(2, { duplicateOf: 0, duplicateKind: 'exact' }), labelled(3, { duplicateOf: 1, duplicateKind: 'near' }), labelled(4, { relatedTo: 1 })],
  };

  it('gives every field and link to a parse that matches its labels', () => {
    const score = scoreParse(labels, parsedAs(labels.articles));
    // 5 headlines, 10 paragraphs, 5 photos × 4 fields, 5 bylines.
    expect(score.fields.all).toEqual({ right: 40, total: 40 });
    expect(score.exactDuplicates).toEqual({ found: 1, labelled: 1, wrong: 0 });
    expect(score.updatedVersions).toEqual({ found: 1, labelled: 1, wrong: 0 });
    expect(score.related).toEqual({ found: 1, labelled: 1, wrong: 0 });
    expect(score.mismatches).toEqual([]);
  });

  it('costs a lost photo four fields and a wrong photographer one, and names the article', () => {
    const parse = parsedAs(labels.articles);
    parse.articles[1].photos = [];
    parse.articles[2].photos[0].photographer = 'AHMAD AL-RUBAYE';
    const score = scoreParse(labels, parse);
    expect(score.fields.photos).toEqual({ right: 15, total: 20 });
    expect(score.mismatches).toEqual(['#1 “Headline 1”: 4 fields wrong (parsed as #1)', '#2 “Headline 2”: 1 field wrong (parsed as #2)']);
  });

  it('counts an invented article against the parse without shifting the pairs after it', () => {
    const parse = parsedAs(labels.articles);
    parse.articles.splice(1, 0, { ...parse.articles[0], headline: 'Caption 1', body: ['Second paragraph 1.'], photos: [], bylines: [] });
    // Links in the parse are positions in the parse: everything after the invented article moved by one.
    parse.articles[3].duplicateOf = 0;
    parse.articles[4].duplicateOf = 2;
    parse.articles[5].relatedTo = 2;
    const score = scoreParse(labels, parse);
    expect(score.articles).toEqual({ labelled: 5, parsed: 6, matched: 5 });
    expect(score.fields.all).toEqual({ right: 40, total: 42 });
    expect(score.mismatches).toEqual(['parsed #1 “Caption 1”: not an article in the labels']);
    expect(score.updatedVersions.found).toBe(1);
  });

  it('counts a flag the labels do not have as wrong, and a missed one as not found', () => {
    const parse = parsedAs(labels.articles);
    parse.articles[1].duplicateOf = 0;
    parse.articles[1].duplicateKind = 'near';
    parse.articles[3].duplicateOf = null;
    parse.articles[3].duplicateKind = null;
    const score = scoreParse(labels, parse);
    expect(score.updatedVersions).toEqual({ found: 0, labelled: 1, wrong: 1 });
  });

  it('finds a headline the parser lost', () => {
    const parse = parsedAs(labels.articles.slice(1));
    const score = scoreParse(labels, parse);
    expect(score.articles.matched).toBe(4);
    expect(score.fields.all.total - score.fields.all.right).toBe(8);
    expect(score.mismatches[0]).toBe('#0 “Headline 0”: not found in the parse');
  });

  it('scores the sample dump against its hand-checked labels', () => {
    const labels = JSON.parse(readFileSync(join(SAMPLES, 'aawsat-sample.labels.json'), 'utf8')) as LabelledDump;
    const score = scoreParse(labels, toParseJson(parseWireDump(readFileSync(join(SAMPLES, 'aawsat-sample.txt')))));
    expect(score.mismatches).toEqual([]);
    expect(describeScore(score)[1]).toBe('fields right: 100.0% (41 of 41)');
  });

  it('scores a generated dump by what the generator put in it', () => {
    const credited = (text: string) => `${text} (Photo by AHMAD AL-RUBAYE / AFP)`;
    const fixtures = [
      { ...syntheticArticle(1, 3), photos: [credited('Talks in Baghdad on Monday')] },
      { ...syntheticArticle(2, 3), photos: Array.from({ length: 9 }, (_unused, index) => credited(`Gallery picture ${index} in Mosul`)) },
    ];
    const parse = toParseJson(parseWireDump(buildDump(fixtures)));
    const labels: LabelledDump = {
      articles: fixtures.map((fixture) => ({
        headline: fixture.headline,
        body: fixture.body,
        photos: fixture.photos.map((text) => photo(text.replace(' (Photo by AHMAD AL-RUBAYE / AFP)', ''))),
        bylines: [],
      })),
    };
    expect(scoreParse(labels, parse).mismatches).toEqual([]);
  });
});
