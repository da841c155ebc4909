import { BUSY_KEY_ARTICLES, HEADLINE_CANDIDATE_LIMIT, HeadlineCandidates, rankByKeysShared } from './headline-candidates';

/** A stand-in for article_headline_keys: what the import's transaction would read. */
class KeyTable {
  readonly ids = new Map<number, number[]>();
  readonly reads = new Map<number, number>();

  constructor(private readonly recentLimit: number) {}

  insert(articleId: number, keys: readonly number[]): void {
    for (const key of new Set(keys)) this.ids.set(key, [...(this.ids.get(key) ?? []), articleId]);
  }

  newest = async (keys: number[]): Promise<Map<number, number[]>> => {
    for (const key of keys) this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    return new Map(keys.filter((key) => this.ids.has(key)).map((key) => [key, this.ids.get(key)!.slice(-this.recentLimit)]));
  };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('rankByKeysShared', () => {
  it('puts the ids sharing most keys first, then the lowest, and keeps at most the limit', () => {
    expect(rankByKeysShared([[1, 5, 9], [5, 9], [9, 12]], 10)).toEqual([9, 5, 1, 12]);
    expect(rankByKeysShared([[1, 5, 9], [5, 9], [9, 12]], 2)).toEqual([9, 5]);
    expect(rankByKeysShared([], 3)).toEqual([]);
  });

  it('ranks long lists (a busy key) as sorting them all would', () => {
    const next = random(7);
    for (let round = 0; round < 50; round += 1) {
      const lists = Array.from({ length: 1 + Math.floor(next() * 10) }, () => [...new Set(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 2000)))]);
      const counts = new Map<number, number>();
      for (const id of lists.flat()) counts.set(id, (counts.get(id) ?? 0) + 1);
      const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
      expect(rankByKeysShared(lists, HEADLINE_CANDIDATE_LIMIT)).toEqual(sorted.slice(0, HEADLINE_CANDIDATE_LIMIT));
    }
  });
});

describe('HeadlineCandidates', () => {
  it('finds what reading every key every time finds, while reading a busy key once', async () => {
    const recentLimit = 20;
    const table = new KeyTable(recentLimit);
    const candidates = new HeadlineCandidates(table.newest, recentLimit);
    const next = random(42);
    // Keys 0-9 are busy (most headlines hold one), the rest rare.
    const headlineKeys = () => Array.from({ length: 4 }, () => (next() < 0.5 ? Math.floor(next() * 10) : 10 + Math.floor(next() * 5000)));
    let articleId = 100;
    for (let batch = 0; batch < 40; batch += 1) {
      const probes = Array.from({ length: 25 }, headlineKeys);
      const expected = probes.flatMap((keys, position) =>
        rankByKeysShared([...new Set(keys)].map((key) => table.ids.get(key)?.slice(-recentLimit) ?? []), HEADLINE_CANDIDATE_LIMIT).map((id) => ({ position, articleId: id })),
      );
      expect(await candidates.find(probes)).toEqual(expected);
      // The batch's articles are inserted, as the importer does after resolving them.
      for (const keys of probes) {
        articleId += 1;
        table.insert(articleId, keys);
        candidates.added(articleId, keys);
      }
    }
    const busyKeys = [...table.ids].filter(([, ids]) => ids.length >= BUSY_KEY_ARTICLES).map(([key]) => key);
    expect(busyKeys.length).toBeGreaterThanOrEqual(10);
    for (let key = 0; key < 10; key += 1) expect(table.reads.get(key)).toBeLessThanOrEqual(BUSY_KEY_ARTICLES);
    expect(Math.max(...[...table.reads.values()])).toBeLessThanOrEqual(BUSY_KEY_ARTICLES);
  });

  it('reads nothing when every key of a batch is busy and kept', async () => {
    const table = new KeyTable(200);
    for (let id = 1; id <= BUSY_KEY_ARTICLES; id += 1) table.insert(id, [7]);
    const candidates = new HeadlineCandidates(table.newest, 200);
    await candidates.find([[7]]);
    candidates.added(BUSY_KEY_ARTICLES + 1, [7]);
    const reads = table.reads.get(7);
    const all = Array.from({ length: BUSY_KEY_ARTICLES + 1 }, (_, index) => index + 1);
    expect(await candidates.find([[7], [7, 7]])).toEqual([0, 1].flatMap((position) => all.map((articleId) => ({ position, articleId }))));
    expect(table.reads.get(7)).toBe(reads);
  });
});
