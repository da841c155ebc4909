import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ArticleEventName } from '../src/articles/article-events';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { PublishingService } from '../src/publishing/publishing.service';
import { WebhookDelivery, WebhookDeliveryStatus } from '../src/webhooks/webhook-delivery.entity';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };

describe('webhook safety', () => {
  describe('with private addresses refused (the default)', () => {
    let testApp: TestApp;
    let auth: Record<string, string>;
    const previous = process.env.WEBHOOK_ALLOW_PRIVATE;

    beforeAll(async () => {
      process.env.WEBHOOK_ALLOW_PRIVATE = 'false';
      testApp = await bootTestApp({ runWorkers: false });
      auth = { Authorization: `Bearer ${(await testApp.app.get(ApiTokensService).create({ name: 'hooks', scopes: [TokenScope.IntegrationsManage] }, SYSTEM)).secret}` };
    });
    afterAll(async () => {
      if (previous === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
      else process.env.WEBHOOK_ALLOW_PRIVATE = previous;
      await testApp.close();
    });

    it('refuses loopback, link-local and private receivers, after resolving their names', async () => {
      const http = request(testApp.app.getHttpServer());
      for (const [url, address] of [
        ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
        ['http://localhost:5432/', 'localhost resolves to'],
        ['http://[::1]:22/', '::1'],
        ['http://10.0.0.7/hook', '10.0.0.7'],
      ]) {
        const refused = await http.post('/api/webhooks').set(auth).send({ url, events: [ArticleEventName.Published] }).expect(400);
        expect(refused.body).toMatchObject({ code: 'WEBHOOK_INVALID_SUBSCRIPTION' });
        expect(refused.body.detail).toContain(address);
      }
      const made = await http.post('/api/webhooks').set(auth).send({ url: 'http://93.184.216.34/hook', events: [ArticleEventName.Published], active: false }).expect(201);
      await http.patch(`/api/webhooks/${made.body.id}`).set(auth).send({ url: 'http://127.0.0.1:8080/' }).expect(400);
    });
  });

  describe('queued deliveries', () => {
    let testApp: TestApp;
    let receiver: Server;
    let url: string;
    let received = 0;
    let answer = 500;

    beforeAll(async () => {
      testApp = await bootTestApp();
      receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          received += 1;
          res.writeHead(answer).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    afterAll(async () => {
      await new Promise((resolve) => receiver.close(resolve));
      await testApp.close();
    });

    it('stops retrying once the subscription is paused, and replays a delivery on request', async () => {
      const token = (await testApp.app.get(ApiTokensService).create({ name: 'hooks', scopes: [TokenScope.IntegrationsManage] }, SYSTEM)).secret;
      const http = request(testApp.app.getHttpServer());
      const auth = { Authorization: `Bearer ${token}` };
      const subscription = (await http.post('/api/webhooks').set(auth).send({ url, events: [ArticleEventName.Published] }).expect(201)).body;
      const article = await insertArticle(testApp.dataSource);
      await testApp.app.get(PublishingService).publish(article.id, SYSTEM);
      const deliveries = testApp.dataSource.getRepository(WebhookDelivery);
      const failedOnce = await waitFor(async () => (await deliveries.findOneBy({ subscriptionId: subscription.id, attempts: 1 })) ?? undefined);
      expect(failedOnce.status).toBe(WebhookDeliveryStatus.Pending);

      await http.patch(`/api/webhooks/${subscription.id}`).set(auth).send({ active: false }).expect(200);
      const cancelled = await deliveries.findOneByOrFail({ id: failedOnce.id });
      expect(cancelled).toMatchObject({ status: WebhookDeliveryStatus.Failed, lastError: 'not sent: the subscription was paused' });
      const attemptsWhenPaused = received;
      // Its retry (2 s after the first attempt) comes and goes without a request.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(received).toBe(attemptsWhenPaused);
      expect((await deliveries.findOneByOrFail({ id: failedOnce.id })).attempts).toBe(1);

      await http.post(`/api/webhooks/${subscription.id}/deliveries/${failedOnce.id}/replay`).set(auth).expect(409);
      await http.patch(`/api/webhooks/${subscription.id}`).set(auth).send({ active: true }).expect(200);
      answer = 204;
      const replayed = await http.post(`/api/webhooks/${subscription.id}/deliveries/${failedOnce.id}/replay`).set(auth).expect(202);
      expect(replayed.body).toMatchObject({ id: failedOnce.id, status: 'pending', attempts: 0 });
      const delivered = await waitFor(async () => {
        const row = await deliveries.findOneByOrFail({ id: failedOnce.id });
        return row.status === WebhookDeliveryStatus.Delivered ? row : undefined;
      });
      expect(delivered).toMatchObject({ attempts: 1, lastResponseStatus: 204 });
      await http.post(`/api/webhooks/${subscription.id}/deliveries/999999/replay`).set(auth).expect(404);
    }, 60_000);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
