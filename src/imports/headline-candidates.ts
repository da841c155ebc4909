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
 * (`added`), not read again for every probe: its ids are the import's own rows, which the transaction cannot read
 * through the index alone (not yet all-visible), so each read visited ~200 heap tuples. On the 100k benchmark dump
 * that was a fifth of the import. Rows another session commits meanwhile join a kept list only in the next import.
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
  const shared = new Map<number, number>();
  for (const ids of lists) for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + 1);
  if (shared.size <= limit) return [...shared].sort(byKeysThenId).map(([id]) => id);
  // Sorting every id of a busy key (hundreds, nearly all sharing one key) for the top few: bucket by count first.
  const byCount: number[][] = Array.from({ length: lists.length + 1 }, () => []);
  for (const [id, count] of shared) byCount[count]!.push(id);
  const ranked: number[] = [];
  for (let count = lists.length; count > 0 && ranked.length < limit; count -= 1) {
    const ids = byCount[count]!;
    if (ids.length === 0) continue;
    ranked.push(...Int32Array.from(ids).sort().subarray(0, limit - ranked.length));
  }
  return ranked;
}

function byKeysThenId([idA, keysA]: [number, number], [idB, keysB]: [number, number]): number {
  return keysB - keysA || idA - idB;
}
