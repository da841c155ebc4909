import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TokenScope } from './actor';
import type { User } from './user.entity';

/** A credential for an outside system. Only the SHA-256 of the secret is kept; the secret is shown once. */
@Entity({ name: 'api_tokens' })
export class ApiToken extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who or what uses it, e.g. "website" or "newsletter". */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Hex SHA-256 of the secret. The secret carries 256 random bits, so a fast hash is enough. */
  @Index('UQ_api_tokens_hash', { unique: true })
  @Column({ type: 'char', length: 64, select: false })
  tokenHash: string;

  /** The first characters of the secret, so an admin can tell tokens apart without seeing them. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'varchar', length: 32, array: true })
  scopes: TokenScope[];

  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'createdById' })
  createdBy: User | null;

  @Index('IDX_api_tokens_created_by')
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** Set once; a revoked token never authenticates again. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
