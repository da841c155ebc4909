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

/**
 * The article fields an announcement carries (see the webhook payload). A change to a shared photo or
 * author may concern thousands of articles, so those are read with these columns only.
 */
export const ANNOUNCED_COLUMNS = ['id', 'slug', 'headline', 'status', 'version', 'publishedAt', 'firstPublishedAt', 'updatedAt', 'sectionId'] as const satisfies ReadonlyArray<keyof Article>;

export type AnnouncedArticle = Pick<Article, (typeof ANNOUNCED_COLUMNS)[number]>;

/** A shared record (photo or author) that an article shows, and which of its fields changed. */
export interface SharedRecordChange {
  id: number;
  fields: string[];
}

/**
 * What an `article.updated` reports. `copy` is the article's own copy: such a change is a new version with
 * a revision. `photos` and `authors` are shared records the article prints (credit, agency, photographer,
 * URL; a byline's or photographer's name): they change what the article shows, not its copy, so its
 * version stays.
 */
export interface ArticleUpdateChanges {
  copy?: Array<keyof ArticleSnapshot>;
  photos?: SharedRecordChange[];
  authors?: SharedRecordChange[];
}

export interface ArticleUpdatedEvent extends ArticleEvent {
  changes: ArticleUpdateChanges;
}

export interface PendingArticleUpdate {
  article: Article;
  changes: ArticleUpdateChanges;
  /** Sections the transaction took the article out of (their pages change too). */
  formerSectionIds: number[];
}

/**
 * The `article.updated` events one transaction causes, gathered while it runs and emitted once it has
 * committed: one event per article, naming everything the transaction changed in it.
 */
export class PendingArticleUpdates {
  private readonly byArticle = new Map<number, PendingArticleUpdate>();

  articleIds(): number[] {
    return [...this.byArticle.keys()];
  }

  /** Every article the transaction changed, with what changed in it (for queueing webhooks before commit). */
  entries(): PendingArticleUpdate[] {
    return [...this.byArticle.values()];
  }

  /** `formerSectionId`: the section the article was in before this change, when the change moved it. */
  copy(article: Article, fields: ReadonlyArray<keyof ArticleSnapshot>, formerSectionId: number | null = article.sectionId): void {
    const entry = this.entryFor(article);
    entry.changes.copy = [...new Set([...(entry.changes.copy ?? []), ...fields])];
    if (formerSectionId !== null && formerSectionId !== article.sectionId && !entry.formerSectionIds.includes(formerSectionId)) entry.formerSectionIds.push(formerSectionId);
  }

  photo(article: Article, change: SharedRecordChange): void {
    const changes = this.entryFor(article).changes;
    changes.photos = mergeRecordChange(changes.photos, change);
  }

  author(article: Article, change: SharedRecordChange): void {
    const changes = this.entryFor(article).changes;
    changes.authors = mergeRecordChange(changes.authors, change);
  }

  /** Call only after the transaction committed. */
  emit(events: EventEmitter2, actor: Actor): void {
    for (const { article, changes } of this.byArticle.values()) {
      events.emit(ArticleEventName.Updated, { article, actor, changes } satisfies ArticleUpdatedEvent);
    }
    this.byArticle.clear();
  }

  private entryFor(article: Article): PendingArticleUpdate {
    const entry = this.byArticle.get(article.id);
    if (!entry) {
      const created: PendingArticleUpdate = { article, changes: {}, formerSectionIds: [] };
      this.byArticle.set(article.id, created);
      return created;
    }
    // The payload shows the article as the transaction left it: a later version replaces an earlier one.
    if (article.version > entry.article.version) entry.article = article;
    return entry;
  }
}

function mergeRecordChange(list: SharedRecordChange[] | undefined, change: SharedRecordChange): SharedRecordChange[] {
  const others = (list ?? []).filter((entry) => entry.id !== change.id);
  const fields = new Set([...((list ?? []).find((entry) => entry.id === change.id)?.fields ?? []), ...change.fields]);
  return [...others, { id: change.id, fields: [...fields] }];
}
