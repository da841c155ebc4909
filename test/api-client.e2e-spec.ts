import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import request from 'supertest';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../src/webhooks/webhook-signature';
import type { paths } from './client/wiredesk-api';
import { bootTestApp, TestApp } from './support/test-app';

const SYSTEM: Actor = { kind: 'system', name: 'test' };

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * An integrator's view: a client generated from the committed OpenAPI document (openapi-typescript types,
 * openapi-fetch calls, compiled by the project's TypeScript) runs a whole publishing workflow over HTTP.
 */
describe('a client generated from the OpenAPI document', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let receiver: Server;
  let receiverUrl: string;
  const deliveries: Delivery[] = [];
  let integrationToken: string;

  beforeAll(async () => {
    testApp = await bootTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    integrationToken = (await testApp.app.get(ApiTokensService).create({ name: 'integrations', scopes: Object.values(TokenScope) }, SYSTEM)).secret;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await testApp.close();
  });

  it('is generated from the document /docs-json serves, exactly', async () => {
    const served = (await request(testApp.app.getHttpServer()).get('/docs-json').expect(200)).body;
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'openapi.json'), 'utf8'));
    // `npm run openapi:update` rewrites both the document and test/client/wiredesk-api.ts.
    expect(served).toEqual(committed);
  });

  it('lists drafts, edits with If-Match, publishes, reads with ETag/304, and hears the publish through a signed webhook', async () => {
    const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${integrationToken}` } });
    const anonymous = createClient<paths>({ baseUrl });

    const hook = await client.POST('/api/webhooks', { body: { url: receiverUrl, events: ['article.published'] } });
    expect(hook.response.status).toBe(201);
    const secret = hook.data!.secret;

    const created = await client.POST('/api/articles', { body: { headline: 'Generated client story', body: ['Written by a generated client.'] } });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(`/api/articles/${created.data!.id}`);

    const drafts = await client.GET('/api/articles', { params: { query: { status: 'draft' } } });
    const listed = drafts.data!.items.find((item) => item.id === created.data!.id);
    expect(listed).toMatchObject({ status: 'draft', version: 1 });

    const read = await client.GET('/api/articles/{id}', { params: { path: { id: String(created.data!.id) } } });
    const etag = read.response.headers.get('etag')!;
    const edited = await client.PATCH('/api/articles/{id}', {
      params: { path: { id: created.data!.id }, header: { 'If-Match': etag } },
      body: { headline: 'Generated client story, edited' },
    });
    expect(edited.response.status).toBe(200);
    expect(edited.data!.version).toBe(2);
    const stale = await client.PATCH('/api/articles/{id}', { params: { path: { id: created.data!.id }, header: { 'If-Match': etag } }, body: { headline: 'Lost' } });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ status: 412, code: 'ARTICLE_PRECONDITION_FAILED' });

    const published = await client.POST('/api/articles/{id}/publish', {
      params: { path: { id: created.data!.id }, header: { 'If-Match': edited.response.headers.get('etag')! } },
      body: {},
    });
    expect(published.data!.status).toBe('published');

    const fresh = await anonymous.GET('/api/articles/{id}', { params: { path: { id: published.data!.slug } } });
    expect(fresh.data!.headline).toBe('Generated client story, edited');
    const again = await anonymous.GET('/api/articles/{id}', { params: { path: { id: published.data!.slug }, header: { 'If-None-Match': fresh.response.headers.get('etag')! } } });
    expect(again.response.status).toBe(304);

    const delivery = await waitFor(() => deliveries.find((candidate) => candidate.body.includes(`"id":${created.data!.id}`)));
    const timestamp = Number(delivery.headers[TIMESTAMP_HEADER.toLowerCase()]);
    expect(verifySignature(secret, timestamp, delivery.body, String(delivery.headers[SIGNATURE_HEADER.toLowerCase()]))).toBe(true);
    expect(delivery.headers['x-wiredesk-event']).toBe('article.published');
  }, 60_000);
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
