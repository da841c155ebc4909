import request from 'supertest';
import { ArticleEventName } from '../src/articles/article-events';
import { ApiToken } from '../src/auth/api-token.entity';
import { UserRole } from '../src/auth/user.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../src/webhooks/webhook-delivery.entity';
import { WebhookSubscription } from '../src/webhooks/webhook-subscription.entity';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { loggedInAs } from './support/admin-session';
import { bootTestApp, TestApp } from './support/test-app';

describe('admin panel: API tokens and webhooks', () => {
  let testApp: TestApp;
  let admin: { cookie: string };
  let editor: { cookie: string };
  let contributor: { cookie: string };

  beforeAll(async () => {
    // No workers: queued deliveries stay pending, so the log shows when each is tried next.
    testApp = await bootTestApp({ runWorkers: false });
    admin = await loggedInAs(testApp.app, UserRole.Admin);
    editor = await loggedInAs(testApp.app, UserRole.Editor);
    contributor = await loggedInAs(testApp.app, UserRole.Contributor);
  });
  afterAll(() => testApp?.close());

  const server = () => testApp.app.getHttpServer();
  const post = (url: string, cookie: string, payload: object = {}) => request(server()).post(url).set('Cookie', cookie).field('payload', JSON.stringify(payload));
  const get = (url: string, cookie: string) => request(server()).get(url).set('Cookie', cookie);
  const tokens = '/admin/api/resources/ApiToken';
  const subscriptions = '/admin/api/resources/WebhookSubscription';
  const deliveries = '/admin/api/resources/WebhookDelivery';

  async function createToken(name: string, scopes: string[]) {
    const response = await post(`${tokens}/actions/new`, admin.cookie, { name, scopes });
    expect(response.status).toBe(200);
    expect(response.body.notice).toMatchObject({ type: 'success' });
    return { id: Number(response.body.record.id), secret: response.body.secret as string, response };
  }

  describe('API tokens', () => {
    it('creates a token whose secret is shown once and works as a bearer token', async () => {
      const { id, secret, response } = await createToken('website', ['content:read']);
      expect(secret).toMatch(/^wd_/);
      expect(response.body.record.params).toMatchObject({ name: 'website', 'scopes.0': 'content:read' });
      expect(response.body.showUrl).toBe(`/admin/resources/ApiToken/records/${id}/show`);
      expect(JSON.stringify(response.body.record)).not.toContain(secret);

      const drafts = await request(server()).get('/api/articles?status=draft').set('Authorization', `Bearer ${secret}`);
      expect(drafts.status).toBe(200);

      // Never retrievable later: not in the list, not on the record's page, and only its hash is stored.
      const list = await get(`${tokens}/actions/list`, admin.cookie);
      expect(list.status).toBe(200);
      const listed = list.body.records.find((record: { id: string }) => Number(record.id) === id);
      expect(listed.params).toMatchObject({ name: 'website', prefix: secret.slice(0, 10) });
      expect(listed.params.tokenHash).toBeUndefined();
      expect(list.text).not.toContain(secret);
      const shown = await get(`${tokens}/records/${id}/show`, admin.cookie);
      expect(shown.status).toBe(200);
      expect(shown.text).not.toContain(secret);
      expect(shown.body.record.params.lastUsedAt).not.toBeNull();
    });

    it('refuses a token without scopes or with an unknown scope, creating nothing', async () => {
      const before = await testApp.dataSource.getRepository(ApiToken).count();
      for (const payload of [{ name: 'empty', scopes: [] }, { name: 'bad', scopes: ['content:everything'] }, { name: '', scopes: ['content:read'] }]) {
        const response = await post(`${tokens}/actions/new`, admin.cookie, payload);
        expect(response.status).toBe(200);
        expect(response.body.notice.type).toBe('error');
        expect(response.body.problem).toMatchObject({ code: 'INVALID_TOKEN_REQUEST', status: 400 });
        expect(response.body.secret).toBeUndefined();
      }
      expect(await testApp.dataSource.getRepository(ApiToken).count()).toBe(before);
    });

    it('revokes a token: it stops working at once', async () => {
      const { id, secret } = await createToken('newsletter', ['content:read', 'content:write']);
      const confirm = await get(`${tokens}/records/${id}/revoke`, admin.cookie);
      expect(confirm.status).toBe(200);
      expect(confirm.body.record.params.revokedAt).toBeNull();

      const revoked = await post(`${tokens}/records/${id}/revoke`, admin.cookie);
      expect(revoked.status).toBe(200);
      expect(revoked.body.notice).toMatchObject({ type: 'success' });
      expect(revoked.body.record.params.revokedAt).toEqual(expect.any(String));
      expect((await testApp.dataSource.getRepository(ApiToken).findOneByOrFail({ id })).revokedAt).toBeInstanceOf(Date);
      expect((await request(server()).get('/api/articles').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
    });

    it('answers 403 to editors and contributors on every token action, changing nothing', async () => {
      const { id, secret } = await createToken('partner', ['content:read']);
      const before = await testApp.dataSource.getRepository(ApiToken).count();
      for (const user of [editor, contributor]) {
        expect((await get(`${tokens}/actions/list`, user.cookie)).status).toBe(403);
        expect((await get(`${tokens}/records/${id}/show`, user.cookie)).status).toBe(403);
        expect((await post(`${tokens}/actions/new`, user.cookie, { name: 'sneaky', scopes: ['content:publish'] })).status).toBe(403);
        expect((await post(`${tokens}/records/${id}/revoke`, user.cookie)).status).toBe(403);
      }
      expect(await testApp.dataSource.getRepository(ApiToken).count()).toBe(before);
      expect((await testApp.dataSource.getRepository(ApiToken).findOneByOrFail({ id })).revokedAt).toBeNull();
      expect((await request(server()).get('/api/articles').set('Authorization', `Bearer ${secret}`)).status).toBe(200);
    });
  });

  describe('webhook subscriptions', () => {
    const storedSecret = async (id: number) =>
      (await testApp.dataSource.getRepository(WebhookSubscription).createQueryBuilder('s').addSelect('s.secret').where('s.id = :id', { id }).getOneOrFail()).secret;

    it('creates a subscription with a generated secret shown once, edits it, keeps the secret write-only, and deletes it', async () => {
      const created = await post(`${subscriptions}/actions/new`, admin.cookie, { url: 'https://hooks.example.com/wiredesk', events: ['article.published'], active: true });
      expect(created.status).toBe(200);
      expect(created.body.notice).toMatchObject({ type: 'success' });
      const id = Number(created.body.record.id);
      const secret = created.body.secret as string;
      expect(secret).toMatch(/^whsec_/);
      expect(await storedSecret(id)).toBe(secret);
      expect(JSON.stringify(created.body.record)).not.toContain(secret);
      const shown = await get(`${subscriptions}/records/${id}/show`, admin.cookie);
      expect(shown.body.record.params).toMatchObject({ url: 'https://hooks.example.com/wiredesk', 'events.0': 'article.published', active: true });
      expect(shown.text).not.toContain(secret);

      // Saving without a secret keeps the current one.
      const edited = await post(`${subscriptions}/records/${id}/edit`, admin.cookie, {
        url: 'https://hooks.example.com/v2',
        events: ['article.published', 'article.unpublished'],
        active: false,
      });
      expect(edited.body.notice).toMatchObject({ type: 'success' });
      expect(edited.body.secret).toBeUndefined();
      const saved = await testApp.dataSource.getRepository(WebhookSubscription).findOneByOrFail({ id });
      expect(saved).toMatchObject({ url: 'https://hooks.example.com/v2', events: ['article.published', 'article.unpublished'], active: false });
      expect(await storedSecret(id)).toBe(secret);

      const rotated = await post(`${subscriptions}/records/${id}/edit`, admin.cookie, { secret: 'a-new-secret-of-enough-length' });
      expect(rotated.body.notice).toMatchObject({ type: 'success' });
      expect(rotated.text).not.toContain('a-new-secret-of-enough-length');
      expect(await storedSecret(id)).toBe('a-new-secret-of-enough-length');

      const deleted = await post(`${subscriptions}/records/${id}/delete`, admin.cookie);
      expect(deleted.body.notice).toMatchObject({ type: 'success' });
      expect(await testApp.dataSource.getRepository(WebhookSubscription).findOneBy({ id })).toBeNull();
    });

    it('refuses a bad URL, unknown events or a short secret with a clear message, writing nothing', async () => {
      const before = await testApp.dataSource.getRepository(WebhookSubscription).count();
      const cases = [
        { payload: { url: 'ftp://example.com/hook', events: ['article.published'] }, mentions: 'url' },
        { payload: { url: 'https://example.com/hook', events: ['article.deleted'] }, mentions: 'events' },
        { payload: { url: 'https://example.com/hook', events: ['article.published'], secret: 'short' }, mentions: 'secret' },
      ];
      for (const { payload, mentions } of cases) {
        const response = await post(`${subscriptions}/actions/new`, admin.cookie, payload);
        expect(response.body.notice.type).toBe('error');
        expect(response.body.problem).toMatchObject({ code: 'WEBHOOK_INVALID_SUBSCRIPTION', status: 400 });
        expect(response.body.problem.detail).toContain(mentions);
      }
      expect(await testApp.dataSource.getRepository(WebhookSubscription).count()).toBe(before);
    });

    it('answers 403 to editors and contributors on every subscription action, changing nothing', async () => {
      const created = await post(`${subscriptions}/actions/new`, admin.cookie, { url: 'https://hooks.example.com/keep', events: ['import.completed'] });
      const id = Number(created.body.record.id);
      for (const user of [editor, contributor]) {
        expect((await get(`${subscriptions}/actions/list`, user.cookie)).status).toBe(403);
        expect((await post(`${subscriptions}/actions/new`, user.cookie, { url: 'https://evil.example.com', events: ['article.published'] })).status).toBe(403);
        expect((await post(`${subscriptions}/records/${id}/edit`, user.cookie, { url: 'https://evil.example.com' })).status).toBe(403);
        expect((await post(`${subscriptions}/records/${id}/delete`, user.cookie)).status).toBe(403);
        expect((await get(`${deliveries}/actions/list`, user.cookie)).status).toBe(403);
      }
      expect(await testApp.dataSource.getRepository(WebhookSubscription).findOneByOrFail({ id })).toMatchObject({ url: 'https://hooks.example.com/keep' });
      expect(await testApp.dataSource.getRepository(WebhookSubscription).countBy({ url: 'https://evil.example.com' })).toBe(0);
    });
  });

  describe('webhook delivery log', () => {
    it('lists deliveries newest first with status, attempts, last error and the next attempt, filterable by status and subscription', async () => {
      const repository = testApp.dataSource.getRepository(WebhookSubscription);
      const first = await repository.save(repository.create({ url: 'https://one.example.com/hook', events: [ArticleEventName.Published], secret: 'x'.repeat(20) }));
      const second = await repository.save(repository.create({ url: 'https://two.example.com/hook', events: [ArticleEventName.Unpublished], secret: 'y'.repeat(20) }));
      const log = testApp.dataSource.getRepository(WebhookDelivery);
      const failed = await log.save(
        log.create({ subscriptionId: first.id, event: ArticleEventName.Published, payload: '{}', status: WebhookDeliveryStatus.Failed, attempts: 8, lastResponseStatus: 500, lastError: 'HTTP 500' }),
      );
      const delivered = await log.save(
        log.create({ subscriptionId: second.id, event: ArticleEventName.Unpublished, payload: '{}', status: WebhookDeliveryStatus.Delivered, attempts: 1, lastResponseStatus: 204, deliveredAt: new Date() }),
      );
      const [pending] = await testApp.app.get(WebhooksService).enqueue(ArticleEventName.Published, { article: { id: 1 } });

      const list = await get(`${deliveries}/actions/list`, admin.cookie);
      expect(list.status).toBe(200);
      const ids = list.body.records.map((record: { id: string }) => Number(record.id));
      expect(ids).toEqual([pending.id, delivered.id, failed.id]);
      const byId = new Map<number, Record<string, unknown>>(list.body.records.map((record: { id: string; params: Record<string, unknown> }) => [Number(record.id), record.params]));
      expect(byId.get(failed.id)).toMatchObject({ status: 'failed', attempts: 8, lastResponseStatus: 500, lastError: 'HTTP 500', nextAttemptAt: null });
      expect(byId.get(delivered.id)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String), nextAttemptAt: null });
      expect(byId.get(pending.id)).toMatchObject({ status: 'pending', attempts: 0, subscriptionId: first.id });
      expect(Date.parse(byId.get(pending.id)!.nextAttemptAt as string)).not.toBeNaN();
      expect(list.body.records.find((record: { id: string }) => Number(record.id) === failed.id).populated.subscriptionId.title).toBe('https://one.example.com/hook');

      const failedOnly = await get(`${deliveries}/actions/list?filters.status=failed`, admin.cookie);
      expect(failedOnly.body.records.map((record: { id: string }) => Number(record.id))).toEqual([failed.id]);
      const secondOnly = await get(`${deliveries}/actions/list?filters.subscriptionId=${second.id}`, admin.cookie);
      expect(secondOnly.body.records.map((record: { id: string }) => Number(record.id))).toEqual([delivered.id]);

      const shown = await get(`${deliveries}/records/${pending.id}/show`, admin.cookie);
      expect(shown.body.record.params.nextAttemptAt).toEqual(byId.get(pending.id)!.nextAttemptAt);
      // The log is read-only, for admins too.
      const edit = await post(`${deliveries}/records/${failed.id}/edit`, admin.cookie, { status: 'delivered' });
      expect(edit.body.record.baseError).toMatchObject({ type: 'ForbiddenError' });
      expect((await log.findOneByOrFail({ id: failed.id })).status).toBe('failed');
    });
  });
});
