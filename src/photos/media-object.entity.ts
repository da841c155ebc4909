import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Bytes kept by {@link PostgresMediaStorage}: uploaded originals and their renditions. */
@Entity({ name: 'media_objects' })
export class MediaObject {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
