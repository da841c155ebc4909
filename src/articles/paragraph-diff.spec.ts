import { diffParagraphs } from './paragraph-diff';

describe('diffParagraphs', () => {
  it('marks identical paragraphs as the same', () => {
    expect(diffParagraphs(['a', 'b'], ['a', 'b'])).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'same', left: 'b', right: 'b' },
    ]);
  });

  it('pairs a reworded paragraph as one changed row', () => {
    expect(diffParagraphs(['a', 'b old', 'c'], ['a', 'b new', 'c'])).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'changed', left: 'b old', right: 'b new' },
      { kind: 'same', left: 'c', right: 'c' },
    ]);
  });

  it('shows paragraphs only one side has', () => {
    expect(diffParagraphs(['a', 'gone', 'c'], ['a', 'c', 'extra'])).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'removed', left: 'gone', right: null },
      { kind: 'same', left: 'c', right: 'c' },
      { kind: 'added', left: null, right: 'extra' },
    ]);
  });

  it('keeps every paragraph of both sides, in order', () => {
    const left = ['x', 'y', 'z', 'w'];
    const right = ['y', 'q', 'w', 'r'];
    const rows = diffParagraphs(left, right);
    expect(rows.flatMap((row) => (row.left === null ? [] : [row.left]))).toEqual(left);
    expect(rows.flatMap((row) => (row.right === null ? [] : [row.right]))).toEqual(right);
  });
});
