import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { ArticleStatus } from '../../src/articles/article-status';
import { Article } from '../../src/articles/article.entity';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { PANEL_PASSWORD } from '../support/admin-session';
import { insertArticle } from '../support/fixtures';
import { bootTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A page on another port of the same host: another origin, but the same site, so a SameSite=Lax cookie
 * still goes with its requests. It auto-submits a form to the panel, as a hostile page would.
 */
function hostilePage(target: string, fields: Record<string, string>, enctype = 'application/x-www-form-urlencoded'): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value='${value}'>`)
    .join('');
  return `<!doctype html><html><body><form id="f" method="post" enctype="${enctype}" action="${target}">${inputs}</form>
<script>document.getElementById('f').submit()</script></body></html>`;
}

describe('the panel against a cross-origin auto-submitting form, in Chromium', () => {
  let testApp: TestApp;
  let base: string;
  let hostile: Server;
  let hostileBase: string;
  let pages = new Map<string, string>();
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    testApp = await bootTestApp({ runWorkers: false });
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    await testApp.app.get(UsersService).create({ email: 'csrf.editor@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });

    pages = new Map();
    hostile = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(pages.get(request.url ?? '') ?? 'nothing here');
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileBase = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;

    profile = await mkdtemp(join(tmpdir(), 'wiredesk-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);

    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'csrf.editor@example.com');
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button')]);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await new Promise((resolve) => hostile?.close(resolve));
    await testApp?.close();
  });

  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });

  /** Opens the hostile page in the signed-in browser and waits until its form's answer has loaded. */
  async function visitHostile(path: string, target: string, fields: Record<string, string>, enctype?: string): Promise<number | undefined> {
    pages.set(path, hostilePage(target, fields, enctype));
    const answer = page.waitForResponse((response) => response.url() === target && response.request().method() === 'POST');
    await page.goto(`${hostileBase}${path}`);
    return (await answer).status();
  }

  it('publishes nothing when another origin auto-submits the panel’s publish action', async () => {
    const article = await insertArticle(testApp.dataSource);
    const status = await visitHostile('/panel', `${base}/admin/api/resources/Article/records/${article.id}/publish`, { version: String(article.version) });
    expect(status).toBe(403);
    expect((await reload(article.id)).status).toBe(ArticleStatus.Draft);
  });

  it('publishes nothing when another origin posts a form to the JSON API', async () => {
    const article = await insertArticle(testApp.dataSource);
    const status = await visitHostile('/api', `${base}/api/articles/${article.id}/publish`, { '{"version":1,"x":"': '"}' }, 'text/plain');
    expect(status).toBe(403);
    expect((await reload(article.id)).status).toBe(ArticleStatus.Draft);
  });

  it('still lets the editor publish from the panel itself', async () => {
    const article = await insertArticle(testApp.dataSource);
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/show`);
    await page.click('[data-testid="action-publish"]');
    await Promise.all([page.waitForURL(/\/show$/), page.click('[data-testid="confirm-action"]')]);
    expect((await reload(article.id)).status).toBe(ArticleStatus.Published);
  });
});
