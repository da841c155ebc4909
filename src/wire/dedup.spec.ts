import {
  ContentHashIndex,
  InFileDeduplicator,
  bandHashes,
  LSH_BANDS,
  LSH_ROWS,
  MINHASH_SIZE,
  NEAR_DUPLICATE_THRESHOLD,
  articleContentHash,
  deserialiseSignature,
  estimateJaccard,
  lshBandHashes,
  lshBandKeys,
  minhashSignature,
  photoFingerprint,
  serialiseSignature,
  shingles,
  wordHashes,
} from './dedup';
import fc from 'fast-check';
import { parseCaption } from './credit';
import { hashString32 } from './hashing';

function wordsText(count: number, prefix: string): string {
  return Array.from({ length: count }, (_unused, index) => `${prefix}${index}`).join(' ');
}

/** Two texts of `total` distinct shingles each sharing a run of `shared` words: Jaccard is known exactly. */
function pairWithJaccard(jaccard: number, seed: string): [string, string] {
  const total = 400;
  const common = Math.round((2 * jaccard * total) / (1 + jaccard));
  const sharedWords = wordsText(common + 4, `s${seed}x`);
  const own = (side: string) => wordsText(total - common, `${side}${seed}y`);
  return [`${sharedWords} ${own('a')}`, `${sharedWords} ${own('b')}`];
}

function trueJaccard(a: string, b: string): number {
  const left = new Set(shingles(a));
  const right = new Set(shingles(b));
  const intersection = [...left].filter((shingle) => right.has(shingle)).length;
  return intersection / (left.size + right.size - intersection);
}

describe('articleContentHash', () => {
  const article = { headline: 'Talks in Baghdad', body: ['First paragraph.', 'Second paragraph.'] };

  it('ignores case, spacing and Unicode composition', () => {
    const variant = { headline: 'TALKS  IN baghdad ', body: ['First\u00a0paragraph.', 'Second paragraph.'] };
    expect(articleContentHash(variant)).toBe(articleContentHash(article));
    expect(articleContentHash(article)).toMatch(/^[0-9a-f]{64}$/u);
    expect(articleContentHash({ headline: 'Caf\u0065\u0301', body: [] })).toBe(articleContentHash({ headline: 'Café', body: [] }));
  });

  it('changes when a word or the paragraph split changes', () => {
    expect(articleContentHash({ ...article, body: ['First paragraph.', 'Second paragraphs.'] })).not.toBe(articleContentHash(article));
    expect(articleContentHash({ ...article, body: ['First paragraph. Second paragraph.'] })).not.toBe(articleContentHash(article));
  });
});

describe('shingles', () => {
  it('takes distinct word 5-grams, case-folded, punctuation ignored', () => {
    expect(shingles('One two three four five six. ONE two three four five!')).toEqual([
      'one two three four five',
      'two three four five six',
      'three four five six one',
      'four five six one two',
      'five six one two three',
      'six one two three four',
    ]);
  });

  it('treats a short text as a single shingle and works for Arabic', () => {
    expect(shingles('Breaking news')).toEqual(['breaking news']);
    expect(shingles('')).toEqual([]);
    expect(shingles('تسلمت القوات العراقية الخميس قاعدة القيارة')).toHaveLength(2);
  });
});

