/**
 * At most this many archive articles per probe are taken from the headline lookup, so a headline shared by many
 * stories stays cheap to confirm: those sharing the most keys first (the closest headlines), then the earliest.
 */
export const HEADLINE_CANDIDATE_LIMIT = 32;

/**
 * A key whose newest articles number at least this many is busy: an import keeps its list once read (`HeadlineCandidates`).
 * Below it a read is a few index entries, and keeping every key would hold the whole archive's keys in memory.
 */
export const BUSY_KEY_ARTICLES = 8;

/** For each of the given keys, the ids of the newest articles holding it (at most a fixed number), in ascending order. */
export type NewestByKey = (keys: number[]) => Promise<Map<number, number[]>>;

export interface HeadlineCandidate {
  /** Position of the probing headline in the caller's list. */
  position: number;
  articleId: number;
}

/**
 * Archive articles sharing headline keys with each probe, ranked by keys shared (the closest headlines first),
 * then the earliest; at most HEADLINE_CANDIDATE_LIMIT per probe. Ranked rather than the earliest alone because a
 * busy key (a place and two common words) would fill the cap with older stories and leave out the version being
 * updated, which then went unflagged and was linked as related coverage of itself instead.
 *
 * An import holds one instance. A busy key's list is read once and then extended with the rows the import adds
 * (`added`), not read again for every probe: its ids are mostly the import's own rows, which the transaction cannot
 * read through the index alone (not yet all-visible), so each read visited ~200 heap tuples. On the 100k benchmark
 * dump that was a fifth of the import. Rows another session commits meanwhile join a kept list only in the next
 * import.
 */
export class HeadlineCandidates {
  private readonly busy = new Map<number, number[]>();

  constructor(
    private readonly newestByKey: NewestByKey,
    /** The most ids `newestByKey` returns for a key; a kept list is trimmed to as many. */
    private readonly recentLimit: number,
  ) {}

  async find(probes: ReadonlyArray<ArrayLike<number>>): Promise<HeadlineCandidate[]> {
    const distinct = probes.map((keys) => [...new Set(Array.from(keys))]);
    const toRead = [...new Set(distinct.flat())].filter((key) => !this.busy.has(key));
    const read = toRead.length > 0 ? await this.newestByKey(toRead) : new Map<number, number[]>();
    for (const [key, ids] of read) if (ids.length >= BUSY_KEY_ARTICLES) this.busy.set(key, ids.slice(-this.recentLimit));
    return distinct.flatMap((keys, position) => rankByKeysShared(keys.map((key) => this.busy.get(key) ?? read.get(key) ?? []), HEADLINE_CANDIDATE_LIMIT).map((articleId) => ({ position, articleId })));
  }

  /** A row the import inserted (ids ascending), with its headline keys: it becomes the newest of each busy key it holds. */
  added(articleId: number, keys: ArrayLike<number>): void {
    for (const key of new Set(Array.from(keys))) {
      const ids = this.busy.get(key);
      if (ids === undefined) continue;
      ids.push(articleId);
      if (ids.length > this.recentLimit) ids.shift();
    }
  }
}

/** The ids appearing in most of the lists, then the lowest; at most `limit`. */
export function rankByKeysShared(lists: ReadonlyArray<readonly number[]>, limit: number): number[] {
  // Sorting the ids of all lists together and counting runs: a probe holding busy keys brings hundreds of ids, and
  // counting them in a Map was three times slower (and left a Map per probe to collect).
  let total = 0;
  for (const ids of lists) total += ids.length;
  if (scratch.ids.length < total) scratch = { ids: new Int32Array(total * 2), counts: new Int32Array(total * 2) };
  let filled = 0;
  for (const ids of lists) for (const id of ids) scratch.ids[filled++] = id;
  const all = scratch.ids.subarray(0, filled).sort();
  // In place: the distinct ids, ascending, each with how many lists hold it.
  let distinct = 0;
  let mostShared = 0;
  for (let start = 0; start < filled; ) {
    let end = start + 1;
    while (end < filled && all[end] === all[start]) end += 1;
    all[distinct] = all[start]!;
    scratch.counts[distinct] = end - start;
    mostShared = Math.max(mostShared, end - start);
    distinct += 1;
    start = end;
  }
  const ranked: number[] = [];
  for (let shared = mostShared; shared > 0 && ranked.length < limit; shared -= 1) {
    for (let index = 0; index < distinct && ranked.length < limit; index += 1) if (scratch.counts[index] === shared) ranked.push(all[index]!);
  }
  return ranked;
}

/** Reused by every ranking (one import thread): typed arrays that grow to the largest probe seen. */
let scratch = { ids: new Int32Array(4096), counts: new Int32Array(4096) };
