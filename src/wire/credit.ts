import { displayName } from './names';
import type { WirePhoto } from './types';

const KNOWN_AGENCIES = [
  'AFP', 'AP', 'Reuters', 'EPA', 'EPA-EFE', 'EFE', 'SPA', 'WAM', 'Getty Images', 'Anadolu', 'Anadolu Agency',
  'Xinhua', 'dpa', 'ANSA', 'UPI', 'TASS', 'KUNA', 'QNA', 'MENA', 'IRNA', 'SANA', 'INA', 'NINA', 'Bloomberg',
  'Shutterstock', 'Asharq Al-Awsat', 'Sipa', 'Sputnik',
];
const AGENCY_BY_LOWERCASE = new Map(KNOWN_AGENCIES.map((agency) => [agency.toLowerCase(), agency]));

/** The agency's usual spelling ("REUTERS" -> "Reuters"), or null when the name is not a known agency. */
export function knownAgency(name: string): string | null {
  return AGENCY_BY_LOWERCASE.get(name.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

// Captions mark who is where with "(R)", "(2nd L)", "(center)", "(يمين)"...; those are not credits.
const POSITION_MARKER =
  /^(?:(?:\d+(?:st|nd|rd|th)|second|third|front|back|top|bottom|far)\s+)?(?:l|r|c|left|right|cent(?:er|re)|top|bottom|front|back|rear|l-r|r-l|l to r|r to l|from left|from right|يمين|يسار|وسط)$/iu;
const MAX_CREDIT_LENGTH = 80;

/** Splits a trailing parenthesised credit off a caption line; position markers stay in the caption. */
export function splitCaptionCredit(line: string): { caption: string; credit: string | null } {
  const text = line.trim();
  const open = text.lastIndexOf('(');
  if (!text.endsWith(')') || open === -1) return { caption: text, credit: null };
  const inner = text.slice(open + 1, -1).trim();
  const isCredit =
    inner.length > 0 &&
    inner.length <= MAX_CREDIT_LENGTH &&
    !inner.includes(')') &&
    /\p{L}/u.test(inner) &&
    !POSITION_MARKER.test(inner);
  if (!isCredit) return { caption: text, credit: null };
  return { caption: text.slice(0, open).trim(), credit: inner };
}

const CREDIT_PREFIX = /^(?:photo(?:graph)?s?|pictures?|images?|credits?)(?:\s+by\b|\s*:)\s*/iu;
const PHOTO_SUFFIX = /\s+photos?$/iu;

/**
 * Reads photographer and agency out of a credit in the usual wire styles: "Photo by NAME / AFP",
 * "AP Photo/Name", "REUTERS/Name", "Photo: Name/Reuters", a bare agency, or a handout source such as
 * "Iraqi premiership" (agency, no photographer).
 */
export function parseCredit(credit: string): { photographer: string | null; agency: string | null } {
  const prefix = CREDIT_PREFIX.exec(credit.trim());
  const rest = prefix ? credit.trim().slice(prefix[0].length) : credit.trim();
  const parts = rest.split('/').map((part) => part.trim()).filter((part) => part.length > 0);
  if (parts.length >= 2) {
    const [left, ...rightParts] = parts;
    const right = rightParts.join('/');
    const agencyFirst = PHOTO_SUFFIX.test(left) || (knownAgency(left) !== null && knownAgency(right) === null);
    const agency = agencyFirst ? left.replace(PHOTO_SUFFIX, '') : right;
    const photographer = agencyFirst ? right : left;
    return { photographer: displayName(photographer), agency: knownAgency(agency) ?? agency };
  }
  if (rest.length === 0) return { photographer: null, agency: null };
  const agency = knownAgency(rest.replace(PHOTO_SUFFIX, ''));
  if (agency !== null) return { photographer: null, agency };
  return prefix ? { photographer: displayName(rest), agency: null } : { photographer: null, agency: rest };
}

export function parseCaption(line: string): WirePhoto {
  const { caption, credit } = splitCaptionCredit(line);
  const { photographer, agency } = credit === null ? { photographer: null, agency: null } : parseCredit(credit);
  return { caption, credit, photographer, agency };
}
