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
  const created: unknown[] = await manager.query(
    `INSERT INTO photos (fingerprint, credit, agency, "photographerId")
     SELECT * FROM unnest($1::char(64)[], $2::text[], $3::varchar[], $4::int[]) ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
    [fingerprints, values.map((photo) => photo.credit), values.map((photo) => photo.agency), values.map((photo) => photo.photographerId)],
  );
  const rows: { id: number; fingerprint: string }[] = await manager.query(`SELECT id, fingerprint FROM photos WHERE fingerprint = ANY($1)`, [fingerprints]);
  for (const row of rows) ids.set(row.fingerprint, row.id);
  return { ids, created: created.length };
}
