import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobQueueService } from '../jobs/job-queue.service';
import { PublishingService } from './publishing.service';

/** How often each instance looks for due articles; a scheduled article goes live at most this late. */
export const SCHEDULER_INTERVAL_MS = 2_000;

/**
 * Publishes scheduled articles when their time comes. Every app instance runs it; `publishDue` claims
 * rows with `FOR UPDATE SKIP LOCKED`, so each article is published (and announced) exactly once.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly publishing: PublishingService,
    private readonly jobs: JobQueueService,
  ) {}

  onApplicationBootstrap(): void {
    // CLI commands open the app too; only servers publish.
    if (!this.jobs.workersEnabled) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, SCHEDULER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      const published = await this.publishing.publishDue();
      if (published.length > 0) this.logger.log(`published ${published.length} scheduled article(s): ${published.map((article) => article.id).join(', ')}`);
    } catch (error) {
      this.logger.error(`scheduled publishing failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
