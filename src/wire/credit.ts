import { displayName } from './names';
import type { WirePhoto } from './types';

const KNOWN_AGENCIES = [
  'AFP', 'AP', 'Reuters', 'EPA', 'EPA-EFE', 'EFE', 'SPA', 'WAM', 'Getty Images', 'Anadolu', 'Anadolu Agency',
  'Xinhua', 'dpa', 'ANSA', 'UPI', 'TASS', 'KUNA', 'QNA', 'MENA', 'IRNA', 'SANA', 'INA', 'NINA', 'Bloomberg',
  'Shutterstock', 'Asharq Al-Awsat', 'Sipa', 'Sputnik', 'Arab News', 'Saudi Press Agency', 'NurPhoto', 'ZUMA Press',
  'Middle East Images', 'Kyodo', 'Yonhap', 'Jiji Press', 'PA', 'ABACA', 'IMAGO', 'SOPA Images', 'LightRocket',
  'WANA', 'Tasnim', 'Fars', 'ISNA', 'Mehr', 'Al Arabiya', 'Al Jazeera', 'Alamy',
];
const AGENCY_BY_LOWERCASE = new Map(KNOWN_AGENCIES.map((agency) => [agency.toLowerCase(), agency]));
// House abbreviations printed in credits ("AN Photo/Huda Bashatah" is Arab News'), and spellings of the same agency.
const AGENCY_ALIASES = new Map([
  ['an', 'Arab News'],
  ['getty', 'Getty Images'],
  ['associated press', 'AP'],
  ['the associated press', 'AP'],
  ['agence france-presse', 'AFP'],
  ['agence france presse', 'AFP'],
  ['zuma', 'ZUMA Press'],
  ['zuma wire', 'ZUMA Press'],
  ['reuters tv', 'Reuters'],
]);

/** The agency's usual spelling ("REUTERS" -> "Reuters"), or null when the name is not a known agency. */
export function knownAgency(name: string): string | null {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return AGENCY_BY_LOWERCASE.get(key) ?? AGENCY_ALIASES.get(key) ?? null;
}

// Captions mark who is where with "(R)", "(2nd L)", "(center)", "(يمين)"...; those are not credits.
const POSITION_MARKER =
  /^(?:(?:\d+(?:st|nd|rd|th)|second|third|front|back|top|bottom|far)\s+)?(?:l|r|c|left|right|cent(?:er|re)|top|bottom|front|back|rear|l-r|r-l|l to r|r to l|from left|from right|يمين|يسار|وسط)$/iu;
const MAX_CREDIT_LENGTH = 120;

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

export interface CreditParts {
  photographer: string | null;
  agency: string | null;
}

const CREDIT_PREFIX = /^(?:(?:photo(?:graph)?s?|pictures?|images?)\s*(?:credit)?\s*(?:by\b|:)|credits?\s*:|photo\s+credit\s*:?)\s*/iu;
const COURTESY = /^(?:(?:photo|picture|image)\s+)?courtesy(?:\s+of\b|\s*:)?\s*/iu;
const EXCLUSIVE = /^(?:(?:photo|picture|image)\s*:?\s*)?exclusive\s+(?:to|for)\s+/iu;
// "AFP/File", "AP Photo/Hadi Mizban, File", "SPA file photo", "REUTERS/Name/File Photo", "(File)".
const FILE_MARKER = /(?:\s*[,/]\s*|\s+)(?:file(?:\s+(?:photo|picture|image))?)$|^file(?:\s+(?:photo|picture|image))?(?:\s*[:/]\s*|\s+)/iu;
const VIA = /^(.*?)\s+via\s+(.+)$/iu;
// Who supplied the picture rather than who took it: a handout, a pool picture, a supplied image.
const SOURCE_MARKERS = new Set(['handout', 'pool', 'supplied', 'social media', 'handout photo', 'pool photo']);
const PHOTO_SUFFIX = /\s+(?:photos?|pictures?|images?)$/iu;
const AGENCY_DASH_NAME = /^(.+?)\s*[-–—]\s*(.+)$/u;

