/**
 * The 32-bit hashes behind MinHash signatures, LSH bands and the headline and related-coverage keys. Keys
 * built with them are stored in the archive (articles.relatedKeys and lshBands, article_headline_keys), so changing
 * either function changes what an import finds: existing rows would need their keys rebuilt.
 */

/**
 * Module-scope aliases: inside a `vm` context (jest runs every test file in one) each lookup of the global
 * `Math` goes through the context's interceptor, which made these loops 10–15 times slower under test than in
 * the app. Same functions, same results.
 */
export const imul = Math.imul;
const min = Math.min;

export const FNV_OFFSET_BASIS = 0x811c9dc5;

/** One FNV-1a step: the hash so far with the next UTF-16 code unit. */
export function fnv1a(hash: number, codeUnit: number): number {
  return imul(hash ^ codeUnit, 0x01000193);
}

/** FNV-1a over UTF-16 code units, finished with {@link fmix32}. */
export function hashString32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let index = 0; index < text.length; index++) hash = fnv1a(hash, text.charCodeAt(index));
  return fmix32(hash);
}

/** murmur3's finaliser, unsigned: spreads FNV's weak high bits, which pick MinHash slots and band keys. */
export function fmix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * LSH keys for a set of hashed features (words, names, figures): each band's key combines `rows`
 * min-hashes, so two sets share a band key with probability ≈ Jaccard^rows. Signed 32-bit, for an
 * indexed `int[]` column.
 */
export function setBandKeys(hashes: readonly number[], bands: number, rows: number): Int32Array {
  const keys = new Int32Array(bands);
  for (let band = 0; band < bands; band++) {
    let key = imul(band + 1, 0x9e3779b1);
    for (let row = 0; row < rows; row++) {
      const seed = imul(band * rows + row + 1, 0x85ebca6b);
      let minimum = 0xffffffff;
      for (const hash of hashes) minimum = min(minimum, fmix32(hash ^ seed));
      key = fmix32(key ^ minimum);
    }
    keys[band] = key | 0;
  }
  return keys;
}
