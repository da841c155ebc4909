import { ArticleErrorCode } from './article-error';
import { decodeCursor, encodeCursor } from './feed-cursor';

describe('feed cursors', () => {
  it('round-trips a time cursor with microseconds', () => {
    const cursor = { mode: 'time' as const, key: '2026-11-26 09:38:18.123456+00', id: 42 };
    expect(decodeCursor(encodeCursor(cursor), 'time')).toEqual(cursor);
  });

  it('round-trips a rank cursor', () => {
    const cursor = { mode: 'rank' as const, key: '0.0607927', id: 7 };
    expect(decodeCursor(encodeCursor(cursor), 'rank')).toEqual(cursor);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    ['an SQL payload as key', encodeCursor({ mode: 'time', key: "now()'; drop table articles; --", id: 1 })],
    ['a negative id', Buffer.from(JSON.stringify(['time', '2026-01-01 00:00:00+00', -1])).toString('base64url')],
    ['an oversized id', Buffer.from(JSON.stringify(['time', '2026-01-01 00:00:00+00', 2 ** 40])).toString('base64url')],
  ])('refuses %s with a 400', (_label, raw) => {
    expect(() => decodeCursor(raw, 'time')).toThrow(expect.objectContaining({ code: ArticleErrorCode.InvalidQuery, status: 400 }));
  });

  it('refuses a search cursor on a plain listing', () => {
    const searchCursor = encodeCursor({ mode: 'rank', key: '0.5', id: 3 });
    expect(() => decodeCursor(searchCursor, 'time')).toThrow(/belongs to a search/);
  });
});

describe('decodeCursor with impossible positions', () => {
  it.each([
    ['a date that does not exist', ['time', '2024-13-45 10:00:00+00', 7]],
    ['a time that does not exist', ['time', '2024-01-01 25:61:00+00', 7]],
    ['a rank that overflows', ['rank', '1e999', 7]],
  ])('refuses %s with a 400 instead of passing it to PostgreSQL', (_what, payload) => {
    const raw = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    expect(() => decodeCursor(raw, payload[0] as 'time' | 'rank')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('cursors of sorted listings', () => {
  it('round-trips a headline cursor, quotes and all, and an updatedAt cursor', () => {
    const headline = { mode: 'headline' as const, key: 'Iraq’s "talks" – Baghdad', id: 9 };
    expect(decodeCursor(encodeCursor(headline), 'headline')).toEqual(headline);
    const updated = { mode: '-updatedAt' as const, key: '2026-11-26 09:38:18.123456+00', id: 3 };
    expect(decodeCursor(encodeCursor(updated), '-updatedAt')).toEqual(updated);
  });

  it('refuses a cursor of another sort, naming it', () => {
    const byHeadline = encodeCursor({ mode: 'headline', key: 'A', id: 1 });
    expect(() => decodeCursor(byHeadline, '-headline')).toThrow(/sort=headline/);
    expect(() => decodeCursor(encodeCursor({ mode: 'time', key: '2026-01-01 00:00:00+00', id: 1 }), 'updatedAt')).toThrow(/sort=-publishedAt/);
  });

  it('refuses a timestamp sort key that is not a time, and a headline key with a NUL', () => {
    expect(() => decodeCursor(encodeCursor({ mode: 'updatedAt', key: 'yesterday', id: 1 }), 'updatedAt')).toThrow(/malformed/);
    expect(() => decodeCursor(encodeCursor({ mode: 'headline', key: 'a\u0000b', id: 1 }), 'headline')).toThrow(/malformed/);
  });
});