describe('wordHashes', () => {
  // The words MinHash signatures were built from when the archive's were stored.
  const WORD = /[\p{L}\p{N}\p{M}]+/gu;
  const piece = fc.constantFrom(
    'a', 'Z', '1', '٣', 'Ⅻ', '²', 'é', 'e\u0301', '\u0301', 'İ', 'Σ', 'ΑΣ', 'ǅ', 'ب', 'ﬁ', 'ß', '\u212b',
    ' ', '.', '-', '’', '\n', '\u{1d400}', '\u{1f600}', '\ud800', '\udc00', '\u00a0',
  );

  it('hashes the words the pattern finds in the NFC, lower-cased text, in order', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const expected = (text.normalize('NFC').toLowerCase().match(WORD) ?? []).map(hashString32);
        expect(Array.from(wordHashes(text))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('MinHash signatures', () => {
  it('are deterministic and of the configured size', () => {
    const text = wordsText(300, 'w');
    expect(minhashSignature(text)).toHaveLength(MINHASH_SIZE);
    expect(minhashSignature(text)).toEqual(minhashSignature(text));
    expect(estimateJaccard(minhashSignature(text), minhashSignature(text))).toBe(1);
  });

  it.each([0.2, 0.5, 0.8, 0.95])('estimate a Jaccard of %s within sampling error', (jaccard) => {
    const errors = ['p', 'q', 'r', 's'].map((seed) => {
      const [a, b] = pairWithJaccard(jaccard, seed);
      return estimateJaccard(minhashSignature(a), minhashSignature(b)) - trueJaccard(a, b);
    });
    const meanError = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    expect(Math.abs(meanError)).toBeLessThan(0.06);
  });

  it('estimate short texts too (densified slots)', () => {
    const a = minhashSignature('Iraq signs border security memorandum with Iran on Monday');
    const b = minhashSignature('Iraq signs border security memorandum with Iran on Tuesday');
    const similarity = estimateJaccard(a, b);
    expect(similarity).toBeGreaterThan(0.5);
    expect(similarity).toBeLessThan(1);
  });

  it('round-trip through their byte form', () => {
    const signature = minhashSignature(wordsText(50, 'z'));
    const bytes = serialiseSignature(signature);
    expect(bytes).toHaveLength(MINHASH_SIZE * 4);
    expect(deserialiseSignature(bytes)).toEqual(signature);
    expect(deserialiseSignature(new Uint8Array(bytes))).toEqual(signature);
    // Little-endian whatever the machine, and a copy: changing the signature afterwards leaves the bytes alone.
    expect([0, 1, 255].map((slot) => bytes.readUInt32LE(slot * 4))).toEqual([signature[0], signature[1], signature[255]]);
    const first = signature[0]!;
    signature[0] = first ^ 1;
    expect(bytes.readUInt32LE(0)).toBe(first);
    // Read from anywhere in a larger buffer, as a driver hands a row's bytes over: here at an odd offset.
    const row = Buffer.concat([Buffer.from([9, 9, 9]), bytes, Buffer.from([9])]);
    expect(deserialiseSignature(row.subarray(3, 3 + bytes.length))[0]).toBe(first);
  });

  it('refuse to compare signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8))).toThrow(RangeError);
  });
});

describe('LSH banding', () => {
  const candidateProbability = (jaccard: number) => 1 - (1 - jaccard ** LSH_ROWS) ** LSH_BANDS;

  it('makes a 0.8 pair a candidate with probability > 0.99, a 0.3 pair rarely and unrelated stories practically never', () => {
    expect(candidateProbability(NEAR_DUPLICATE_THRESHOLD)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.5)).toBeLessThan(0.25);
    expect(candidateProbability(0.3)).toBeLessThan(0.02);
    expect(candidateProbability(0.1)).toBeLessThan(1e-4);
  });

  it('keeps the index small: 16 keys an article, from the first 96 of the 256 slots', () => {
    const signature = minhashSignature(wordsText(200, 'k'));
    expect(Array.from(lshBandHashes(signature))).toEqual(Array.from(bandHashes(signature, LSH_BANDS, LSH_ROWS)));
    expect(lshBandHashes(signature)).toHaveLength(16);
    // Slots past the bands' change no key.
    const tail = signature.slice();
    tail.fill(7, LSH_BANDS * LSH_ROWS);
    expect(Array.from(lshBandHashes(tail))).toEqual(Array.from(lshBandHashes(signature)));
    // The layout a migration re-keys from or to is computed as such, and one too large for the signature is refused.
    expect(bandHashes(signature, 32, 8)).toHaveLength(32);
    expect(Array.from(bandHashes(signature, 32, 8).subarray(0, 16))).not.toEqual(Array.from(lshBandHashes(signature)));
    expect(() => bandHashes(signature, 33, 8)).toThrow(RangeError);
  });

  it('yields short, band-prefixed keys', () => {
    const keys = lshBandKeys(minhashSignature(wordsText(100, 'k')));
    expect(keys).toHaveLength(LSH_BANDS);
    keys.forEach((key, band) => expect(key).toMatch(new RegExp(`^${band.toString(16).padStart(2, '0')}:[0-9a-f]{8}$`, 'u')));
  });

  it('shares keys between near duplicates and not between unrelated texts', () => {
    const sharedKeys = (a: string, b: string) => {
      const right = new Set(lshBandKeys(minhashSignature(b)));
      return lshBandKeys(minhashSignature(a)).filter((key) => right.has(key)).length;
    };
    const nearPairs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((seed) => pairWithJaccard(0.9, seed));
    expect(nearPairs.every(([a, b]) => sharedKeys(a, b) > 0)).toBe(true);
    expect(sharedKeys(wordsText(300, 'u'), wordsText(300, 'v'))).toBe(0);
  });
});

describe('InFileDeduplicator', () => {
  const register = (deduplicator: InFileDeduplicator, text: string) =>
    deduplicator.register(articleContentHash({ headline: text, body: [] }), minhashSignature(text));

  it('points copies at the first version', () => {
    const deduplicator = new InFileDeduplicator();
    const [original, updated] = pairWithJaccard(0.95, 'm');
    expect(register(deduplicator, original)).toBeNull();
    expect(register(deduplicator, updated)).toMatchObject({ duplicateOf: 0, kind: 'near' });
    expect(register(deduplicator, original)).toEqual({ duplicateOf: 0, kind: 'exact', similarity: 1 });
    expect(register(deduplicator, wordsText(200, 'other'))).toBeNull();
  });

  it('finds exact copies at any distance but near ones only within its window', () => {
    const deduplicator = new InFileDeduplicator(2);
    const [story, updated] = pairWithJaccard(0.95, 'w');
    register(deduplicator, story);
    register(deduplicator, wordsText(200, 'x'));
    expect(register(deduplicator, updated)).toMatchObject({ duplicateOf: 0, kind: 'near' });
    for (const filler of ['y', 'z', 'v']) register(deduplicator, wordsText(200, filler));
    expect(register(deduplicator, `${updated} again`)).toBeNull();
    expect(register(deduplicator, story)).toEqual({ duplicateOf: 0, kind: 'exact', similarity: 1 });
  });
});

describe('ContentHashIndex', () => {
  const hashOf = (seed: number) => articleContentHash({ headline: `story ${seed}`, body: [] });

  it('keeps the first index of every hash through many resizes, and nothing for unseen hashes', () => {
    const index = new ContentHashIndex();
    for (let seed = 0; seed < 5000; seed++) index.addIfAbsent(hashOf(seed), seed * 2);
    for (let seed = 0; seed < 5000; seed++) index.addIfAbsent(hashOf(seed), -1);
    expect(index.size).toBe(5000);
    for (let seed = 0; seed < 5000; seed++) expect(index.get(hashOf(seed))).toBe(seed * 2);
    expect(index.get(hashOf(5000))).toBeUndefined();
  });

  it('tells apart hashes that share their leading bytes', () => {
    const index = new ContentHashIndex();
    const a = `${'ab'.repeat(31)}00`;
    const b = `${'ab'.repeat(31)}01`;
    index.addIfAbsent(a, 1);
    expect(index.get(b)).toBeUndefined();
    index.addIfAbsent(b, 2);
    expect([index.get(a), index.get(b)]).toEqual([1, 2]);
  });

  it('refuses what is not a SHA-256 hex digest', () => {
    expect(() => new ContentHashIndex().get('not a digest')).toThrow(RangeError);
  });
});

describe('photoFingerprint', () => {
  const photo = parseCaption('Barker (R) attends a pullout ceremony. (Photo by AHMAD AL-RUBAYE / AFP)');

  it('is equal for the same picture printed with different spelling of its credit', () => {
    const reprint = parseCaption('Barker (R)  attends a pullout ceremony. (Ahmad al-Rubaye/AFP)');
    expect(photoFingerprint(reprint)).toBe(photoFingerprint(photo));
  });

  it('differs for a different caption or photographer', () => {
    expect(photoFingerprint({ ...photo, caption: 'Abbas (C) attends a pullout ceremony.' })).not.toBe(photoFingerprint(photo));
    expect(photoFingerprint({ ...photo, photographer: 'Haidar Hamdani' })).not.toBe(photoFingerprint(photo));
  });

  it('prefers the URL when the dump has one', () => {
    const url = 'https://example.com/photo.jpg';
    expect(photoFingerprint({ ...photo, url })).toBe(photoFingerprint({ ...photo, caption: 'other', url }));
  });
});
