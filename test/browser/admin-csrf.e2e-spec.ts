import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { ArticleStatus } from '../../src/articles/article-status';
import { Article } from '../../src/articles/article.entity';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { PANEL_PASSWORD } from '../support/admin-session';
import { insertArticle } from '../support/fixtures';
import { launchChromium, TestBrowser } from '../support/browser';
import { bootTestApp, TestApp } from '../support/test-app';


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
  let page: Page;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
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

    browser = await launchChromium();
    ({ page } = browser);

    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'csrf.editor@example.com');
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button')]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
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
