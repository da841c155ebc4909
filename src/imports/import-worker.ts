import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueueService } from '../jobs/job-queue.service';
import { IMPORT_QUEUE, ImportsService } from './imports.service';

interface ImportJob {
  importId: number;
}

/** How often every instance looks for imports whose worker died; well within the promised two minutes. */
export const STALLED_IMPORT_CHECK_MS = 15_000;

/**
 * Takes queued imports off the PostgreSQL job queue; pg-boss hands each job to one instance at a time. Also
 * watches for imports left running by a worker that died (a crashed or killed instance), at start-up and
 * every {@link STALLED_IMPORT_CHECK_MS}, and queues them again.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportWorker.name);
  private stallCheck?: NodeJS.Timeout;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly jobs: JobQueueService,
    private readonly imports: ImportsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.workersEnabled) return;
    await this.jobs.ensureQueue(IMPORT_QUEUE);
    await this.jobs.boss.work<ImportJob>(
      IMPORT_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true },
      async ([job]) => {
        if (!job) return;
        try {
          await this.imports.runQueued(job.data.importId);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          this.logger.error(`import ${job.data.importId} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}): ${reason}`);
          if (job.retryCount >= job.retryLimit) await this.imports.markFailed(job.data.importId, reason);
          throw error;
        }
      },
    );
    await this.resumeStalled();
    this.stallCheck = setInterval(() => void this.resumeStalled(), STALLED_IMPORT_CHECK_MS);
    this.stallCheck.unref();
  }

  /** Before the database connections close: no new check, and the one under way finishes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.stallCheck);
    await this.checking;
  }

  private resumeStalled(): Promise<void> {
    this.checking ??= this.imports
      .resumeStalled()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`looking for stalled imports failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.checking = null));
    return this.checking;
  }
}
