import { ArticleSource } from '../articles/article-source.entity';
import { ArticleRelatedLink } from '../articles/related-link.entity';
import { Article } from '../articles/article.entity';
import { Byline } from '../articles/byline.entity';
import { DismissedDuplicatePair } from '../articles/dismissed-duplicate.entity';
import { ArticleRevision } from '../articles/revision.entity';
import { ApiToken } from '../auth/api-token.entity';
import { LoginFailure } from '../auth/login-throttle.entity';
import { User } from '../auth/user.entity';
import { Author } from '../authors/author.entity';
import { Caption } from '../captions/caption.entity';
import { ImportPayloadChunk } from '../imports/import-payload.entity';
import { Import } from '../imports/import.entity';
import { Photo } from '../photos/photo.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';

export const entities = [Article, Byline, Author, Photo, Caption, Import, ImportPayloadChunk, User, ApiToken, WebhookSubscription, WebhookDelivery, ArticleRevision, DismissedDuplicatePair, LoginFailure, ArticleSource, ArticleRelatedLink];
