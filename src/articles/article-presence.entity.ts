import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from '../auth/user.entity';
import type { Article } from './article.entity';

/** Who has an article open in the panel, and whether on its edit page; refreshed while the page stays open. */
@Entity({ name: 'article_presence' })
export class ArticlePresence {
  @PrimaryColumn({ type: 'integer' })
  articleId: number;

  @Index('IDX_article_presence_user')
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @ManyToOne('Article', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: User;

  @Column({ type: 'boolean', default: false })
  editing: boolean;

  @Column({ type: 'timestamptz' })
  seenAt: Date;
}
