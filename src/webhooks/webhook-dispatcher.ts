import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type AnnouncedArticle, ArticleEventName, type ArticleUpdatedEvent } from '../articles/article-events';
import { articleSurrogateKey, authorSurrogateKey, LIST_SURROGATE_KEY } from '../common/http-cache';
import { type ImportCompletedEvent, ImportEventName } from '../imports/import-events';
import type { WebhookEvent } from './webhook-event';
import { WebhooksService } from './webhooks.service';

/**
 * Turns domain events (emitted after their transaction committed) into queued deliveries. Errors stop
 * here: a webhook can never fail or roll back the edit or import that caused it. Publishing and
 * unpublishing are not here: the publishing service queues those inside its own transaction.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(private readonly webhooks: WebhooksService) {}

  @OnEvent(ArticleEventName.Updated, { async: true, promisify: true })
  onUpdated(event: ArticleUpdatedEvent): Promise<void> {
    const renamed = (event.changes.authors ?? []).map((author) => authorSurrogateKey(author.id));
    return this.dispatch(ArticleEventName.Updated, { article: articleSummary(event.article), changes: event.changes, purgeKeys: [...purgeKeysFor(event.article), ...renamed] });
  }

  @OnEvent(ImportEventName.Completed, { async: true, promisify: true })
  onImportCompleted(event: ImportCompletedEvent): Promise<void> {
    const { id, fileName, status, counts, finishedAt } = event.import;
    return this.dispatch(ImportEventName.Completed, { import: { id, fileName, status, counts, finishedAt: finishedAt?.toISOString() ?? null } });
  }

  private async dispatch(event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
    try {
      await this.webhooks.enqueue(event, data);
    } catch (error) {
      this.logger.error(`could not queue ${event} webhooks: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * The CDN keys (Surrogate-Key / Cache-Tag) of every public answer the event may have changed: the article's
 * own page and every list, search and author page (all tagged `articles`); an author rename adds its author.
 */
export function purgeKeysFor(article: AnnouncedArticle): string[] {
  return [articleSurrogateKey(article.id), LIST_SURROGATE_KEY];
}

export function articleSummary(article: AnnouncedArticle): Record<string, unknown> {
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    status: article.status,
    version: article.version,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt?.toISOString() ?? null,
  };
}
