import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { PANEL_PASSWORD } from '../support/admin-session';
import { bootTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('the log-in page works offline, with Wiredesk’s own fonts and icon, and lets password managers fill it', () => {
  let testApp: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const outside: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    await mkdir(ARTIFACTS, { recursive: true });
    testApp = await bootTestApp({ runWorkers: false });
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    await testApp.app.get(UsersService).create({ email: 'fonts.editor@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    profile = await mkdtemp(join(tmpdir(), 'wiredesk-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 800 },
    });
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
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
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
