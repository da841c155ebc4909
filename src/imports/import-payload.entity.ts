import { BaseEntity, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Import } from './import.entity';

/**
 * The uploaded bytes of a queued import, kept in PostgreSQL so that whichever app instance picks the job
 * up (now or after a restart) can read them. Deleted when the import finishes.
 */
@Entity({ name: 'import_payloads' })
export class ImportPayload extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  importId: number;

  @OneToOne('Import', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'importId' })
  import: Import;

  @Column({ type: 'bytea' })
  content: Buffer;
}
