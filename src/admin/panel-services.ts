import type { ObjectLiteral, Repository } from 'typeorm';
import type { ArticlePreviewService } from '../articles/article-preview.service';
import type { ArticlesService } from '../articles/articles.service';
import type { DuplicatesService } from '../articles/duplicates.service';
import type { ReviewService } from '../articles/review.service';
import type { RevisionsService } from '../articles/revisions.service';
import type { ApiTokensService } from '../auth/api-tokens.service';
import type { UsersService } from '../auth/users.service';
import type { AuthorsService } from '../authors/authors.service';
import type { CaptionsService } from '../captions/captions.service';
import type { ImportsService } from '../imports/imports.service';
import type { PhotosService } from '../photos/photos.service';
import type { PublishingService } from '../publishing/publishing.service';
import type { WebhooksService } from '../webhooks/webhooks.service';
import type { AdminComponents } from './admin-components';

/** What the panel's resources and actions call: the same services as the HTTP API. */
export interface PanelServices {
  /** What the AdminJS adapter reads lists and record pages from: each table's repository, exported by its owning module. */
  records: PanelRecords;
  users: UsersService;
  articles: ArticlesService;
  preview: ArticlePreviewService;
  publishing: PublishingService;
  duplicates: DuplicatesService;
  revisions: RevisionsService;
  review: ReviewService;
  imports: ImportsService;
  photos: PhotosService;
  captions: CaptionsService;
  authors: AuthorsService;
  apiTokens: ApiTokensService;
  webhooks: WebhooksService;
}

export interface PanelContext {
  services: PanelServices;
  components: AdminComponents;
}

export interface PanelRecords {
  articles: Repository<ObjectLiteral>;
  imports: Repository<ObjectLiteral>;
  photos: Repository<ObjectLiteral>;
  captions: Repository<ObjectLiteral>;
  authors: Repository<ObjectLiteral>;
  users: Repository<ObjectLiteral>;
  apiTokens: Repository<ObjectLiteral>;
  webhookSubscriptions: Repository<ObjectLiteral>;
  webhookDeliveries: Repository<ObjectLiteral>;
}
