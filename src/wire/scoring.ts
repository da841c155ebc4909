import type { DuplicateKind, WireParseJson, WirePhoto } from './types';

/**
 * What a person says a dump holds, article by article, in file order: the answer key for scoring the parser
 * on a real dump (`npm run cli -- parse:score dump.txt labels.json`). Indexes refer to this list.
 */
export interface LabelledDump {
  articles: LabelledArticle[];
}

export interface LabelledArticle {
  headline: string;
  body: string[];
  photos: WirePhoto[];
  bylines: string[];
  /** The earlier article this one repeats (`exact`) or updates (`near`), or null. */
  duplicateOf?: number | null;
  duplicateKind?: DuplicateKind | null;
  /** An earlier article reporting the same event in other words, or null. */
  relatedTo?: number | null;
}

/** The parse as `parse --json` prints it; `relatedTo` is read when present. */
export type ScoredParse = Pick<WireParseJson, 'articles'> & { articles: Array<WireParseJson['articles'][number] & { relatedTo?: number | null }> };

export interface FieldTally {
  right: number;
  total: number;
}

export interface LinkTally {
  /** Labelled links the parse found, pointing at the right article. */
  found: number;
  labelled: number;
  /** Links the parse made that the labels do not have (for duplicates: a false flag, which could lead to a false merge). */
  wrong: number;
}

export interface ParseScore {
  articles: { labelled: number; parsed: number; matched: number };
  fields: Record<'headline' | 'body' | 'photos' | 'bylines', FieldTally> & { all: FieldTally };
  exactDuplicates: LinkTally;
  updatedVersions: LinkTally;
  related: LinkTally;
  /** One line per labelled article that is not parsed exactly as labelled, for whoever reads the score. */
  mismatches: string[];
}

const PHOTO_FIELDS = ['caption', 'credit', 'photographer', 'agency'] as const;

/**
 * Scores a parse against its labels, field by field. Articles are paired by headline (in file order); a
 * labelled article with no parsed partner gets every field wrong, and a parsed article with no label counts
 * its fields as wrong too, so splitting or inventing articles costs what it costs an editor. Body paragraphs
 * and bylines count each item; a photo counts four fields (caption, credit, photographer, agency).
 */
export function scoreParse(labels: LabelledDump, parse: ScoredParse): ParseScore {
  const pairs = pairArticles(labels.articles, parse.articles);
  const parsedFor = new Map(pairs.map(([labelled, parsed]) => [labelled, parsed]));
  const labelledFor = new Map(pairs.map(([labelled, parsed]) => [parsed, labelled]));
  const fields = { headline: tally(), body: tally(), photos: tally(), bylines: tally(), all: tally() };
  const mismatches: string[] = [];

  labels.articles.forEach((expected, index) => {
    const actual = parsedFor.has(index) ? parse.articles[parsedFor.get(index)!] : undefined;
    const before = { ...fields.all };
    add(fields.headline, actual && same(actual.headline, expected.headline) ? 1 : 0, 1);
    const body = orderedMatches(expected.body, actual?.body ?? []);
    add(fields.body, body, Math.max(expected.body.length, actual?.body.length ?? 0));
    const photos = photoMatches(expected.photos, actual?.photos ?? []);
    add(fields.photos, photos, PHOTO_FIELDS.length * Math.max(expected.photos.length, actual?.photos.length ?? 0));
    const bylines = setMatches(expected.bylines, actual?.bylines ?? []);
    add(fields.bylines, bylines, Math.max(expected.bylines.length, actual?.bylines.length ?? 0));
    recomputeAll(fields);
    const lost = fields.all.total - before.total - (fields.all.right - before.right);
    if (!actual) mismatches.push(`#${index} “${expected.headline}”: not found in the parse`);
    else if (lost > 0) mismatches.push(`#${index} “${expected.headline}”: ${lost} field${lost === 1 ? '' : 's'} wrong (parsed as #${parsedFor.get(index)})`);
  });
  parse.articles.forEach((actual, index) => {
    if (labelledFor.has(index)) return;
    add(fields.headline, 0, 1);
    add(fields.body, 0, actual.body.length);
    add(fields.photos, 0, PHOTO_FIELDS.length * actual.photos.length);
    add(fields.bylines, 0, actual.bylines.length);
    recomputeAll(fields);
    mismatches.push(`parsed #${index} “${actual.headline}”: not an article in the labels`);
  });

  const linkScore = (labelledLink: (article: LabelledArticle) => number | null | undefined, parsedLink: (article: ScoredParse['articles'][number]) => number | null | undefined): LinkTally => {
    const result = { found: 0, labelled: 0, wrong: 0 };
    labels.articles.forEach((expected, index) => {
      const target = labelledLink(expected);
      if (target === null || target === undefined) return;
      result.labelled += 1;
      const actual = parsedFor.get(index);
      const actualTarget = actual === undefined ? undefined : parsedLink(parse.articles[actual]);
      if (actualTarget !== null && actualTarget !== undefined && labelledFor.get(actualTarget) === target) result.found += 1;
    });
    parse.articles.forEach((actual, index) => {
      const target = parsedLink(actual);
      if (target === null || target === undefined) return;
      const expectedIndex = labelledFor.get(index);
      if (expectedIndex === undefined || labelledLink(labels.articles[expectedIndex]) !== labelledFor.get(target)) result.wrong += 1;
    });
    return result;
  };
  const duplicateOf = (kind: DuplicateKind) => (article: { duplicateOf?: number | null; duplicateKind?: DuplicateKind | null }) =>
    article.duplicateKind === kind ? article.duplicateOf : null;

  return {
    articles: { labelled: labels.articles.length, parsed: parse.articles.length, matched: pairs.length },
    fields,
    exactDuplicates: linkScore(duplicateOf('exact'), duplicateOf('exact')),
    updatedVersions: linkScore(duplicateOf('near'), duplicateOf('near')),
    related: linkScore((article) => article.relatedTo, (article) => article.relatedTo),
    mismatches,
  };
}

