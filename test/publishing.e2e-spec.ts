import { EventEmitter2 } from '@nestjs/event-emitter';
import { ArticleFeedService } from '../src/articles/article-feed.service';
import { ArticleErrorCode } from '../src/articles/article-error';
import { ArticleEventName } from '../src/articles/article-events';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { ArticlesService } from '../src/articles/articles.service';
import { Actor, describeActor } from '../src/auth/actor';
import { UserRole } from '../src/auth/user.entity';
import { PublishingService } from '../src/publishing/publishing.service';
import { insertArticle, insertUserActor } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';


describe('articles and publishing services', () => {
  let testApp: TestApp;
  let articles: ArticlesService;
  let publishing: PublishingService;
  const published: number[] = [];
  let editor: Actor;
  let contributor: Actor;

  beforeAll(async () => {
    testApp = await bootTestApp();
    articles = testApp.app.get(ArticlesService);
    publishing = testApp.app.get(PublishingService);
    editor = await insertUserActor(testApp.dataSource, UserRole.Editor);
    contributor = await insertUserActor(testApp.dataSource, UserRole.Contributor);
    testApp.app.get(EventEmitter2).on(ArticleEventName.Published, ({ article }: { article: Article }) => published.push(article.id));
  });
  afterAll(() => testApp.close());

  it('saves an edit made on the current version and bumps it', async () => {
    const article = await insertArticle(testApp.dataSource);
    const { article: saved, changed } = await articles.update(article.id, { headline: 'Fixed headline' }, article.version, editor);
    expect(changed).toBe(true);
    expect(saved.version).toBe(article.version + 1);
    expect((await articles.getById(article.id)).headline).toBe('Fixed headline');
  });

  it('refuses a stale edit, names the current version and writes nothing', async () => {
    const article = await insertArticle(testApp.dataSource, { headline: 'Original' });
    await articles.update(article.id, { headline: 'First editor' }, article.version, editor);

    await expect(articles.update(article.id, { headline: 'Second editor' }, article.version, editor)).rejects.toMatchObject({
      code: ArticleErrorCode.VersionConflict,
      status: 409,
      extensions: { currentVersion: article.version + 1 },
    });
    expect((await articles.getById(article.id)).headline).toBe('First editor');
  });

  it('refuses a stale publish, unpublish or schedule, naming who saved the newer version', async () => {
    const article = await insertArticle(testApp.dataSource);
    await articles.update(article.id, { headline: 'Saved by the first editor' }, article.version, editor);
    const stale = article.version;
    for (const attempt of [
      () => publishing.publish(article.id, editor, stale),
      () => publishing.unpublish(article.id, editor, stale),
      () => publishing.schedule(article.id, new Date(Date.now() + 60_000), editor, stale),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: ArticleErrorCode.VersionConflict,
        status: 409,
        extensions: { currentVersion: stale + 1, changedBy: describeActor(editor) },
      });
    }
    const unchanged = await articles.getById(article.id);
    expect(unchanged).toMatchObject({ status: ArticleStatus.Draft, version: stale + 1, scheduledAt: null });
  });

  it('changes the content hash when the copy changes', async () => {
    const article = await insertArticle(testApp.dataSource);
    const { article: saved } = await articles.update(article.id, { body: ['A new body.'] }, article.version, editor);
    expect(saved.contentHash).not.toBe(article.contentHash);
    expect(saved.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes and unpublishes; a republish moves publishedAt and updatedAt and keeps firstPublishedAt', async () => {
    const article = await insertArticle(testApp.dataSource);
    const live = await publishing.publish(article.id, editor);
    expect(live.status).toBe(ArticleStatus.Published);
    expect(live.firstPublishedAt).toEqual(live.publishedAt);
    expect(published).toContain(article.id);

    const pulled = await publishing.unpublish(article.id, editor);
    expect(pulled.status).toBe(ArticleStatus.Unpublished);
    const again = await publishing.publish(article.id, editor);
    expect(again.publishedAt!.getTime()).toBeGreaterThan(live.publishedAt!.getTime());
    expect(again.firstPublishedAt).toEqual(live.publishedAt);
    const view = await testApp.app.get(ArticleFeedService).get(again.slug);
    expect(view).toMatchObject({ publishedAt: again.publishedAt!.toISOString(), firstPublishedAt: live.publishedAt!.toISOString(), updatedAt: again.updatedAt.toISOString() });
    expect(again.updatedAt.getTime()).toBeGreaterThan(live.updatedAt.getTime());
  });

  it('does not let a contributor publish', async () => {
    const article = await insertArticle(testApp.dataSource);
    await expect(publishing.publish(article.id, contributor)).rejects.toMatchObject({ status: 403 });
    expect((await articles.getById(article.id)).status).toBe(ArticleStatus.Draft);
  });

  it('does not let a contributor edit a published article', async () => {
    const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    await expect(articles.update(article.id, { headline: 'x' }, article.version, contributor)).rejects.toMatchObject({ status: 403 });
  });

  it('refuses to publish an article flagged as a duplicate', async () => {
    const original = await insertArticle(testApp.dataSource);
    const copy = await insertArticle(testApp.dataSource, { duplicateOfId: original.id, duplicateKind: 'near' as never, duplicateScore: 0.85 });
    await expect(publishing.publish(copy.id, editor)).rejects.toMatchObject({ code: ArticleErrorCode.UnresolvedDuplicate });
  });

  it('refuses to schedule a flagged duplicate or a merged-away article, and never publishes them when due', async () => {
    const original = await insertArticle(testApp.dataSource);
    const flagged = await insertArticle(testApp.dataSource, { duplicateOfId: original.id, duplicateKind: 'near' as never, duplicateScore: 0.9 });
    const merged = await insertArticle(testApp.dataSource, { mergedIntoId: original.id } as never);
    for (const article of [flagged, merged]) {
      await expect(publishing.schedule(article.id, new Date(Date.now() + 60_000), editor)).rejects.toMatchObject({ status: 409 });
      await expect(publishing.publish(article.id, editor)).rejects.toMatchObject({ status: 409 });
    }

    // Scheduled before it was flagged: the scheduler leaves it for an editor.
    const early = await insertArticle(testApp.dataSource);
    await publishing.schedule(early.id, new Date(Date.now() + 60_000), editor);
    await testApp.dataSource.query(`UPDATE articles SET "duplicateOfId" = $1, "duplicateKind" = 'near' WHERE id = $2`, [original.id, early.id]);
    await publishing.publishDue(new Date(Date.now() + 120_000));
    expect((await articles.getById(early.id)).status).toBe(ArticleStatus.Draft);
  });

  it('refuses a schedule in the past', async () => {
    const article = await insertArticle(testApp.dataSource);
    await expect(publishing.schedule(article.id, new Date(Date.now() - 1000), editor)).rejects.toMatchObject({
      code: ArticleErrorCode.ScheduleInPast,
    });
  });

  it('publishes a scheduled article exactly once when two schedulers run at the same time', async () => {
    const article = await insertArticle(testApp.dataSource);
    await publishing.schedule(article.id, new Date(Date.now() + 60_000), editor);
    const later = new Date(Date.now() + 120_000);
    const before = published.filter((id) => id === article.id).length;

    const [first, second] = await Promise.all([publishing.publishDue(later), publishing.publishDue(later)]);

    expect([...first, ...second].filter((row) => row.id === article.id)).toHaveLength(1);
    expect(published.filter((id) => id === article.id).length - before).toBe(1);
    const stored = await articles.getById(article.id);
    expect(stored.status).toBe(ArticleStatus.Published);
    expect(stored.scheduledAt).toBeNull();
  });
});
