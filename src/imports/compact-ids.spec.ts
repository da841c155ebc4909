import { ArticleIdSet, RowIdsByPosition } from './compact-ids';

describe('RowIdsByPosition', () => {
  it('returns what was set at each position, past many resizes, and nothing elsewhere', () => {
    const ids = new RowIdsByPosition();
    for (let position = 0; position < 5000; position += 2) ids.set(position, 100 + position);
    expect(ids.get(0)).toBe(100);
    expect(ids.get(4998)).toBe(5098);
    expect(ids.get(1)).toBeUndefined();
    expect(ids.get(10_000)).toBeUndefined();
    ids.set(4998, 7);
    expect(ids.get(4998)).toBe(7);
  });

  it('refuses an id a row cannot have', () => {
    expect(() => new RowIdsByPosition().set(0, 0)).toThrow(RangeError);
  });
});

describe('ArticleIdSet', () => {
  it('holds ids added in any order, once each', () => {
    const set = new ArticleIdSet();
    const added = [...Array.from({ length: 3000 }, (_, index) => 10 + index * 3), 5, 11, 2000, 13];
    for (const id of added) set.add(id);
    set.add(13);
    expect(set.size).toBe(new Set(added).size);
    for (const id of added) expect(set.has(id)).toBe(true);
    for (const id of [1, 12, 14, 9000, 100_000]) expect(set.has(id)).toBe(false);
  });
});
