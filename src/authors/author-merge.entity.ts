import { BaseEntity, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BylineRole } from '../articles/byline.entity';

/**
 * Two author rows made one: who was merged into whom, and everything that moved, so the merge can be
 * undone. No foreign keys: the merged author's row is gone (its id and name are kept here), and the kept
 * one may be merged again later.
 */
@Entity({ name: 'author_merges' })
export class AuthorMerge extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IDX_author_merges_kept')
  @Column({ type: 'integer' })
  keptAuthorId: number;

  /** The removed row as it was: id, name and key, restored as they were by an undo. */
  @Column({ type: 'jsonb' })
  mergedAuthor: { id: number; name: string; key: string };

  /** Bylines now pointing at the kept author that were the merged author's. */
  @Column({ type: 'integer', array: true })
  movedBylineIds: number[];

  /** The merged author's bylines on articles already naming the kept author in that role: removed, put back by an undo. */
  @Column({ type: 'jsonb' })
  droppedBylines: Array<{ articleId: number; role: BylineRole; position: number }>;

  /** Photos now credited to the kept author that were the merged author's. */
  @Column({ type: 'integer', array: true })
  movedPhotoIds: number[];

  @Column({ type: 'varchar', length: 254 })
  actorName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt: Date | null;
}
