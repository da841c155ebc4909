/**
 * `npm run bench:import -- --articles N --dup-rate R --near-rate Q`
 *
 * Generates a deterministic wire dump in the sample's layout (debris, doubled headers and captions, exact
 * copies and edited near copies of earlier stories), imports it into a fresh database through the real
 * importer, then COPYs the same headlines and bodies into a scratch table with the same full-text index
 * as the baseline. Prints throughput, the importer/COPY ratio, peak RSS and near-duplicate precision and
 * recall against the generator's truth, and ends with one JSON line of the figures.
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
import { ArticleFixture, articleLines, buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { openScratchDatabase } from './scratch-database';

interface Options {
  articles: number;
  dupRate: number;
  nearRate: number;
}

/** Articles in the second, small dump whose near-duplicate lookups are timed against the finished archive. */
const PROBE_ARTICLES = 5000;

type Origin = { kind: 'original'; family: number } | { kind: 'exact' | 'near'; family: number };

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number) => {
    const index = argv.indexOf(flag);
    if (index === -1) return fallback;
    const parsed = Number(argv[index + 1]);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a non-negative number`);
    return parsed;
  };
  const options = { articles: value('--articles', 10_000), dupRate: value('--dup-rate', 0.05), nearRate: value('--near-rate', 0.05) };
  if (options.dupRate + options.nearRate >= 1) throw new Error('--dup-rate plus --near-rate must stay below 1');
  return options;
}

/** A deterministic stream of articles: originals, exact reprints and edited versions of earlier originals. */
function* generate(options: Options): Generator<{ article: ArticleFixture; origin: Origin }> {
  let state = 0x9e3779b9;
  const random = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 0x1_0000_0000;
  };
  // Only the originals' seeds are kept (articles are regenerated from them), so generating a 1 GB dump
  // does not itself take gigabytes and distort the importer's peak RSS.
  const originalSeeds: number[] = [];
  for (let index = 0; index < options.articles; index += 1) {
    const roll = random();
    if (originalSeeds.length > 0 && roll < options.dupRate) {
      const family = Math.floor(random() * originalSeeds.length);
      yield { article: syntheticArticle(originalSeeds[family]!), origin: { kind: 'exact', family } };
    } else if (originalSeeds.length > 0 && roll < options.dupRate + options.nearRate) {
      const family = Math.floor(random() * originalSeeds.length);
      yield { article: editedVersion(syntheticArticle(originalSeeds[family]!), random), origin: { kind: 'near', family } };
    } else {
      originalSeeds.push(1_000_000 + index);
      yield { article: syntheticArticle(1_000_000 + index), origin: { kind: 'original', family: originalSeeds.length - 1 } };
    }
  }
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
  const options = parseOptions(process.argv.slice(2));
  const scratch = await openScratchDatabase('import');
  const { url, workDir } = scratch;

  try {
    const dumpPath = join(workDir, 'dump.txt');
    const origins = await writeDump(dumpPath, options);
    const { size } = await stat(dumpPath);
    console.log(`generated ${options.articles} articles (${(size / 1e6).toFixed(1)} MB), dup-rate ${options.dupRate}, near-rate ${options.nearRate}`);

    // The benchmark's dumps may exceed the default upload limit on purpose.
    process.env.IMPORT_MAX_BYTES = String(size);
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ databaseUrl: url, runWorkers: false }), { logger: ['error', 'warn'] });
    let importMs: number;
    let probeNearDuplicateMs: number;
    let flagged: { line: number; targetLine: number }[];
    try {
      const started = performance.now();
      await app.get(ImportsService).importFile(dumpPath, { kind: 'system', name: 'bench' });
      importMs = performance.now() - started;
      flagged = await app.get<DataSource>(getDataSourceToken()).query(
        `SELECT a."sourceLineStart" AS line, t."sourceLineStart" AS "targetLine" FROM articles a JOIN articles t ON t.id = a."duplicateOfId" WHERE a."duplicateKind" = 'near'`,
      );
      // The near-duplicate lookup's cost against the archive just built, measured on a small second dump so
      // that parsing a large file in the same event loop does not blur the timing.
      const probePath = join(workDir, 'probe.txt');
      await writeFile(probePath, buildDump(Array.from({ length: PROBE_ARTICLES }, (_, index) => syntheticArticle(5_000_000 + index))));
      const probe = await app.get(ImportsService).importFile(probePath, { kind: 'system', name: 'bench' });
      probeNearDuplicateMs = probe.report!.nearDuplicateMs;
    } finally {
      await app.close();
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const copyMs = await copyBaseline(url, options);

    // Precision: flagged pairs whose two articles come from the same original story. Recall: edited
    // versions that were flagged (each has an original earlier in the dump by construction).
    const familyOf = (line: number) => origins.get(line)?.family;
    const truePositives = flagged.filter((pair) => familyOf(pair.line) !== undefined && familyOf(pair.line) === familyOf(pair.targetLine)).length;
    const flaggedNear = new Set(flagged.map((pair) => pair.line));
    const nearTruth = [...origins.entries()].filter(([, origin]) => origin.kind === 'near');
    const recalled = nearTruth.filter(([line]) => flaggedNear.has(line)).length;

    const figures = {
      articles: options.articles,
      articlesPerSec: Math.round(options.articles / (importMs / 1000)),
      copyArticlesPerSec: Math.round(options.articles / (copyMs / 1000)),
      ratioToCopy: Number((copyMs / importMs).toFixed(3)),
      importSeconds: Number((importMs / 1000).toFixed(2)),
      copySeconds: Number((copyMs / 1000).toFixed(2)),
      peakRssMb: Math.round(peakRssMb),
      nearFlagged: flagged.length,
      nearTruth: nearTruth.length,
      nearPrecision: flagged.length ? Number((truePositives / flagged.length).toFixed(4)) : 1,
      nearRecall: nearTruth.length ? Number((recalled / nearTruth.length).toFixed(4)) : 1,
      nearDupMsPerArticle: Number((probeNearDuplicateMs / PROBE_ARTICLES).toFixed(4)),
    };
    console.log(`importer: ${figures.articlesPerSec} articles/s (${figures.importSeconds} s); COPY: ${figures.copyArticlesPerSec} articles/s (${figures.copySeconds} s); ratio ${figures.ratioToCopy}`);
    console.log(`peak RSS ${figures.peakRssMb} MB; near duplicates: ${flagged.length} flagged, ${nearTruth.length} generated, precision ${figures.nearPrecision}, recall ${figures.nearRecall}; lookup ${figures.nearDupMsPerArticle} ms per new article`);
    console.log(JSON.stringify(figures));
  } finally {
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
