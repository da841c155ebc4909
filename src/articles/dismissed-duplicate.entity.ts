import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth/user.entity';

/**
 * Two versions of copy an editor declared "not a duplicate". Keyed by content hashes rather than article
 * ids, because the next import brings new rows with the same copy: the importer looks the pair up
 * (`dismissed-pairs.ts`, which alone decides the order of a pair) and does not flag it again.
 */
@Entity({ name: 'dismissed_duplicate_pairs' })
@Check('CHK_dismissed_duplicate_pairs_order', `"lowHash" <= "highHash"`)
@Index('UQ_dismissed_duplicate_pairs_hashes', ['lowHash', 'highHash'], { unique: true })
export class DismissedDuplicatePair extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The smaller of the two content hashes, so each pair has one spelling. */
  @Column({ type: 'char', length: 64 })
  lowHash: string;

  @Column({ type: 'char', length: 64 })
  highHash: string;

  /** The articles compared when the pair was dismissed (informational; not FKs, they may be deleted). */
  @Column({ type: 'integer' })
  articleId: number;

  @Column({ type: 'integer' })
  otherArticleId: number;

  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'dismissedById' })
  dismissedBy: User | null;

  @Index('IDX_dismissed_duplicate_pairs_dismissed_by')
  @Column({ type: 'integer', nullable: true })
  dismissedById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
