import { EntityManager } from 'typeorm';

export interface PhotoToKeep {
  credit: string | null;
  agency: string | null;
  photographerId: number | null;
}

/**
 * Creates the photos missing among `photos` (fingerprint → credit) in one statement: one row per picture
 * across articles and dumps. Returns every fingerprint's id and how many were new.
 */
export async function upsertPhotosByFingerprint(manager: EntityManager, photos: ReadonlyMap<string, PhotoToKeep>): Promise<{ ids: Map<string, number>; created: number }> {
  const ids = new Map<string, number>();
  if (photos.size === 0) return { ids, created: 0 };
  const fingerprints = [...photos.keys()];
  const values = fingerprints.map((fingerprint) => photos.get(fingerprint)!);
  const created: { id: number; fingerprint: string }[] = await manager.query(
    `INSERT INTO photos (fingerprint, credit, agency, "photographerId")
     SELECT * FROM unnest($1::char(64)[], $2::text[], $3::varchar[], $4::int[]) ON CONFLICT (fingerprint) DO NOTHING RETURNING id, fingerprint`,
    [fingerprints, values.map((photo) => photo.credit), values.map((photo) => photo.agency), values.map((photo) => photo.photographerId)],
  );
  for (const row of created) ids.set(row.fingerprint, row.id);
  const known = fingerprints.filter((fingerprint) => !ids.has(fingerprint));
  if (known.length > 0) {
    // One index probe per fingerprint (`OFFSET 0` keeps the subquery apart): rows an import's transaction inserted
    // have no statistics, and with `= ANY(…)` the planner scanned the whole table, a cost growing with every batch.
    const rows: { id: number; fingerprint: string }[] = await manager.query(
      `SELECT p.id, p.fingerprint FROM unnest($1::char(64)[]) AS q(fingerprint)
         CROSS JOIN LATERAL (SELECT id, fingerprint FROM photos WHERE fingerprint = q.fingerprint OFFSET 0) p`,
      [known],
    );
    for (const row of rows) ids.set(row.fingerprint, row.id);
  }
  return { ids, created: created.length };
}
