import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Headline LSH keys of imported articles (see src/wire/near-duplicates.ts), one row per key: articles sharing
 * one have nearly the same headline and are near-duplicate candidates even when their bodies were edited too
 * much to share a body band. Rows, not an indexed array on `articles`, so the lookup can read the newest
 * articles of a key from the primary key alone (an index-only scan) instead of every article holding it.
 *
 * No foreign key to `articles`: an article has ten rows here, and the check of each plus the index on
 * `articleId` the key would need are written on the import's hot path, while the application never deletes
 * an article (a merge keeps the row). The lookup reads its ranked candidates from `articles` by primary key,
 * so the keys of an article deleted by hand are ignored there.
 */
@Entity({ name: 'article_headline_keys' })
export class ArticleHeadlineKey {
  @PrimaryColumn({ type: 'integer' })
  key: number;

  @PrimaryColumn({ type: 'integer' })
  articleId: number;
}
