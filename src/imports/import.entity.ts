import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../auth/user.entity';

export enum ImportStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
  Rejected = 'rejected',
}

export interface ImportCounts {
  articlesCreated: number;
  exactDuplicates: number;
  nearDuplicates: number;
  /** Articles created with anomalies: the parser guessed something an editor should check. Absent from imports made before review existed. */
  needsReview?: number;
  photosCreated: number;
  authorsCreated: number;
  linesRemoved: number;
  warnings: number;
}

/** One wire dump handed to the importer, with what became of it. */
@Entity({ name: 'imports' })
@Check('CHK_imports_status', `"status" IN ('queued', 'running', 'completed', 'failed', 'rejected')`)
// A failed or rejected file may be fixed and sent again; anything else with the same bytes is the same import.
@Index('UQ_imports_sha256', ['sha256'], { unique: true, where: `"status" NOT IN ('failed', 'rejected')` })
export class Import extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  byteSize: number;

  @Index('IDX_imports_status')
  @Column({ type: 'varchar', length: 16, default: ImportStatus.Queued })
  status: ImportStatus;

  @Column({ type: 'jsonb', nullable: true })
  counts: ImportCounts | null;

  /** Everything the importer decided, line by line: created, merged, flagged, removed, warnings. */
  @Column({ type: 'jsonb', nullable: true })
  report: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Times a worker has started this import: more than one means a retry, after a failure or a crash. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When the latest attempt started. */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** For a file taken from INBOX_DIR: its name in `INBOX_DIR/processing/` until it moves to `done/` or `rejected/`. */
  @Index('IDX_imports_inbox_file', { where: `"inboxFile" IS NOT NULL` })
  @Column({ type: 'varchar', length: 300, nullable: true })
  inboxFile: string | null;

  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'createdById' })
  createdBy: User | null;

  @Index('IDX_imports_created_by')
  @Column({ type: 'integer', nullable: true })
  createdById: number | null;

  @Index('IDX_imports_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
