/**
 * Unicode properties of code points, for the scanners that walk every character of an article (MinHash
 * words, related-coverage tokens) where a `/u` regex per match and its match arrays cost more than the
 * work itself. Each property is the regex's own answer for the code point, cached for the BMP.
 */

/** `[\p{L}\p{N}\p{M}]`: letters, digits and combining marks, what words are made of. */
export const WORD_CHARACTER = 1;
/** `\p{Lu}`. */
export const UPPERCASE_LETTER = 2;
/** `\p{N}`. */
export const NUMBER = 4;

const CLASSIFIED = 0x80;
const bmpClasses = new Uint8Array(0x10000);

const IS_WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
const IS_UPPERCASE_LETTER = /\p{Lu}/u;
const IS_NUMBER = /\p{N}/u;

function classify(codePoint: number): number {
  const character = String.fromCodePoint(codePoint);
  return (
    (IS_WORD_CHARACTER.test(character) ? WORD_CHARACTER : 0) |
    (IS_UPPERCASE_LETTER.test(character) ? UPPERCASE_LETTER : 0) |
    (IS_NUMBER.test(character) ? NUMBER : 0)
  );
}

/** The flags above that hold for the code point (a lone surrogate has none, as in a `/u` regex). */
export function characterClass(codePoint: number): number {
  if (codePoint > 0xffff) return classify(codePoint);
  const known = bmpClasses[codePoint]!;
  if (known !== 0) return known ^ CLASSIFIED;
  const computed = classify(codePoint);
  bmpClasses[codePoint] = computed | CLASSIFIED;
  return computed;
}

/** A code unit that may open a surrogate pair: only then can `codePointAt` differ from `charCodeAt`. */
export function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}
