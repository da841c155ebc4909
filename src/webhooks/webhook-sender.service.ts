import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JOB_QUEUE_SCHEMA, JobQueueService } from '../jobs/job-queue.service';
import { refusedWebhookAddress } from './webhook-address';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_QUEUE, WebhookJob, WebhooksService } from './webhooks.service';

const MAX_ERROR_LENGTH = 500;
/** An attempt in flight longer than this marks its receiver as slow. */
const SLOW_ATTEMPT_MS = 1_000;
/** A slow subscription's waiting deliveries are held back this long, plus up to as long again to spread them. */
const SLOW_DEFER_MS = 2_000;
/** A delivery whose subscription's slots are held by quick attempts waits only this long. */
const BUSY_DEFER_MS = 200;

/**
 * Takes webhook deliveries off the job queue and POSTs them. A failed attempt is logged on the delivery
 * and thrown back to pg-boss, which retries it with exponential back-off; the last failure marks it failed.
 */
@Injectable()
export class WebhookSenderService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSenderService.name);
  private stopping = false;

  constructor(
    private readonly jobs: JobQueueService,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly config: ConfigService,
    private readonly webhooks: WebhooksService,
  ) {}

  /**
   * WEBHOOK_CONCURRENCY workers, each taking one delivery at a time, with every attempt cut off after
   * WEBHOOK_TIMEOUT_SECONDS. A worker only sends when the delivery's subscription has fewer than
   * WEBHOOK_SUBSCRIPTION_CONCURRENCY attempts in flight; otherwise it puts the delivery back to the end of the
   * queue and moves on, so a receiver that hangs or fails holds a few workers, never all of them.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.workersEnabled) return;
    await this.jobs.ensureQueue(WEBHOOK_QUEUE);
    const workers = this.config.get<number>('WEBHOOK_CONCURRENCY', 8);
    for (let worker = 0; worker < workers; worker++) {
      await this.jobs.boss.work<WebhookJob>(WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        await this.take(job.id, job.data.deliveryId);
        // Completed now rather than when the handler returns: while active it would hold a slot of its subscription.
        await this.jobs.boss.complete(WEBHOOK_QUEUE, job.id);
        await this.drain();
      });
    }
  }

  /** Before any module shuts down (the job queue waits for running handlers, which must stop draining). */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Keeps taking jobs while there are any: pg-boss's own loop waits its polling interval after every job,
   * which would cap each worker at two deliveries a second however quickly receivers answer.
   */
  private async drain(): Promise<void> {
    while (!this.stopping) {
      const [job] = await this.jobs.boss.fetch<WebhookJob>(WEBHOOK_QUEUE);
      if (!job) return;
      try {
        await this.take(job.id, job.data.deliveryId);
        await this.jobs.boss.complete(WEBHOOK_QUEUE, job.id);
      } catch (error) {
        await this.jobs.boss.fail(WEBHOOK_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /**
   * Attempts the delivery of a job this worker just fetched, or puts it back when its subscription is at its
   * cap. If the attempts in flight are slow (the receiver hangs or crawls), all of the subscription's waiting
   * jobs are held back at once, so its backlog does not take workers' turns only to be put back one by one.
   */
  private async take(jobId: string, deliveryId: number): Promise<void> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.Pending) return;
    const inFlight = await this.attemptsInFlight(delivery.subscriptionId);
    if (inFlight.some((job) => job.id === jobId)) return this.attempt(deliveryId);
    const oldestStart = Math.min(...inFlight.map((job) => job.startedOn.getTime()));
    const slow = Date.now() - oldestStart > SLOW_ATTEMPT_MS;
    const until = new Date(Date.now() + (slow ? SLOW_DEFER_MS + Math.random() * SLOW_DEFER_MS : BUSY_DEFER_MS));
    await this.webhooks.requeue(deliveryId, delivery.attempts, until);
    if (slow) await this.deferWaiting(delivery.subscriptionId, until);
  }

  /**
   * The subscription's first WEBHOOK_SUBSCRIPTION_CONCURRENCY active jobs, by the time pg-boss started them:
   * the attempts that hold its slots. pg-boss marks a job active when a worker fetches it, on any instance,
   * and expires it if that worker dies; ranking by start gives every worker the same answer without a lock.
   */
  private async attemptsInFlight(subscriptionId: number): Promise<Array<{ id: string; startedOn: Date }>> {
    const cap = this.config.get<number>('WEBHOOK_SUBSCRIPTION_CONCURRENCY', 2);
    return this.deliveries.query(
      `SELECT job.id, job.started_on AS "startedOn"
         FROM ${JOB_QUEUE_SCHEMA}.job job
         JOIN webhook_deliveries delivery ON delivery.id = (job.data->>'deliveryId')::int
        WHERE job.name = $1 AND job.state = 'active' AND delivery."subscriptionId" = $2
        ORDER BY job.started_on, job.id
        LIMIT $3`,
      [WEBHOOK_QUEUE, subscriptionId, cap],
    );
  }

  /** Holds back every job of the subscription that is ready to run until `until`, in one statement. */
  private async deferWaiting(subscriptionId: number, until: Date): Promise<void> {
    await this.deliveries.query(
      `UPDATE ${JOB_QUEUE_SCHEMA}.job job
          SET start_after = $3
         FROM webhook_deliveries delivery
        WHERE job.name = $1 AND job.state IN ('created', 'retry') AND job.start_after < $3
          AND delivery.id = (job.data->>'deliveryId')::int AND delivery."subscriptionId" = $2`,
      [WEBHOOK_QUEUE, subscriptionId, until],
    );
  }

  /** One attempt at one delivery; throws when it should be retried. */
  async attempt(deliveryId: number): Promise<void> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.Pending) return;
    const subscription = await this.deliveries.manager
      .createQueryBuilder(WebhookSubscription, 'subscription')
      .addSelect('subscription.secret')
      .where('subscription.id = :id', { id: delivery.subscriptionId })
      .getOne();
    if (!subscription) return;
    // Paused after this was queued: it is not sent, nor retried.
    if (!subscription.active) {
      delivery.status = WebhookDeliveryStatus.Failed;
      delivery.lastError = 'not sent: the subscription was paused';
      await this.deliveries.save(delivery);
      return;
    }

    delivery.attempts += 1;
    const failure = await this.post(subscription, delivery);
    if (failure === null) {
      delivery.status = WebhookDeliveryStatus.Delivered;
      delivery.deliveredAt = new Date();
      await this.deliveries.save(delivery);
      return;
    }
    delivery.lastError = failure.slice(0, MAX_ERROR_LENGTH);
    const finalAttempt = delivery.attempts >= WEBHOOK_MAX_ATTEMPTS;
    if (finalAttempt) delivery.status = WebhookDeliveryStatus.Failed;
    await this.deliveries.save(delivery);
    this.logger.warn(`webhook delivery ${delivery.id} to ${subscription.url} failed (attempt ${delivery.attempts} of ${WEBHOOK_MAX_ATTEMPTS}): ${failure}`);
    if (!finalAttempt) throw new Error(failure);
  }

  /** `null` when the receiver accepted the delivery (any 2xx), else why not. */
  private async post(subscription: WebhookSubscription, delivery: WebhookDelivery): Promise<string | null> {
    const timestamp = Math.floor(Date.now() / 1000);
    const refused = await refusedWebhookAddress(subscription.url, this.config.get<string>('WEBHOOK_ALLOW_PRIVATE') === 'true');
    if (refused) {
      delivery.lastResponseStatus = null;
      return `not sent: ${refused}`;
    }
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Wiredesk-Webhooks/1',
          'X-Wiredesk-Event': delivery.event,
          'X-Wiredesk-Delivery': String(delivery.id),
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(subscription.secret, timestamp, delivery.payload),
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.get<number>('WEBHOOK_TIMEOUT_SECONDS', 10) * 1000),
      });
      delivery.lastResponseStatus = response.status;
      await response.body?.cancel();
      return response.ok ? null : `the receiver answered HTTP ${response.status}`;
    } catch (error) {
      delivery.lastResponseStatus = null;
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return `could not reach the receiver: ${cause}`;
    }
  }
}
