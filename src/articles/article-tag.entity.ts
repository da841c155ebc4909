import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Tag } from '../sections/tag.entity';
import type { Article } from './article.entity';

/** Which tags an article carries. */
@Entity({ name: 'article_tags' })
export class ArticleTag {
  @PrimaryColumn({ type: 'integer' })
  articleId: number;

  // The tag listing (`?tag=`) looks articles up by tag.
  @Index('IDX_article_tags_tag')
  @PrimaryColumn({ type: 'integer' })
  tagId: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  // Deleting a tag takes it off every article.
  @ManyToOne('Tag', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tagId' })
  tag: Tag;
}
