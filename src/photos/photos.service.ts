import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ANNOUNCED_COLUMNS, PendingArticleUpdates } from '../articles/article-events';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Article } from '../articles/article.entity';
import { Actor, assertCan, describeActor, Permission } from '../auth/actor';
import { Author } from '../authors/author.entity';
import { isUniqueViolation } from '../database/postgres-errors';
import { photoFingerprint } from '../wire';
import { PhotoCreditChange } from './photo-credit-change.entity';
import { PhotoError, PhotoErrorCode } from './photo-error';
import { WebhooksService } from '../webhooks/webhooks.service';
import { Photo } from './photo.entity';

export interface PhotoFields {
  url?: string | null;
  credit?: string | null;
  agency?: string | null;
  photographerId?: number | null;
}

/** A photo edit: the photo as it now stands, and whether anything was written (false: it already said that). */
export interface PhotoEdit {
  photo: Photo;
  changed: boolean;
}

@Injectable()
export class PhotosService {
  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly webhooks: WebhooksService,
  ) {}

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

  /** The articles that print the photo (any status, for the desk), newest first. */
  async printedIn(id: number, actor: Actor): Promise<Array<{ id: number; headline: string; status: ArticleStatus; captionId: number }>> {
    assertCan(actor, Permission.ReadDrafts);
    return this.dataSource.query(
      `SELECT a.id, a.headline, a.status, c.id AS "captionId" FROM captions c JOIN articles a ON a.id = c."articleId"
       WHERE c."photoId" = $1 ORDER BY a."updatedAt" DESC, a.id DESC LIMIT 100`,
      [id],
    );
  }

  /**
   * Credit changes of the photos an article prints, newest first: the article's History shows them beside
   * its versions (a credit change does not make a version; see {@link PhotoCreditChange}).
   */
  creditChangesForArticle(articleId: number, limit = 50): Promise<PhotoCreditChange[]> {
    return this.dataSource
      .getRepository(PhotoCreditChange)
      .createQueryBuilder('change')
      .where('change."photoId" IN (SELECT caption."photoId" FROM captions caption WHERE caption."articleId" = :articleId)', { articleId })
      .orderBy('change.createdAt', 'DESC')
      .addOrderBy('change.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** One photo's credit changes, newest first, for its page in the panel (the desk reads them, like drafts). */
  async creditChanges(id: number, actor: Actor, limit = 100): Promise<Array<Pick<PhotoCreditChange, 'id' | 'fromCredit' | 'toCredit' | 'actorName' | 'createdAt'>>> {
    assertCan(actor, Permission.ReadDrafts);
    return this.dataSource.getRepository(PhotoCreditChange).find({
      select: { id: true, fromCredit: true, toCredit: true, actorName: true, createdAt: true },
      where: { photoId: id },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** A picture added by hand or automation, identified by its URL (the importer identifies its own by caption and credit). */
  async create(input: PhotoFields & { url: string }, actor: Actor): Promise<Photo> {
    assertCan(actor, Permission.EditDraft);
    await this.assertPhotographerExists(this.photos.manager, input.photographerId);
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
   * the same picture. A photo printed in published copy needs the right to edit published copy. Each
   * published article printing the photo is announced as `article.updated`, queued in the change's transaction.
   */
  async update(id: number, changes: PhotoFields, actor: Actor): Promise<PhotoEdit> {
    const updates = new PendingArticleUpdates();
    await this.webhooks.prepareQueue();
    const { changed } = await this.dataSource.transaction(async (manager) => {
      const edit = await this.updateWithin(manager, id, changes, actor, updates);
      await this.webhooks.queueArticleUpdatesWithin(manager, updates);
      return edit;
    });
    updates.emit(this.events, actor);
    return { photo: await this.getById(id), changed };
  }

  /**
   * {@link update} inside the caller's transaction. The published articles printing the photo (and any
   * article `updates` already holds) are added to `updates`, for the caller to queue and announce. Their versions stay: their own copy did not change, and a photo printed in many
   * articles would otherwise put every editor working on one of them in a version conflict.
   */
  async updateWithin(manager: EntityManager, id: number, changes: PhotoFields, actor: Actor, updates: PendingArticleUpdates): Promise<PhotoEdit> {
    const photo = await manager.findOne(Photo, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!photo) throw new PhotoError(PhotoErrorCode.NotFound, `no photo with id ${id}`);
    assertCan(actor, editPermissionFor(await appearsInPublishedCopy(manager, id)));
    await this.assertPhotographerExists(manager, changes.photographerId);
    const fields = (['url', 'credit', 'agency', 'photographerId'] as const).filter((field) => changes[field] !== undefined && changes[field] !== photo[field]);
    if (fields.length === 0) return { photo, changed: false };
    const creditBefore = photo.credit;
    const saved = await manager.save(Object.assign(photo, Object.fromEntries(fields.map((field) => [field, changes[field]]))));
    if (fields.includes('credit')) {
      await manager.insert(PhotoCreditChange, {
        photoId: id,
        fromCredit: creditBefore,
        toCredit: saved.credit,
        userId: actor.kind === 'user' ? actor.id : null,
        actorName: describeActor(actor).slice(0, 254),
      });
    }
    for (const article of await articlesShowing(manager, id, updates)) updates.photo(article, { id, fields: [...fields] });
    return { photo: saved, changed: true };
  }

  private async assertPhotographerExists(manager: EntityManager, photographerId: number | null | undefined): Promise<void> {
    if (photographerId === undefined || photographerId === null) return;
    if (!(await manager.existsBy(Author, { id: photographerId }))) {
      throw new PhotoError(PhotoErrorCode.UnknownPhotographer, `no author with id ${photographerId} to credit as photographer`);
    }
  }
}

export async function appearsInPublishedCopy(manager: EntityManager, id: number): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM captions c JOIN articles a ON a.id = c."articleId" WHERE c."photoId" = $1 AND a.status = $2 LIMIT 1`,
    [id, ArticleStatus.Published],
  );
  return rows.length > 0;
}

/**
 * Articles printing the photo that are announced: the published ones (readers see the change), and any the
 * transaction already announces, so that an edit's own event names the photo it changed too.
 */
function articlesShowing(manager: EntityManager, photoId: number, updates: PendingArticleUpdates): Promise<Article[]> {
  return manager
    .createQueryBuilder(Article, 'article')
    .select(ANNOUNCED_COLUMNS.map((column) => `article.${column}`))
    .where('article.id IN (SELECT caption."articleId" FROM captions caption WHERE caption."photoId" = :photoId)', { photoId })
    .andWhere('(article.status = :published OR article.id = ANY(:pending))', { published: ArticleStatus.Published, pending: updates.articleIds() })
    .orderBy('article.id')
    .getMany();
}

/** Credits every photo of `fromAuthorId` to `toAuthorId` (an author merge); returns the photos moved, for an undo. */
export async function movePhotographerWithin(manager: EntityManager, fromAuthorId: number, toAuthorId: number): Promise<number[]> {
  const photos = await manager.find(Photo, { where: { photographerId: fromAuthorId }, select: { id: true } });
  if (photos.length > 0) await manager.update(Photo, { photographerId: fromAuthorId }, { photographerId: toAuthorId });
  return photos.map((photo) => photo.id);
}

/** Takes back {@link movePhotographerWithin} for the photos still credited to `toAuthorId`. */
export async function returnPhotographerWithin(manager: EntityManager, toAuthorId: number, authorId: number, photoIds: number[]): Promise<void> {
  if (photoIds.length > 0) await manager.query(`UPDATE photos SET "photographerId" = $1 WHERE id = ANY($2::int[]) AND "photographerId" = $3`, [authorId, photoIds, toAuthorId]);
}
