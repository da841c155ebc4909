import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, assertCan, Permission } from '../auth/actor';
import { AuthError, AuthErrorCode } from '../auth/auth-error';

/** A page sends a beat this often; someone not heard from for {@link PRESENCE_TIMEOUT_MS} has left. */
export const PRESENCE_BEAT_MS = 5_000;
export const PRESENCE_TIMEOUT_MS = 20_000;

export interface Colleague {
  userId: number;
  email: string;
  editing: boolean;
  seenAt: string;
}

/**
 * Who else has an article open, for the warning "Sam is editing this article". Beats go to PostgreSQL, so
 * editors on different app instances see each other. Saving stays optimistic: presence only warns, the
 * version check still decides.
 */
@Injectable()
export class PresenceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records that `actor` has the article open (editing or not) and answers with the others who do. */
  async beat(articleId: number, actor: Actor, editing: boolean, now: Date = new Date()): Promise<Colleague[]> {
    assertCan(actor, Permission.ReadDrafts);
    if (actor.kind !== 'user') throw new AuthError(AuthErrorCode.Forbidden, 'presence is for people signed in to the panel');
    await this.dataSource.query(
      `INSERT INTO article_presence ("articleId", "userId", editing, "seenAt")
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1)
       ON CONFLICT ("articleId", "userId") DO UPDATE SET editing = EXCLUDED.editing, "seenAt" = EXCLUDED."seenAt"`,
      [articleId, actor.id, editing, now],
    );
    const rows: Array<{ userId: number; email: string; editing: boolean; seenAt: Date }> = await this.dataSource.query(
      `SELECT p."userId", u.email, p.editing, p."seenAt" FROM article_presence p JOIN users u ON u.id = p."userId"
       WHERE p."articleId" = $1 AND p."userId" <> $2 AND p."seenAt" > $3::timestamptz - make_interval(secs => $4)
       ORDER BY p.editing DESC, u.email`,
      [articleId, actor.id, now, PRESENCE_TIMEOUT_MS / 1000],
    );
    return rows.map((row) => ({ ...row, seenAt: row.seenAt.toISOString() }));
  }

  /** The page was closed: the others stop seeing `actor` at once rather than after the timeout. */
  async leave(articleId: number, actor: Actor): Promise<void> {
    if (actor.kind !== 'user') return;
    await this.dataSource.query(`DELETE FROM article_presence WHERE "articleId" = $1 AND "userId" = $2`, [articleId, actor.id]);
  }
}
