import type { Actor } from '../auth/actor';
import type { Article } from './article.entity';

/** Emitted after the change is committed; listeners (webhooks, caches) must never be able to roll it back. */
export enum ArticleEventName {
  Updated = 'article.updated',
  Published = 'article.published',
  Unpublished = 'article.unpublished',
  Scheduled = 'article.scheduled',
}

export interface ArticleEvent {
  article: Article;
  actor: Actor;
}
