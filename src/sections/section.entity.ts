import { BaseEntity, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where a story goes on the website (World, Gulf, Business): an article has at most one. */
@Entity({ name: 'sections' })
export class Section extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  /** What the public API filters by (`?section=world`). */
  @Index('UQ_sections_slug', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
