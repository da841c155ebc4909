import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { Actor, assertCan, Permission } from '../auth/actor';
import { articleContentHash } from '../wire';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleEvent, ArticleEventName } from './article-events';
import { ArticleStatus } from './article-status';
import { Article } from './article.entity';

export interface ArticleChanges {
  headline?: string;
  slug?: string;
  body?: string[];
}

@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
  ) {}

  async getById(id: number): Promise<Article> {
    const article = await this.articles.findOneBy({ id });
    if (!article) throw ArticleError.notFound(id);
    return article;
  }

  /**
   * Applies an editor's or a workflow's changes when `expectedVersion` is still current; otherwise
   * nothing is written and the conflict names the version that won, so the caller can merge and retry.
   */
  async update(id: number, changes: ArticleChanges, expectedVersion: number, actor: Actor): Promise<Article> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, id);
      assertCan(actor, article.status === ArticleStatus.Published ? Permission.EditPublished : Permission.EditDraft);
      assertVersion(article, expectedVersion);
      if (changes.headline !== undefined) article.headline = changes.headline;
      if (changes.slug !== undefined) article.slug = changes.slug;
      if (changes.body !== undefined) article.body = changes.body;
      article.contentHash = articleContentHash(article);
      article.version += 1;
      return this.saveHandlingSlug(manager, article);
    });
    this.events.emit(ArticleEventName.Updated, { article: saved, actor } satisfies ArticleEvent);
    return saved;
  }

  private async saveHandlingSlug(manager: EntityManager, article: Article): Promise<Article> {
    try {
      return await manager.save(article);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_articles_slug')) {
        throw new ArticleError(ArticleErrorCode.SlugTaken, `another article already uses the slug "${article.slug}"`);
      }
      throw error;
    }
  }
}

/** Reads the article row and locks it until the transaction ends, so concurrent writers queue up. */
export async function lockArticle(manager: EntityManager, id: number): Promise<Article> {
  const article = await manager.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!article) throw ArticleError.notFound(id);
  return article;
}

export function assertVersion(article: Article, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && article.version !== expectedVersion) {
    throw new ArticleError(
      ArticleErrorCode.VersionConflict,
      `article ${article.id} was changed by someone else (you edited version ${expectedVersion}, it is now at version ${article.version}, saved ${article.updatedAt.toISOString()})`,
      { currentVersion: article.version, updatedAt: article.updatedAt.toISOString() },
    );
  }
}
