import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { ArrayContains, DataSource, EntityManager, Repository } from 'typeorm';
import { Actor, assertCan, Permission } from '../auth/actor';
import { JOB_QUEUE_SCHEMA, JobQueueService } from '../jobs/job-queue.service';
import { refusedWebhookAddress } from './webhook-address';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookError, WebhookErrorCode } from './webhook-error';
import { ArticleEventName, type PendingArticleUpdates } from '../articles/article-events';
import { ImportEventName } from '../imports/import-events';
import type { Import } from '../imports/import.entity';
import type { WebhookEvent } from './webhook-event';
import { articleUpdatedPayload, importCompletedPayload } from './webhook-payloads';
import { WebhookSubscription } from './webhook-subscription.entity';

export const WEBHOOK_QUEUE = 'webhook-delivery';
/** Attempts per delivery; with the back-off below the last one comes about 8 minutes after the first. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** pg-boss doubles this after each failure (2 s, 4 s, 8 s, …). */
export const WEBHOOK_RETRY_DELAY_SECONDS = 2;

export interface WebhookJob {
  deliveryId: number;
}

export interface SubscriptionInput {
  url: string;
  events: WebhookEvent[];
  /** Generated when absent. */
  secret?: string;
  active?: boolean;
}

@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly config: ConfigService,
  ) {}

  /** Whether webhooks may go to loopback, link-local and private addresses (WEBHOOK_ALLOW_PRIVATE=true). */
  get allowPrivateAddresses(): boolean {
    return this.config.get<string>('WEBHOOK_ALLOW_PRIVATE') === 'true';
  }

  private async assertReachable(url: string): Promise<void> {
    const refused = await refusedWebhookAddress(url, this.allowPrivateAddresses);
    if (refused) throw new WebhookError(WebhookErrorCode.InvalidSubscription, refused);
  }

  /** The new subscription and its signing secret, which is shown only here. */
  async subscribe(input: SubscriptionInput, actor: Actor): Promise<{ subscription: WebhookSubscription; secret: string }> {
    assertCan(actor, Permission.ManageIntegrations);
    await this.assertReachable(input.url);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const saved = await this.subscriptions.save(
      this.subscriptions.create({ url: input.url, events: [...new Set(input.events)], secret, active: input.active ?? true }),
    );
    return { subscription: await this.get(saved.id), secret };
  }

  list(actor: Actor): Promise<WebhookSubscription[]> {
    assertCan(actor, Permission.ManageIntegrations);
    return this.subscriptions.find({ order: { id: 'ASC' } });
  }

  async update(id: number, changes: Partial<SubscriptionInput>, actor: Actor): Promise<WebhookSubscription> {
    assertCan(actor, Permission.ManageIntegrations);
    const subscription = await this.get(id);
    if (changes.url !== undefined) await this.assertReachable(changes.url);
    if (changes.url !== undefined) subscription.url = changes.url;
    if (changes.events !== undefined) subscription.events = [...new Set(changes.events)];
    if (changes.active !== undefined) subscription.active = changes.active;
    if (changes.secret !== undefined) subscription.secret = changes.secret;
    await this.dataSource.transaction(async (manager) => {
      await manager.save(subscription);
      // A paused subscription hears nothing more: what was still waiting to be sent (or retried) is dropped.
      if (changes.active === false) await cancelPending(manager.getRepository(WebhookDelivery), id, 'not sent: the subscription was paused');
    });
    return this.get(id);
  }

  async remove(id: number, actor: Actor): Promise<void> {
    assertCan(actor, Permission.ManageIntegrations);
    await this.get(id);
    await this.subscriptions.delete({ id });
  }

  async deliveriesOf(id: number, actor: Actor, limit = 100): Promise<WebhookDelivery[]> {
    assertCan(actor, Permission.ManageIntegrations);
    await this.get(id);
    return this.deliveries.find({ where: { subscriptionId: id }, order: { id: 'DESC' }, take: limit });
  }

  /**
   * Sends a delivery again, byte for byte (same id, so a receiver that did get it can tell): it goes back to
   * pending with a fresh round of attempts. Refused while it is still pending or its subscription is paused.
   */
  async replay(subscriptionId: number, deliveryId: number, actor: Actor): Promise<WebhookDelivery> {
    assertCan(actor, Permission.ManageIntegrations);
    const subscription = await this.get(subscriptionId);
    await this.jobs.ensureQueue(WEBHOOK_QUEUE);
    return this.dataSource.transaction(async (manager) => {
      const delivery = await manager.findOne(WebhookDelivery, { where: { id: deliveryId, subscriptionId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw new WebhookError(WebhookErrorCode.NotFound, `subscription ${subscriptionId} has no delivery ${deliveryId}`);
      if (delivery.status === WebhookDeliveryStatus.Pending) throw new WebhookError(WebhookErrorCode.ReplayRefused, `delivery ${deliveryId} is still being sent`);
      if (!subscription.active) throw new WebhookError(WebhookErrorCode.ReplayRefused, `subscription ${subscriptionId} is paused; resume it first`);
      delivery.status = WebhookDeliveryStatus.Pending;
      delivery.attempts = 0;
      delivery.lastError = null;
      delivery.lastResponseStatus = null;
      delivery.deliveredAt = null;
      const saved = await manager.save(delivery);
      await this.queueWithin(manager, saved.id);
      return saved;
    });
  }

  /**
   * When pg-boss will next try each of these pending deliveries (its job's `start_after`), for the panel's
   * delivery log. Deliveries whose job is running or finished have no entry.
   */
  async nextAttemptTimes(deliveryIds: readonly number[]): Promise<Map<number, Date>> {
    if (deliveryIds.length === 0) return new Map();
    const rows: Array<{ deliveryId: number; startAfter: Date }> = await this.dataSource.query(
      `SELECT (data->>'deliveryId')::int AS "deliveryId", start_after AS "startAfter"
         FROM ${JOB_QUEUE_SCHEMA}.job
        WHERE name = $1 AND state IN ('created', 'retry') AND (data->>'deliveryId')::int = ANY($2::int[])`,
      [WEBHOOK_QUEUE, deliveryIds],
    );
    return new Map(rows.map((row) => [row.deliveryId, row.startAfter]));
  }

  /**
   * Records one delivery per active subscriber of `event` and queues them, in one transaction: a
   * delivery row exists exactly when its job does. Sending happens later, in the worker.
   */
  async enqueue(event: WebhookEvent, data: Record<string, unknown>, occurredAt = new Date()): Promise<WebhookDelivery[]> {
    await this.jobs.ensureQueue(WEBHOOK_QUEUE);
    return this.dataSource.transaction((manager) => this.enqueueWithin(manager, event, data, occurredAt));
  }

  /**
   * The same inside the caller's transaction, for the change the event announces: the deliveries commit
   * with it or not at all, so a crash right after the commit loses none. The queue must exist already
   * (the sender creates it at start-up; `prepareQueue` does it for a process that runs no sender).
   */
  async enqueueWithin(manager: EntityManager, event: WebhookEvent, data: Record<string, unknown>, occurredAt = new Date()): Promise<WebhookDelivery[]> {
    const subscribers = await manager.findBy(WebhookSubscription, { active: true, events: ArrayContains([event]) });
    const created: WebhookDelivery[] = [];
    for (const subscriber of subscribers) {
      const delivery = await manager.save(manager.create(WebhookDelivery, { subscriptionId: subscriber.id, event, payload: '' }));
      delivery.payload = JSON.stringify({ id: delivery.id, event, occurredAt: occurredAt.toISOString(), data });
      await manager.save(delivery);
      await this.queueWithin(manager, delivery.id);
      created.push(delivery);
    }
    return created;
  }

  /**
   * One `article.updated` per article the caller's transaction changed, queued in that transaction (call it
   * last, once every change is made; `prepareQueue` first, outside the transaction).
   */
  async queueArticleUpdatesWithin(manager: EntityManager, updates: PendingArticleUpdates, occurredAt = new Date()): Promise<void> {
    for (const { article, changes, formerSectionIds } of updates.entries()) {
      await this.enqueueWithin(manager, ArticleEventName.Updated, articleUpdatedPayload(article, changes, formerSectionIds), occurredAt);
    }
  }

  /** `import.completed` for a finished import (completed, rejected or failed), queued in the transaction that finished it. */
  async queueImportCompletedWithin(manager: EntityManager, record: Import): Promise<void> {
    await this.enqueueWithin(manager, ImportEventName.Completed, importCompletedPayload(record));
  }

  /** Creates the delivery queue if it is missing, outside any transaction (pg-boss needs it before a send). */
  prepareQueue(): Promise<void> {
    return this.jobs.ensureQueue(WEBHOOK_QUEUE);
  }

  private queueWithin(manager: EntityManager, deliveryId: number): Promise<unknown> {
    return this.jobs.sendWithin(manager, WEBHOOK_QUEUE, { deliveryId } satisfies WebhookJob, this.jobOptions(0));
  }

  /**
   * Puts a delivery that was not attempted back on the queue to start after `startAfter`, keeping the
   * attempts and back-off it has left (its subscription had all its attempts in flight).
   */
  async requeue(deliveryId: number, attemptsMade: number, startAfter: Date): Promise<void> {
    await this.jobs.boss.send(WEBHOOK_QUEUE, { deliveryId } satisfies WebhookJob, { ...this.jobOptions(attemptsMade), startAfter });
  }

  /**
   * pg-boss retries stand for the attempts left, with the back-off they would have reached. A job counts as
   * lost (and is retried) a minute after its attempt should have timed out, so an instance that died mid-send
   * frees its subscription's slot soon.
   */
  private jobOptions(attemptsMade: number): PgBoss.SendOptions {
    return {
      retryLimit: Math.max(0, WEBHOOK_MAX_ATTEMPTS - attemptsMade - 1),
      retryDelay: WEBHOOK_RETRY_DELAY_SECONDS * 2 ** attemptsMade,
      retryBackoff: true,
      expireInSeconds: this.config.get<number>('WEBHOOK_TIMEOUT_SECONDS', 10) + 60,
    };
  }

  private async get(id: number): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.findOneBy({ id });
    if (!subscription) throw new WebhookError(WebhookErrorCode.NotFound, `no webhook subscription with id ${id}`);
    return subscription;
  }
}

/** Marks the subscription's pending deliveries failed with `reason`; their queued jobs then find nothing to send. */
export async function cancelPending(deliveries: Repository<WebhookDelivery>, subscriptionId: number, reason: string): Promise<void> {
  await deliveries.update({ subscriptionId, status: WebhookDeliveryStatus.Pending }, { status: WebhookDeliveryStatus.Failed, lastError: reason });
}
