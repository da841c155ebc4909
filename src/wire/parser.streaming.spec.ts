import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WireDumpParser, parseWireDump } from './parser';
import type { ParsedArticle, RemovedLine } from './types';
import { buildDump, syntheticArticle } from './testing/dump-builder';

const sample = readFileSync(join(__dirname, '../../samples/aawsat-sample.txt'));
const sampleCrlf = Buffer.from(sample.toString('utf8').replace(/\n/g, '\r\n'), 'utf8');

function parseInChunks(bytes: Uint8Array, cutPoints: number[]) {
  const parser = new WireDumpParser();
  const articles: ParsedArticle[] = [];
  const cuts = [...new Set(cutPoints)].sort((a, b) => a - b);
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    articles.push(...parser.push(bytes.subarray(start, cut)));
    start = cut;
  }
  articles.push(...parser.end());
  return { articles, removed: [...parser.removed], warnings: [...parser.warnings] };
}

describe('WireDumpParser streaming', () => {
  it.each([
    ['LF', sample],
    ['CRLF', sampleCrlf],
  ])('gives the one-shot result when the %s sample arrives one byte at a time', (_name, bytes) => {
    const everyByte = Array.from({ length: bytes.length }, (_unused, index) => index);
    expect(parseInChunks(bytes, everyByte)).toEqual(parseWireDump(bytes));
  });

  it('gives the one-shot result for splits inside multi-byte characters and CRLF pairs', () => {
    const insideApostrophe = sampleCrlf.indexOf(Buffer.from('’')) + 1;
    const insideCrlf = sampleCrlf.indexOf('\r\n') + 1;
    expect(sampleCrlf[insideCrlf]).toBe(0x0a);
    expect(parseInChunks(sampleCrlf, [insideApostrophe, insideApostrophe + 1, insideCrlf])).toEqual(parseWireDump(sampleCrlf));
  });

  it('gives the one-shot result for random chunk sizes', () => {
    const inputs = [sample, sampleCrlf, Buffer.from(buildDump([syntheticArticle(1), syntheticArticle(2)], { lineEnding: '\r', bom: true }))];
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.array(fc.nat(), { maxLength: 60 }), (bytes, rawCuts) => {
        const cuts = rawCuts.map((cut) => cut % (bytes.length + 1));
        expect(parseInChunks(bytes, cuts)).toEqual(parseWireDump(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('hands out articles while the dump is still arriving, a bounded lookahead behind', () => {
    const seeds = Array.from({ length: 600 }, (_unused, index) => index + 1);
    const bytes = Buffer.from(buildDump(seeds.map((seed) => syntheticArticle(seed))));
    const parser = new WireDumpParser();
    const half = bytes.length / 2;
    const early = parser.push(bytes.subarray(0, half));
    const late = [...parser.push(bytes.subarray(half)), ...parser.end()];
    expect(early.length).toBeGreaterThan(50);
    expect([...early, ...late].map((article) => article.index)).toEqual(seeds.map((seed) => seed - 1));
  });

  it('can stream dropped lines to a callback instead of keeping them', () => {
    const seen: RemovedLine[] = [];
    const parser = new WireDumpParser({ keepRemoved: false, onRemoved: (entry) => seen.push(entry) });
    parser.push(sample);
    parser.end();
    expect(parser.removed).toEqual([]);
    expect(seen).toEqual(parseWireDump(sample).removed);
  });

  it('refuses input after end()', () => {
    const parser = new WireDumpParser();
    parser.push(sample);
    parser.end();
    expect(() => parser.push(sample)).toThrow('after end()');
  });
});
