import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Photo } from './photo.entity';

/** The sizes a photo's image is served in, plus the original as uploaded (kept, never served). */
export enum RenditionName {
  Original = 'original',
  Thumbnail = 'thumbnail',
  Web = 'web',
}

/** One stored size of a photo's image: where its bytes are and what they are. */
@Entity({ name: 'photo_renditions' })
export class PhotoRendition {
  @PrimaryColumn({ type: 'integer' })
  photoId: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  name: RenditionName;

  // Deleting a photo deletes its renditions (their bytes are removed by the service).
  @ManyToOne('Photo', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'photoId' })
  photo: Photo;

  @Column({ type: 'varchar', length: 40 })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'integer' })
  byteSize: number;

  /** SHA-256 of the bytes (hex): the ETag, and part of the URL, so a new image is a new URL. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Where {@link MediaStorage} keeps the bytes. */
  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
