import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Author } from '../authors/author.entity';
import type { Article } from './article.entity';

export enum BylineRole {
  Writer = 'writer',
  Photographer = 'photographer',
}

/** Article ↔ author, explicit rather than many-to-many so the admin panel can edit it. */
@Entity({ name: 'bylines' })
@Unique('UQ_bylines_article_author_role', ['articleId', 'authorId', 'role'])
@Check('CHK_bylines_role', `"role" IN ('writer', 'photographer')`)
export class Byline extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne('Article', (article: Article) => article.bylines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne('Author', (author: Author) => author.bylines, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authorId' })
  author: Author;

  @Index('IDX_bylines_author')
  @Column({ type: 'integer' })
  authorId: number;

  @Column({ type: 'varchar', length: 16, default: BylineRole.Writer })
  role: BylineRole;

  @Column({ type: 'smallint', default: 0 })
  position: number;
}
