import { BaseEntity, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Byline } from '../articles/byline.entity';

/** A person who writes or photographs. One row per person however the wire spells the name. */
@Entity({ name: 'authors' })
export class Author extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The name as printed on the site, e.g. "Ahmad Al-Rubaye". */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Case-, diacritic- and particle-insensitive key ("ahmad alrubaye") that makes spellings of one person collide. */
  @Index('UQ_authors_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  key: string;

  @OneToMany('Byline', (byline: Byline) => byline.author)
  bylines: Byline[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
