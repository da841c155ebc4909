import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Article } from './article.entity';

/**
 * One LSH band of an article's MinHash signature. Articles sharing any (band, hash) are near-duplicate
 * candidates, found through the index, so checking a new article costs the same however large the archive.
 */
@Entity({ name: 'article_lsh_bands' })
@Index('IDX_article_lsh_bands_lookup', ['band', 'hash'])
export class ArticleBand extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  articleId: number;

  @PrimaryColumn({ type: 'smallint' })
  band: number;

  @Column({ type: 'integer' })
  hash: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;
}
