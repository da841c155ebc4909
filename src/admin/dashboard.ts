import { ArticleListQuery, SCHEDULED_FILTER } from '../articles/article-list.query';
import { ArticleStatus } from '../articles/article-status';
import type { Actor } from '../auth/actor';
import type { Import } from '../imports/import.entity';
import type { ImportsService } from '../imports/imports.service';

export interface DashboardData {
  articlesByStatus: Record<ArticleStatus, number>;
  duplicatesWaiting: number;
  scheduled: number;
  /** Articles due to go live in the next 24 hours, and that window (the tile links to the list of them). */
  scheduledSoon: { count: number; from: string; to: string };
  latestImports: Array<Pick<Import, 'id' | 'fileName' | 'status' | 'counts' | 'createdAt' | 'finishedAt'>>;
}

/**
 * The panel's landing page, read through the services: counts from the Articles list's query (exact while
 * small, the planner's estimates on a large archive, as the list's totals are) and the latest imports from
 * ImportsService (without their reports).
 */
export async function dashboardData(list: ArticleListQuery, imports: ImportsService, actor: Actor): Promise<DashboardData> {
  const statuses = Object.values(ArticleStatus);
  const counts = await Promise.all(statuses.map((status) => list.count({ status })));
  const articlesByStatus = Object.fromEntries(statuses.map((status, index) => [status, counts[index]])) as Record<ArticleStatus, number>;
  const duplicatesWaiting = await list.count({ duplicateKind: 'waiting' });
  const scheduled = await list.count({ status: SCHEDULED_FILTER });
  const now = new Date();
  const window = { from: now.toISOString(), to: new Date(now.getTime() + 24 * 3_600_000).toISOString() };
  const scheduledSoon = { count: await list.count({ status: SCHEDULED_FILTER, scheduledAt: window }), ...window };
  const [latest] = await imports.list(8, 0, actor);
  const latestImports = latest.map(({ id, fileName, status, counts, createdAt, finishedAt }) => ({ id, fileName, status, counts, createdAt, finishedAt }));
  return { articlesByStatus, duplicatesWaiting, scheduled, scheduledSoon, latestImports };
}
