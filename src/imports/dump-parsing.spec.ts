import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ParsedArticle, RemovedLine, WireInputError, parseWireDump } from '../wire';
import { buildDump, syntheticArticle } from '../wire/testing/dump-builder';
import { DumpParse } from './dump-parsing';

const BATCH = 100;

/** Typed arrays as plain arrays: those cloned from the worker belong to Node's realm, not jest's, which toEqual tells apart. */
function comparable(articles: ParsedArticle[]): unknown[] {
  return articles.map((article) => ({
    ...article,
    signature: ArrayBuffer.isView(article.signature) ? Array.from(article.signature) : 'not a typed array',
    relatedKeys: ArrayBuffer.isView(article.relatedKeys) ? Array.from(article.relatedKeys) : 'not a typed array',
    lshBands: ArrayBuffer.isView(article.lshBands) ? Array.from(article.lshBands) : 'not a typed array',
    headlineKeys: ArrayBuffer.isView(article.headlineKeys) ? Array.from(article.headlineKeys) : 'not a typed array',
    headlineWordKeys: ArrayBuffer.isView(article.headlineWordKeys) ? Array.from(article.headlineWordKeys) : 'not a typed array',
  }));
}

/** Feeds `bytes` in `sliceBytes` slices while reading batches, as the importer does. */
async function parseInWorker(bytes: Uint8Array, sliceBytes: number): Promise<{ articles: ParsedArticle[]; removed: RemovedLine[]; batches: number[]; warnings: readonly string[] }> {
  const parse = new DumpParse({ dedupWindow: 2 * BATCH, batchSize: BATCH });
  const feed = (async () => {
    for (let offset = 0; offset < bytes.byteLength; offset += sliceBytes) await parse.write(bytes.subarray(offset, offset + sliceBytes));
    parse.end();
  })();
  feed.catch((error: Error) => parse.fail(error));
  const articles: ParsedArticle[] = [];
  const removed: RemovedLine[] = [];
  const batches: number[] = [];
  try {
    for (let batch = await parse.next(); batch; batch = await parse.next()) {
      articles.push(...batch.articles);
      removed.push(...batch.removed);
      batches.push(batch.articles.length);
      // Each batch comes with the copies the importer stages for it: those of its articles that are not exact copies.
      const staged = batch.copies ? (JSON.parse(batch.copies.subarray(1).toString()) as { position: number }[]) : [];
      expect(batch.copies?.[0] ?? 1).toBe(1);
      expect(staged.map((copy) => copy.position)).toEqual(batch.articles.filter((article) => article.duplicateKind !== 'exact').map((article) => article.index));
    }
    await feed;
  } finally {
    parse.close();
  }
  return { articles, removed, batches, warnings: parse.warnings };
}

describe('DumpParse (the importer\'s parse worker)', () => {
  it('gives exactly what the parser gives on this thread, in batches, whatever the slice size (source lines only for articles to review)', async () => {
    const sample = readFileSync(join(__dirname, '../../samples/aawsat-sample.txt'));
    // Reprints at any distance (exact) and within the window (near), so the in-file indexes are exercised too.
    // Every 50th printed its header once, an anomaly an editor reviews.
    const fixtures = Array.from({ length: 450 }, (_, index) => ({
      ...syntheticArticle(index % 150 === 149 ? 7 : 30_000 + index, 3),
      headerPrintedOnce: index % 50 === 25,
    }));
    const dump = Buffer.concat([sample, Buffer.from('\n\n\n'), Buffer.from(buildDump(fixtures))]);
    const expected = parseWireDump(dump, { keepSource: true, dedupWindow: 2 * BATCH });
    expect(expected.articles.some((article) => article.duplicateKind === 'exact')).toBe(true);
    // The importer keeps the dump's lines for articles an editor will review, and no others.
    expect(expected.articles.some((article) => article.anomalies.length > 0)).toBe(true);
    for (const article of expected.articles) if (article.anomalies.length === 0) delete article.source;

    for (const slice of [4096, 1 << 20]) {
      const parsed = await parseInWorker(dump, slice);
      expect(comparable(parsed.articles)).toEqual(comparable(expected.articles));
      expect(parsed.removed).toEqual(expected.removed);
      expect(parsed.warnings).toEqual(expected.warnings);
      // Whole batches, the last one with the rest.
      expect(parsed.batches.slice(0, -1).every((size) => size >= BATCH)).toBe(true);
    }
  });

  it('throws the parser\'s refusal, with its code and byte offset', async () => {
    const bad = Buffer.concat([Buffer.from(buildDump([syntheticArticle(1, 2)])), Buffer.from([0xff, 0x0a])]);
    await expect(parseInWorker(bad, 1024)).rejects.toEqual(expect.objectContaining({ constructor: WireInputError, code: 'INVALID_UTF8', byteOffset: bad.byteLength - 2 }));
  });

  it('fails, rather than hangs, when the worker dies mid-parse', async () => {
    const parse = new DumpParse({ dedupWindow: 2 * BATCH, batchSize: BATCH });
    await parse.write(Buffer.from(buildDump([syntheticArticle(2, 2)])));
    // As if it ran out of memory or was killed: the thread is gone.
    await (parse as unknown as { worker: Worker }).worker.terminate();
    await expect(parse.next()).rejects.toThrow(/wire parser stopped unexpectedly/);
    await expect(parse.write(Buffer.from('more\n'))).rejects.toThrow(/wire parser stopped unexpectedly/);
  });
});
