import fc from 'fast-check';
import { WireInputError } from './errors';
import { normaliseLine } from './lines';
import { parseWireDump } from './parser';
import type { WireParseResult } from './types';

const PLAUSIBLE_LINES = [
  'US Forces Withdraw from Iraq Air Base',
  'Regional Shifts Loom over Larijani’s Talks in Baghdad',
  'العراق يتسلم قاعدة القيارة',
  'Barker (R) attends a pullout ceremony. (Photo by AHMAD AL-RUBAYE / AFP)',
  'Sudani holds talks with Larijani (Iraqi premiership)',
  'Security forces close a bridge (AP Photo/Hadi Mizban)',
  'TT',
  '20',
  '1.2K',
  'Read more',
  'Advertisement',
  'By Jane Doe and John Smith',
  'US troops handed over the Qayyarah air base on Thursday.',
  '“This visit is not a surprise,” the source said.',
  'تسلمت القوات العراقية الخميس قاعدة القيارة الجوية.',
  'The trip will be followed by a st',
  '\u00a0Caf\u0065\u0301 talks\u00a0',
  '',
  '',
  '',
];

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');
const arbitraryText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '\r', '(', ')', '.', 'é', '\u00a0', 'ع', '\ufeff'), maxLength: 300 }),
);
const plausibleDump = fc
  .tuple(fc.array(fc.constantFrom(...PLAUSIBLE_LINES), { maxLength: 80 }), lineEnding)
  .map(([lines, ending]) => lines.join(ending));

function parseOrError(input: string): WireParseResult | WireInputError {
  try {
    return parseWireDump(input);
  } catch (error) {
    if (error instanceof WireInputError) return error;
    throw error;
  }
}

function assertOutputComesFromInput(input: string): void {
  const outcome = parseOrError(input);
  expect(parseOrError(input)).toEqual(outcome);
  if (outcome instanceof WireInputError) return;
  const lines = input.split(/\r\n|\r|\n/u).map(normaliseLine);
  const lineSet = new Set(lines);
  for (const article of outcome.articles) {
    expect(lineSet.has(article.headline)).toBe(true);
    for (const paragraph of article.body) expect(lineSet.has(paragraph)).toBe(true);
    for (const photo of article.photos) expect(lines.some((line) => line.includes(photo.caption))).toBe(true);
    expect(article.lines[0]).toBeLessThanOrEqual(article.lines[1]);
  }
  for (const entry of outcome.removed) expect(lines[entry.line - 1]).toBe(entry.text);
}

describe('parseWireDump properties', () => {
  it('on arbitrary text: throws only WireInputError, is deterministic, outputs only input text', () => {
    fc.assert(fc.property(arbitraryText, assertOutputComesFromInput), { numRuns: 400 });
  });

  it('on mixes of plausible lines: the same holds', () => {
    fc.assert(fc.property(plausibleDump, assertOutputComesFromInput), { numRuns: 400 });
  });

  it('on arbitrary bytes: throws only WireInputError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseWireDump(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(WireInputError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
