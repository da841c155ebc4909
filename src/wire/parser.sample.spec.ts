import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWireDump, toParseJson } from './parser';

const samplePath = join(__dirname, '../../samples/aawsat-sample.txt');
const sampleBytes = readFileSync(samplePath);
const sourceLines = sampleBytes.toString('utf8').split('\n');

function nonBlankLines(from: number, to: number): string[] {
  return sourceLines.slice(from - 1, to).filter((line) => line.trim().length > 0);
}

describe('parseWireDump on the Asharq Al-Awsat sample', () => {
  const result = parseWireDump(sampleBytes);

  it('finds exactly two articles with their source line ranges', () => {
    expect(result.articles.map((article) => article.headline)).toEqual([
      'US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan',
      'Regional Shifts Loom over Larijani’s Talks in Baghdad',
    ]);
    expect(result.articles.map((article) => article.lines)).toEqual([
      [1, 39],
      [43, 87],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps one photo per article with the credit split off', () => {
    const [first, second] = result.articles;
    expect(first.photos).toEqual([
      {
        caption:
          'Coalition’s Brigadier General Vincent Barker (R), Iraq’s Staff Major General Mohammad Fadhel Abbas (C) and Iraq’s Airforce Major General Shehab Zahed Ali (L) attend a pullout ceremony at the Qayyarah air base.',
        credit: 'Photo by AHMAD AL-RUBAYE / AFP',
        photographer: 'Ahmad Al-Rubaye',
        agency: 'AFP',
      },
    ]);
    expect(second.photos).toEqual([
      {
        caption: 'Sudani holds talks with Iran’s security chief Larijani in Baghdad Monday',
        credit: 'Iraqi premiership',
        photographer: null,
        agency: 'Iraqi premiership',
      },
    ]);
  });

  it('keeps the body paragraphs exactly as printed', () => {
    expect(result.articles[0].body).toEqual(nonBlankLines(13, 39));
    expect(result.articles[1].body).toEqual(nonBlankLines(55, 87));
    expect(result.articles[0].body).toHaveLength(14);
    expect(result.articles[1].body).toHaveLength(17);
  });

  it('logs every dropped line with its reason and line number', () => {
    expect(result.removed.map(({ line, reason }) => [line, reason])).toEqual([
      [4, 'repeated-caption'],
      [5, 'debris'],
      [6, 'debris'],
      [8, 'repeated-headline'],
      [10, 'repeated-block'],
      [11, 'repeated-block'],
      [46, 'repeated-caption'],
      [47, 'debris'],
      [48, 'debris'],
      [50, 'repeated-headline'],
      [52, 'repeated-block'],
      [53, 'repeated-block'],
    ]);
    expect(result.removed.filter((entry) => entry.reason === 'debris').map((entry) => entry.text)).toEqual(['TT', '20', 'TT', '20']);
  });

  it('accounts for every non-blank line exactly once', () => {
    const used = new Set(result.removed.map((entry) => entry.line));
    const expected = sourceLines.flatMap((line, index) => (line.trim() ? [index + 1] : []));
    const kept = expected.filter((lineNumber) => !used.has(lineNumber));
    const headlinesAndCaptions = [1, 3, 43, 45];
    const body = [...nonBlankLines(13, 39), ...nonBlankLines(55, 87)];
    expect(kept.length).toBe(headlinesAndCaptions.length + body.length);
  });

  it('reports no duplicates between two different stories', () => {
    expect(result.articles.map((article) => [article.duplicateOf, article.duplicateKind])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('serialises to the interchange JSON shape only', () => {
    const json = toParseJson(result);
    expect(Object.keys(json)).toEqual(['articles', 'removed', 'warnings']);
    expect(Object.keys(json.articles[0])).toEqual(['headline', 'body', 'photos', 'bylines', 'duplicateOf', 'duplicateKind', 'lines', 'relatedTo', 'anomalies']);
    expect(Object.keys(json.removed[0])).toEqual(['line', 'reason', 'text']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
