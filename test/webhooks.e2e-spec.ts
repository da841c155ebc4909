import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ArticleEventName } from '../src/articles/article-events';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { ArticleRevision } from '../src/articles/revision.entity';
import { ArticlesService } from '../src/articles/articles.service';
import { Section } from '../src/sections/section.entity';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { Caption } from '../src/captions/caption.entity';
import { PublishingService } from '../src/publishing/publishing.service';
import { WebhookDelivery, WebhookDeliveryStatus } from '../src/webhooks/webhook-delivery.entity';
import { verifySignature } from '../src/webhooks/webhook-signature';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { loggedInAs } from './support/admin-session';
import { ContractChecker } from './support/contract';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportEventName } from '../src/imports/import-events';
import { ImportsService } from '../src/imports/imports.service';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { insertArticle, insertAuthor, insertPhoto } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that records every request; `/flaky` answers 500 to the first attempt of each delivery. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const failedOnce = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const delivery = String(req.headers['x-wiredesk-delivery']);
      const fail = req.url === '/flaky' && !failedOnce.has(delivery);
      if (fail) failedOnce.add(delivery);
      res.writeHead(fail ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('webhooks and scheduled publishing', () => {
  let testApp: TestApp;
  let second: INestApplication;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  let publisherToken: string;
  let writerToken: string;
  let updatesSubscriptionId: number;

  const eventsFor = (articleId: number, event: string, path = '/hook') =>
    receiver.received.filter((hit) => hit.path === path && hit.headers['x-wiredesk-event'] === event && JSON.parse(hit.body).data.article.id === articleId);

  beforeAll(async () => {
    receiver = await startReceiver();
    testApp = await bootTestApp();
    // A second instance of the app on the same database, as in a two-server deployment.
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ databaseUrl: testApp.database.url })] }).compile();
    second = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
    await second.init();

    const webhooks = testApp.app.get(WebhooksService);
    secret = (await webhooks.subscribe({ url: `${receiver.url}/hook`, events: [ArticleEventName.Published, ArticleEventName.Unpublished] }, SYSTEM)).secret;
    await webhooks.subscribe({ url: `${receiver.url}/flaky`, events: [ArticleEventName.Published], secret: 'flaky-secret-0123456789' }, SYSTEM);
    updatesSubscriptionId = (await webhooks.subscribe({ url: `${receiver.url}/updates`, events: [ArticleEventName.Updated] }, SYSTEM)).subscription.id;
    publisherToken = (await testApp.app.get(ApiTokensService).create({ name: 'cms', scopes: [TokenScope.ContentPublish] }, SYSTEM)).secret;
    writerToken = (await testApp.app.get(ApiTokensService).create({ name: 'desk', scopes: [TokenScope.ContentWrite] }, SYSTEM)).secret;
  });
  afterAll(async () => {
    await second?.close();
    await testApp.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('delivers a signed article.published that the receiver can verify', async () => {
    const article = await insertArticle(testApp.dataSource);
    await request(testApp.app.getHttpServer()).post(`/api/articles/${article.id}/publish`).set('Authorization', `Bearer ${publisherToken}`).send({}).expect(200);

    const [hit] = await waitFor(() => (eventsFor(article.id, ArticleEventName.Published).length ? eventsFor(article.id, ArticleEventName.Published) : undefined));
    const timestamp = Number(hit.headers['x-wiredesk-timestamp']);
    expect(verifySignature(secret, timestamp, hit.body, String(hit.headers['x-wiredesk-signature']))).toBe(true);
    expect(verifySignature('wrong-secret', timestamp, hit.body, String(hit.headers['x-wiredesk-signature']))).toBe(false);
    expect(JSON.parse(hit.body)).toMatchObject({ event: 'article.published', data: { article: { id: article.id, slug: article.slug, status: 'published' }, purgeKeys: [`article-${article.id}`, 'articles'] } });
  });

  it('retries a delivery after the receiver answers 500 and logs both attempts', async () => {
    const article = await insertArticle(testApp.dataSource);
    await testApp.app.get(PublishingService).publish(article.id, SYSTEM);
    const deliveries = testApp.dataSource.getRepository(WebhookDelivery);

    const delivered = await waitFor(async () => {
      const rows = await deliveries.find({ where: { event: ArticleEventName.Published, status: WebhookDeliveryStatus.Delivered } });
      return rows.find((row) => JSON.parse(row.payload).data.article.id === article.id && row.attempts === 2);
    });
    expect(delivered).toMatchObject({ lastResponseStatus: 204, lastError: 'the receiver answered HTTP 500' });
    expect(eventsFor(article.id, ArticleEventName.Published, '/flaky')).toHaveLength(2);
    const [first, retry] = eventsFor(article.id, ArticleEventName.Published, '/flaky');
    expect(retry.body).toBe(first.body);
  });

  it('queues the deliveries and their jobs in the publish transaction: they exist when publish returns', async () => {
    const article = await insertArticle(testApp.dataSource);
    await testApp.app.get(PublishingService).publish(article.id, SYSTEM);

    const rows: Array<{ id: number; jobs: number }> = await testApp.dataSource.query(
      `SELECT delivery.id, (SELECT count(*)::int FROM pgboss.job job WHERE job.name = 'webhook-delivery' AND (job.data->>'deliveryId')::int = delivery.id) AS jobs
         FROM webhook_deliveries delivery
        WHERE delivery.event = $1 AND (delivery.payload::jsonb->'data'->'article'->>'id')::int = $2`,
      [ArticleEventName.Published, article.id],
    );
    // `/hook` and `/flaky` subscribe to article.published.
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.jobs).toBeGreaterThanOrEqual(1);
  });

  it('never lets an unreachable receiver block or roll back a publish', async () => {
    const webhooks = testApp.app.get(WebhooksService);
    const dead = await webhooks.subscribe({ url: 'http://127.0.0.1:9/nobody-listens', events: [ArticleEventName.Unpublished] }, SYSTEM);
    const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });

    const started = Date.now();
    const pulled = await testApp.app.get(PublishingService).unpublish(article.id, SYSTEM);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(pulled.status).toBe(ArticleStatus.Unpublished);

    const failedAttempt = await waitFor(async () => {
      const [row] = await webhooks.deliveriesOf(dead.subscription.id, SYSTEM);
      return row && row.attempts >= 1 ? row : undefined;
    });
    expect(failedAttempt.status).toBe(WebhookDeliveryStatus.Pending);
    expect(failedAttempt.lastError).toContain('could not reach the receiver');
    await webhooks.update(dead.subscription.id, { active: false }, SYSTEM);
  });

  it('publishes a due article exactly once with two instances running, and fires the webhook once', async () => {
    const article = await insertArticle(testApp.dataSource);
    await testApp.app.get(PublishingService).schedule(article.id, new Date(Date.now() + 1_000), SYSTEM);

    await waitFor(() => (eventsFor(article.id, ArticleEventName.Published).length ? true : undefined));
    // Give both schedulers several more rounds to publish it again, if they were going to.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    expect(eventsFor(article.id, ArticleEventName.Published)).toHaveLength(1);
    const rows = await testApp.dataSource.getRepository(WebhookDelivery).findBy({ event: ArticleEventName.Published });
    expect(rows.filter((row) => JSON.parse(row.payload).data.article.id === article.id)).toHaveLength(2); // /hook and /flaky, once each
    const stored = await testApp.dataSource.query(`SELECT status, "scheduledAt", version FROM articles WHERE id = $1`, [article.id]);
    expect(stored[0]).toMatchObject({ status: 'published', scheduledAt: null, version: 3 });
  });

  it('lets only admins manage subscriptions over HTTP', async () => {
    await request(testApp.app.getHttpServer()).get('/api/webhooks').expect(401);
    await request(testApp.app.getHttpServer()).get('/api/webhooks').set('Authorization', `Bearer ${publisherToken}`).expect(403);
    await request(testApp.app.getHttpServer())
      .post('/api/webhooks')
      .set('Authorization', `Bearer ${publisherToken}`)
      .send({ url: 'https://example.com/hook', events: ['article.published'] })
      .expect(403);
  });

  describe('article.updated', () => {
    interface UpdatedPayload {
      event: string;
      data: { article: { id: number; version: number; status: string }; changes: Record<string, unknown> };
    }
    const updatesFor = (articleId: number): UpdatedPayload[] =>
      receiver.received
        .filter((hit) => hit.path === '/updates')
        .map((hit) => JSON.parse(hit.body) as UpdatedPayload)
        .filter((payload) => payload.data.article.id === articleId);
    const received = (articleId: number) => waitFor(() => (updatesFor(articleId).length > 0 ? updatesFor(articleId) : undefined));
    const queuedFor = async (articleId: number) =>
      (await testApp.dataSource.getRepository(WebhookDelivery).findBy({ subscriptionId: updatesSubscriptionId })).filter(
        (row) => JSON.parse(row.payload).data.article.id === articleId,
      );
    const http = () => request(testApp.app.getHttpServer());
    const live = () => insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    const printing = (article: Article, photoId: number, text = 'A caption') =>
      testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId, position: 0, text });
    const versionOf = async (article: Article) => (await testApp.dataSource.getRepository(Article).findOneByOrFail({ id: article.id })).version;

    it('announces a caption edit as a new version of its article, and nothing for a refused one', async () => {
      const article = await live();
      const caption = await printing(article, (await insertPhoto(testApp.dataSource)).id, 'Before');
      const writer = { Authorization: `Bearer ${writerToken}` };
      await http().patch(`/api/captions/${caption.id}`).set(writer).set('If-Match', `"${article.version + 1}"`).send({ text: 'Stale' }).expect(409);
      await http().patch(`/api/captions/${caption.id}`).set(writer).set('If-Match', `"${article.version}"`).send({ text: 'After' }).expect(200);

      const [update] = await received(article.id);
      expect(update).toMatchObject({ event: 'article.updated', data: { article: { id: article.id, version: article.version + 1 }, changes: { copy: ['captions'] } } });
      expect(await queuedFor(article.id)).toHaveLength(1);
    });

    it('announces nothing for saves that change nothing: API, caption or panel', async () => {
      const article = await live();
      const caption = await printing(article, (await insertPhoto(testApp.dataSource)).id, 'As printed');
      const writer = { Authorization: `Bearer ${writerToken}` };
      const editor = await loggedInAs(testApp.app, UserRole.Editor);
      await http().patch(`/api/articles/${article.id}`).set(writer).set('If-Match', `"${article.version}"`).send({ headline: article.headline, body: article.body }).expect(200);
      await http().patch(`/api/captions/${caption.id}`).set(writer).send({ text: 'As printed' }).expect(200);
      const panelSave = await http()
        .post(`/admin/api/resources/Article/records/${article.id}/edit`)
        .set('Cookie', editor.cookie)
        .field('payload', JSON.stringify({ version: article.version, headline: article.headline, slug: article.slug, body: article.body, captions: [{ id: caption.id, text: 'As printed' }], bylines: [] }));
      expect(panelSave.body.notice).toEqual({ message: 'No changes to save', type: 'info' });

      // A real edit afterwards is announced; by the time it arrives, anything the no-ops had sent would have been queued before it.
      await http().patch(`/api/articles/${article.id}`).set(writer).set('If-Match', `"${article.version}"`).send({ headline: 'Now changed' }).expect(200);
      const [update] = await received(article.id);
      expect(update.data).toMatchObject({ article: { id: article.id, version: article.version + 1 }, changes: { copy: ['headline'] } });
      expect(await queuedFor(article.id)).toHaveLength(1);
      expect(updatesFor(article.id)).toHaveLength(1);
    });

    it('announces a photo edit to every published article printing it, keeping their versions, and not to drafts', async () => {
      const [first, second, draft] = [await live(), await live(), await insertArticle(testApp.dataSource)];
      const photo = await insertPhoto(testApp.dataSource, { credit: 'Reuters', agency: 'Reuters' });
      for (const article of [first, second, draft]) await printing(article, photo.id);
      const writer = { Authorization: `Bearer ${writerToken}` };
      // Sending what the photo already says changes nothing anyone sees: no announcement.
      await http().patch(`/api/photos/${photo.id}`).set(writer).send({ credit: 'Reuters' }).expect(200);
      await http().patch(`/api/photos/${photo.id}`).set(writer).send({ credit: 'Photo by Lina Sinjab / AFP', agency: 'AFP' }).expect(200);

      for (const article of [first, second]) {
        const [update] = await received(article.id);
        expect(update.data).toEqual({
          article: expect.objectContaining({ id: article.id, version: article.version, status: 'published' }),
          changes: { photos: [{ id: photo.id, fields: ['credit', 'agency'] }] },
          purgeKeys: [`article-${article.id}`, 'articles'],
        });
        expect(await versionOf(article)).toBe(article.version);
        expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: article.id })).toBe(0);
      }
      for (const article of [first, second]) expect(await queuedFor(article.id)).toHaveLength(1);
      expect(await queuedFor(draft.id)).toEqual([]);
    });

    it('announces a rename to published articles with the author in a byline or as photographer', async () => {
      const author = await insertAuthor(testApp.dataSource, { name: 'Ahmad Rubaye', key: `ahmad rubaye ${Date.now()}` });
      const [byline, photoCredit, draft] = [await live(), await live(), await insertArticle(testApp.dataSource)];
      await testApp.dataSource.getRepository(Byline).save([
        { articleId: byline.id, authorId: author.id, role: BylineRole.Writer, position: 0 },
        { articleId: draft.id, authorId: author.id, role: BylineRole.Writer, position: 0 },
      ]);
      await printing(photoCredit, (await insertPhoto(testApp.dataSource, { photographerId: author.id })).id);

      await http().patch(`/api/authors/${author.id}`).set('Authorization', `Bearer ${writerToken}`).send({ name: 'Ahmad Al-Rubaye' }).expect(200);

      for (const article of [byline, photoCredit]) {
        const [update] = await received(article.id);
        expect(update.data).toMatchObject({ article: { id: article.id, version: article.version }, changes: { authors: [{ id: author.id, fields: ['name'] }] } });
        expect((update.data as { purgeKeys?: string[] }).purgeKeys).toEqual([`article-${article.id}`, 'articles', `author-${author.id}`]);
      }
      expect(await queuedFor(draft.id)).toEqual([]);
    });

    it('announces a panel save with a new credit once for the edited article, and to other articles printing the photo', async () => {
      const editor = await loggedInAs(testApp.app, UserRole.Editor);
      const [edited, alsoPrinting] = [await live(), await live()];
      const photo = await insertPhoto(testApp.dataSource, { credit: 'AFP' });
      const caption = await printing(edited, photo.id);
      await printing(alsoPrinting, photo.id);

      const saved = await http()
        .post(`/admin/api/resources/Article/records/${edited.id}/edit`)
        .set('Cookie', editor.cookie)
        .field('payload', JSON.stringify({ version: edited.version, headline: 'Corrected headline', captions: [{ id: caption.id, text: caption.text }], credits: [{ photoId: photo.id, credit: 'Photo by Hadi Mizban / AP' }] }));
      expect(saved.body.problem).toBeUndefined();

      const [update] = await received(edited.id);
      expect(update.data).toMatchObject({
        article: { id: edited.id, version: edited.version + 1 },
        changes: { copy: ['headline'], photos: [{ id: photo.id, fields: ['credit'] }] },
      });
      const [other] = await received(alsoPrinting.id);
      expect(other.data).toMatchObject({ article: { id: alsoPrinting.id, version: alsoPrinting.version }, changes: { photos: [{ id: photo.id, fields: ['credit'] }] } });
      expect(other.data.changes).not.toHaveProperty('copy');
      expect(await queuedFor(edited.id)).toHaveLength(1);
    });

    it('queues article.updated in the edit transaction, and a rolled-back edit queues nothing', async () => {
      const webhooks = testApp.app.get(WebhooksService);
      const articles = testApp.app.get(ArticlesService);
      const article = await live();
      const jobsFor = async (articleId: number) =>
        Number((await testApp.dataSource.query(
          `SELECT count(*) AS n FROM pgboss.job job JOIN webhook_deliveries delivery ON (job.data->>'deliveryId')::int = delivery.id
            WHERE job.name = 'webhook-delivery' AND (delivery.payload::jsonb->'data'->'article'->>'id')::int = $1`,
          [articleId],
        ))[0].n);
      // A failure after the deliveries were queued, before commit (a crash, a lost connection): all of it rolls back.
      const queue = webhooks.queueArticleUpdatesWithin.bind(webhooks);
      const failing = jest.spyOn(webhooks, 'queueArticleUpdatesWithin').mockImplementationOnce(async (manager, updates) => {
        await queue(manager, updates);
        expect(updates.articleIds()).toEqual([article.id]);
        throw new Error('the connection dropped before commit');
      });
      try {
        await expect(articles.update(article.id, { headline: 'Rolled back' }, article.version, SYSTEM)).rejects.toThrow('the connection dropped');
      } finally {
        failing.mockRestore();
      }
      expect(await versionOf(article)).toBe(article.version);
      expect(await queuedFor(article.id)).toHaveLength(0);
      expect(await jobsFor(article.id)).toBe(0);

      await articles.update(article.id, { headline: 'Committed' }, article.version, SYSTEM);
      // No waiting: the delivery and its job committed with the edit.
      expect(await queuedFor(article.id)).toHaveLength(1);
      expect(await jobsFor(article.id)).toBe(1);
    });

    it('names the article\'s section, and the one it left, in every article.* purge list', async () => {
      const sections = testApp.dataSource.getRepository(Section);
      const [world, business] = await sections.save([{ name: 'World', slug: 'world-purge' }, { name: 'Business', slug: 'business-purge' }]);
      const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date(), sectionId: world!.id });
      try {
        await testApp.app.get(ArticlesService).update(article.id, { sectionId: business!.id }, article.version, SYSTEM);
        const [moved] = await received(article.id);
        expect((moved!.data as unknown as { purgeKeys: string[] }).purgeKeys).toEqual([`article-${article.id}`, 'articles', `section-${business!.id}`, `section-${world!.id}`]);
        await testApp.app.get(PublishingService).unpublish(article.id, SYSTEM);
        const [unpublished] = await waitFor(() => (eventsFor(article.id, ArticleEventName.Unpublished).length ? eventsFor(article.id, ArticleEventName.Unpublished) : undefined));
        expect(JSON.parse(unpublished!.body).data.purgeKeys).toEqual([`article-${article.id}`, 'articles', `section-${business!.id}`]);
      } finally {
        // Once the desk has sections, publishing needs one: the other tests publish unsectioned copy.
        await testApp.dataSource.getRepository(Article).update(article.id, { sectionId: null });
        await sections.delete([world!.id, business!.id]);
      }
    });
  });
  it('sends every event as the OpenAPI document describes it (x-webhooks): headers and payload schema', async () => {
    const webhooks = testApp.app.get(WebhooksService);
    await webhooks.subscribe({ url: `${receiver.url}/imports`, events: [ImportEventName.Completed] }, SYSTEM);
    const dir = await mkdtemp(join(tmpdir(), 'wiredesk-webhook-import-'));
    const completions = () => testApp.dataSource.getRepository(WebhookDelivery).countBy({ event: ImportEventName.Completed });
    try {
      await writeFile(join(dir, 'dump.txt'), buildDump([syntheticArticle(91_000)]));
      // An import that fails after its import.completed was queued, before commit, leaves neither the import nor the delivery.
      const queue = webhooks.queueImportCompletedWithin.bind(webhooks);
      const failing = jest.spyOn(webhooks, 'queueImportCompletedWithin').mockImplementationOnce(async (manager, record) => {
        await queue(manager, record);
        throw new Error('the connection dropped before commit');
      });
      try {
        await expect(testApp.app.get(ImportsService).importFile(join(dir, 'dump.txt'), SYSTEM)).rejects.toThrow('the connection dropped');
      } finally {
        failing.mockRestore();
      }
      expect(await completions()).toBe(0);
      await testApp.app.get(ImportsService).importFile(join(dir, 'dump.txt'), SYSTEM);
      // Queued with the import's commit: there when importFile returns.
      expect(await completions()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await waitFor(() => receiver.received.find((hit) => hit.path === '/imports'));
    const checker = new ContractChecker((await request(testApp.app.getHttpServer()).get('/docs-json').expect(200)).body);
    const events = new Set(receiver.received.map((hit) => hit.headers['x-wiredesk-event']));
    expect(events).toEqual(new Set([ArticleEventName.Published, ArticleEventName.Unpublished, ArticleEventName.Updated, ImportEventName.Completed]));
    expect(receiver.received.flatMap((hit) => checker.checkWebhook(hit.headers, hit.body))).toEqual([]);
  });
});
