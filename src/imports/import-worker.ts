import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueueService } from '../jobs/job-queue.service';
import { IMPORT_QUEUE, ImportsService } from './imports.service';

interface ImportJob {
  importId: number;
}

/** Takes queued imports off the PostgreSQL job queue; pg-boss hands each job to one instance at a time. */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportWorker.name);

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
  }
}
