import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JobQueueService } from '../jobs/job-queue.service';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_QUEUE, WebhookJob } from './webhooks.service';

const REQUEST_TIMEOUT_MS = 10_000;
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.workersEnabled) return;
    await this.jobs.ensureQueue(WEBHOOK_QUEUE);
    await this.jobs.boss.work<WebhookJob>(WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await this.attempt(job.data.deliveryId);
    });
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
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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
