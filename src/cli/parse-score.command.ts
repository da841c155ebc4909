import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { describeScore, LabelledDump, parseWireDump, scoreParse, toParseJson, WireInputError } from '../wire';

interface ScoreOptions {
  json?: boolean;
}

/**
 * `parse:score <dump> <labels.json>`: how much of a real dump the parser gets right, field by field, against
 * a person's labels (format: src/wire/scoring.ts, LabelledDump; example: samples/aawsat-sample.labels.json).
 * No database. Exit code 0 whatever the score: it is a measurement, not a gate.
 */
@Command({ name: 'parse:score', arguments: '<dump> <labels>', description: 'score the parse of a dump against hand-made labels (no database)' })
export class ParseScoreCommand extends CommandRunner {
  @Option({ flags: '--json', description: 'print the score as JSON' })
  scoreJson(): boolean {
    return true;
  }

  async run([dumpFile, labelsFile]: string[], options: ScoreOptions): Promise<void> {
    const labels = parseLabels(await readOrExplain(labelsFile), labelsFile);
    let parse;
    try {
      parse = toParseJson(parseWireDump(await readOrExplain(dumpFile)));
    } catch (error) {
      if (!(error instanceof WireInputError)) throw error;
      throw new Error(`${dumpFile}: rejected: ${error.message}`);
    }
    const score = scoreParse(labels, parse);
    if (options.json) process.stdout.write(`${JSON.stringify(score)}\n`);
    else for (const line of describeScore(score)) console.log(line);
  }
}

async function readOrExplain(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
}

function parseLabels(bytes: Buffer, file: string): LabelledDump {
  let labels: unknown;
  try {
    labels = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const articles = (labels as LabelledDump | null)?.articles;
  const wellFormed = Array.isArray(articles) && articles.every((article, index) => {
    const ok = typeof article?.headline === 'string' && Array.isArray(article.body) && Array.isArray(article.photos) && Array.isArray(article.bylines);
    if (!ok) throw new Error(`${file}: article ${index} needs headline (text), body, photos and bylines (lists)`);
    return ok;
  });
  if (!wellFormed) throw new Error(`${file}: expected { "articles": [ { "headline", "body", "photos", "bylines" }, … ] }`);
  return labels as LabelledDump;
}
