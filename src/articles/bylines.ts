import { EntityManager, In } from 'typeorm';
import { Author } from '../authors/author.entity';
import { ArticleError, ArticleErrorCode } from './article-error';
import { Byline, BylineRole } from './byline.entity';

/** One byline as an editor sets it: who, as what. Its place in the list is its position. */
export interface BylineInput {
  authorId: number;
  role: BylineRole;
}

/** The article's bylines in order, with their authors (for names in revisions and the editor). */
export function bylinesOf(manager: EntityManager, articleId: number): Promise<Byline[]> {
  return manager.find(Byline, { where: { articleId }, relations: { author: true }, order: { position: 'ASC', id: 'ASC' } });
}

/**
 * Replaces the article's bylines with `wanted`, in that order. Unknown roles or authors and an author named
 * twice in one role are refused before anything is written.
 */
export async function replaceBylines(manager: EntityManager, articleId: number, wanted: readonly BylineInput[]): Promise<Byline[]> {
  const roles = Object.values(BylineRole);
  const seen = new Set<string>();
  for (const { authorId, role } of wanted) {
    if (!Number.isSafeInteger(authorId) || authorId <= 0) throw new ArticleError(ArticleErrorCode.InvalidRequest, `byline author id ${String(authorId)} is not a valid id`);
    if (!roles.includes(role)) throw new ArticleError(ArticleErrorCode.InvalidRequest, `byline role must be one of ${roles.join(', ')}, not "${String(role)}"`);
    const key = `${authorId}:${role}`;
    if (seen.has(key)) throw new ArticleError(ArticleErrorCode.InvalidRequest, `author ${authorId} is named twice as ${role}`);
    seen.add(key);
  }
  const authorIds = [...new Set(wanted.map((byline) => byline.authorId))];
  const found = authorIds.length === 0 ? [] : await manager.find(Author, { where: { id: In(authorIds) }, select: { id: true } });
  const missing = authorIds.filter((id) => !found.some((author) => author.id === id));
  if (missing.length > 0) throw new ArticleError(ArticleErrorCode.InvalidRequest, `no author with id ${missing.join(', ')}`);

  await manager.delete(Byline, { articleId });
  await manager.save(
    Byline,
    wanted.map(({ authorId, role }, position) => manager.create(Byline, { articleId, authorId, role, position })),
  );
  return bylinesOf(manager, articleId);
}

/** Whether `wanted` is exactly the current list (same authors, roles and order): then nothing needs writing. */
export function sameBylines(current: readonly Byline[], wanted: readonly BylineInput[]): boolean {
  return current.length === wanted.length && current.every((byline, index) => byline.authorId === wanted[index].authorId && byline.role === wanted[index].role);
}

/**
 * Moves every byline of `fromAuthorId` to `toAuthorId` (an author merge). A byline the article already has
 * for `toAuthorId` in the same role is removed rather than doubled. Returns what it did, for an undo.
 */
export async function moveBylinesWithin(manager: EntityManager, fromAuthorId: number, toAuthorId: number) {
  const bylines = await manager.find(Byline, { where: { authorId: fromAuthorId }, order: { id: 'ASC' } });
  const existing = new Set(
    (await manager.find(Byline, { where: { authorId: toAuthorId }, select: { articleId: true, role: true } })).map((byline) => `${byline.articleId}:${byline.role}`),
  );
  const moved = bylines.filter((byline) => !existing.has(`${byline.articleId}:${byline.role}`));
  const dropped = bylines.filter((byline) => existing.has(`${byline.articleId}:${byline.role}`));
  if (dropped.length > 0) await manager.delete(Byline, { id: In(dropped.map((byline) => byline.id)) });
  if (moved.length > 0) await manager.update(Byline, { id: In(moved.map((byline) => byline.id)) }, { authorId: toAuthorId });
  return {
    movedBylineIds: moved.map((byline) => byline.id),
    droppedBylines: dropped.map(({ articleId, role, position }) => ({ articleId, role, position })),
    articleIds: [...new Set(bylines.map((byline) => byline.articleId))],
  };
}

/** Takes back {@link moveBylinesWithin}: the moved bylines return (those still there), the removed ones are put back. */
export async function returnBylinesWithin(manager: EntityManager, toAuthorId: number, authorId: number, movedBylineIds: number[], dropped: Array<{ articleId: number; role: BylineRole; position: number }>) {
  if (movedBylineIds.length > 0) await manager.update(Byline, { id: In(movedBylineIds), authorId: toAuthorId }, { authorId });
  for (const { articleId, role, position } of dropped) {
    await manager.query(
      `INSERT INTO bylines ("articleId", "authorId", role, position)
       SELECT $1, $2, $3, $4
       WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1) ON CONFLICT DO NOTHING`,
      [articleId, authorId, role, position],
    );
  }
}

/** A person credited on an article, in the order the wire printed them (writers, then photographers). */
export interface BylineToAdd {
  articleId: number;
  authorId: number;
  role: BylineRole;
  position: number;
}

/** Adds bylines in bulk (the wire importer's path); a person already credited in that role is left as is. */
export async function addBylines(manager: EntityManager, rows: readonly BylineToAdd[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO bylines ("articleId", "authorId", role, position)
     SELECT * FROM unnest($1::int[], $2::int[], $3::varchar[], $4::smallint[])
     ON CONFLICT ("articleId", "authorId", role) DO NOTHING`,
    [rows.map((row) => row.articleId), rows.map((row) => row.authorId), rows.map((row) => row.role), rows.map((row) => row.position)],
  );
}