/**
 * Reads photographer and agency out of a credit as the agencies print them: "Photo by NAME / AFP",
 * "AP Photo/Name", "AP-Name", "REUTERS/Name", "Name/Reuters", "Name/AFP via Getty Images",
 * "Office/Handout via Reuters" (a handout the agency distributes: no photographer), "SPA file photo",
 * "Courtesy of …", "Exclusive to Arab News", or a bare source such as "Iraqi premiership".
 */
export function parseCredit(credit: string): CreditParts {
  let rest = credit.trim().replace(/\s+/g, ' ');
  let namedAsPhoto = false;
  const prefix = CREDIT_PREFIX.exec(rest);
  if (prefix) {
    rest = rest.slice(prefix[0].length);
    namedAsPhoto = true;
  }
  const courtesy = COURTESY.exec(rest) ?? EXCLUSIVE.exec(rest);
  if (courtesy && courtesy[0].length > 0) {
    const source = rest.slice(courtesy[0].length).replace(/^the\s+/iu, '').trim();
    return { photographer: null, agency: source.length > 0 ? knownAgency(source) ?? source : null };
  }
  rest = stripFileMarker(rest);

  const via = VIA.exec(rest);
  if (via) {
    const distributor = knownAgency(via[2]) ?? via[2].trim();
    const original = parseSourceAndName(via[1], namedAsPhoto);
    const originalIsAgency = original.agency !== null && knownAgency(original.agency) !== null;
    return { photographer: original.photographer, agency: originalIsAgency ? original.agency : distributor };
  }
  return parseSourceAndName(rest, namedAsPhoto);
}

function stripFileMarker(text: string): string {
  let rest = text;
  for (let match = FILE_MARKER.exec(rest); match !== null && match[0].length < rest.length; match = FILE_MARKER.exec(rest)) {
    rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).trim();
  }
  return rest;
}

/** "Name/Agency", "Agency/Name", "Agency Photo/Name", "Agency-Name", "Source/Handout", a bare agency or source. */
function parseSourceAndName(text: string, namedAsPhoto: boolean): CreditParts {
  const parts = text
    .split(/\s*[/|]\s*/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const fromSource = parts.some((part) => SOURCE_MARKERS.has(part.toLowerCase()));
  const named = parts.filter((part) => !SOURCE_MARKERS.has(part.toLowerCase()));
  if (named.length === 0) return { photographer: null, agency: null };

  if (named.length === 1) {
    const only = named[0];
    const agency = agencyOf(only);
    if (agency !== null) return { photographer: null, agency };
    const dashed = AGENCY_DASH_NAME.exec(only);
    if (dashed) {
      const [, left, right] = dashed;
      if (agencyOf(left) !== null && agencyOf(right) === null) return { photographer: fromSource ? null : displayName(right), agency: agencyOf(left) };
      if (agencyOf(right) !== null && agencyOf(left) === null) return { photographer: fromSource ? null : displayName(left), agency: agencyOf(right) };
    }
    if (namedAsPhoto && !fromSource) return { photographer: displayName(only), agency: null };
    return { photographer: null, agency: only };
  }

  // Two or more parts: the agency is the part that names one ("AP Photo", "REUTERS"), the other is the person.
  const agencyIndex = named.findIndex((part) => agencyOf(part) !== null);
  const [left, ...others] = named;
  if (agencyIndex === -1) {
    // Neither part is a known agency: "Jane Doe/Iraqi premiership" — person first, source after.
    return { photographer: fromSource ? null : displayName(left), agency: others.join('/') };
  }
  const agency = agencyOf(named[agencyIndex])!;
  const person = named.filter((_part, index) => index !== agencyIndex && agencyOf(named[index]) === null);
  if (fromSource || person.length === 0) return { photographer: null, agency };
  return { photographer: displayName(person.join(' ')), agency };
}

/** The agency a credit part names: "REUTERS", "AP Photo", "AFP PHOTO", "SPA"; null for a person or other source. */
function agencyOf(part: string): string | null {
  return knownAgency(part) ?? (PHOTO_SUFFIX.test(part) ? knownAgency(part.replace(PHOTO_SUFFIX, '')) ?? part.replace(PHOTO_SUFFIX, '') : null);
}

export function parseCaption(line: string): WirePhoto {
  const { caption, credit } = splitCaptionCredit(line);
  const { photographer, agency } = credit === null ? { photographer: null, agency: null } : parseCredit(credit);
  return { caption, credit, photographer, agency };
}
