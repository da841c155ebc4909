/**
 * Characters that NFC leaves as they are, alone and next to one another: ASCII, Latin-1 and the Latin
 * Extended blocks (precomposed letters, never the second half of a composition) and General Punctuation
 * without U+2000–2001 (which NFC maps to U+2002–2003). Curly quotes and dashes are in it, so most English
 * wire copy is. `nfc.spec.ts` checks the claim for every character and every pair.
 */
export const NFC_STABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x024f],
  [0x2002, 0x206f],
];

const MAY_CHANGE_UNDER_NFC = anyCharacterOutside(NFC_STABLE_RANGES);

/** A regex finding any UTF-16 code unit outside the inclusive ranges. */
export function anyCharacterOutside(ranges: ReadonlyArray<readonly [number, number]>): RegExp {
  const escape = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  return new RegExp(`[^${ranges.map(([first, last]) => `${escape(first)}-${escape(last)}`).join('')}]`);
}

/** The ranges with the given code points cut out. */
export function rangesWithout(ranges: ReadonlyArray<readonly [number, number]>, excluded: readonly number[]): Array<[number, number]> {
  return ranges.flatMap(([first, last]) => {
    const pieces: Array<[number, number]> = [];
    let from = first;
    for (const code of [...excluded].sort((a, b) => a - b)) {
      if (code < from || code > last) continue;
      if (code > from) pieces.push([from, code - 1]);
      from = code + 1;
    }
    if (from <= last) pieces.push([from, last]);
    return pieces;
  });
}

/**
 * `text.normalize('NFC')`, without the call (a copy of the text into ICU's buffer and a scan) when the text
 * holds only characters NFC never changes: the same string either way.
 */
export function toNfc(text: string): string {
  return MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize('NFC') : text;
}
