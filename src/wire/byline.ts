import { knownAgency } from './credit';
import { displayName } from './names';

const BYLINE_PREFIX = /^(?:(?:written\s+|words\s+)?by|بقلم:?)\s+/iu;
const NAME_SEPARATOR = /\s*(?:,|;|&|\||\band\b|\sو(?=\s))\s*/iu;
// "By Jane Doe in Baghdad": where the reporter filed from is not part of the name.
const FILED_FROM = /\s+in\s+\p{Lu}[\p{L}'’ -]*$/u;
const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'abd', 'de', 'da', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den']);
const MAX_BYLINE_LENGTH = 120;
const MAX_WORDS_PER_NAME = 5;

/**
 * Names in a "By Jane Doe and John Smith" / "By Jane Doe, Reuters" line, agencies left out; null when
 * the line is prose that merely starts with "By" ("By Monday the base was empty.").
 */
export function parseByline(line: string): string[] | null {
  const prefix = BYLINE_PREFIX.exec(line);
  if (prefix === null || line.length > MAX_BYLINE_LENGTH) return null;
  const parts = line
    .slice(prefix[0].length)
    .replace(FILED_FROM, '')
    .split(NAME_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length === 0 || !parts.every(looksLikeName)) return null;
  return parts.filter((part) => knownAgency(part) === null).map(displayName);
}

function looksLikeName(part: string): boolean {
  const words = part.split(/\s+/);
  if (words.length > MAX_WORDS_PER_NAME) return false;
  return words.every(
    (word, position) =>
      /^[\p{Lu}\p{Lo}]/u.test(word) ||
      (position > 0 && (NAME_PARTICLES.has(word.toLowerCase()) || /^(?:al|el)-\p{L}/iu.test(word))),
  );
}
