import { BaseEntity, Check, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Article } from './article.entity';

/**
 * Two articles reporting the same event in other words (found by src/wire/related.ts at import): related
 * coverage, never a duplicate flag and never merged. One row per pair, from the later article to the
 * earlier one; both articles show the link.
 */
@Entity({ name: 'article_related_links' })
@Check('CHK_article_related_links_distinct', `"articleId" <> "relatedId"`)
export class ArticleRelatedLink extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  articleId: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  @Index('IDX_article_related_links_related')
  @PrimaryColumn({ type: 'integer' })
  relatedId: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'relatedId' })
  related: Article;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
