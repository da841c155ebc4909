import { BaseEntity, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed panel log-in (or one under way: it is counted before the password is checked, and deleted if the
 * password was right). Kept in PostgreSQL (not in memory) so the lock-out holds across restarts
 * and app instances; rows older than the window are deleted as new failures arrive.
 */
@Entity({ name: 'login_failures' })
@Index('IDX_login_failures_email_ip_failed_at', ['email', 'ip', 'failedAt'])
export class LoginFailure extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** As typed, normalised to lower case: failures count even for emails that match no account. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Index('IDX_login_failures_failed_at')
  @CreateDateColumn({ type: 'timestamptz' })
  failedAt: Date;
}
