import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertCan, can, Permission } from '../auth/actor';
import { AuthError, AuthErrorCode } from '../auth/auth-error';
import { AuthorError, AuthorErrorCode } from '../authors/author-error';
import { Author } from '../authors/author.entity';
import type { EnvironmentVariables } from '../config/environment';
import { renditionHref, SERVED_RENDITIONS } from '../photos/media-paths';
import type { RenditionName } from '../photos/photo-rendition.entity';
import { ArticleError, ArticleErrorCode } from './article-error';
import { ArticleStatus, DuplicateKind } from './article-status';
import { ArticleDetailView, ArticlePageView, ArticlePhotoView, ArticleSummaryView, AuthorPageView, BylineView, EXACT_TOTAL_LIMIT, PageMetaView, PhotoRenditionView } from './article-views';
import { relatedCoverage } from './related-coverage';
import { Article } from './article.entity';
import { BylineRole } from './byline.entity';
import { cursorModeOf, decodeCursor, encodeCursor, FeedCursorMode, FeedSort } from './feed-cursor';
import { PublicContentCache } from './public-content-cache';
import type { TermView } from '../sections/term.view';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface FeedQuery {
  cursor?: string;
  limit?: number;
  author?: number;
  agency?: string;
  since?: Date;
  until?: Date;
  q?: string;
  status?: ArticleStatus;
  /** A section's slug. */
  section?: string;
  /** A tag's slug. */
  tag?: string;
  /** The order; without it newest publication first, or for a search (q) the most relevant first. */
  sort?: FeedSort;
}


// Matches are wrapped in control characters that cannot occur in copy, then HTML-escaped and marked in JS,
// so a "<script>" in a body can never come out of a snippet as markup.
const MATCH_START = '\u0002';
const MATCH_END = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

interface DetailRow {
  id: number;
  slug: string;
  headline: string;
  body: string[];
  status: ArticleStatus;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  scheduledAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  bylines: BylineView[];
  photos: Array<Omit<ArticlePhotoView, 'renditions'> & { renditions: StoredRendition[] }>;
  section: TermView | null;
  tags: TermView[];
  duplicateOfId: number | null;
  duplicateKind: DuplicateKind | null;
  needsReview: boolean;
}

interface StoredRendition {
  name: PhotoRenditionView['name'];
  width: number;
  height: number;
  contentType: string;
  sha256: string;
}

interface FeedRow {
  id: number;
  slug: string;
  headline: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  updatedAt: Date;
  scheduledAt: Date | null;
  version: number;
  summary: string | null;
  duplicateOfId: number | null;
  duplicateKind: DuplicateKind | null;
  needsReview: boolean;
  sort_key: string;
  rank?: number;
  snippet?: string;
}

/**
 * An article with its bylines and photos as JSON, in one round trip (the API's hottest read). Exported so the
 * API benchmark's bare server runs exactly the same SQL.
 */
export const ARTICLE_DETAIL_COLUMNS = `a.id, a.slug, a.headline, a.body, a.status, a."publishedAt", a."firstPublishedAt", a."scheduledAt", a.version, a."createdAt", a."updatedAt",
  a."duplicateOfId", a."duplicateKind", a."needsReview",
  COALESCE((SELECT json_agg(json_build_object('id', au.id, 'name', au.name, 'role', b.role) ORDER BY b.position, b.id)
            FROM bylines b JOIN authors au ON au.id = b."authorId" WHERE b."articleId" = a.id), '[]') AS bylines,
  COALESCE((SELECT json_agg(json_build_object(
              'id', p.id, 'captionId', c.id, 'url', p.url, 'caption', c.text, 'credit', p.credit, 'agency', p.agency,
              'photographer', CASE WHEN ph.id IS NULL THEN NULL ELSE json_build_object('id', ph.id, 'name', ph.name) END,
              'renditions', COALESCE((SELECT json_agg(json_build_object('name', r.name, 'width', r.width, 'height', r.height, 'contentType', r."contentType", 'sha256', r.sha256)
                                        ORDER BY r.width, r.name)
                                      FROM photo_renditions r WHERE r."photoId" = p.id AND r.name = ANY('{${SERVED_RENDITIONS.join(',')}}')), '[]'))
            ORDER BY c.position, c.id)
            FROM captions c JOIN photos p ON p.id = c."photoId" LEFT JOIN authors ph ON ph.id = p."photographerId"
            WHERE c."articleId" = a.id), '[]') AS photos,
  (SELECT json_build_object('id', s.id, 'name', s.name, 'slug', s.slug) FROM sections s WHERE s.id = a."sectionId") AS section,
  COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug) ORDER BY t.name, t.id)
            FROM article_tags at JOIN tags t ON t.id = at."tagId" WHERE at."articleId" = a.id), '[]') AS tags`;

