import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ArticlesModule } from './articles.module';
import { DeskDashboardService } from './desk-dashboard.service';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesService } from './duplicates.service';
import { PresenceService } from './presence.service';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';
import { RevisionsService } from './revisions.service';

/** Editorial work on articles beyond a single save: revision history, the duplicates queue and the review queue. */
@Module({
  imports: [ArticlesModule, PublishingModule, AuthModule],
  controllers: [ReviewController, DuplicatesController],
  providers: [DuplicatesService, RevisionsService, ReviewService, DeskDashboardService, PresenceService],
  exports: [DuplicatesService, RevisionsService, ReviewService, DeskDashboardService, PresenceService],
})
export class EditorialModule {}
