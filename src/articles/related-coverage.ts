import { EntityManager } from 'typeorm';
import { ArticleStatus } from './article-status';
import type { RelatedArticleView } from './article-views';

/**
 * The article's related coverage (links in both directions, oldest first). Unpublished articles are listed
 * only for callers who may read drafts, so a public reader never learns of draft copy.
 */
export async function relatedCoverage(manager: EntityManager, articleId: number, seesDrafts: boolean): Promise<RelatedArticleView[]> {
  const rows: Array<{ id: number; slug: string; headline: string; status: ArticleStatus }> = await manager.query(
    `SELECT a.id, a.slug, a.headline, a.status
       FROM article_related_links l
       JOIN articles a ON a.id = CASE WHEN l."articleId" = $1 THEN l."relatedId" ELSE l."articleId" END
      WHERE (l."articleId" = $1 OR l."relatedId" = $1) AND ($2 OR a.status = $3)
      ORDER BY a.id`,
    [articleId, seesDrafts, ArticleStatus.Published],
  );
  return rows.map(({ id, slug, headline, status }) => ({ id, slug, headline, ...(seesDrafts ? { status } : {}) }));
}
