import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ArticleEventName } from '../src/articles/article-events';
import { Actor } from '../src/auth/actor';
import { PublishingService } from '../src/publishing/publishing.service';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };
const PUBLISHES = 100;

/** A receiver on 127.0.0.1 that hangs (never answers), fails (500) or accepts (204), recording delivery ids. */
async function startReceiver(behaviour: 'hang' | 'fail' | 'accept'): Promise<{ server: Server; url: string; deliveryIds: Set<string>; requests: () => number }> {
  const deliveryIds = new Set<string>();
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => {
      if (behaviour === 'hang') return;
      deliveryIds.add(String(req.headers['x-wiredesk-delivery']));
      res.writeHead(behaviour === 'fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, deliveryIds, requests: () => requests };
}

describe('webhook fairness', () => {
  let testApp: TestApp;
  let receivers: Record<'hang' | 'fail' | 'accept', Awaited<ReturnType<typeof startReceiver>>>;

  beforeAll(async () => {
    receivers = { hang: await startReceiver('hang'), fail: await startReceiver('fail'), accept: await startReceiver('accept') };
    testApp = await bootTestApp();
    const webhooks = testApp.app.get(WebhooksService);
    for (const receiver of Object.values(receivers)) await webhooks.subscribe({ url: receiver.url, events: [ArticleEventName.Published] }, SYSTEM);
  });
  afterAll(async () => {
    await testApp?.close();
    for (const receiver of Object.values(receivers ?? {})) {
      receiver.server.closeAllConnections();
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });

  it('delivers every publish to a healthy receiver while another hangs and a third answers 500', async () => {
    const publishing = testApp.app.get(PublishingService);
    const started = Date.now();
    for (let n = 0; n < PUBLISHES; n++) {
      const article = await insertArticle(testApp.dataSource);
      await publishing.publish(article.id, SYSTEM);
    }
    const published = Date.now();

    // A bounded wait, not a speed target: before per-subscription caps, the healthy receiver got a handful in minutes.
    const deadline = published + 30_000;
    while (receivers.accept.deliveryIds.size < PUBLISHES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    console.log(
      `webhook fairness: ${PUBLISHES} publishes took ${published - started} ms; the healthy receiver had ${receivers.accept.deliveryIds.size} ` +
        `${Date.now() - published} ms after the last; the hanging one was sent ${receivers.hang.requests()} attempts, the failing one ${receivers.fail.requests()}`,
    );
    expect(receivers.accept.deliveryIds.size).toBe(PUBLISHES);
    // The sick subscribers were still being tried, not skipped.
    expect(receivers.hang.requests()).toBeGreaterThan(0);
    expect(receivers.fail.requests()).toBeGreaterThan(0);
  }, 180_000);
});
