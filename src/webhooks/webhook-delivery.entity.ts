import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookEvent } from './webhook-event';
import type { WebhookSubscription } from './webhook-subscription.entity';

export enum WebhookDeliveryStatus {
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
}

/** One event sent (or being sent) to one subscriber: the log an admin reads when a receiver complains. */
@Entity({ name: 'webhook_deliveries' })
@Check('CHK_webhook_deliveries_status', `"status" IN ('pending', 'delivered', 'failed')`)
export class WebhookDelivery extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne('WebhookSubscription', (subscription: WebhookSubscription) => subscription.deliveries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriptionId' })
  subscription: WebhookSubscription;

  @Index('IDX_webhook_deliveries_subscription')
  @Column({ type: 'integer' })
  subscriptionId: number;

  @Column({ type: 'varchar', length: 32 })
  event: WebhookEvent;

  /** The exact JSON body sent on every attempt, so retries are byte-identical. */
  @Column({ type: 'text' })
  payload: string;

  @Index('IDX_webhook_deliveries_status')
  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.Pending })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** HTTP status of the latest attempt, when the receiver answered at all. */
  @Column({ type: 'integer', nullable: true })
  lastResponseStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Index('IDX_webhook_deliveries_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