/**
 * Reads for the content API. Anonymous callers (and actors without ReadDrafts) see published articles
 * only, everywhere: lists, search, author pages and single articles; anything else is "not found".
 * What they see is the same for all of them, so it is served through the public content cache.
 */
@Injectable()
export class ArticleFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publicCache: PublicContentCache,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  /** PUBLIC_BASE_URL, which makes picture links absolute. */
  private readonly publicBaseUrl: string | undefined;

  async list(query: FeedQuery, actor?: Actor): Promise<ArticlePageView> {
    const seesDrafts = this.mayReadDrafts(query.status, actor);
    if (seesDrafts) return this.loadList(query, true);
    return this.publicCache.read(`list ${listKey(query)}`, () => this.loadList(query, false));
  }

  private async loadList(query: FeedQuery, seesDrafts: boolean): Promise<ArticlePageView> {
    const search = query.q?.trim() ? query.q.trim() : undefined;
    const mode: FeedCursorMode = search && !query.sort ? 'rank' : cursorModeOf(query.sort ?? '-publishedAt');
    const cursor = query.cursor ? decodeCursor(query.cursor, mode) : undefined;
    const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    if (query.since && query.until && query.since >= query.until) {
      throw new ArticleError(ArticleErrorCode.InvalidQuery, '"since" must be earlier than "until"');
    }

    // Drafts have no publication time yet; they sort by creation so one cursor covers every status.
    const sortTime = seesDrafts ? 'COALESCE(a."publishedAt", a."createdAt")' : 'a."publishedAt"';
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const where: string[] = [];

    const status = seesDrafts ? query.status : ArticleStatus.Published;
    if (status) where.push(`a.status = ${parameter(status)}`);
    if (query.author !== undefined) {
      // An author's work is what carries their byline or prints a photo they took.
      const author = parameter(query.author);
      where.push(
        `(EXISTS (SELECT 1 FROM bylines b WHERE b."articleId" = a.id AND b."authorId" = ${author})
          OR EXISTS (SELECT 1 FROM captions c JOIN photos p ON p.id = c."photoId" WHERE c."articleId" = a.id AND p."photographerId" = ${author}))`,
      );
    }
    if (query.agency !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM captions c JOIN photos p ON p.id = c."photoId" WHERE c."articleId" = a.id AND lower(p.agency) = lower(${parameter(query.agency)}))`,
      );
    }
    if (query.section !== undefined) where.push(`a."sectionId" = (SELECT s.id FROM sections s WHERE s.slug = ${parameter(query.section)})`);
    if (query.tag !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at."tagId" WHERE at."articleId" = a.id AND t.slug = ${parameter(query.tag)})`);
    }
    if (query.since) where.push(`${sortTime} >= ${parameter(query.since)}`);
    if (query.until) where.push(`${sortTime} < ${parameter(query.until)}`);

    let from = 'articles a';
    let searchColumns = '';
    if (search) {
      const tsQuery = parameter(search);
      from += `, websearch_to_tsquery('english', ${tsQuery}) query`;
      where.push('a."searchVector" @@ query');
      searchColumns = `, ts_rank(a."searchVector", query) AS rank, query, a.body`;
    }
    const { key: sortKey, type: keyType, descending } = orderOf(mode, sortTime);
    // The total counts every match, whichever page this is: it is computed before the cursor's condition.
    const matches = { from, where: [...where], parameters: [...parameters] };
    if (cursor) {
      // Keyset paging: the rows after the last one sent, in the same order; ties on the key are broken by id.
      where.push(`(${sortKey}, a.id) ${descending ? '<' : '>'} (${parameter(cursor.key)}::${keyType}, ${parameter(cursor.id)})`);
    }
    const direction = descending ? 'DESC' : 'ASC';
    const page = `
      SELECT a.id, a.slug, a.headline, a.status, a."publishedAt", a."firstPublishedAt", a."updatedAt", a."scheduledAt", a.version,
             a."duplicateOfId", a."duplicateKind", a."needsReview", a.body[1] AS summary,
             ${sortKey} AS sort_value, (${sortKey})::text AS sort_key ${searchColumns}
      FROM ${from}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${sortKey} ${direction}, a.id ${direction}
      LIMIT ${parameter(limit + 1)}`;
    // The snippet is computed for the page only, not for every match.
    const sql = search
      ? `SELECT page.*, ts_headline('english', wiredesk_paragraphs_text(page.body), page.query, ${parameter(HEADLINE_OPTIONS)}) AS snippet
         FROM (${page}) page ORDER BY page.sort_value ${direction}, page.id ${direction}`
      : page;
    const [rows, total] = await Promise.all([this.dataSource.query(sql, parameters) as Promise<FeedRow[]>, this.total(matches)]);

    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const bylines = await this.bylinesOf(pageRows.map((row) => row.id));
    const last = pageRows.at(-1);
    return {
      items: pageRows.map((row) => summarise(row, bylines.get(row.id) ?? [], seesDrafts)),
      nextCursor: hasMore && last ? encodeCursor({ mode, key: last.sort_key, id: last.id }) : null,
      meta: total,
    };
  }

  /**
   * How many articles match: counted up to {@link EXACT_TOTAL_LIMIT} (a LIMITed scan, cheap on any table),
   * and past that the planner's estimate, never less than what was counted.
   */
  private async total(matches: { from: string; where: string[]; parameters: unknown[] }): Promise<PageMetaView> {
    const select = `SELECT 1 FROM ${matches.from} ${matches.where.length ? `WHERE ${matches.where.join(' AND ')}` : ''}`;
    const [counted] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${select} LIMIT ${EXACT_TOTAL_LIMIT + 1}) capped`, matches.parameters);
    if (counted.n <= EXACT_TOTAL_LIMIT) return { total: counted.n, totalIsEstimate: false };
    const [plan] = await this.dataSource.query(`EXPLAIN (FORMAT JSON) ${select}`, matches.parameters);
    const estimate = Math.round(Number(plan['QUERY PLAN'][0].Plan['Plan Rows']));
    return { total: Math.max(estimate, counted.n), totalIsEstimate: true };
  }

  /**
   * One article by slug; callers who may read drafts may also use its numeric id. Unpublished copy is
   * 404 for everyone else, exactly as if it did not exist.
   */
  async get(reference: string, actor?: Actor): Promise<ArticleDetailView> {
    if (actor !== undefined && can(actor, Permission.ReadDrafts)) {
      const byId = /^\d{1,9}$/.test(reference) ? await this.detailWhere(`a.id = $1`, [Number(reference)], true) : undefined;
      return byId ?? this.found(reference, await this.detailWhere(`a.slug = $1`, [reference], true));
    }
    return this.publicCache.read(`article ${reference}`, async () =>
      this.found(reference, await this.detailWhere(`a.slug = $1 AND a.status = $2`, [reference, ArticleStatus.Published], false)),
    );
  }

  private found(reference: string, article: ArticleDetailView | undefined): ArticleDetailView {
    if (!article) throw ArticleError.notFound(reference);
    return article;
  }

  /** The article as those who may write it see it (the answer to a write). */
  async detail(article: Pick<Article, 'id'>): Promise<ArticleDetailView> {
    const view = await this.detailWhere('a.id = $1', [article.id], true);
    if (!view) throw ArticleError.notFound(article.id);
    return view;
  }

  /** `editorial`: for those who may read drafts, with the duplicate and review state and unpublished related coverage. */
  private async detailWhere(condition: string, parameters: unknown[], editorial: boolean): Promise<ArticleDetailView | undefined> {
    const rows: DetailRow[] = await this.dataSource.query(
      `SELECT ${ARTICLE_DETAIL_COLUMNS}
       FROM articles a WHERE ${condition}`,
      parameters,
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      body: row.body,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
      scheduledAt: row.scheduledAt?.toISOString() ?? null,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      bylines: row.bylines,
      photos: row.photos.map((photo) => ({
        ...photo,
        renditions: photo.renditions.map(({ sha256, ...rendition }) => ({
          ...rendition,
          href: renditionHref({ photoId: photo.id, name: rendition.name as RenditionName, sha256, contentType: rendition.contentType }, this.publicBaseUrl),
        })),
      })),
      section: row.section,
      tags: row.tags,
      related: await relatedCoverage(this.dataSource.manager, row.id, editorial),
      ...(editorial ? editorialState(row) : {}),
    };
  }

  /** An author and their work; publicly, an author with no published work is not found. */
  async authorPage(id: number, query: FeedQuery, actor?: Actor): Promise<AuthorPageView> {
    const seesDrafts = this.mayReadDrafts(query.status, actor);
    if (seesDrafts) return this.loadAuthorPage(id, query, true);
    return this.publicCache.read(`author ${id} ${listKey(query)}`, () => this.loadAuthorPage(id, query, false));
  }

  private async loadAuthorPage(id: number, query: FeedQuery, seesDrafts: boolean): Promise<AuthorPageView> {
    const author = await this.dataSource.getRepository(Author).findOneBy({ id });
    const notFound = new AuthorError(AuthorErrorCode.NotFound, `no author with id ${id}`);
    if (!author) throw notFound;
    const articles = await this.loadList({ ...query, author: id }, seesDrafts);
    if (!seesDrafts && articles.items.length === 0 && !query.cursor && !(await this.hasPublishedWork(id))) throw notFound;
    return { id: author.id, name: author.name, articles };
  }

  private async hasPublishedWork(authorId: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM bylines b JOIN articles a ON a.id = b."articleId" WHERE b."authorId" = $1 AND a.status = $2
       UNION ALL
       SELECT 1 FROM photos p JOIN captions c ON c."photoId" = p.id JOIN articles a ON a.id = c."articleId" WHERE p."photographerId" = $1 AND a.status = $2
       LIMIT 1`,
      [authorId, ArticleStatus.Published],
    );
    return rows.length > 0;
  }

  private mayReadDrafts(status: ArticleStatus | undefined, actor: Actor | undefined): boolean {
    const seesDrafts = actor !== undefined && can(actor, Permission.ReadDrafts);
    if (status !== undefined && status !== ArticleStatus.Published && !seesDrafts) {
      if (!actor) throw new AuthError(AuthErrorCode.Unauthenticated, `listing ${status} articles needs an API token with the content:read scope`);
      assertCan(actor, Permission.ReadDrafts);
    }
    return seesDrafts;
  }

  private async bylinesOf(articleIds: number[]): Promise<Map<number, BylineView[]>> {
    const byArticle = new Map<number, BylineView[]>();
    if (articleIds.length === 0) return byArticle;
    const rows: Array<{ articleId: number; id: number; name: string; role: BylineRole }> = await this.dataSource.query(
      `SELECT b."articleId", au.id, au.name, b.role
       FROM bylines b JOIN authors au ON au.id = b."authorId"
       WHERE b."articleId" = ANY($1)
       ORDER BY b."articleId", b.position, b.id`,
      [articleIds],
    );
    for (const { articleId, ...byline } of rows) {
      const list = byArticle.get(articleId) ?? [];
      list.push(byline);
      byArticle.set(articleId, list);
    }
    return byArticle;
  }
}

