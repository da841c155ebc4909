import { EntityManager } from 'typeorm';

/**
 * Creates the authors missing among `names` (normalised key → display name) in one statement, keeping
 * one author per key however often the wire prints a name. Returns every key's id and how many were new.
 */
export async function upsertAuthorsByKey(manager: EntityManager, names: ReadonlyMap<string, string>): Promise<{ ids: Map<string, number>; created: number }> {
  const ids = new Map<string, number>();
  if (names.size === 0) return { ids, created: 0 };
  const keys = [...names.keys()];
  const created: { id: number; key: string }[] = await manager.query(
    `INSERT INTO authors (name, key) SELECT * FROM unnest($1::varchar[], $2::varchar[]) ON CONFLICT (key) DO NOTHING RETURNING id, key`,
    [keys.map((key) => names.get(key)), keys],
  );
  for (const row of created) ids.set(row.key, row.id);
  const known = keys.filter((key) => !ids.has(key));
  if (known.length > 0) {
    // One index probe per key, as for photos (`upsertPhotosByFingerprint`): no table scan whatever the statistics say.
    const rows: { id: number; key: string }[] = await manager.query(
      `SELECT a.id, a.key FROM unnest($1::varchar[]) AS q(key) CROSS JOIN LATERAL (SELECT id, key FROM authors WHERE key = q.key OFFSET 0) a`,
      [known],
    );
    for (const row of rows) ids.set(row.key, row.id);
  }
  return { ids, created: created.length };
}
