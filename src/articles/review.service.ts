import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertCan, Permission } from '../auth/actor';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleSource } from './article-source.entity';
import { ArticleStatus, editPermissionFor } from './article-status';
import { Article } from './article.entity';
import { captionsOf, lockArticle } from './articles.service';
import { bylinesOf } from './bylines';
import { assertVersionNamingEditor, snapshotOf, writeRevision } from './revisions';
import type { ParseAnomaly } from '../wire';

export interface SourceLine {
  /** 1-based line number in the dump. */
  number: number;
  text: string;
}

export interface ArticleSourceView {
  articleId: number;
  importId: number | null;
  /** Dump lines the article was read from, blank lines included. */
  lines: SourceLine[];
  /** What the parser guessed, with the dump lines each guess is about. */
  anomalies: ParseAnomaly[];
  needsReview: boolean;
}

/**
 * The Needs review queue: imported articles the parser had to guess about (see src/wire/types.ts,
 * ParseAnomaly). An editor compares the parse with the dump's lines, fixes what is wrong through the
 * usual edit, and marks the article reviewed, which History records.
 */
@Injectable()
export class ReviewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The lines of the dump behind an article, with the parser's anomalies; kept for articles imported with anomalies. */
  async source(articleId: number, actor: Actor): Promise<ArticleSourceView> {
    assertCan(actor, Permission.ReadDrafts);
    const article = await this.dataSource.getRepository(Article).findOne({
      where: { id: articleId },
      select: { id: true, importId: true, anomalies: true, needsReview: true },
    });
    if (!article) throw ArticleError.notFound(articleId);
    const source = await this.dataSource.getRepository(ArticleSource).findOneBy({ articleId });
    if (!source) {
      throw new ArticleError(
        ArticleErrorCode.NotFound,
        `article ${articleId} has no source lines: they are kept for imported articles the parser had to guess about, and this one ${article.importId === null ? 'was not imported' : 'was read without guesses'}`,
      );
    }
    return {
      articleId,
      importId: article.importId,
      lines: source.text.split('\n').map((text, index) => ({ number: source.firstLine + index, text })),
      anomalies: article.anomalies,
      needsReview: article.needsReview,
    };
  }

  /**
   * The editor checked what the parser guessed (and fixed it, with the usual edit, if it was wrong). The
   * decision is a new version with a revision naming the anomalies, in one transaction, under the same
   * version check as an edit.
   */
  async markReviewed(articleId: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, articleId);
      assertCan(actor, editPermissionFor(article.status === ArticleStatus.Published));
      await assertVersionNamingEditor(manager, article, expectedVersion);
      if (!article.needsReview) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${articleId} does not need review${article.reviewedAt ? `: it was reviewed at ${article.reviewedAt.toISOString()}` : ''}`);
      }
      const copy = snapshotOf(article, await captionsOf(manager, articleId), await bylinesOf(manager, articleId));
      article.needsReview = false;
      article.reviewedAt = new Date();
      article.reviewedById = actor.kind === 'user' ? actor.id : null;
      article.version += 1;
      const saved = await manager.save(article);
      await writeRevision(manager, saved, copy, copy, actor, { reviewed: { anomalies: [...new Set(article.anomalies.map((anomaly) => anomaly.code))] } });
      return saved;
    });
  }
}
