import { diffParagraphs, diffWords, WordDiffPart } from './paragraph-diff';

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
      {
        kind: 'changed',
        left: 'b old',
        right: 'b new',
        words: [
          { kind: 'same', text: 'b ' },
          { kind: 'removed', text: 'old' },
          { kind: 'added', text: 'new' },
        ],
      },
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

describe('diffWords', () => {
  const side = (parts: WordDiffPart[], drop: WordDiffPart['kind']) => parts.filter((part) => part.kind !== drop).map((part) => part.text).join('');

  it('marks only the words that changed inside a paragraph', () => {
    const parts = diffWords('The minister arrived in Baghdad on Monday.', 'The minister arrived in Tehran on Tuesday.');
    expect(parts).toEqual([
      { kind: 'same', text: 'The minister arrived in ' },
      { kind: 'removed', text: 'Baghdad' },
      { kind: 'added', text: 'Tehran' },
      { kind: 'same', text: ' on ' },
      { kind: 'removed', text: 'Monday.' },
      { kind: 'added', text: 'Tuesday.' },
    ]);
  });

  it('joins back into each side exactly, spaces and all', () => {
    const cases = [
      ['a  b\tc', 'a b c d'],
      ['', 'all new'],
      ['all gone', ''],
      ['one two three four', 'four three two one'],
      ['Larijani (L) meets officials', 'Larijani meets (R) officials in Baghdad'],
    ];
    for (const [left, right] of cases) {
      const parts = diffWords(left, right);
      expect(side(parts, 'added')).toBe(left);
      expect(side(parts, 'removed')).toBe(right);
    }
  });

  it('shows two very long paragraphs as replaced rather than aligning every word', () => {
    const long = (word: string) => Array.from({ length: 800 }, (_, index) => `${word}${index}`).join(' ');
    expect(diffWords(long('a'), long('b'))).toEqual([
      { kind: 'removed', text: long('a') },
      { kind: 'added', text: long('b') },
    ]);
  });
});
