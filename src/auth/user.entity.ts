import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum UserRole {
  Admin = 'admin',
  Editor = 'editor',
  Contributor = 'contributor',
}

@Entity({ name: 'users' })
@Check('CHK_users_role', `"role" IN ('admin', 'editor', 'contributor')`)
@Check('CHK_users_email_lowercase', `"email" = lower("email")`)
export class User extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lower-cased so that log-in is case-insensitive and the unique index holds. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** bcrypt hash; never the password. */
  @Column({ type: 'varchar', length: 100, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: UserRole.Editor })
  role: UserRole;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
