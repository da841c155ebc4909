import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Article } from '../articles/article.entity';
import { ArticlesService } from '../articles/articles.service';
import { Actor } from '../auth/actor';
import { isUniqueViolation } from '../database/postgres-errors';
import { Photo } from '../photos/photo.entity';
import { CaptionError, CaptionErrorCode } from './caption-error';
import { Caption } from './caption.entity';

/**
 * A caption saved as an edit of its article, with the article at the version that edit produced; `changed`
 * is false when the edit asked for what the caption already was (then nothing was written).
 */
export interface CaptionEdit {
  caption: Caption;
  article: Article;
  changed: boolean;
}

/**
 * Captions are part of their article's copy: every change goes through `ArticlesService.edit`, so it has
 * the article's permission and version checks, bumps its version, writes a revision and announces
 * `article.updated`, all as one transaction. `expectedVersion` is the article's version the caller read.
 */
@Injectable()
export class CaptionsService {
  constructor(
    @InjectRepository(Caption) private readonly captions: Repository<Caption>,
    private readonly articles: ArticlesService,
  ) {}

  async getById(id: number): Promise<Caption> {
    const caption = await this.captions.findOneBy({ id });
    if (!caption) throw new CaptionError(CaptionErrorCode.NotFound, `no caption with id ${id}`);
    return caption;
  }

  /** Prints a photo in an article under `text`; without a position it goes after the article's last photo. */
  async create(input: { articleId: number; photoId: number; text: string; position?: number }, actor: Actor, expectedVersion?: number): Promise<CaptionEdit> {
    if (!(await this.captions.manager.existsBy(Article, { id: input.articleId }))) {
      throw new CaptionError(CaptionErrorCode.UnknownArticle, `no article with id ${input.articleId}`);
    }
    const { article, result, changed } = await this.articles.edit(input.articleId, expectedVersion, actor, async (manager) => {
      if (!(await manager.existsBy(Photo, { id: input.photoId }))) {
        throw new CaptionError(CaptionErrorCode.UnknownPhoto, `no photo with id ${input.photoId}`);
      }
      const position = input.position ?? (await nextPosition(manager, input.articleId));
      return save(manager, manager.create(Caption, { articleId: input.articleId, photoId: input.photoId, text: input.text, position }));
    });
    return { caption: result, article, changed };
  }

  async update(id: number, changes: { text?: string; position?: number }, actor: Actor, expectedVersion?: number): Promise<CaptionEdit> {
    const { articleId } = await this.getById(id);
    const { article, result, changed } = await this.articles.edit(articleId, expectedVersion, actor, async (manager) => {
      // Read again under the article's lock: a merge of duplicates may have moved it meanwhile.
      const caption = await manager.findOneBy(Caption, { id, articleId });
      if (!caption) throw new CaptionError(CaptionErrorCode.NotFound, `caption ${id} is no longer in article ${articleId}`);
      if (changes.text !== undefined) caption.text = changes.text;
      if (changes.position !== undefined) caption.position = changes.position;
      return save(manager, caption);
    });
    return { caption: result, article, changed };
  }
}

async function nextPosition(manager: EntityManager, articleId: number): Promise<number> {
  const [{ next }] = await manager.query(`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM captions WHERE "articleId" = $1`, [articleId]);
  return Number(next);
}

async function save(manager: EntityManager, caption: Caption): Promise<Caption> {
  try {
    return await manager.save(caption);
  } catch (error) {
    if (isUniqueViolation(error, 'UQ_captions_article_position')) {
      throw new CaptionError(CaptionErrorCode.PositionTaken, `article ${caption.articleId} already has a photo at position ${caption.position}`);
    }
    throw error;
  }
}
