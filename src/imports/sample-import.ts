import { INestApplicationContext, Logger } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Repository } from 'typeorm';
import { Import } from './import.entity';
import { ImportsService } from './imports.service';

/** The sample ships beside package.json; this file runs from src/ (tests) or dist/src/ (the built app). */
export const SAMPLE_DUMP = join(projectRoot(__dirname), 'samples', 'aawsat-sample.txt');

function projectRoot(from: string): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) directory = dirname(directory);
  return directory;
}

/** On a database that has never seen an import, brings in the sample dump so an editor has copy to work on. */
export async function importSampleOnFirstStart(app: INestApplicationContext, logger: Logger): Promise<void> {
  const imports = app.get<Repository<Import>>(getRepositoryToken(Import));
  if ((await imports.count()) > 0) return;
  const outcome = await app.get(ImportsService).importFile(SAMPLE_DUMP, { kind: 'system', name: 'first start' });
  logger.log(`imported the sample dump: ${outcome.import.counts?.articlesCreated ?? 0} articles waiting as drafts`);
}
