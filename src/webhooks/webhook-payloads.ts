import type { AnnouncedArticle, ArticleUpdateChanges } from '../articles/article-events';
import { articleSurrogateKey, authorSurrogateKey, LIST_SURROGATE_KEY, sectionSurrogateKey } from '../common/http-cache';
import type { Import } from '../imports/import.entity';

/**
 * The `data` of each event's deliveries. Every delivery is queued inside the transaction of the change it
 * announces (publishing, an edit, an import), so it exists exactly when the change does.
 */

/**
 * The CDN keys (Surrogate-Key / Cache-Tag) of every public answer the event may have changed: the article's
 * own page, its section's, and every list, search and author page (all tagged `articles`). `formerSectionIds`:
 * sections the change took the article out of.
 */
export function purgeKeysFor(article: AnnouncedArticle, formerSectionIds: readonly number[] = []): string[] {
  const sections = [article.sectionId, ...formerSectionIds].flatMap((id) => (id === null ? [] : [sectionSurrogateKey(id)]));
  return [...new Set([articleSurrogateKey(article.id), LIST_SURROGATE_KEY, ...sections])];
}

export function articleSummary(article: AnnouncedArticle): Record<string, unknown> {
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    status: article.status,
    version: article.version,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    firstPublishedAt: article.firstPublishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt?.toISOString() ?? null,
  };
}

/** `article.published` and `article.unpublished`. */
export function articleStatusPayload(article: AnnouncedArticle): Record<string, unknown> {
  return { article: articleSummary(article), purgeKeys: purgeKeysFor(article) };
}

/** `article.updated`: what changed, and the keys to purge; an author rename adds its author's. */
export function articleUpdatedPayload(article: AnnouncedArticle, changes: ArticleUpdateChanges, formerSectionIds: readonly number[] = []): Record<string, unknown> {
  const renamed = (changes.authors ?? []).map((author) => authorSurrogateKey(author.id));
  return { article: articleSummary(article), changes, purgeKeys: [...purgeKeysFor(article, formerSectionIds), ...renamed] };
}

/** `import.completed`, for an import that completed, was rejected or failed. */
export function importCompletedPayload(record: Pick<Import, 'id' | 'fileName' | 'status' | 'counts' | 'finishedAt'>): Record<string, unknown> {
  const { id, fileName, status, counts, finishedAt } = record;
  return { import: { id, fileName, status, counts, finishedAt: finishedAt?.toISOString() ?? null } };
}
