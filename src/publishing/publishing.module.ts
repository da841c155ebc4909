import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PublishingController } from './publishing.controller';
import { PublishingService } from './publishing.service';
import { SchedulerService } from './scheduler.service';

@Module({
  imports: [ArticlesModule, AuthModule, WebhooksModule],
  controllers: [PublishingController],
  providers: [PublishingService, SchedulerService],
  exports: [PublishingService],
})
export class PublishingModule {}
