import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArticleStatus, editPermissionFor } from '../articles/article-status';
import { Article } from '../articles/article.entity';
import { Actor, assertCan } from '../auth/actor';
import { isUniqueViolation } from '../database/postgres-errors';
import { Photo } from '../photos/photo.entity';
import { CaptionError, CaptionErrorCode } from './caption-error';
import { Caption } from './caption.entity';

@Injectable()
export class CaptionsService {
  constructor(@InjectRepository(Caption) private readonly captions: Repository<Caption>) {}

  async getById(id: number): Promise<Caption> {
    const caption = await this.captions.findOneBy({ id });
    if (!caption) throw new CaptionError(CaptionErrorCode.NotFound, `no caption with id ${id}`);
    return caption;
  }

  /** Prints a photo in an article under `text`; without a position it goes after the article's last photo. */
  async create(input: { articleId: number; photoId: number; text: string; position?: number }, actor: Actor): Promise<Caption> {
    const article = await this.captions.manager.findOneBy(Article, { id: input.articleId });
    if (!article) throw new CaptionError(CaptionErrorCode.UnknownArticle, `no article with id ${input.articleId}`);
    assertCanEdit(actor, article);
    if (!(await this.captions.manager.existsBy(Photo, { id: input.photoId }))) {
      throw new CaptionError(CaptionErrorCode.UnknownPhoto, `no photo with id ${input.photoId}`);
    }
    const position = input.position ?? (await this.nextPosition(input.articleId));
    return this.save(this.captions.create({ articleId: input.articleId, photoId: input.photoId, text: input.text, position }));
  }

  async update(id: number, changes: { text?: string; position?: number }, actor: Actor): Promise<Caption> {
    const caption = await this.getById(id);
    const article = await this.captions.manager.findOneByOrFail(Article, { id: caption.articleId });
    assertCanEdit(actor, article);
    if (changes.text !== undefined) caption.text = changes.text;
    if (changes.position !== undefined) caption.position = changes.position;
    return this.save(caption);
  }

  private async nextPosition(articleId: number): Promise<number> {
    const [{ next }] = await this.captions.query(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM captions WHERE "articleId" = $1`, [articleId]);
    return Number(next);
  }

  private async save(caption: Caption): Promise<Caption> {
    try {
      return await this.captions.save(caption);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_captions_article_position')) {
        throw new CaptionError(CaptionErrorCode.PositionTaken, `article ${caption.articleId} already has a photo at position ${caption.position}`);
      }
      throw error;
    }
  }
}

function assertCanEdit(actor: Actor, article: Article): void {
  assertCan(actor, editPermissionFor(article.status === ArticleStatus.Published));
}
