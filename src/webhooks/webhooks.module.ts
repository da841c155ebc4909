import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription, WebhookDelivery]), AuthModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookSenderService],
  // The repositories too: the panel's (admin-only) list and record pages read through them.
  exports: [WebhooksService, TypeOrmModule],
})
export class WebhooksModule {}
