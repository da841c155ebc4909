import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth/user.entity';
import type { Photo } from './photo.entity';

/**
 * One change of a photo's printed credit: who, when, before and after. A credit belongs to the photo, not
 * to an article's copy, so it does not bump any article's version (that would put every editor of every
 * article printing the photo in a version conflict); this row is what lets each of those articles' History
 * show the change all the same.
 */
@Entity({ name: 'photo_credit_changes' })
@Index('IDX_photo_credit_changes_photo_created', ['photoId', 'createdAt'])
export class PhotoCreditChange {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne('Photo', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'photoId' })
  photo: Photo;

  @Column({ type: 'integer' })
  photoId: number;

  @Column({ type: 'text', nullable: true })
  fromCredit: string | null;

  @Column({ type: 'text', nullable: true })
  toCredit: string | null;

  // SET NULL: removing an account keeps the history; `actorName` still says who it was.
  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'userId' })
  user: User | null;

  @Index('IDX_photo_credit_changes_user')
  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  /** Who changed it, readable: an editor's email, a token's name or a system job. */
  @Column({ type: 'varchar', length: 254 })
  actorName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
