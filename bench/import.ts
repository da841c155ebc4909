/**
 * `npm run bench:import -- --articles N --dup-rate R --near-rate Q --drift-rate D --headline-words W`
 *
 * Generates a deterministic wire dump in the sample's layout (debris, doubled headers and captions, exact
 * copies and edited near copies of earlier stories) with a drift mix: a fraction D of the stories are laid
 * out as real scrapes vary (galleries of 8–40 photos, a byline in each header position, captions printed
 * once, a header printed once). The labelled stories (src/wire/testing/labelled-stories.ts) are spread
 * through it: originals early, same-topic stories, other outlets' reports, updates and corrections further
 * on, most beyond the parser's window so that the archive lookups are what finds them. It imports the dump
 * into a fresh database through the real importer, then COPYs the same headlines and bodies into a scratch
 * table with the same full-text index as the baseline. Prints throughput, the importer/COPY ratio, peak
 * RSS, and precision and recall for near duplicates (generated edits, and the labelled updates and
 * corrections) and related coverage (labelled), then one JSON line of the figures.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppModule } from '../src/app.module';
import { ImportsService } from '../src/imports/imports.service';
import { ArticleFixture, articleLines, buildDump, HEADER_POSITIONS, syntheticArticle } from '../src/wire/testing/dump-builder';
import { evaluateNearDuplicates, evaluateRelated } from '../src/wire/testing/labelled-evaluation';
import { LABELLED_EVENTS } from '../src/wire/testing/labelled-stories';
import { openScratchDatabase } from './scratch-database';
import { boundHeapGrowth } from '../src/common/heap-growth';

interface Options {
  articles: number;
  dupRate: number;
  nearRate: number;
  driftRate: number;
  headlineWords: number;
}

type LabelledKind = 'original' | 'sameTopic' | 'otherOutlet' | 'update' | 'correction';
const LABELLED_ORDER: LabelledKind[] = ['original', 'sameTopic', 'otherOutlet', 'update', 'correction'];

/** Articles in the second, small dump whose near-duplicate lookups are timed against the finished archive. */
const PROBE_ARTICLES = 5000;

