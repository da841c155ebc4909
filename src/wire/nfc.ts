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

const MAY_CHANGE_UNDER_NFC = new RegExp(`[^${NFC_STABLE_RANGES.map(([first, last]) => `${regexEscape(first)}-${regexEscape(last)}`).join('')}]`);

function regexEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text.normalize('NFC')`, without the call (a copy of the text into ICU's buffer and a scan) when the text
 * holds only characters NFC never changes: the same string either way.
 */
export function toNfc(text: string): string {
  return MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize('NFC') : text;
}
