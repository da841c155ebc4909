import { EntityManager } from 'typeorm';

/** A photo an article prints, with the caption it prints under it. */
export interface CaptionToAdd {
  articleId: number;
  photoId: number;
  text: string;
}

/**
 * Adds captions in bulk (the wire importer's path; the captions module owns the table). A photo the
 * article already prints is skipped, so an exact copy adds only what its article lacks; new captions go
 * after the article's own, in the order given. Returns how many were written.
 */
export async function addCaptions(manager: EntityManager, wanted: readonly CaptionToAdd[]): Promise<number> {
  const articleIds = [...new Set(wanted.map((caption) => caption.articleId))];
  if (articleIds.length === 0) return 0;
  // One index probe per article (`OFFSET 0` keeps the subquery apart): rows an import's transaction inserted have
  // no statistics, and with `= ANY(…)` the planner scanned the whole table, a cost growing with every batch.
  const existing: { articleId: number; photoId: number; position: number }[] = await manager.query(
    `SELECT c."articleId", c."photoId", c.position
       FROM unnest($1::int[]) AS q(id)
       CROSS JOIN LATERAL (SELECT "articleId", "photoId", position FROM captions WHERE "articleId" = q.id OFFSET 0) c`,
    [articleIds],
  );
  const photosOf = new Map<number, Set<number>>();
  const nextPosition = new Map<number, number>();
  const note = (articleId: number, photoId: number, position: number) => {
    if (!photosOf.has(articleId)) photosOf.set(articleId, new Set());
    photosOf.get(articleId)!.add(photoId);
    nextPosition.set(articleId, Math.max(nextPosition.get(articleId) ?? 0, position + 1));
  };
  for (const row of existing) note(row.articleId, row.photoId, row.position);
  const rows: { articleId: number; photoId: number; position: number; text: string }[] = [];
  for (const caption of wanted) {
    if (photosOf.get(caption.articleId)?.has(caption.photoId)) continue;
    const position = nextPosition.get(caption.articleId) ?? 0;
    note(caption.articleId, caption.photoId, position);
    rows.push({ ...caption, position });
  }
  if (rows.length === 0) return 0;
  await manager.query(
    `INSERT INTO captions ("articleId", "photoId", position, text) SELECT * FROM unnest($1::int[], $2::int[], $3::smallint[], $4::text[])`,
    [rows.map((row) => row.articleId), rows.map((row) => row.photoId), rows.map((row) => row.position), rows.map((row) => row.text)],
  );
  return rows.length;
}
