import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { Actor } from '../auth/actor';
import type { Article } from './article.entity';
import type { ArticleSnapshot } from './revision.entity';

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

/** What an `article.updated` reports: the parts of the article's own copy that changed (a new version with a revision). */
export interface ArticleUpdateChanges {
  copy?: Array<keyof ArticleSnapshot>;
}

export interface ArticleUpdatedEvent extends ArticleEvent {
  changes: ArticleUpdateChanges;
}

/**
 * The `article.updated` events one transaction causes, gathered while it runs and emitted once it has
 * committed: one event per article, naming everything the transaction changed in it.
 */
export class PendingArticleUpdates {
  private readonly byArticle = new Map<number, { article: Article; changes: ArticleUpdateChanges }>();

  copy(article: Article, fields: ReadonlyArray<keyof ArticleSnapshot>): void {
    const changes = this.entryFor(article).changes;
    changes.copy = [...new Set([...(changes.copy ?? []), ...fields])];
  }

  /** Call only after the transaction committed. */
  emit(events: EventEmitter2, actor: Actor): void {
    for (const { article, changes } of this.byArticle.values()) {
      events.emit(ArticleEventName.Updated, { article, actor, changes } satisfies ArticleUpdatedEvent);
    }
    this.byArticle.clear();
  }

  private entryFor(article: Article): { article: Article; changes: ArticleUpdateChanges } {
    const entry = this.byArticle.get(article.id);
    if (!entry) {
      const created = { article, changes: {} };
      this.byArticle.set(article.id, created);
      return created;
    }
    // The payload shows the article as the transaction left it: a later version replaces an earlier one.
    if (article.version > entry.article.version) entry.article = article;
    return entry;
  }
}