type Origin = { kind: 'original' | 'exact' | 'near'; family: number } | { kind: 'labelled'; event: string; story: LabelledKind };

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number) => {
    const index = argv.indexOf(flag);
    if (index === -1) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a non-negative number`);
    return parsed;
  };
  const options = {
    articles: value('--articles', 10_000),
    dupRate: value('--dup-rate', 0.05),
    nearRate: value('--near-rate', 0.05),
    driftRate: value('--drift-rate', 0.3),
    headlineWords: value('--headline-words', 3),
  };
  if (options.dupRate + options.nearRate >= 1) throw new Error('--dup-rate plus --near-rate must stay below 1');
  return options;
}

/**
 * Where the labelled stories go: each kind in its own stretch of the dump (originals in the first tenth,
 * then same-topic stories, other outlets, updates, corrections), so later ones sit thousands of articles
 * after the originals in a large dump, beyond the parser's in-memory window.
 */
function labelledSlots(articles: number): Map<number, { event: number; story: LabelledKind }> {
  const slots = new Map<number, { event: number; story: LabelledKind }>();
  if (articles < LABELLED_EVENTS.length * LABELLED_ORDER.length * 4) return slots;
  LABELLED_ORDER.forEach((story, stretch) => {
    const start = Math.floor((articles * (1 + 2 * stretch)) / 10);
    LABELLED_EVENTS.forEach((_event, event) => slots.set(start + event * 3 + 1, { event, story }));
  });
  return slots;
}

/** A deterministic stream of articles: originals, exact reprints and edited versions of earlier originals, and the labelled stories. */
function* generate(options: Options): Generator<{ article: ArticleFixture; origin: Origin }> {
  let state = 0x9e3779b9;
  const random = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 0x1_0000_0000;
  };
  // Only the originals' seeds are kept (articles are regenerated from them), so generating a 1 GB dump
  // does not itself take gigabytes and distort the importer's peak RSS.
  const originalSeeds: number[] = [];
  const labelled = labelledSlots(options.articles);
  for (let index = 0; index < options.articles; index += 1) {
    const slot = labelled.get(index);
    if (slot) {
      const event = LABELLED_EVENTS[slot.event]!;
      yield { article: event[slot.story], origin: { kind: 'labelled', event: event.name, story: slot.story } };
      continue;
    }
    const roll = random();
    if (originalSeeds.length > 0 && roll < options.dupRate) {
      const family = Math.floor(random() * originalSeeds.length);
      yield { article: storyFor(originalSeeds[family]!, options), origin: { kind: 'exact', family } };
    } else if (originalSeeds.length > 0 && roll < options.dupRate + options.nearRate) {
      const family = Math.floor(random() * originalSeeds.length);
      yield { article: editedVersion(storyFor(originalSeeds[family]!, options), random), origin: { kind: 'near', family } };
    } else {
      originalSeeds.push(1_000_000 + index);
      yield { article: storyFor(1_000_000 + index, options), origin: { kind: 'original', family: originalSeeds.length - 1 } };
    }
  }
}

/**
 * The story of a seed, in the usual layout or, for a `driftRate` share of seeds, in one of the layouts real
 * scrapes drift into. The layout depends on the seed only, so every reprint of a story is laid out alike.
 */
function storyFor(seed: number, options: Options): ArticleFixture {
  const article = withVariedHeadline(syntheticArticle(seed), seed, options.headlineWords);
  const roll = mixSeed(seed) / 0x1_0000_0000;
  if (roll >= options.driftRate) return article;
  const variant = Math.floor((roll / options.driftRate) * 4);
  const photographer = ['Haidar Hamdani', 'Fayez Nureldine', 'Karim Sahib', 'Ahmed Hasan'][seed % 4];
  if (variant === 0) {
    const photos = Array.from({ length: 8 + (seed % 33) }, (_, photo) => `Picture ${photo + 1} of the scene on the day of story ${seed} (Photo by ${photographer} / AFP)`);
    return { ...article, photos };
  }
  if (variant === 1) {
    const position = HEADER_POSITIONS[seed % HEADER_POSITIONS.length]!;
    return { ...article, headerExtras: [{ text: `By ${photographer} and Staff Reporter`, position }] };
  }
  if (variant === 2) return { ...article, captionPrints: 1 };
  return { ...article, headerPrintedOnce: true };
}

/**
 * The generator's headlines come from ten places, seven verbs and a 45-word vocabulary, so thousands of
 * them share three content words: far less varied than real headlines, which makes the headline lookup
 * (one band is three words) look much busier than on real copy. `--headline-words N` (default 3) adds N
 * words from a 2,000-word made-up vocabulary to each headline; `--headline-words 0` keeps the generator's.
 */
function withVariedHeadline(article: ArticleFixture, seed: number, words: number): ArticleFixture {
  if (words === 0) return article;
  const extra = Array.from({ length: words }, (_, index) => {
    const hash = mixSeed(seed * 31 + index);
    return `${SYLLABLES[hash % 40]}${SYLLABLES[(hash >>> 8) % 40]}${(hash >>> 16) % 2 === 0 ? '' : SYLLABLES[(hash >>> 20) % 40]}`;
  });
  const capitalised = extra.map((word) => word[0]!.toUpperCase() + word.slice(1));
  return { ...article, headline: `${article.headline} as ${capitalised.join(' ')}` };
}

const SYLLABLES = 'ka ro mi tan sel dor vu ple ash mon ri tek bal sun gor ve lin ot par zem cha fi nur dal ok bre sim tor ga len hu pas qin ter wol ab es um yor ix'.split(' ');

function mixSeed(seed: number): number {
  let hash = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1);
  hash = Math.imul(hash ^ (hash >>> 15), 0x846ca68b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** An updated story: one paragraph rewritten and one added at the end, as a wire update would be. */
function editedVersion(original: ArticleFixture, random: () => number): ArticleFixture {
  const body = [...original.body];
  const rewritten = Math.floor(random() * body.length);
  body[rewritten] = `${body[rewritten]!.split('. ')[0]}. Officials gave new figures on ${Math.floor(random() * 1e6)} later in the day.`;
  body.push(`Updated with comment from the ministry, reference ${Math.floor(random() * 1e9)}.`);
  return { ...original, body };
}

async function writeDump(path: string, options: Options): Promise<Map<number, Origin>> {
  const origins = new Map<number, Origin>();
  let line = 1;
  const lines = function* () {
    let first = true;
    for (const { article, origin } of generate(options)) {
      if (!first) {
        yield '\n\n\n';
        line += 3;
      }
      first = false;
      origins.set(line, origin);
      const text = articleLines(article);
      line += text.length;
      yield `${text.join('\n')}\n`;
    }
  };
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return origins;
}

function copyValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The same headlines and bodies, regenerated (not held in memory) and COPYed in one transaction. */
async function copyBaseline(url: string, options: Options): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE copy_baseline (headline text NOT NULL, body text NOT NULL,
      search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', body), 'B')) STORED)`);
    await client.query('CREATE INDEX ON copy_baseline USING GIN (search)');
    const started = performance.now();
    await client.query('BEGIN');
    await pipeline(
      Readable.from((function* () {
        for (const { article } of generate(options)) yield `${copyValue(article.headline)}\t${copyValue(article.body.join('\n\n'))}\n`;
      })()),
      client.query(copyFrom('COPY copy_baseline (headline, body) FROM STDIN')),
    );
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // As the app and the CLI do at start: the figures are the importer's as deployed.
  boundHeapGrowth();
  const options = parseOptions(process.argv.slice(2));
  const scratch = await openScratchDatabase('import');
  const { url, workDir } = scratch;

  try {
    const dumpPath = join(workDir, 'dump.txt');
    const origins = await writeDump(dumpPath, options);
    const { size } = await stat(dumpPath);
    console.log(
      `generated ${options.articles} articles (${(size / 1e6).toFixed(1)} MB), dup-rate ${options.dupRate}, near-rate ${options.nearRate}, drift-rate ${options.driftRate}, headline-words ${options.headlineWords}`,
    );

    // The benchmark's dumps may exceed the default upload limit on purpose (and the probe dump may be the larger one).
    process.env.IMPORT_MAX_BYTES = String(Math.max(size, 256 * 1024 * 1024));
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] });
    let importMs: number;
    let probeNearDuplicateMs: number;
    let flagged: { line: number; targetLine: number }[];
    let related: { line: number; targetLine: number }[];
    try {
      const started = performance.now();
      await app.get(ImportsService).importFile(dumpPath, { kind: 'system', name: 'bench' });
      importMs = performance.now() - started;
      flagged = await app.get<DataSource>(getDataSourceToken()).query(
        `SELECT a."sourceLineStart" AS line, t."sourceLineStart" AS "targetLine" FROM articles a JOIN articles t ON t.id = a."duplicateOfId" WHERE a."duplicateKind" = 'near'`,
      );
      related = await app.get<DataSource>(getDataSourceToken()).query(
        `SELECT a."sourceLineStart" AS line, t."sourceLineStart" AS "targetLine" FROM article_related_links l
           JOIN articles a ON a.id = l."articleId" JOIN articles t ON t.id = l."relatedId"`,
      );
      // The near-duplicate lookup's cost against the archive just built, measured on a small second dump so
      // that parsing a large file in the same event loop does not blur the timing.
      const probePath = join(workDir, 'probe.txt');
      await writeFile(probePath, buildDump(Array.from({ length: PROBE_ARTICLES }, (_, index) => withVariedHeadline(syntheticArticle(5_000_000 + index), 5_000_000 + index, options.headlineWords))));
      const probe = await app.get(ImportsService).importFile(probePath, { kind: 'system', name: 'bench' });
      probeNearDuplicateMs = probe.report!.nearDuplicateMs;
    } finally {
      await app.close();
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const copyMs = await copyBaseline(url, options);

    // Generated edits. Precision: flagged pairs whose two articles come from the same original story.
    // Recall: edited versions that were flagged (each has an original earlier in the dump by construction).
    const familyOf = (line: number) => {
      const origin = origins.get(line);
      return origin && origin.kind !== 'labelled' ? origin.family : undefined;
    };
    const generatedFlags = flagged.filter((pair) => origins.get(pair.line)?.kind !== 'labelled');
    const truePositives = generatedFlags.filter((pair) => familyOf(pair.line) !== undefined && familyOf(pair.line) === familyOf(pair.targetLine)).length;
    const flaggedNear = new Set(flagged.map((pair) => pair.line));
    const nearTruth = [...origins.entries()].filter(([, origin]) => origin.kind === 'near');
    const recalled = nearTruth.filter(([line]) => flaggedNear.has(line)).length;

    // The labelled stories, through the importer and the archive.
    const labelledOf = (line: number) => {
      const origin = origins.get(line);
      return origin?.kind === 'labelled' ? origin : undefined;
    };
    const isVersion = (story: LabelledKind) => story === 'original' || story === 'update' || story === 'correction';
    const labelledFlags = flagged.filter((pair) => labelledOf(pair.line) !== undefined);
    const rightFlag = (pair: { line: number; targetLine: number }) => {
      const [story, target] = [labelledOf(pair.line)!, labelledOf(pair.targetLine)];
      return target !== undefined && target.event === story.event && story.story !== 'original' && isVersion(story.story) && isVersion(target.story);
    };
    const labelledVersions = [...origins.entries()].filter(([, origin]) => origin.kind === 'labelled' && (origin.story === 'update' || origin.story === 'correction'));
    const labelledNear = precisionRecall(labelledFlags.filter(rightFlag).length, labelledFlags.length, labelledVersions.filter(([line]) => labelledFlags.some((pair) => pair.line === line && rightFlag(pair))).length, labelledVersions.length);
    const rightLink = (pair: { line: number; targetLine: number }) => {
      const [story, target] = [labelledOf(pair.line), labelledOf(pair.targetLine)];
      if (!story || !target || story.event !== target.event || story.story === 'sameTopic' || target.story === 'sameTopic') return false;
      return !(isVersion(story.story) && isVersion(target.story));
    };
    const outletReports = [...origins.entries()].filter(([, origin]) => origin.kind === 'labelled' && origin.story === 'otherOutlet');
    const relatedScore = precisionRecall(related.filter(rightLink).length, related.length, outletReports.filter(([line]) => related.some((pair) => (pair.line === line || pair.targetLine === line) && rightLink(pair))).length, outletReports.length);
    const parserNear = evaluateNearDuplicates();
    const parserRelated = evaluateRelated();

    const figures = {
      articles: options.articles,
      articlesPerSec: Math.round(options.articles / (importMs / 1000)),
      copyArticlesPerSec: Math.round(options.articles / (copyMs / 1000)),
      ratioToCopy: Number((copyMs / importMs).toFixed(3)),
      importSeconds: Number((importMs / 1000).toFixed(2)),
      copySeconds: Number((copyMs / 1000).toFixed(2)),
      peakRssMb: Math.round(peakRssMb),
      nearFlagged: generatedFlags.length,
      nearTruth: nearTruth.length,
      nearPrecision: generatedFlags.length ? Number((truePositives / generatedFlags.length).toFixed(4)) : 1,
      nearRecall: nearTruth.length ? Number((recalled / nearTruth.length).toFixed(4)) : 1,
      nearDupMsPerArticle: Number((probeNearDuplicateMs / PROBE_ARTICLES).toFixed(4)),
      labelledNear,
      related: { linked: related.length, ...relatedScore },
      labelledSetParser: { near: { precision: parserNear.precision, recall: parserNear.recall }, related: { precision: parserRelated.precision, recall: parserRelated.recall } },
    };
    console.log(`importer: ${figures.articlesPerSec} articles/s (${figures.importSeconds} s); COPY: ${figures.copyArticlesPerSec} articles/s (${figures.copySeconds} s); ratio ${figures.ratioToCopy}`);
    console.log(`peak RSS ${figures.peakRssMb} MB; near duplicates: ${generatedFlags.length} flagged, ${nearTruth.length} generated, precision ${figures.nearPrecision}, recall ${figures.nearRecall}; lookup ${figures.nearDupMsPerArticle} ms per new article`);
    console.log(`labelled updates and corrections in the dump: precision ${labelledNear.precision}, recall ${labelledNear.recall}; related coverage: ${related.length} links, precision ${relatedScore.precision}, recall ${relatedScore.recall}`);
    console.log(`labelled set through the parser: near duplicates precision ${parserNear.precision.toFixed(3)}, recall ${parserNear.recall.toFixed(3)}; related precision ${parserRelated.precision.toFixed(3)}, recall ${parserRelated.recall.toFixed(3)}`);
    console.log(JSON.stringify(figures));
  } finally {
    await scratch.drop();
  }
}

function precisionRecall(right: number, found: number, recalled: number, expected: number): { precision: number; recall: number } {
  return { precision: found ? Number((right / found).toFixed(4)) : 1, recall: expected ? Number((recalled / expected).toFixed(4)) : 1 };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
