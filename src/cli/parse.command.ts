import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { parseWireDump, toParseJson, WireInputError } from '../wire';

interface ParseOptions {
  json?: boolean;
}

/**
 * `parse <file> --json`: the parser's view of a dump, with no database. The JSON shape is a contract
 * that other tools read; without --json a short human summary is printed instead.
 */
@Command({ name: 'parse', arguments: '<file>', description: 'parse a wire dump and print what would be imported (no database)' })
export class ParseCommand extends CommandRunner {
  @Option({ flags: '--json', description: 'print the full parse as JSON on stdout' })
  parseJson(): boolean {
    return true;
  }

  async run([file]: string[], options: ParseOptions): Promise<void> {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    let result;
    try {
      result = parseWireDump(bytes);
    } catch (error) {
      if (!(error instanceof WireInputError)) throw error;
      console.error(`${file}: rejected: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(toParseJson(result))}\n`);
      return;
    }
    for (const [index, article] of result.articles.entries()) {
      const duplicate = article.duplicateKind ? ` [${article.duplicateKind} duplicate of #${article.duplicateOf}]` : '';
      const review = article.anomalies.length > 0 ? ` [needs review: ${[...new Set(article.anomalies.map((anomaly) => anomaly.code))].join(', ')}]` : '';
      console.log(`#${index} lines ${article.lines[0]}–${article.lines[1]}: ${article.headline} (${article.body.length} paragraphs, ${article.photos.length} photos)${duplicate}${review}`);
    }
    const needsReview = result.articles.filter((article) => article.anomalies.length > 0).length;
    console.log(`${result.articles.length} articles (${needsReview} need review), ${result.removed.length} lines removed, ${result.warnings.length} warnings`);
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
  }
}
