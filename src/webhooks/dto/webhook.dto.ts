import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { WebhookDeliveryStatus, type WebhookDelivery } from '../webhook-delivery.entity';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../webhook-event';
import type { WebhookSubscription } from '../webhook-subscription.entity';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/wiredesk', maxLength: 2000 })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['article.published', 'article.unpublished'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({ description: 'HMAC key (16–200 characters); generated when absent', minLength: 16, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ minLength: 16, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookView {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'https://hooks.example.com/wiredesk' }) url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;

  static of(subscription: WebhookSubscription): WebhookView {
    return { id: subscription.id, url: subscription.url, events: subscription.events, active: subscription.active, createdAt: subscription.createdAt.toISOString() };
  }
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({ description: 'The signing secret; shown only in this response' }) secret: string;
}

export class WebhookDeliveryView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: WebhookEvent;
  @ApiProperty({ enum: WebhookDeliveryStatus }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) lastResponseStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;

  static of(delivery: WebhookDelivery): WebhookDeliveryView {
    return {
      id: delivery.id,
      event: delivery.event,
      status: delivery.status,
      attempts: delivery.attempts,
      lastResponseStatus: delivery.lastResponseStatus,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    };
  }
}
