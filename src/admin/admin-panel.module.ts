import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { EditorialModule } from '../articles/editorial.module';
import { AuthModule } from '../auth/auth.module';
import { SessionModule } from '../auth/session.module';
import { AuthorsModule } from '../authors/authors.module';
import { CaptionsModule } from '../captions/captions.module';
import { ImportsModule } from '../imports/imports.module';
import { PhotosModule } from '../photos/photos.module';
import { PublishingModule } from '../publishing/publishing.module';
import { SectionsModule } from '../sections/sections.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AdminPanel } from './admin-panel';

/** The editorial panel (AdminJS at /admin): its resources and actions call the domain services. */
@Module({
  imports: [SessionModule, AuthModule, ArticlesModule, EditorialModule, PublishingModule, ImportsModule, PhotosModule, CaptionsModule, AuthorsModule, WebhooksModule, SectionsModule],
  providers: [AdminPanel],
})
export class AdminPanelModule {}
