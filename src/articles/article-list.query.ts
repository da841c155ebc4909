import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleStatus, DuplicateKind } from './article-status';
import { Article } from './article.entity';

/** The Articles list's filters as the panel sends them (AdminJS `filters.<property>` query parameters). */
export interface ArticleListFilters {
  /** Words to find in the headline and body (full-text, `websearch` syntax). */
  headline?: string;
  /** A status, or `scheduled`: not yet published, with a publication time set. */
  status?: string;
  /** `waiting` (either kind) or one kind. */
  duplicateKind?: string;
  importId?: string | number;
  updatedAt?: { from?: string; to?: string };
  scheduledAt?: { from?: string; to?: string };
  /** Only articles the parser had to guess about and nobody has reviewed yet (`true`), or only the others (`false`). */
  needsReview?: boolean | string;
}

/** The list's own status value for articles waiting for their publication time. */
export const SCHEDULED_FILTER = 'scheduled';

export const ARTICLE_LIST_SORTS = ['id', 'headline', 'status', 'duplicateKind', 'scheduledAt', 'updatedAt', 'importId'] as const;
export type ArticleListSort = (typeof ARTICLE_LIST_SORTS)[number];

export interface ArticleListPage {
  limit: number;
  offset: number;
  sortBy: ArticleListSort;
  direction: 'asc' | 'desc';
}

/**
 * Order after the sorted column, matching the IDX_articles_list_* indexes: low-cardinality columns (status,
 * duplicate flag, import) go on by recency, the others by id, so every page is stable and index-ordered.
 */
const TIE_BREAKERS: Partial<Record<ArticleListSort, string[]>> = {
  status: ['updatedAt', 'id'],
  duplicateKind: ['updatedAt', 'id'],
  importId: ['updatedAt', 'id'],
  id: [],
};

/** Below this many (estimated) rows an exact count is cheap enough; above it the planner's estimate is shown. */
const EXACT_COUNT_LIMIT = 20_000;

/**
 * The Articles list of the panel, built for a newsroom archive of millions of rows: exact counts only when
 * small, the planner's estimate otherwise (stock AdminJS runs `count(*)` on every page), every sort and filter
 * backed by an index, and deep pages found on the index alone before the rows are read.
 */
@Injectable()
export class ArticleListQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(filters: ArticleListFilters, page: ArticleListPage): Promise<Article[]> {
    const direction = page.direction === 'asc' ? 'ASC' : 'DESC';
    const ids = this.filtered(filters).select('article.id', 'id').orderBy(`article.${page.sortBy}`, direction);
    for (const column of TIE_BREAKERS[page.sortBy] ?? ['id']) ids.addOrderBy(`article.${column}`, direction);
    // Only ids are read up to the offset (an index-only scan on the list indexes); whole rows just for the page.
    const rows: Array<{ id: number }> = await ids.offset(page.offset).limit(page.limit).getRawMany();
    if (rows.length === 0) return [];
    const articles = await this.dataSource.getRepository(Article).findBy({ id: In(rows.map((row) => row.id)) });
    const byId = new Map(articles.map((article) => [article.id, article]));
    return rows.flatMap(({ id }) => byId.get(id) ?? []);
  }

  async count(filters: ArticleListFilters): Promise<number> {
    const query = this.filtered(filters);
    const estimate = hasFilters(filters) ? await this.plannerEstimate(query) : await this.tableEstimate();
    return estimate < EXACT_COUNT_LIMIT ? query.getCount() : estimate;
  }

  private filtered(filters: ArticleListFilters): SelectQueryBuilder<Article> {
    const query = this.dataSource.getRepository(Article).createQueryBuilder('article');
    const words = filters.headline?.trim();
    if (words) query.andWhere(`article."searchVector" @@ websearch_to_tsquery('english', :words)`, { words });
    // Spiked copy is binned: it is listed only when asked for (the Spiked list), never among the desk's articles.
    if (!filters.status) query.andWhere('article.status <> :spiked', { spiked: ArticleStatus.Spiked });
    if (filters.status === SCHEDULED_FILTER) query.andWhere('article.scheduledAt IS NOT NULL AND article.status <> :published', { published: ArticleStatus.Published });
    else if (filters.status) query.andWhere('article.status = :status', { status: oneOf(filters.status, Object.values(ArticleStatus), 'status') });
    if (filters.duplicateKind === 'waiting') query.andWhere('article.duplicateKind IS NOT NULL');
    else if (filters.duplicateKind) {
      query.andWhere('article.duplicateKind = :kind', { kind: oneOf(filters.duplicateKind, Object.values(DuplicateKind), 'duplicate flag') });
    }
    if (filters.importId !== undefined && filters.importId !== '') query.andWhere('article.importId = :importId', { importId: wholeNumber(filters.importId) });
    const needsReview = flag(filters.needsReview, 'needs review');
    if (needsReview !== undefined) query.andWhere('article.needsReview = :needsReview', { needsReview });
    if (filters.updatedAt?.from) query.andWhere('article.updatedAt >= :from', { from: date(filters.updatedAt.from) });
    if (filters.updatedAt?.to) query.andWhere('article.updatedAt <= :to', { to: date(filters.updatedAt.to) });
    if (filters.scheduledAt?.from) query.andWhere('article.scheduledAt >= :scheduledFrom', { scheduledFrom: date(filters.scheduledAt.from) });
    if (filters.scheduledAt?.to) query.andWhere('article.scheduledAt <= :scheduledTo', { scheduledTo: date(filters.scheduledAt.to) });
    return query;
  }

  /** `reltuples` is kept by autovacuum/ANALYZE; -1 (never analysed) falls through to an exact count. */
  private async tableEstimate(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT reltuples::bigint AS estimate FROM pg_class WHERE oid = 'articles'::regclass`);
    return Number(row?.estimate ?? -1) < 0 ? 0 : Number(row.estimate);
  }

  private async plannerEstimate(query: SelectQueryBuilder<Article>): Promise<number> {
    const [sql, parameters] = query.select('article.id').getQueryAndParameters();
    const [row] = await this.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    return Number(row['QUERY PLAN'][0].Plan['Plan Rows']);
  }
}

function hasFilters(filters: ArticleListFilters): boolean {
  return Boolean(filters.headline?.trim() || filters.status || filters.duplicateKind || (filters.importId !== undefined && filters.importId !== '') || filters.updatedAt?.from || filters.updatedAt?.to || filters.scheduledAt?.from || filters.scheduledAt?.to || flag(filters.needsReview, 'needs review') !== undefined);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw new ArticleError(ArticleErrorCode.InvalidRequest, `unknown ${what} "${value}"`);
  return value as T;
}

/** A yes/no filter as AdminJS sends it (`'true'`/`'false'`), or as code passes it; empty means no filter. */
function flag(value: boolean | string | undefined, what: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ArticleError(ArticleErrorCode.InvalidRequest, `${what} must be true or false, not "${value}"`);
}

function wholeNumber(value: string | number): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new ArticleError(ArticleErrorCode.InvalidRequest, `"${value}" is not an import number`);
  return number;
}

function date(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new ArticleError(ArticleErrorCode.InvalidRequest, `"${value}" is not a date`);
  return parsed;
}
