import { BaseEntity, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Import } from './import.entity';

/** Bytes per stored chunk: big enough that a 256 MB dump is a few hundred rows, small enough to hold one in memory. */
export const PAYLOAD_CHUNK_BYTES = 1 << 20;

/**
 * The uploaded bytes of a queued import, in order, kept in PostgreSQL so that whichever app instance picks the
 * job up (now, after a restart, or after another instance died mid-import) can stream them. Chunked, so neither
 * storing nor reading a dump ever holds it whole. Deleted when the import completes or is rejected; kept when it
 * fails, so it can be retried.
 */
@Entity({ name: 'import_payload_chunks' })
export class ImportPayloadChunk extends BaseEntity {
  @PrimaryColumn({ type: 'integer' })
  importId: number;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @ManyToOne('Import', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'importId' })
  import: Import;

  @Column({ type: 'bytea' })
  content: Buffer;
}
