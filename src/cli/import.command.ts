import { SingleBar } from 'cli-progress';
import { stat } from 'node:fs/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { Actor } from '../auth/actor';
import { ImportError } from '../imports/import-error';
import { ImportsService } from '../imports/imports.service';
import { WiredeskContext } from './wiredesk-context';

const OPERATOR: Actor = { kind: 'system', name: 'cli' };

interface ImportOptions {
  dryRun?: boolean;
  strict?: boolean;
}

interface SummaryRow {
  file: string;
  result: string;
  created: number | string;
  exactDuplicates: number | string;
  nearDuplicates: number | string;
  needsReview: number | string;
  photos: number | string;
  authors: number | string;
  removedLines: number | string;
  warnings: number | string;
}

/**
 * `import <file...> [--dry-run] [--strict]`: imports each dump in its own transaction, streaming it from disk.
 * Exits non-zero when any file was rejected, or with --strict when any article needs review; an already
 * imported file is not an error.
 */
@Command({ name: 'import', arguments: '<files...>', description: 'import wire dumps into the database' })
export class ImportCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--dry-run', description: 'parse and de-duplicate against the database, report, then roll back' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--strict', description: 'exit 1 when any imported article needs review (the parser guessed something)' })
  parseStrict(): boolean {
    return true;
  }

  async run(files: string[], options: ImportOptions): Promise<void> {
    const imports = await this.context.get(ImportsService);
    const rows: SummaryRow[] = [];
    let rejected = 0;
    for (const file of files) {
      try {
        rows.push(await this.importOne(imports, file, options.dryRun ?? false));
      } catch (error) {
        if (!(error instanceof ImportError) && !isMissingFile(error)) throw error;
        rejected += 1;
        const reason = error instanceof ImportError ? error.message : `cannot read ${file}`;
        console.error(`${file}: rejected: ${reason}`);
        rows.push({ file, result: 'rejected', created: '-', exactDuplicates: '-', nearDuplicates: '-', needsReview: '-', photos: '-', authors: '-', removedLines: '-', warnings: '-' });
      }
    }
    console.table(rows);
    const needsReview = rows.reduce((total, row) => total + (typeof row.needsReview === 'number' ? row.needsReview : 0), 0);
    if (needsReview > 0) {
      console.log(`${needsReview} article(s) need review: the parser guessed something (see each import's report, or the panel's Needs review queue)`);
    }
    if (rejected > 0 || (options.strict && needsReview > 0)) process.exitCode = 1;
  }

  private async importOne(imports: ImportsService, file: string, dryRun: boolean): Promise<SummaryRow> {
    const { size } = await stat(file);
    const bar = process.stdout.isTTY
      ? new SingleBar({
          format: `${file} |{bar}| {percentage}% {value}/{total} bytes | {articles} articles | {rate} | ETA {eta_formatted}`,
          hideCursor: true,
        })
      : undefined;
    const started = Date.now();
    bar?.start(size, 0, { articles: 0, rate: '' });
    try {
      const outcome = await imports.importFile(file, OPERATOR, {
        dryRun,
        onProgress: ({ bytes, articles }) => {
          const seconds = Math.max((Date.now() - started) / 1000, 0.001);
          bar?.update(bytes, { articles, rate: `${(bytes / seconds / 1e6).toFixed(1)} MB/s, ${Math.round(articles / seconds)} articles/s` });
        },
      });
      bar?.update(size);
      // Nothing was written for bytes imported before: show zeros, not the earlier import's figures.
      const counts = outcome.alreadyImported ? null : outcome.import.counts;
      const result = outcome.alreadyImported ? `already imported (#${outcome.import.id})` : dryRun ? 'dry run' : `imported (#${outcome.import.id})`;
      if (outcome.report?.warnings.length) for (const warning of outcome.report.warnings) console.error(`${file}: warning: ${warning}`);
      return {
        file,
        result,
        created: counts?.articlesCreated ?? 0,
        exactDuplicates: counts?.exactDuplicates ?? 0,
        nearDuplicates: counts?.nearDuplicates ?? 0,
        needsReview: counts?.needsReview ?? 0,
        photos: counts?.photosCreated ?? 0,
        authors: counts?.authorsCreated ?? 0,
        removedLines: counts?.linesRemoved ?? 0,
        warnings: counts?.warnings ?? 0,
      };
    } finally {
      bar?.stop();
    }
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
