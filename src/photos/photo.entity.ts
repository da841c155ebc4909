import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Author } from '../authors/author.entity';
import type { Caption } from '../captions/caption.entity';

/** One distinct picture, however many articles print it. */
@Entity({ name: 'photos' })
export class Photo extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 of the normalised caption and credit (or of the URL when the wire gives one). */
  @Index('UQ_photos_fingerprint', { unique: true })
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** The credit as printed, e.g. "Photo by AHMAD AL-RUBAYE / AFP". */
  @Column({ type: 'text', nullable: true })
  credit: string | null;

  @ManyToOne('Author', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'photographerId' })
  photographer: Author | null;

  @Index('IDX_photos_photographer')
  @Column({ type: 'integer', nullable: true })
  photographerId: number | null;

  /** "AFP", "Reuters", or a handout source such as "Iraqi premiership". */
  @Index('IDX_photos_agency')
  @Column({ type: 'varchar', length: 200, nullable: true })
  agency: string | null;

  @OneToMany('Caption', (caption: Caption) => caption.photo)
  captions: Caption[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
