import { toNfc } from './nfc';

/**
 * Title-cases a name printed in capitals ("AHMAD AL-RUBAYE" -> "Ahmad Al-Rubaye"); names that
 * already contain lower-case letters are trusted as printed, so "al-Sudani" keeps its particle.
 */
export function displayName(name: string): string {
  const collapsed = toNfc(name).replace(/\s+/g, ' ').trim();
  if (/\p{Ll}/u.test(collapsed)) return collapsed;
  return collapsed
    .toLowerCase()
    .replace(/(^|[\s\-'’.])(\p{Ll})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

const ARTICLE_PARTICLES = new Set(['al', 'el']);

/**
 * A key under which spelling variants of one person's name collide: diacritics stripped,
 * case-folded, punctuation and spacing ignored, and the Arabic article written "al-", "Al ",
 * "el-" or glued on ("Alrubaye") unified. "AHMAD AL-RUBAYE" and "Áhmad al Rubaye" -> "ahmad alrubaye".
 */
export function authorKey(name: string): string {
  const tokens =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const merged: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (ARTICLE_PARTICLES.has(token) && index + 1 < tokens.length) {
      merged.push(`al${tokens[++index]}`);
    } else {
      merged.push(token);
    }
  }
  return merged.join(' ');
}
