import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertCan, Permission } from '../auth/actor';
import { ArticleStatus } from './article-status';

/** An article as the dashboard lists it. */
export interface DeskArticle {
  id: number;
  headline: string;
  status: ArticleStatus;
  /** When it goes live (next scheduled), or when you last saved it (recently edited), or when it was last changed. */
  at: string;
}

export interface DeskImport {
  id: number;
  fileName: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  counts: Record<string, number> | null;
}

/** What needs doing on the desk, for one editor: the dashboard's to-do lists. */
export interface DeskToDo {
  needsReview: { count: number; items: DeskArticle[] };
  duplicatesWaiting: { count: number; items: DeskArticle[] };
  /** Imports created after `since` (the editor's last visit), newest first. */
  importsSince: DeskImport[];
  /** Failed in the last week, or queued or running for longer than {@link STALLED_AFTER_MINUTES}. */
  troubledImports: DeskImport[];
  nextScheduled: DeskArticle[];
  recentlyEdited: DeskArticle[];
  /** The time these lists were read: the next visit's `since`. */
  readAt: string;
}

const ITEMS = 5;
const MAX_IMPORTS = 10;
export const STALLED_AFTER_MINUTES = 10;

const articleLine = (row: { id: number; headline: string; status: ArticleStatus; at: Date }): DeskArticle => ({ ...row, at: row.at.toISOString() });
const importLine = (row: Omit<DeskImport, 'createdAt' | 'finishedAt'> & { createdAt: Date; finishedAt: Date | null }): DeskImport => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/**
 * The desk's dashboard, read in a few small indexed queries (the panel polls it): the review and duplicates
 * queues, imports since the editor's last visit and those in trouble, what goes live next, and the editor's
 * own recent work. Spiked and merged-away articles are nobody's to-do.
 */
@Injectable()
export class DeskDashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async toDo(actor: Actor, since: Date | undefined, now: Date = new Date()): Promise<DeskToDo> {
    assertCan(actor, Permission.ReadDrafts);
    const live = `a.status <> '${ArticleStatus.Spiked}' AND a."mergedIntoId" IS NULL`;
    const queue = async (condition: string) => {
      const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM articles a WHERE ${condition} AND ${live}`);
      const items = await this.dataSource.query(
        `SELECT a.id, a.headline, a.status, a."updatedAt" AS at FROM articles a WHERE ${condition} AND ${live} ORDER BY a."updatedAt" DESC, a.id DESC LIMIT ${ITEMS}`,
      );
      return { count, items: items.map(articleLine) };
    };
    const importColumns = `i.id, i."fileName", i.status, i."createdAt", i."finishedAt", i.error, i.counts`;
    const importsSince = since
      ? await this.dataSource.query(`SELECT ${importColumns} FROM imports i WHERE i."createdAt" > $1 ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${MAX_IMPORTS}`, [since])
      : [];
    const troubledImports = await this.dataSource.query(
      `SELECT ${importColumns} FROM imports i
       WHERE (i.status = 'failed' AND i."createdAt" > $1::timestamptz - interval '7 days')
          OR (i.status IN ('queued', 'running') AND COALESCE(i."startedAt", i."createdAt") < $1::timestamptz - make_interval(mins => $2))
       ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${MAX_IMPORTS}`,
      [now, STALLED_AFTER_MINUTES],
    );
    const nextScheduled = await this.dataSource.query(
      `SELECT a.id, a.headline, a.status, a."scheduledAt" AS at FROM articles a
       WHERE a."scheduledAt" IS NOT NULL AND a.status <> 'published' ORDER BY a."scheduledAt", a.id LIMIT ${ITEMS}`,
    );
    const recentlyEdited =
      actor.kind === 'user'
        ? await this.dataSource.query(
            `SELECT a.id, a.headline, a.status, mine.at FROM (
               SELECT r."articleId", max(r."createdAt") AS at FROM article_revisions r WHERE r."userId" = $1 GROUP BY r."articleId" ORDER BY at DESC LIMIT ${ITEMS}
             ) mine JOIN articles a ON a.id = mine."articleId" ORDER BY mine.at DESC, a.id DESC`,
            [actor.id],
          )
        : [];
    return {
      needsReview: await queue('a."needsReview"'),
      duplicatesWaiting: await queue('a."duplicateKind" IS NOT NULL'),
      importsSince: importsSince.map(importLine),
      troubledImports: troubledImports.map(importLine),
      nextScheduled: nextScheduled.map(articleLine),
      recentlyEdited: recentlyEdited.map(articleLine),
      readAt: now.toISOString(),
    };
  }
}
