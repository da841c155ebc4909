import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import type { BrowserContext, Page } from 'playwright-core';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { PANEL_PASSWORD } from '../support/admin-session';
import { launchChromium, TestBrowser } from '../support/browser';
import { bootTestApp, TestApp } from '../support/test-app';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('the log-in page works offline, with Wiredesk’s own fonts and icon, and lets password managers fill it', () => {
  let testApp: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: TestBrowser | undefined;
  const outside: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    testApp = await bootTestApp({ runWorkers: false });
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    await testApp.app.get(UsersService).create({ email: 'fonts.editor@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    browser = await launchChromium({ viewport: { width: 1200, height: 800 } });
    ({ context, page } = browser);
    // Offline: anything not asked of Wiredesk itself is recorded and fails.
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(base)) return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('renders the log-in page from Wiredesk alone, in Roboto, with autocomplete hints', async () => {
    const fonts: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/admin/fonts/roboto/')) fonts.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}/admin/login`, { waitUntil: 'networkidle' });
    await page.waitForSelector('input[name="password"]');
    expect(await page.getAttribute('input[name="email"]', 'autocomplete')).toBe('username');
    expect(await page.getAttribute('input[name="password"]', 'autocomplete')).toBe('current-password');
    expect(await page.evaluate("document.fonts.check('16px Roboto')")).toBe(true);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((line) => line.startsWith('200 '))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'login-page.png') });

    await page.fill('input[name="email"]', 'fonts.editor@example.com');
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button[type="submit"]')]);
    await page.waitForLoadState('networkidle');
    expect(outside).toEqual([]);
  }, 60_000);

  it('serves a favicon at /favicon.ico and names it on the panel’s pages', async () => {
    const icon = await request(testApp.app.getHttpServer()).get('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    expect(icon.body.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    const login = await request(testApp.app.getHttpServer()).get('/admin/login');
    expect(login.text).toContain('href="/favicon.ico"');
    expect(login.text).not.toContain('fonts.googleapis.com');
  });
});
