import { EntityManager } from 'typeorm';
import { DismissedDuplicatePair } from './dismissed-duplicate.entity';

/** How a pair of copies is spelled in `dismissed_duplicate_pairs`: the smaller content hash first, so each pair has one row. */
export interface DismissedPairKey {
  lowHash: string;
  highHash: string;
}

/** The one place that orders a pair of content hashes; every reader and writer of dismissed pairs goes through it. */
export function dismissedPairKey(contentHashA: string, contentHashB: string): DismissedPairKey {
  return contentHashA <= contentHashB ? { lowHash: contentHashA, highHash: contentHashB } : { lowHash: contentHashB, highHash: contentHashA };
}

/**
 * True when an editor declared these two versions of copy "not a duplicate". The importer asks this
 * before flagging a candidate pair, with the content hashes of the new and the existing article.
 */
export function isDismissedDuplicatePair(manager: EntityManager, contentHashA: string, contentHashB: string): Promise<boolean> {
  return manager.exists(DismissedDuplicatePair, { where: dismissedPairKey(contentHashA, contentHashB) });
}

/** For many pairs at once (one query): which of them an editor declared "not a duplicate", by position in `pairs`. */
export async function dismissedAmong(manager: EntityManager, pairs: ReadonlyArray<readonly [string, string]>): Promise<Set<number>> {
  if (pairs.length === 0) return new Set();
  const keys = pairs.map(([a, b]) => dismissedPairKey(a, b));
  const rows: { position: number }[] = await manager.query(
    `SELECT p.position FROM unnest($1::int[], $2::char(64)[], $3::char(64)[]) AS p(position, low, high)
      WHERE EXISTS (SELECT 1 FROM dismissed_duplicate_pairs d WHERE d."lowHash" = p.low AND d."highHash" = p.high)`,
    [keys.map((_, position) => position), keys.map((key) => key.lowHash), keys.map((key) => key.highHash)],
  );
  return new Set(rows.map((row) => row.position));
}
