import { setTimeout as sleep } from 'node:timers/promises';
import { Command, CommandRunner } from 'nest-commander';
import { Actor } from '../auth/actor';
import { Import, ImportStatus } from '../imports/import.entity';
import { ImportsService } from '../imports/imports.service';
import { WiredeskContext } from './wiredesk-context';

const OPERATOR: Actor = { kind: 'system', name: 'cli' };
const FINAL = [ImportStatus.Completed, ImportStatus.Failed, ImportStatus.Rejected];

/**
 * `import:retry <id>`: queues a failed or stalled import again, runs it in this process (unless a running
 * server's worker takes it first), and waits for the end. Exits 0 only when it completed.
 */
@Command({ name: 'import:retry', arguments: '<id>', description: 'run a failed or stalled import again from its stored file, and wait for it' })
export class ImportRetryCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    if (!/^\d+$/.test(id)) throw new Error(`the import id must be a number, not "${id}"`);
    const imports = await this.context.get(ImportsService);
    const queued = await imports.retry(Number(id), OPERATOR);
    console.log(`import ${queued.id} (${queued.fileName}) queued again`);
    if (!(await imports.runQueued(queued.id))) console.log(`a running instance took it; waiting for it to finish`);
    const finished = await this.waitForEnd(imports, queued.id);
    console.log(describe(finished));
    if (finished.status !== ImportStatus.Completed) process.exitCode = 1;
  }

  private async waitForEnd(imports: ImportsService, id: number): Promise<Import> {
    for (;;) {
      const current = await imports.findById(id, OPERATOR);
      if (FINAL.includes(current.status)) return current;
      await sleep(500);
    }
  }
}

function describe(record: Import): string {
  if (record.status !== ImportStatus.Completed) return `import ${record.id} ${record.status} after ${record.attempts} attempts: ${record.error ?? 'no reason recorded'}`;
  const counts = record.counts!;
  return `import ${record.id} completed (attempt ${record.attempts}): ${counts.articlesCreated} created, ${counts.exactDuplicates} exact and ${counts.nearDuplicates} near duplicates, ${counts.photosCreated} photos, ${counts.authorsCreated} authors`;
}
