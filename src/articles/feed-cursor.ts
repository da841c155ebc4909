import { ArticleError, ArticleErrorCode } from './article-error';

/** The orders a listing can be asked for (`?sort=`): a leading "-" is newest (or Z) first. */
export const FEED_SORTS = ['-publishedAt', 'publishedAt', '-updatedAt', 'updatedAt', 'headline', '-headline'] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

/**
 * How a page was ordered: by a sort key (the default, newest publication first, is `time`, the name cursors
 * had before `sort` existed, so those still work) or, for searches without `sort`, by relevance (`rank`).
 */
export type FeedCursorMode = 'time' | 'rank' | Exclude<FeedSort, '-publishedAt'>;

/**
 * Where a page of the feed ended: the sort key of its last row and that row's id (ties are broken by id).
 * Opaque to clients (base64url JSON).
 */
export interface FeedCursor {
  mode: FeedCursorMode;
  /** PostgreSQL's own text for the key (a timestamptz, a real or a headline), so it round-trips without losing precision. */
  key: string;
  id: number;
}

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const REAL_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
/** Room for a headline key: 500 characters (the API's limit) of three-byte letters, base64-encoded, and then some. */
export const MAX_CURSOR_LENGTH = 4096;

export function cursorModeOf(sort: FeedSort): FeedCursorMode {
  return sort === '-publishedAt' ? 'time' : sort;
}

function keyKindOf(mode: FeedCursorMode): 'time' | 'real' | 'text' {
  if (mode === 'rank') return 'real';
  return mode === 'headline' || mode === '-headline' ? 'text' : 'time';
}

const MODES: readonly string[] = ['time', 'rank', ...FEED_SORTS.filter((sort) => sort !== '-publishedAt')];

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify([cursor.mode, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from a client, refusing anything this API did not produce for the same kind of listing. */
export function decodeCursor(raw: string, expectedMode: FeedCursorMode): FeedCursor {
  const invalid = (why: string) => new ArticleError(ArticleErrorCode.InvalidQuery, `the cursor is not valid: ${why}; start again without one`);
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid('it is not a cursor from this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it is not a cursor from this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid('it is not a cursor from this API');
  const [mode, key, id] = parsed as unknown[];
  if (typeof mode !== 'string' || !MODES.includes(mode)) throw invalid('it is not a cursor from this API');
  if (mode !== expectedMode) throw invalid(mismatch(mode as FeedCursorMode, expectedMode));
  const kind = keyKindOf(mode as FeedCursorMode);
  if (typeof key !== 'string' || !validKey(kind, key)) throw invalid('its position is malformed');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw invalid('its id is malformed');
  return { mode: mode as FeedCursorMode, key, id };
}

function mismatch(mode: FeedCursorMode, expected: FeedCursorMode): string {
  if (mode === 'rank') return 'it belongs to a search (add the same q)';
  if (expected === 'rank') return 'it belongs to a listing without q';
  return `it belongs to a listing with sort=${mode === 'time' ? '-publishedAt' : mode}`;
}

// The patterns alone let through "2024-13-45" or "1e999", which PostgreSQL would refuse with a 500.
function validKey(kind: 'time' | 'real' | 'text', key: string): boolean {
  if (kind === 'time') return TIMESTAMP_TEXT.test(key) && isRealTimestamp(key);
  if (kind === 'real') return REAL_TEXT.test(key) && Number.isFinite(Number(key));
  // PostgreSQL text cannot hold NUL.
  return !key.includes('\u0000');
}

function isRealTimestamp(text: string): boolean {
  const [date, time] = text.split(' ');
  const [year, month, day] = date!.split('-').map(Number);
  const [hours, minutes, seconds] = time!.slice(0, 8).split(':').map(Number);
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day &&
    hours! < 24 && minutes! < 60 && seconds! < 60
  );
}
