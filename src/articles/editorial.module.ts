import { Module } from '@nestjs/common';
import { PublishingModule } from '../publishing/publishing.module';
import { ArticlesModule } from './articles.module';
import { DuplicatesService } from './duplicates.service';
import { RevisionsService } from './revisions.service';

/** Editorial work on articles beyond a single save: revision history and the duplicates queue. */
@Module({
  imports: [ArticlesModule, PublishingModule],
  providers: [DuplicatesService, RevisionsService],
  exports: [DuplicatesService, RevisionsService],
})
export class EditorialModule {}
