import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { editPermissionFor } from '../articles/article-status';
import { Actor, assertCan } from '../auth/actor';
import type { EnvironmentVariables } from '../config/environment';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage';
import { PhotoError, PhotoErrorCode } from './photo-error';
import { PhotoRendition, RenditionName } from './photo-rendition.entity';
import { NotAnImageError, renderImage } from './photo-renditions';
import { Photo } from './photo.entity';
import { appearsInPublishedCopy } from './photos.service';
import { renditionHref, SERVED_RENDITIONS as SERVED } from './media-paths';

/** A served size of a photo's image, as the API lists it. */
export interface RenditionView {
  name: RenditionName;
  /** Path under this server (absolute with PUBLIC_BASE_URL); the hash in it changes with the image, so it may be cached for good. */
  href: string;
  width: number;
  height: number;
  contentType: string;
}

/** Where a rendition's bytes are kept: by photo, size and content hash (an S3 backend puts S3_PREFIX before it). */
export function storageKeyOf(photoId: number, image: { name: RenditionName; sha256: string }): string {
  return `photos/${photoId}/${image.name}/${image.sha256}`;
}

/**
 * The picture behind a photo record: an uploaded JPEG, PNG or WebP file, checked by decoding it, kept as
 * uploaded and rendered at 320 and 1280 px wide without metadata. A new upload replaces the old image whole.
 */
@Injectable()
export class PhotoImagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** Checked before a byte of the upload is read: the photo exists and the actor may change it. */
  async assertMayAttach(photoId: number, actor: Actor): Promise<void> {
    if (!(await this.dataSource.getRepository(Photo).existsBy({ id: photoId }))) throw new PhotoError(PhotoErrorCode.NotFound, `no photo with id ${photoId}`);
    assertCan(actor, editPermissionFor(await appearsInPublishedCopy(this.dataSource.manager, photoId)));
  }

  async attach(photoId: number, bytes: Buffer, actor: Actor): Promise<RenditionView[]> {
    await this.assertMayAttach(photoId, actor);
    let rendered;
    try {
      rendered = await renderImage(bytes);
    } catch (error) {
      if (error instanceof NotAnImageError) throw new PhotoError(PhotoErrorCode.NotAnImage, error.message);
      throw error;
    }
    await this.dataSource.transaction(async (manager) => {
      const photo = await manager.findOne(Photo, { where: { id: photoId }, lock: { mode: 'pessimistic_write' } });
      if (!photo) throw new PhotoError(PhotoErrorCode.NotFound, `no photo with id ${photoId}`);
      const previous = await manager.findBy(PhotoRendition, { photoId });
      // Keys name their bytes, so the same picture uploaded again keeps its keys: only the others go (an object
      // store deletes them once this commits, and must not delete what this upload is about to point at).
      const keys = new Set(rendered.map((image) => storageKeyOf(photoId, image)));
      await this.storage.remove(manager, previous.map((rendition) => rendition.storageKey).filter((key) => !keys.has(key)));
      await manager.delete(PhotoRendition, { photoId });
      for (const image of rendered) {
        const storageKey = storageKeyOf(photoId, image);
        await this.storage.put(manager, storageKey, image.bytes);
        await manager.insert(PhotoRendition, {
          photoId,
          name: image.name,
          contentType: image.contentType,
          width: image.width,
          height: image.height,
          byteSize: image.bytes.length,
          sha256: image.sha256,
          storageKey,
        });
      }
    });
    return this.renditions(photoId);
  }

  /** The served sizes of a photo's image; none until one is uploaded. */
  async renditions(photoId: number): Promise<RenditionView[]> {
    const rows = await this.dataSource.getRepository(PhotoRendition).find({ where: { photoId }, order: { width: 'ASC' } });
    return rows
      .filter((row) => SERVED.includes(row.name))
      .map((row) => ({ name: row.name, href: renditionHref(row, this.config.get('PUBLIC_BASE_URL', { infer: true })), width: row.width, height: row.height, contentType: row.contentType }));
  }

  /** A served size's bytes, with what the response needs; `hash` (when given) must be the current image's. */
  async media(photoId: number, name: string, hash?: string): Promise<{ rendition: PhotoRendition; bytes: Buffer }> {
    const notFound = new PhotoError(PhotoErrorCode.NoImage, `photo ${photoId} has no ${name} image${hash ? ` ${hash}` : ''}`);
    if (!SERVED.includes(name as RenditionName)) throw notFound;
    const rendition = await this.dataSource.getRepository(PhotoRendition).findOneBy({ photoId, name: name as RenditionName });
    if (!rendition || (hash !== undefined && !rendition.sha256.startsWith(hash))) throw notFound;
    const bytes = await this.storage.get(rendition.storageKey);
    if (!bytes) throw notFound;
    return { rendition, bytes };
  }
}
