import type { ActionRequest, CurrentAdmin } from 'adminjs';
import type { DataSource } from 'typeorm';
import { actorOf } from './admin-actor';
import type { PanelContext } from './panel-services';
import { ArticleStatus } from '../articles/article-status';
import { Import } from '../imports/import.entity';
import { ArticleListQuery, SCHEDULED_FILTER } from './article-list.query';

export interface DashboardData {
  articlesByStatus: Record<ArticleStatus, number>;
  duplicatesWaiting: number;
  scheduled: number;
  /** Articles due to go live in the next 24 hours, and that window (the tile links to the list of them). */
  scheduledSoon: { count: number; from: string; to: string };
  latestImports: Array<Pick<Import, 'id' | 'fileName' | 'status' | 'counts' | 'createdAt' | 'finishedAt'>>;
}

/**
 * The panel's landing page. Counts are exact while small and the planner's estimates on a large archive,
 * as the Articles list's totals are.
 */
export async function dashboardData(dataSource: DataSource): Promise<DashboardData> {
  const list = new ArticleListQuery(dataSource);
  const statuses = Object.values(ArticleStatus);
  const counts = await Promise.all(statuses.map((status) => list.count({ status })));
  const articlesByStatus = Object.fromEntries(statuses.map((status, index) => [status, counts[index]])) as Record<ArticleStatus, number>;
  const duplicatesWaiting = await list.count({ duplicateKind: 'waiting' });
  const scheduled = await list.count({ status: SCHEDULED_FILTER });
  const now = new Date();
  const window = { from: now.toISOString(), to: new Date(now.getTime() + 24 * 3_600_000).toISOString() };
  const scheduledSoon = { count: await list.count({ status: SCHEDULED_FILTER, scheduledAt: window }), ...window };
  const latestImports = await dataSource.getRepository(Import).find({
    select: ['id', 'fileName', 'status', 'counts', 'createdAt', 'finishedAt'],
    order: { createdAt: 'DESC', id: 'DESC' },
    take: 8,
  });
  return { articlesByStatus, duplicatesWaiting, scheduled, scheduledSoon, latestImports };
}

/**
 * The dashboard's answer: the counts above and the editor's to-do lists. `?since=` is the editor's last visit
 * (the browser keeps it), for "imports since your last visit".
 */
export function deskDashboardHandler(panel: PanelContext, counts: () => Promise<DashboardData>) {
  return async (request: ActionRequest, _response: unknown, context: { currentAdmin?: CurrentAdmin }) => {
    const actor = await actorOf(panel.services.users, context.currentAdmin);
    const raw = request.query?.since;
    const since = typeof raw === 'string' && raw !== '' && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : undefined;
    return { ...(await counts()), toDo: await panel.services.deskDashboard.toDo(actor, since) };
  };
}
