import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Article } from '../articles/article.entity';
import type { Photo } from '../photos/photo.entity';

/** The text an article prints under a photo; the same photo may carry different captions elsewhere. */
@Entity({ name: 'captions' })
@Unique('UQ_captions_article_position', ['articleId', 'position'])
export class Caption extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne('Article', (article: Article) => article.captions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article: Article;

  @Column({ type: 'integer' })
  articleId: number;

  @ManyToOne('Photo', (photo: Photo) => photo.captions, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'photoId' })
  photo: Photo;

  @Index('IDX_captions_photo')
  @Column({ type: 'integer' })
  photoId: number;

  @Column({ type: 'smallint', default: 0 })
  position: number;

  @Column({ type: 'text' })
  text: string;
}
