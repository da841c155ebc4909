import { BaseEntity, Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookEvent } from './webhook-event';

/** An outside URL that hears about chosen events, signed with its own secret. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscription extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  url: string;

  /** HMAC-SHA256 key shared with the receiver; never returned by the API after creation. */
  @Column({ type: 'varchar', length: 200, select: false })
  secret: string;

  @Column({ type: 'varchar', length: 32, array: true })
  events: WebhookEvent[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany('WebhookDelivery', (delivery: WebhookDelivery) => delivery.subscription)
  deliveries: WebhookDelivery[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
