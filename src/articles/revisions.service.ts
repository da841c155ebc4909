import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { Caption } from '../captions/caption.entity';
import { ArticleError, ArticleErrorCode } from './article-error';
import { Article } from './article.entity';
import { ArticlesService } from './articles.service';
import { ArticleRevision } from './revision.entity';

/** An article's saves, newest first, and restoring the copy of one of them (itself a new save). */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesService,
  ) {}

  list(articleId: number, limit = 50): Promise<ArticleRevision[]> {
    return this.dataSource.getRepository(ArticleRevision).find({ where: { articleId }, order: { version: 'DESC' }, take: limit });
  }

  /**
   * Saves the revision's headline, slug, body, bylines (when it recorded them) and the captions that still
   * exist as a new version; the editor must have seen the current version (`expectedVersion`), like any
   * other save.
   */
  async restore(articleId: number, revisionId: number, expectedVersion: number, actor: Actor): Promise<Article> {
    const revision = await this.dataSource.getRepository(ArticleRevision).findOneBy({ id: revisionId, articleId });
    if (!revision) throw new ArticleError(ArticleErrorCode.NotFound, `article ${articleId} has no revision ${revisionId}`);
    const captionIds = new Set((await this.dataSource.getRepository(Caption).find({ where: { articleId }, select: { id: true } })).map((caption) => caption.id));
    const captions = Object.entries(revision.snapshot.captions)
      .map(([id, text]) => ({ id: Number(id), text }))
      .filter((caption) => captionIds.has(caption.id));
    const { headline, slug, body, bylines } = revision.snapshot;
    const changes = { headline, slug, body, captions, bylines: bylines?.map(({ authorId, role }) => ({ authorId, role })) };
    return (await this.articles.update(articleId, changes, expectedVersion, actor)).article;
  }
}
