import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ArticleError, ArticleErrorCode } from '../articles/article-error';
import { ArticleEvent, ArticleEventName } from '../articles/article-events';
import { ArticleStatus } from '../articles/article-status';
import { Article } from '../articles/article.entity';
import { captionsOf, lockArticle } from '../articles/articles.service';
import { bylinesOf } from '../articles/bylines';
import { assertVersionNamingEditor, RevisionNotes, snapshotOf, writeRevision } from '../articles/revisions';
import { Actor, assertCan, Permission } from '../auth/actor';
import { Section } from '../sections/section.entity';
import { articleStatusPayload } from '../webhooks/webhook-payloads';
import { WebhooksService } from '../webhooks/webhooks.service';

const SCHEDULER: Actor = { kind: 'system', name: 'scheduler' };
const DUE_BATCH_SIZE = 100;

/**
 * The only place an article's publication state changes. Each change runs in a transaction holding
 * the article's row lock; its webhooks are queued in that transaction (they exist exactly when the change
 * does) and its in-process event is emitted only after commit.
 */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly webhooks: WebhooksService,
  ) {}

  async publish(id: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    const article = await this.transition(id, expectedVersion, async (locked, manager) => {
      if (locked.status === ArticleStatus.Published) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is already published`);
      }
      assertPublishable(locked);
      await assertSectioned(manager, locked);
      markPublished(locked, new Date());
    }, ArticleEventName.Published);
    this.emit(ArticleEventName.Published, article, actor);
    return article;
  }

  async unpublish(id: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    const article = await this.transition(id, expectedVersion, (locked) => {
      if (locked.status !== ArticleStatus.Published) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is not published (it is ${locked.status})`);
      }
      locked.status = ArticleStatus.Unpublished;
    }, ArticleEventName.Unpublished);
    this.emit(ArticleEventName.Unpublished, article, actor);
    return article;
  }

  /** Publishes the article at `at`, which must lie in the future; scheduling again moves the time. */
  async schedule(id: number, at: Date, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    if (!(at.getTime() > Date.now())) {
      throw new ArticleError(ArticleErrorCode.ScheduleInPast, `the publication time ${at.toISOString()} is not in the future`);
    }
    const article = await this.transition(id, expectedVersion, async (locked, manager) => {
      if (locked.status === ArticleStatus.Published) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is already published`);
      }
      assertPublishable(locked);
      await assertSectioned(manager, locked);
      locked.scheduledAt = at;
    });
    this.emit(ArticleEventName.Scheduled, article, actor);
    return article;
  }

  /**
   * Bins a draft nobody will run: it leaves the desk's lists for the Spiked list, loses any schedule and can
   * be neither published nor scheduled until it is unspiked. Copy that is or was live is unpublished instead
   * (an unpublished article may be spiked). History records it. Nothing public changes, so no event is announced.
   */
  async spike(id: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    return this.recordedTransition(id, expectedVersion, actor, (locked) => {
      if (locked.status === ArticleStatus.Published) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is published: unpublish it rather than spike it`);
      }
      if (locked.status === ArticleStatus.Spiked) throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is already spiked`);
      const previousStatus = locked.status;
      locked.status = ArticleStatus.Spiked;
      locked.scheduledAt = null;
      return { spike: { spiked: true, previousStatus } };
    });
  }

  /** Brings a spiked article back to the drafts; History records it. */
  async unspike(id: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    return this.recordedTransition(id, expectedVersion, actor, (locked) => {
      if (locked.status !== ArticleStatus.Spiked) {
        throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${id} is not spiked (it is ${locked.status})`);
      }
      locked.status = ArticleStatus.Draft;
      return { spike: { spiked: false, previousStatus: ArticleStatus.Spiked } };
    });
  }

  async cancelSchedule(id: number, actor: Actor, expectedVersion?: number): Promise<Article> {
    assertCan(actor, Permission.Publish);
    return this.transition(id, expectedVersion, (locked) => {
      locked.scheduledAt = null;
    });
  }

  /**
   * Publishes every article whose time has come. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so two
   * app instances running this at once never publish (or announce) the same article twice.
   */
  async publishDue(now: Date = new Date()): Promise<Article[]> {
    await this.webhooks.prepareQueue();
    const published = await this.dataSource.transaction(async (manager) => {
      const due = await manager
        .createQueryBuilder(Article, 'article')
        .where('article.scheduledAt <= :now', { now })
        .andWhere('article.status <> :published', { published: ArticleStatus.Published })
        // Flagged or merged-away copy may have been scheduled before it was flagged; it waits for an editor.
        .andWhere('article.duplicateKind IS NULL AND article.mergedIntoId IS NULL')
        .orderBy('article.scheduledAt', 'ASC')
        .limit(DUE_BATCH_SIZE)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const article of due) {
        markPublished(article, article.scheduledAt ?? now);
        article.version += 1;
      }
      const saved = await manager.save(due);
      for (const article of saved) await this.queueWebhooksWithin(manager, ArticleEventName.Published, article);
      return saved;
    });
    for (const article of published) this.emit(ArticleEventName.Published, article, SCHEDULER);
    return published;
  }

  /**
   * Takes a merged-away duplicate out of circulation inside the caller's merge transaction: it becomes
   * `unpublished` (whatever it was) and loses any schedule. Returns whether it had been published, so the
   * caller can announce `article.unpublished` after commit.
   */
  retireMergedWithin(article: Article): boolean {
    const wasPublished = article.status === ArticleStatus.Published;
    article.status = ArticleStatus.Unpublished;
    article.scheduledAt = null;
    return wasPublished;
  }

  /** Queues the webhooks of a merge's unpublish inside the merge's transaction, once the article is saved. */
  async queueUnpublishedWithin(manager: EntityManager, article: Article): Promise<void> {
    await this.queueWebhooksWithin(manager, ArticleEventName.Unpublished, article);
  }

  /** Makes sure the webhook queue exists; call before a transaction that queues webhooks. */
  prepareWebhooks(): Promise<void> {
    return this.webhooks.prepareQueue();
  }

  /** Announces a status change made inside another service's transaction, once that transaction committed. */
  announceUnpublished(article: Article, actor: Actor): void {
    this.emit(ArticleEventName.Unpublished, article, actor);
  }

  private async transition(
    id: number,
    expectedVersion: number | undefined,
    change: (article: Article, manager: EntityManager) => void | Promise<void>,
    announce?: ArticleEventName.Published | ArticleEventName.Unpublished,
  ): Promise<Article> {
    if (announce) await this.webhooks.prepareQueue();
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const article = await lockArticle(manager, id);
      await assertVersionNamingEditor(manager, article, expectedVersion);
      await change(article, manager);
      article.version += 1;
      const saved = await manager.save(article);
      if (announce) await this.queueWebhooksWithin(manager, announce, saved);
      return saved;
    });
  }

  private queueWebhooksWithin(manager: EntityManager, event: ArticleEventName.Published | ArticleEventName.Unpublished, article: Article): Promise<unknown> {
    return this.webhooks.enqueueWithin(manager, event, articleStatusPayload(article));
  }

  /** A status change that History shows: the same transition, with a revision of the unchanged copy carrying `notes`. */
  private async recordedTransition(id: number, expectedVersion: number | undefined, actor: Actor, change: (article: Article) => RevisionNotes): Promise<Article> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const article = await lockArticle(manager, id);
      await assertVersionNamingEditor(manager, article, expectedVersion);
      const notes = change(article);
      article.version += 1;
      const saved = await manager.save(article);
      const copy = snapshotOf(saved, await captionsOf(manager, id), await bylinesOf(manager, id));
      await writeRevision(manager, saved, copy, copy, actor, notes);
      return saved;
    });
  }

  private emit(name: ArticleEventName, article: Article, actor: Actor): void {
    this.events.emit(name, { article, actor } satisfies ArticleEvent);
  }
}

