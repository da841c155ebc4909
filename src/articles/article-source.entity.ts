import { BaseEntity, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Article } from './article.entity';

/**
 * The lines of the wire dump an article was read from, kept for articles that need review so an editor
 * can compare the parse with its source. The text is the normalised lines from `firstLine` on, blank
 * lines included, so line N of the dump is line N - firstLine of the text.
 */
@Entity({ name: 'article_sources' })
export class ArticleSource extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  articleId: number;

  @OneToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  /** 1-based number of the dump line the text starts with. */
  @Column({ type: 'integer' })
  firstLine: number;

  @Column({ type: 'text' })
  text: string;
}