/** Every field of the query that can change the answer, in one fixed order. */
function listKey(query: FeedQuery): string {
  return JSON.stringify([
    query.cursor ?? null,
    query.limit ?? null,
    query.author ?? null,
    query.agency ?? null,
    query.since?.toISOString() ?? null,
    query.until?.toISOString() ?? null,
    query.q?.trim() || null,
    query.status ?? null,
    query.section ?? null,
    query.tag ?? null,
    query.sort ?? null,
  ]);
}

/** The ORDER BY key of a listing, its PostgreSQL type (for the cursor's value) and its direction. */
function orderOf(mode: FeedCursorMode, sortTime: string): { key: string; type: string; descending: boolean } {
  switch (mode) {
    case 'rank':
      return { key: 'ts_rank(a."searchVector", query)', type: 'real', descending: true };
    case 'time':
    case 'publishedAt':
      return { key: sortTime, type: 'timestamptz', descending: mode === 'time' };
    case 'updatedAt':
    case '-updatedAt':
      return { key: 'a."updatedAt"', type: 'timestamptz', descending: mode === '-updatedAt' };
    case 'headline':
    case '-headline':
      return { key: 'a.headline', type: 'text', descending: mode === '-headline' };
  }
}

function summarise(row: FeedRow, bylines: BylineView[], seesDrafts: boolean): ArticleSummaryView {
  const summary: ArticleSummaryView = {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    summary: row.summary,
    bylines,
  };
  if (row.snippet !== undefined) {
    summary.snippet = markMatches(row.snippet);
    summary.rank = Number(row.rank);
  }
  if (seesDrafts) {
    summary.status = row.status;
    summary.scheduledAt = row.scheduledAt?.toISOString() ?? null;
    summary.version = row.version;
    Object.assign(summary, editorialState(row));
  }
  return summary;
}

/**
 * What stands between a draft and publication, for callers who may read drafts: the article it duplicates
 * (publishing is refused until an editor merges it or says it is not a duplicate) and whether it waits for
 * review, which covers both that flag and the parser's anomalies.
 */
function editorialState(row: Pick<FeedRow, 'duplicateOfId' | 'duplicateKind' | 'needsReview'>): Pick<ArticleDetailView, 'duplicateOf' | 'duplicateKind' | 'needsReview'> {
  return { duplicateOf: row.duplicateOfId, duplicateKind: row.duplicateKind, needsReview: row.needsReview || row.duplicateKind !== null };
}

export function markMatches(highlighted: string): string {
  return escapeHtml(highlighted).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
