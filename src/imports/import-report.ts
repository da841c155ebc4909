import type { AnomalyCode, RemovedLine } from '../wire';
import type { ResolvedArticle } from './duplicate-resolution';
import { ImportCounts } from './import.entity';

/** The report lists this many articles and removed lines in detail; the counts always cover everything. */
export const REPORT_DETAIL_LIMIT = 10_000;

export type ArticleOutcome = 'created' | 'merged' | 'flagged';

export interface ArticleReportEntry {
  /** Position of the article in the dump, from 0. */
  index: number;
  headline: string;
  lines: [number, number];
  outcome: ArticleOutcome;
  articleId: number;
  /** For `merged`: the existing article it was merged into; for `flagged`: the article it nearly duplicates. */
  duplicateOf?: number;
  similarity?: number;
  reason?: string;
  /** What the parser guessed about this article (see the parser's anomaly codes); absent when nothing. */
  anomalies?: AnomalyCode[];
}

export interface ImportReport {
  counts: ImportCounts;
  articles: ArticleReportEntry[];
  removed: RemovedLine[];
  removedByReason: Record<string, number>;
  warnings: string[];
  /** True when `articles` or `removed` list only the first REPORT_DETAIL_LIMIT entries. */
  truncated: boolean;
  /** Time spent looking up and confirming near duplicates in the archive, to watch it stay flat as the archive grows. */
  nearDuplicateMs: number;
  /** Articles that existed before this import and gained captions or bylines from an exact copy. */
  updatedArticleIds: number[];
}

export function emptyReport(): ImportReport {
  return {
    counts: { articlesCreated: 0, exactDuplicates: 0, nearDuplicates: 0, needsReview: 0, photosCreated: 0, authorsCreated: 0, linesRemoved: 0, warnings: 0 },
    articles: [],
    removed: [],
    removedByReason: {},
    warnings: [],
    truncated: false,
    nearDuplicateMs: 0,
    updatedArticleIds: [],
  };
}

export function recordRemoved(report: ImportReport, entry: RemovedLine): void {
  report.counts.linesRemoved += 1;
  report.removedByReason[entry.reason] = (report.removedByReason[entry.reason] ?? 0) + 1;
  if (report.removed.length < REPORT_DETAIL_LIMIT) report.removed.push(entry);
  else report.truncated = true;
}

/** Counts what became of one article and, within the detail limit, says so with the reason. */
export function recordOutcome(report: ImportReport, entry: ResolvedArticle): void {
  if (entry.outcome === 'created') report.counts.articlesCreated += 1;
  if (entry.outcome === 'merged') report.counts.exactDuplicates += 1;
  if (entry.outcome === 'flagged') {
    report.counts.articlesCreated += 1;
    report.counts.nearDuplicates += 1;
  }
  const needsReview = entry.outcome !== 'merged' && entry.parsed.anomalies.length > 0;
  if (needsReview) report.counts.needsReview = (report.counts.needsReview ?? 0) + 1;
  if (report.articles.length >= REPORT_DETAIL_LIMIT) {
    report.truncated = true;
    return;
  }
  report.articles.push({
    index: entry.parsed.index,
    headline: entry.parsed.headline,
    lines: entry.parsed.lines,
    outcome: entry.outcome,
    articleId: entry.articleId!,
    ...(entry.duplicateOf !== undefined ? { duplicateOf: entry.duplicateOf } : {}),
    ...(entry.similarity !== undefined ? { similarity: entry.similarity } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(needsReview ? { anomalies: [...new Set(entry.parsed.anomalies.map((anomaly) => anomaly.code))] } : {}),
  });
}
