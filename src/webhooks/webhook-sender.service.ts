import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JobQueueService } from '../jobs/job-queue.service';
import { refusedWebhookAddress } from './webhook-address';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_QUEUE, WebhookJob } from './webhooks.service';

const MAX_ERROR_LENGTH = 500;

/**
 * Takes webhook deliveries off the job queue and POSTs them. A failed attempt is logged on the delivery
 * and thrown back to pg-boss, which retries it with exponential back-off; the last failure marks it failed.
 */
@Injectable()
export class WebhookSenderService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSenderService.name);

  constructor(
    private readonly jobs: JobQueueService,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly config: ConfigService,
  ) {}

  /**
   * WEBHOOK_CONCURRENCY workers, each taking one delivery at a time, with every attempt cut off after
   * WEBHOOK_TIMEOUT_SECONDS: a receiver that never answers holds one worker for that long, not the queue.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.workersEnabled) return;
    await this.jobs.ensureQueue(WEBHOOK_QUEUE);
    const workers = this.config.get<number>('WEBHOOK_CONCURRENCY', 8);
    for (let worker = 0; worker < workers; worker++) {
      await this.jobs.boss.work<WebhookJob>(WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) await this.attempt(job.data.deliveryId);
      });
    }
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
