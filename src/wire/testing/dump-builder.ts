/** Builds synthetic wire dumps in the scraped-site layout, for tests and benchmark generators. */

export interface ArticleFixture {
  headline: string;
  /** Full caption lines, credit included, e.g. "Talks in Baghdad (Photo by JANE DOE / AFP)". */
  photos?: string[];
  body: string[];
  /** Furniture printed between the photo block and the reprinted headline; default ["TT", "20"]. */
  debris?: string[];
  /** How often each caption line is printed within a photo block; default 2. */
  captionPrints?: 1 | 2;
  /** How often each caption is printed in the second print of the header (0: not at all); default `captionPrints`. */
  reprintCaptionPrints?: 0 | 1 | 2;
  /** Stop after the first print of the header block (a dump cut short). */
  headerOnly?: boolean;
  /** Print the header (headline and photo block) once instead of twice. */
  headerPrintedOnce?: boolean;
  /** Lines such as a byline or a dateline, placed in the header. */
  headerExtras?: Array<{ text: string; position: HeaderPosition }>;
}

/**
 * Where a byline or dateline sits around the header:
 * `before-headline` (a blank line, then the headline), `before-headline-tight` (the headline on the next line),
 * `after-headline`, `before-reprint` (after the furniture), `after-reprint`, `before-body`.
 */
export type HeaderPosition =
  | 'before-headline'
  | 'before-headline-tight'
  | 'after-headline'
  | 'before-reprint'
  | 'after-reprint'
  | 'before-body';

export const HEADER_POSITIONS: readonly HeaderPosition[] = [
  'before-headline',
  'before-headline-tight',
  'after-headline',
  'before-reprint',
  'after-reprint',
  'before-body',
];

export interface DumpOptions {
  lineEnding?: '\n' | '\r\n' | '\r';
  bom?: boolean;
  /** Blank lines between articles; default 3, as in the real dumps. */
  blankLinesBetweenArticles?: number;
  finalNewline?: boolean;
}

export function articleLines(article: ArticleFixture): string[] {
  const extras = (position: HeaderPosition) => (article.headerExtras ?? []).filter((extra) => extra.position === position).map((extra) => extra.text);
  const prints = article.captionPrints ?? 2;
  const photoBlock = (article.photos ?? []).flatMap((caption) => Array<string>(prints).fill(caption));
  const reprintBlock = (article.photos ?? []).flatMap((caption) => Array<string>(article.reprintCaptionPrints ?? prints).fill(caption));
  const before = [...extras('before-headline').flatMap((text) => [text, '']), ...extras('before-headline-tight')];
  const firstBlock = [...extras('after-headline'), ...photoBlock, ...(article.debris ?? ['TT', '20']), ...extras('before-reprint')];
  const header = [...before, ...(firstBlock.length > 0 ? [article.headline, '', ...firstBlock, ''] : [article.headline, ''])];
  if (article.headerOnly) return header.slice(0, header.length - 1);
  const secondBlock = [...extras('after-reprint'), ...reprintBlock];
  const reprint = article.headerPrintedOnce ? [] : secondBlock.length > 0 ? [article.headline, '', ...secondBlock, ''] : [article.headline, ''];
  const beforeBody = extras('before-body').flatMap((text) => [text, '']);
  const body = article.body.flatMap((paragraph, index) => (index === 0 ? [paragraph] : ['', paragraph]));
  return [...header, ...reprint, ...beforeBody, ...body];
}

export function buildDump(articles: ArticleFixture[], options: DumpOptions = {}): string {
  const separator = Array<string>(options.blankLinesBetweenArticles ?? 3).fill('');
  const lines = articles.flatMap((article, index) => (index === 0 ? articleLines(article) : [...separator, ...articleLines(article)]));
  const ending = options.lineEnding ?? '\n';
  const text = lines.join(ending) + (options.finalNewline === false ? '' : ending);
  return (options.bom ? '\ufeff' : '') + text;
}

/** A plausible article whose words depend only on `seed`, so distinct seeds give unrelated stories. */
export function syntheticArticle(seed: number, paragraphs = 12): ArticleFixture {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sentence = (): string => {
    const words = Array.from({ length: 12 + Math.floor(random() * 14) }, () => pick(VOCABULARY));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}.`;
  };
  return {
    headline: `${pick(PLACES)} ${pick(VERBS)} ${pick(PLACES)} over ${pick(VOCABULARY)} ${seed}`,
    photos: [`${pick(PLACES)} officials meet in ${pick(PLACES)} on ${pick(DAYS)} (Photo by ${pick(PEOPLE)} / ${pick(AGENCIES)})`],
    body: Array.from({ length: paragraphs }, () => `${sentence()} ${sentence()}`),
  };
}

/**
 * Counter-based generator: a single-cycle PRNG (xorshift) seeded with small integers gives streams
 * that are shifted copies of each other, i.e. accidental near-duplicate articles.
 */
function seededRandom(seed: number): () => number {
  const seedHash = mix32(seed);
  let counter = 0;
  return () => mix32(seedHash ^ Math.imul(++counter, 0x85ebca6b)) / 0x1_0000_0000;
}

function mix32(value: number): number {
  let hash = value;
  hash = Math.imul(hash ^ (hash >>> 16), 0x7feb352d);
  hash = Math.imul(hash ^ (hash >>> 15), 0x846ca68b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

const PLACES = ['Baghdad', 'Riyadh', 'Cairo', 'Beirut', 'Tehran', 'Amman', 'Damascus', 'Ankara', 'Doha', 'Abu Dhabi'];
const VERBS = ['Presses', 'Courts', 'Warns', 'Rebuffs', 'Signs Deal With', 'Talks to', 'Hosts'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const PEOPLE = ['AHMAD AL-RUBAYE', 'HAIDAR HAMDANI', 'FAYEZ NURELDINE', 'KARIM SAHIB', 'AHMED HASAN'];
const AGENCIES = ['AFP', 'Reuters', 'AP', 'EPA', 'SPA'];
const VOCABULARY = [
  'the', 'minister', 'said', 'on', 'security', 'border', 'talks', 'officials', 'agreement', 'government', 'forces',
  'regional', 'visit', 'pressure', 'parliament', 'sources', 'statement', 'week', 'coalition', 'oil', 'prices',
  'election', 'envoy', 'delegation', 'ceasefire', 'aid', 'trade', 'militia', 'reform', 'budget', 'crisis', 'of',
  'and', 'to', 'in', 'a', 'with', 'after', 'before', 'amid', 'council', 'president', 'prime', 'embassy', 'meeting',
];
