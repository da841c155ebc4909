import { ArticleError, ArticleErrorCode } from './article-error';

/**
 * Where a page of the feed ended: the sort key of its last row and that row's id. `time` pages are
 * ordered by publication time, `rank` pages (searches) by relevance. Opaque to clients (base64url JSON).
 */
export interface FeedCursor {
  mode: 'time' | 'rank';
  /** PostgreSQL's own text for the key (a timestamptz or a real), so it round-trips without losing precision. */
  key: string;
  id: number;
}

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
const REAL_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const MAX_CURSOR_LENGTH = 300;

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify([cursor.mode, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from a client, refusing anything this API did not produce for the same kind of listing. */
export function decodeCursor(raw: string, expectedMode: FeedCursor['mode']): FeedCursor {
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
  if (mode !== 'time' && mode !== 'rank') throw invalid('it is not a cursor from this API');
  if (mode !== expectedMode) throw invalid(mode === 'rank' ? 'it belongs to a search (add the same q)' : 'it belongs to a listing without q');
  const keyPattern = mode === 'time' ? TIMESTAMP_TEXT : REAL_TEXT;
  // The pattern alone lets through "2024-13-45" or "1e999", which PostgreSQL would refuse with a 500.
  if (typeof key !== 'string' || !keyPattern.test(key) || !(mode === 'time' ? isRealTimestamp(key) : Number.isFinite(Number(key)))) {
    throw invalid('its position is malformed');
  }
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw invalid('its id is malformed');
  return { mode, key, id };
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
