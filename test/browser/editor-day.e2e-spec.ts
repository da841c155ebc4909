import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { ArticleStatus, DuplicateKind } from '../../src/articles/article-status';
import { Article } from '../../src/articles/article.entity';
import { Caption } from '../../src/captions/caption.entity';
import { Photo } from '../../src/photos/photo.entity';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { TaxonomyService } from '../../src/sections/taxonomy.service';
import { authorKey } from '../../src/wire';
import { buildDump, syntheticArticle } from '../../src/wire/testing/dump-builder';
import { PANEL_PASSWORD } from '../support/admin-session';
import { insertArticle, insertAuthor, insertPhoto } from '../support/fixtures';
import { launchChromium, TestBrowser } from '../support/browser';
import { bootTestApp, TestApp } from '../support/test-app';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
/** The editor works from Dubai: every time on the desk is shown in this zone. */
const EDITOR_ZONE = 'Asia/Dubai';

/** "YYYY-MM-DDTHH:MM:SS" in the editor's zone, as a datetime-local input takes it. */
function localInputValue(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: EDITOR_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * An editor's day on the desk, in Debian's Chromium, one screenshot per step in test/artifacts/editor-day-*.png.
 * Each step asserts what the editor sees, and what the database then holds.
 */
describe('an editor’s day on the desk', () => {
  let testApp: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: TestBrowser | undefined;
  let story: Article;
  let photoId: number;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `editor-day-${name}.png`), fullPage: true });
  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    testApp = await bootTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');
    const users = testApp.app.get(UsersService);
    await users.create({ email: 'desk.editor@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    const admin = await users.create({ email: 'desk.admin@example.com', password: PANEL_PASSWORD, role: UserRole.Admin });
    const adminActor = { kind: 'user' as const, id: admin.id, email: admin.email, role: UserRole.Admin };
    const taxonomy = testApp.app.get(TaxonomyService);
    for (const name of ['World', 'Gulf', 'Business']) await taxonomy.create('section', { name }, adminActor);

    story = await insertArticle(testApp.dataSource, { headline: 'Gulf states agree on power grid link', body: ['DUBAI — Ministers agreed on Monday to link their grids.', 'Work starts next year.'] });
    const photo = await insertPhoto(testApp.dataSource, { credit: 'Photo by KARIM SAHIB / AFP', agency: 'AFP' });
    photoId = photo.id;
    await testApp.dataSource.getRepository(Caption).save({ articleId: story.id, photoId, position: 0, text: 'Ministers meet in Dubai' });

    browser = await launchChromium({ viewport: { width: 1400, height: 1000 }, timezoneId: EDITOR_ZONE });
    ({ context, page } = browser);
    // Restore and Merge ask first; the editor says yes.
    page.on('dialog', (dialog) => void dialog.accept());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('logs in to a dashboard that says what to do', async () => {
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'desk.editor@example.com');
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button')]);
    await page.waitForSelector('[data-testid="todo-imports-since"]');
    await shot('01-dashboard');
    expect(await page.textContent('[data-testid="todo-review"]')).toContain('Needs review');
    expect(await page.textContent('[data-testid="todo-imports-since"]')).toContain('first visit from this browser');
  }, 120_000);

  it('uploads two dumps at once from Imports → New in another tab, with progress, and the dashboard lists them by itself', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid="todo-imports-since"]');
    const uploads = await context.newPage();
    await uploads.goto(`${base}/admin/resources/Import/actions/new`);
    await uploads.setInputFiles(
      '#dump',
      [101, 202].map((seed, index) => ({ name: `wire-${index + 1}.txt`, mimeType: 'text/plain', buffer: Buffer.from(buildDump([syntheticArticle(seed, 4), syntheticArticle(seed + 1, 4)])) })),
    );
    expect(await uploads.textContent('[data-testid="upload-dumps"]')).toBe('Upload and import 2 files');
    await uploads.click('[data-testid="upload-dumps"]');
    await uploads.waitForSelector('[data-testid="upload-1"][data-state="done"]');
    expect(await uploads.textContent('[data-testid="upload-0"]')).toMatch(/^wire-1\.txt \(\d+ KB\) — Import \d+ queued/);
    expect(await uploads.locator('[data-testid="upload-list"] progress').evaluateAll((bars) => bars.map((bar) => (bar as unknown as { value: number }).value))).toEqual([100, 100]);
    await uploads.screenshot({ path: join(ARTIFACTS, 'editor-day-02a-upload-several.png'), fullPage: true });
    await uploads.close();
    // No reload: the dashboard reads again every few seconds and shows both once they have run.
    await page.waitForFunction(
      `(() => {
        const text = document.querySelector('[data-testid="todo-imports-since"]')?.textContent ?? '';
        return text.includes('wire-1.txt') && text.includes('wire-2.txt') && (text.match(/completed/g) ?? []).length >= 2;
      })()`,
      undefined,
      { timeout: 90_000 },
    );
    await shot('02-dashboard-after-imports');
  }, 150_000);

  it('opens a duplicate: Compare marks the words that differ', async () => {
    const original = await insertArticle(testApp.dataSource, { headline: 'Oil exports rise', body: ['Exports rose by four percent in May.', 'Officials welcomed it.'] });
    const duplicate = await insertArticle(testApp.dataSource, {
      headline: 'Oil exports rise again',
      body: ['Exports rose by six percent in May.', 'Officials welcomed it.'],
      duplicateOfId: original.id,
      duplicateKind: DuplicateKind.Near,
      duplicateScore: 0.8671875,
    });
    await page.goto(`${base}/admin/resources/Duplicates/records/${duplicate.id}/compare`);
    await page.waitForSelector('[data-testid="duplicate-compare"] [data-word="added"]');
    await shot('03-compare-word-marks');
    expect(await page.locator('del[data-word="removed"]').allTextContents()).toContain('four');
    expect(await page.locator('ins[data-word="added"]').allTextContents()).toContain('six');
    expect(await page.textContent('[data-testid="duplicate-compare"]')).toContain('87% similar');
  }, 120_000);

  it('attaches a picture to the story’s photo; the thumbnail shows in the list and on the edit page', async () => {
    const picture = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer();
    await page.goto(`${base}/admin/resources/Photo/records/${photoId}/image`);
    await page.setInputFiles('[data-testid="photo-file"]', { name: 'grid.jpg', mimeType: 'image/jpeg', buffer: picture });
    await page.click('[data-testid="upload-picture"]');
    await page.waitForSelector('text=Picture attached');
    await page.goto(`${base}/admin/resources/Photo`);
    await page.waitForFunction(`[...document.querySelectorAll('[data-testid="photo-thumbnail"]')].some((image) => image.complete && image.naturalWidth === 320)`);
    await shot('04-photos-thumbnails');
  }, 120_000);

  it('assigns a section (saved with Ctrl+S), previews, schedules, and sees the badge and the filter; it goes live on time', async () => {
    await page.goto(`${base}/admin/resources/Article/records/${story.id}/edit`);
    await page.waitForSelector('[data-testid="section-select"]');
    await page.waitForFunction(`[...document.querySelectorAll('[data-testid="caption-thumbnail"]')].some((image) => image.complete && image.naturalWidth > 0)`);
    expect(await page.textContent('[data-testid="word-count"]')).toMatch(/^13 words, 2 paragraphs/);
    expect(await page.title()).toBe(`Edit: ${story.headline} — Wiredesk`);
    await page.selectOption('[data-testid="section-select"]', { label: 'Gulf' });
    await shot('05-edit-section');
    await Promise.all([page.waitForURL(/\/show$/), page.keyboard.press('Control+s')]);
    const saved = await reload(story.id);
    expect(saved.sectionId).not.toBeNull();

    await page.goto(`${base}/admin/resources/Article/records/${story.id}/preview`);
    await page.waitForSelector('[data-testid="preview-headline"]');
    expect(await page.textContent('[data-testid="preview-section"]')).toBe('Gulf');
    expect(await page.textContent('[data-testid="preview-photo"]')).toContain('Photo by KARIM SAHIB / AFP');
    // The picture attached above, at its web size (1280 px), as readers will see it.
    await page.waitForFunction(`[...document.querySelectorAll('[data-testid="preview-image"]')].some((image) => image.complete && image.naturalWidth === 1280)`);
    await page.click('[data-testid="create-preview-link"]');
    const link = await page.inputValue('[data-testid="preview-link"]');
    await shot('06-preview');
    const shared = await context.browser()?.newContext();
    const anonymous = shared ? await shared.newPage() : await context.newPage();
    await context.clearCookies();
    await anonymous.goto(link);
    expect(await anonymous.textContent('h1')).toBe(story.headline);
    // The shared page shows it too: its Content-Security-Policy lets this server's pictures in, scripts not.
    await anonymous.waitForFunction(`[...document.images].some((image) => image.complete && image.naturalWidth === 1280)`);
    await anonymous.screenshot({ path: join(ARTIFACTS, 'editor-day-07-shared-preview.png'), fullPage: true });
    if (shared) await shared.close();
    else await anonymous.close();
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'desk.editor@example.com');
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button')]);

    // Far enough ahead to load the schedule form and the filtered list while it is still scheduled (a few
    // seconds even on a busy machine); every second more is a second the test waits for the scheduler.
    const at = new Date(Date.now() + 25_000);
    await page.goto(`${base}/admin/resources/Article/records/${story.id}/schedule`);
    await page.fill('#publish-at', localInputValue(at));
    await page.click('[data-testid="confirm-action"]');
    await page.waitForSelector('text=(Asia/Dubai)');
    expect((await reload(story.id)).scheduledAt?.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);

    await page.goto(`${base}/admin/resources/Article?filters.status=scheduled&sortBy=scheduledAt&direction=asc`);
    const badge = page.locator('[data-testid="scheduled-badge"]').first();
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^Scheduled for \d{2}:\d{2} \(in 1 min\)$|^Scheduled for \d{2}:\d{2} \(due now\)$/);
    await shot('08-scheduled-badge-and-filter');
    // The Id column stays on one line; the list's text filter says what it searches.
    expect(await page.locator('[data-testid="nowrap-id"]').first().evaluate((cell) => (globalThis as unknown as { getComputedStyle(element: unknown): { whiteSpace: string } }).getComputedStyle(cell).whiteSpace)).toBe('nowrap');
    await page.click('text=Filter');
    expect(await page.textContent('[data-testid="article-search-label"]')).toBe('Search headline and body');

    const deadline = Date.now() + 90_000;
    while ((await reload(story.id)).status !== ArticleStatus.Published && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const live = await reload(story.id);
    expect(live.status).toBe(ArticleStatus.Published);
    expect(live.publishedAt!.getTime()).toBe(live.publishedAt && Math.floor(at.getTime() / 1000) * 1000);
    await page.goto(`${base}/admin/resources/Article/records/${story.id}/show`);
    await page.waitForSelector('[data-testid="status-badge"]');
    expect(await page.textContent('[data-testid="status-badge"]')).toBe('published');
    await shot('09-live-on-time');
  }, 240_000);

  it('spikes a draft nobody will run: it leaves the list for the Spiked list', async () => {
    const rumour = await insertArticle(testApp.dataSource, { headline: 'Unconfirmed rumour about a merger' });
    await page.goto(`${base}/admin/resources/Article/records/${rumour.id}/spike`);
    await Promise.all([page.waitForURL(/\/show$/), page.click('[data-testid="confirm-action"]')]);
    expect((await reload(rumour.id)).status).toBe(ArticleStatus.Spiked);
    await page.goto(`${base}/admin/resources/Spiked`);
    await page.waitForSelector(`text=${rumour.headline}`);
    await shot('10-spiked-list');
    await page.goto(`${base}/admin/resources/Article/records/${rumour.id}/history`);
    await page.waitForSelector('[data-testid="revision-spike"]');
    expect(await page.textContent('[data-testid="revision-spike"]')).toContain('Spiked (it was draft)');
  }, 120_000);

  it('is told a new author is a spelling of an existing one, with a link to it; merges two spellings of one photographer', async () => {
    const kept = await insertAuthor(testApp.dataSource, { name: 'Zaynab Qudsi', key: authorKey('Zaynab Qudsi') });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${base}/admin/resources/Author/actions/new`);
    await page.fill('#name', 'ZAYNAB QUDSI');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="existing-author-link"]');
    expect(await page.textContent('[data-testid="author-name-error"]')).toContain(`is already known as author ${kept.id}`);
    await shot('11a-author-variant-refused');
    // Only the refusal: no generic "There was an error" notice, no script error.
    expect(await page.locator('text=There was an error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await Promise.all([page.waitForURL(new RegExp(`/Author/records/${kept.id}/show$`)), page.click('[data-testid="existing-author-link"]')]);
    const variant = await insertAuthor(testApp.dataSource, { name: 'Zainab Kudsi', key: 'zainab kudsi' });
    await testApp.dataSource.getRepository(Photo).update({ id: photoId }, { photographerId: variant.id });
    await page.goto(`${base}/admin/resources/Author/records/${variant.id}/merge`);
    await page.fill('#merge-search', 'Zaynab');
    await page.waitForSelector(`[data-testid="merge-into-${kept.id}"]`);
    await shot('11-author-merge');
    await Promise.all([page.waitForURL(new RegExp(`/Author/records/${kept.id}/show$`)), page.click(`[data-testid="merge-into-${kept.id}"]`)]);
    expect((await testApp.dataSource.getRepository(Photo).findOneByOrFail({ id: photoId })).photographerId).toBe(kept.id);
    await page.goto(`${base}/admin/resources/AuthorMerge`);
    await page.waitForSelector('text=Zainab Kudsi');
    await shot('12-author-merges');
  }, 120_000);
});
