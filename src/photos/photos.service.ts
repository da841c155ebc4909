import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Actor, assertCan, Permission } from '../auth/actor';
import { Author } from '../authors/author.entity';
import { isUniqueViolation } from '../database/postgres-errors';
import { photoFingerprint } from '../wire';
import { PhotoError, PhotoErrorCode } from './photo-error';
import { Photo } from './photo.entity';

export interface PhotoFields {
  url?: string | null;
  credit?: string | null;
  agency?: string | null;
  photographerId?: number | null;
}

@Injectable()
export class PhotosService {
  constructor(@InjectRepository(Photo) private readonly photos: Repository<Photo>) {}

  async getById(id: number): Promise<Photo> {
    const photo = await this.photos.findOne({ where: { id }, relations: { photographer: true } });
    if (!photo) throw new PhotoError(PhotoErrorCode.NotFound, `no photo with id ${id}`);
    return photo;
  }

  /** A photo for an API reader; photos are public only inside published articles. */
  async read(id: number, actor: Actor): Promise<Photo> {
    assertCan(actor, Permission.ReadDrafts);
    return this.getById(id);
  }

  /** A picture added by hand or automation, identified by its URL (the importer identifies its own by caption and credit). */
  async create(input: PhotoFields & { url: string }, actor: Actor): Promise<Photo> {
    assertCan(actor, Permission.EditDraft);
    await this.assertPhotographerExists(input.photographerId);
    const photo = this.photos.create({
      url: input.url,
      credit: input.credit ?? null,
      agency: input.agency ?? null,
      photographerId: input.photographerId ?? null,
      fingerprint: photoFingerprint({ url: input.url, caption: '', credit: null, photographer: null, agency: null }),
    });
    try {
      return this.getById((await this.photos.save(photo)).id);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_photos_fingerprint')) {
        const existing = await this.photos.findOneBy({ fingerprint: photo.fingerprint });
        throw new PhotoError(PhotoErrorCode.AlreadyExists, `a photo with this URL already exists (photo ${existing?.id})`, { existingPhotoId: existing?.id });
      }
      throw error;
    }
  }

  /**
   * Fixes credit, agency, photographer or URL. The fingerprint stays: it is how later imports recognise
   * the same picture. A photo printed in published copy needs the right to edit published copy.
   */
  async update(id: number, changes: PhotoFields, actor: Actor): Promise<Photo> {
    const photo = await this.getById(id);
    assertCan(actor, editPermissionFor(await this.appearsInPublishedCopy(id)));
    await this.assertPhotographerExists(changes.photographerId);
    if (changes.url !== undefined) photo.url = changes.url;
    if (changes.credit !== undefined) photo.credit = changes.credit;
    if (changes.agency !== undefined) photo.agency = changes.agency;
    if (changes.photographerId !== undefined) {
      photo.photographerId = changes.photographerId;
      photo.photographer = null;
    }
    await this.photos.save(photo);
    return this.getById(id);
  }

  private async appearsInPublishedCopy(id: number): Promise<boolean> {
    const rows: unknown[] = await this.photos.query(
      `SELECT 1 FROM captions c JOIN articles a ON a.id = c."articleId" WHERE c."photoId" = $1 AND a.status = $2 LIMIT 1`,
      [id, ArticleStatus.Published],
    );
    return rows.length > 0;
  }

  private async assertPhotographerExists(photographerId: number | null | undefined): Promise<void> {
    if (photographerId === undefined || photographerId === null) return;
    if (!(await this.photos.manager.existsBy(Author, { id: photographerId }))) {
      throw new PhotoError(PhotoErrorCode.UnknownPhotographer, `no author with id ${photographerId} to credit as photographer`);
    }
  }
}