/** A printable summary of a score, as the CLI shows it. */
export function describeScore(score: ParseScore): string[] {
  const percent = ({ right, total }: FieldTally) => (total === 0 ? 'n/a' : `${((100 * right) / total).toFixed(1)}%`);
  const links = (name: string, { found, labelled, wrong }: LinkTally) => `${name}: ${found} of ${labelled} found, ${wrong} wrong`;
  return [
    `articles: ${score.articles.labelled} labelled, ${score.articles.parsed} parsed, ${score.articles.matched} paired`,
    `fields right: ${percent(score.fields.all)} (${score.fields.all.right} of ${score.fields.all.total})`,
    ...(['headline', 'body', 'photos', 'bylines'] as const).map((part) => `  ${part}: ${percent(score.fields[part])} (${score.fields[part].right} of ${score.fields[part].total})`),
    links('exact duplicates', score.exactDuplicates),
    links('updated versions', score.updatedVersions),
    links('related coverage', score.related),
    ...score.mismatches.map((line) => `mismatch: ${line}`),
  ];
}

function tally(): FieldTally {
  return { right: 0, total: 0 };
}

function add(target: FieldTally, right: number, total: number): void {
  target.right += right;
  target.total += total;
}

/** `all` is the sum of the parts, kept current after every article so mismatches can say what each one lost. */
function recomputeAll(fields: ParseScore['fields']): void {
  const parts = [fields.headline, fields.body, fields.photos, fields.bylines];
  fields.all.right = parts.reduce((sum, part) => sum + part.right, 0);
  fields.all.total = parts.reduce((sum, part) => sum + part.total, 0);
}

/** Spacing aside, a field is right only as written: an editor would fix a photographer's name in capitals too. */
const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const same = (a: string | null | undefined, b: string | null | undefined) => normalise(a ?? '') === normalise(b ?? '');

/**
 * Pairs labelled and parsed articles with equal headlines, in file order (a longest common subsequence,
 * so one invented or lost article does not shift every pair after it).
 */
function pairArticles(labelled: LabelledArticle[], parsed: ScoredParse['articles']): Array<[number, number]> {
  return commonSubsequence(labelled.map((article) => article.headline), parsed.map((article) => article.headline));
}

function orderedMatches(expected: string[], actual: string[]): number {
  return commonSubsequence(expected, actual).length;
}

function commonSubsequence(left: string[], right: string[]): Array<[number, number]> {
  const a = left.map((text) => normalise(text));
  const b = right.map((text) => normalise(text));
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Photos pair by position: a gallery out of order is wrong for an editor as well. */
function photoMatches(expected: WirePhoto[], actual: WirePhoto[]): number {
  let right = 0;
  for (let index = 0; index < Math.min(expected.length, actual.length); index++) {
    for (const field of PHOTO_FIELDS) if (same(expected[index][field], actual[index][field])) right += 1;
  }
  return right;
}

function setMatches(expected: string[], actual: string[]): number {
  const remaining = actual.map((name) => normalise(name));
  let right = 0;
  for (const name of expected) {
    const at = remaining.indexOf(normalise(name));
    if (at >= 0) {
      right += 1;
      remaining.splice(at, 1);
    }
  }
  return right;
}
