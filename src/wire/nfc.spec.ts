import { NFC_STABLE_RANGES, toNfc } from './nfc';

describe('toNfc', () => {
  const stable = NFC_STABLE_RANGES.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_unused, offset) => String.fromCharCode(first + offset)));

  it('skips only characters that NFC leaves unchanged alone and beside any other of them', () => {
    // Every such character is a starter (a combining mark would be reordered or composed in some pair), so
    // composition can only join neighbours: unchanged pairs mean any string of them is unchanged.
    const changed: string[] = [];
    for (const first of stable) {
      if (first.normalize('NFC') !== first) changed.push(first);
      for (const second of stable) if ((first + second).normalize('NFC') !== first + second) changed.push(first + second);
    }
    expect(changed).toEqual([]);
  });

  it.each([
    ['decomposed accent', 'cafe\u0301'],
    ['Angstrom sign', '\u212b'],
    ['en quad', 'a\u2000b'],
    ['Arabic with a combining madda', '\u0627\u0653'],
    ['Hangul jamo', '\u1100\u1161'],
  ])('normalises text outside that set (%s)', (_name, text) => {
    expect(toNfc(text)).toBe(text.normalize('NFC'));
  });

  it('returns ASCII and curly-quoted text as it is', () => {
    for (const text of ['Iraq’s “forces” — withdraw…', 'plain ascii', '']) expect(toNfc(text)).toBe(text);
  });
});