/** Copy flagged as a duplicate, or merged into another article, must not go live until an editor resolves it. */
function assertPublishable(article: Article): void {
  if (article.status === ArticleStatus.Spiked) {
    throw new ArticleError(ArticleErrorCode.InvalidTransition, `article ${article.id} is spiked; unspike it before publishing or scheduling`);
  }
  if (article.duplicateKind !== null) {
    throw new ArticleError(
      ArticleErrorCode.UnresolvedDuplicate,
      `article ${article.id} is flagged as a ${article.duplicateKind} duplicate of article ${article.duplicateOfId}; resolve it before publishing`,
    );
  }
  if (article.mergedIntoId !== null) {
    throw new ArticleError(
      ArticleErrorCode.InvalidTransition,
      `article ${article.id} was merged into article ${article.mergedIntoId}; publish that one instead`,
    );
  }
}

/**
 * Live copy must say where it goes on the website once the desk has sections at all; a newsroom that has
 * set up none publishes as before. Checked when an article is published or scheduled (not again when a
 * scheduled time comes: a section in use cannot be deleted).
 */
async function assertSectioned(manager: EntityManager, article: Article): Promise<void> {
  if (article.sectionId !== null) return;
  if (!(await manager.exists(Section))) return;
  throw new ArticleError(ArticleErrorCode.SectionRequired, `article ${article.id} has no section; choose where it goes before publishing or scheduling it`);
}

function markPublished(article: Article, at: Date): void {
  article.status = ArticleStatus.Published;
  // publishedAt is the latest publication (a corrected story republished is news again); the first one stays.
  article.publishedAt = at;
  article.firstPublishedAt ??= at;
  article.scheduledAt = null;
}
