import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ArticleStatus, DuplicateKind } from '../../src/articles/article-status';
import { Article } from '../../src/articles/article.entity';
import { ArticlesService } from '../../src/articles/articles.service';
import { Byline, BylineRole } from '../../src/articles/byline.entity';
import { ArticleRevision } from '../../src/articles/revision.entity';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';
import { Caption } from '../../src/captions/caption.entity';
import { ImportsService } from '../../src/imports/imports.service';
import { SAMPLE_DUMP } from '../../src/imports/sample-import';
import { buildDump, syntheticArticle } from '../../src/wire/testing/dump-builder';
import { PANEL_PASSWORD } from '../support/admin-session';
import { insertArticle, insertAuthor, insertPhoto } from '../support/fixtures';
import { launchChromium, TestBrowser } from '../support/browser';
import { bootTestApp, TestApp } from '../support/test-app';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

describe('the admin panel in a real browser', () => {
  let testApp: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: TestBrowser | undefined;
  let sampleArticles: Article[];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    testApp = await bootTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    base = (await testApp.app.getUrl()).replace('[::1]', '127.0.0.1');

    const users = testApp.app.get(UsersService);
    for (const [email, role] of [
      ['editor@example.com', UserRole.Editor],
      ['other.editor@example.com', UserRole.Editor],
      ['contributor@example.com', UserRole.Contributor],
    ] as const) {
      await users.create({ email, password: PANEL_PASSWORD, role });
    }
    const outcome = await testApp.app.get(ImportsService).importFile(SAMPLE_DUMP, { kind: 'system', name: 'browser test' });
    sampleArticles = await testApp.dataSource.getRepository(Article).find({ where: { importId: outcome.import.id }, order: { id: 'ASC' } });

    browser = await launchChromium({ viewport: { width: 1400, height: 1000 } });
    ({ context, page } = browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  async function logInAs(email: string): Promise<void> {
    // Each log-in starts in a fresh tab: the previous test may end while the panel is still navigating on its
    // own (after a save or an action), and in the same tab that navigation aborted the next test's page.goto
    // (net::ERR_ABORTED) or kept its load from ever finishing. Closing the tab ends whatever it was doing.
    await page.close();
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await context.clearCookies();
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PANEL_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button')]);
  }

  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });

  it('lets an editor fix an imported article and its caption, then publish it', async () => {
    const article = sampleArticles.find((candidate) => candidate.duplicateKind === null)!;
    expect(article).toBeDefined();
    const caption = await testApp.dataSource.getRepository(Caption).findOne({ where: { articleId: article.id }, order: { position: 'ASC' } });

    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/edit`);
    await page.waitForSelector('[data-testid="article-edit"] #headline');
    await page.fill('#headline', `${article.headline} (corrected)`);
    if (caption) await page.fill(`#caption-${caption.id}`, `${caption.text} (corrected)`);
    await page.screenshot({ path: join(ARTIFACTS, 'article-edit.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/show$/), page.click('[data-testid="save-article"]')]);

    const saved = await reload(article.id);
    expect(saved.headline).toBe(`${article.headline} (corrected)`);
    if (caption) expect((await testApp.dataSource.getRepository(Caption).findOneByOrFail({ id: caption.id })).text).toBe(`${caption.text} (corrected)`);

    await page.waitForSelector('[data-testid="action-publish"]');
    await page.click('[data-testid="action-publish"]');
    await Promise.all([page.waitForURL(/\/show$/), page.click('[data-testid="confirm-action"]')]);
    expect((await reload(article.id)).status).toBe(ArticleStatus.Published);
  }, 120_000);

  it('says "No changes to save" and stays on the form when an imported article is saved as loaded', async () => {
    const article = await reload(sampleArticles[sampleArticles.length - 1].id);
    const revisions = () => testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: article.id });
    const revisionsBefore = await revisions();
    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/edit`);
    await page.waitForSelector('[data-testid="article-edit"] #headline');
    await page.click('[data-testid="save-article"]');
    await page.getByText('No changes to save').waitFor();
    expect(page.url()).toMatch(/\/edit$/);
    expect((await reload(article.id)).version).toBe(article.version);
    expect(await revisions()).toBe(revisionsBefore);
  }, 120_000);

  it('names what a save changed in History in editors\' words', async () => {
    const article = await insertArticle(testApp.dataSource, { headline: 'Power cuts in Najaf' });
    const first = (await testApp.app.get(UsersService).verifyCredentials('editor@example.com', PANEL_PASSWORD))!;
    await testApp.app
      .get(ArticlesService)
      .update(article.id, { headline: 'Power cuts across Najaf', slug: `power-cuts-across-najaf-${article.id}` }, article.version, { kind: 'user', id: first.id, email: first.email, role: first.role });
    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/history`);
    const changed = page.locator(`[data-testid="revision-${article.version + 1}"] [data-testid="revision-changed"]`);
    await changed.waitFor();
    const text = await changed.innerText();
    expect(text).toMatch(/^Changed: /);
    expect(text.replace('Changed: ', '').split(', ').sort()).toEqual(['Headline', 'URL slug']);
  }, 120_000);

  it('shows a contributor no Publish action, and refuses a direct POST with 403', async () => {
    const draft = await insertArticle(testApp.dataSource);
    await logInAs('contributor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${draft.id}/show`);
    await page.waitForSelector('[data-testid="action-edit"]');
    expect(await page.locator('[data-testid="action-publish"]').count()).toBe(0);

    const response = await page.request.post(`${base}/admin/api/resources/Article/records/${draft.id}/publish`, { multipart: { version: String(draft.version) } });
    expect(response.status()).toBe(403);
    expect((await reload(draft.id)).status).toBe(ArticleStatus.Draft);
  }, 120_000);

  it('tells the second editor who saved first, keeping their typing', async () => {
    const article = await insertArticle(testApp.dataSource, { headline: 'Ministers meet in Basra' });
    await logInAs('other.editor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/edit`);
    await page.waitForSelector('[data-testid="article-edit"] #headline');

    // Meanwhile the first editor saves from another desk.
    const first = (await testApp.app.get(UsersService).verifyCredentials('editor@example.com', PANEL_PASSWORD))!;
    await testApp.app.get(ArticlesService).update(article.id, { headline: 'Ministers meet in Basra on Monday' }, article.version, { kind: 'user', id: first.id, email: first.email, role: first.role });

    await page.fill('#headline', 'Ministers meet in Basra, talks stall');
    await page.click('[data-testid="save-article"]');
    const conflict = page.locator('[data-testid="conflict-message"]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('editor@example.com (editor) saved article');
    expect(await page.inputValue('#headline')).toBe('Ministers meet in Basra, talks stall');
    expect((await reload(article.id)).headline).toBe('Ministers meet in Basra on Monday');
  }, 120_000);

  it('compares a flagged duplicate side by side', async () => {
    const original = await insertArticle(testApp.dataSource, { headline: 'Oil exports rise', body: ['Exports rose in May.', 'Officials welcomed it.'] });
    const duplicate = await insertArticle(testApp.dataSource, {
      headline: 'Oil exports rise again',
      body: ['Exports rose in May.', 'Officials in Baghdad welcomed it.'],
      duplicateOfId: original.id,
      duplicateKind: DuplicateKind.Near,
      duplicateScore: 0.82,
    });
    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/Duplicates/records/${duplicate.id}/compare`);
    await page.waitForSelector('[data-testid="duplicate-compare"] [data-diff="changed"]');
    await page.screenshot({ path: join(ARTIFACTS, 'duplicate-compare.png'), fullPage: true });
    expect(await page.locator('[data-testid="keep-original"]').count()).toBe(1);
  }, 120_000);

  it('shows an article that needs review beside its dump lines, and takes it off the queue once reviewed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'wiredesk-browser-review-'));
    const path = join(directory, 'once.txt');
    const fixture = { ...syntheticArticle(77, 3), photos: ['Rescue teams search the rubble in Mosul on Sunday (Photo by AHMAD AL-RUBAYE / AFP)'], headerPrintedOnce: true };
    await writeFile(path, buildDump([fixture]));
    await testApp.app.get(ImportsService).importFile(path, { kind: 'system', name: 'browser test' });
    await rm(directory, { recursive: true, force: true });
    const article = await testApp.dataSource.getRepository(Article).findOneByOrFail({ headline: fixture.headline });
    expect(article.needsReview).toBe(true);

    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/NeedsReview`);
    await page.click(`text=${fixture.headline}`);
    await page.waitForSelector('[data-testid="article-review"] [data-testid="review-source"]');
    const firstLine = page.locator(`[data-testid="source-line-${article.sourceLineStart}"]`);
    expect(await firstLine.innerText()).toContain(fixture.headline);
    expect(await firstLine.getAttribute('data-flagged')).toBe('yes');
    expect(await page.locator('[data-testid="review-anomalies"]').innerText()).toContain('header-printed-once');
    expect(await page.locator('[data-testid="review-parse"]').innerText()).toContain('agency: AFP');
    await page.screenshot({ path: join(ARTIFACTS, 'needs-review.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${base}/admin/resources/NeedsReview/actions/list**`), page.click('[data-testid="mark-reviewed"]')]);
    await page.waitForSelector('text=Marked reviewed');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('section table, table').filter({ hasText: fixture.headline }).count()).toBe(0);
    expect((await reload(article.id)).needsReview).toBe(false);
  }, 120_000);

  it('lets an editor add and reorder bylines on the edit page', async () => {
    const article = await insertArticle(testApp.dataSource, { headline: 'Bridge reopens in Mosul' });
    const [first, second] = [await insertAuthor(testApp.dataSource, { name: 'Hana Qassim' }), await insertAuthor(testApp.dataSource, { name: 'Omar Jaber' })];
    await logInAs('editor@example.com');
    await page.goto(`${base}/admin/resources/Article/records/${article.id}/edit`);
    for (const author of [first, second]) {
      await page.fill('#byline-search', author.name.split(' ')[1]);
      await page.click(`[data-testid="add-author-${author.id}"]`);
    }
    await page.click('[data-testid="byline-1"] button[aria-label="Move up"]');
    await page.selectOption('[data-testid="byline-1"] select', 'photographer');
    await Promise.all([page.waitForURL(/\/show$/), page.click('[data-testid="save-article"]')]);

    const bylines = await testApp.dataSource.getRepository(Byline).find({ where: { articleId: article.id }, order: { position: 'ASC' } });
    expect(bylines.map(({ authorId, role }) => ({ authorId, role }))).toEqual([
      { authorId: second.id, role: BylineRole.Writer },
      { authorId: first.id, role: BylineRole.Photographer },
    ]);
  }, 120_000);

  it('names each page in the browser tab and in its heading, not "List", "Show" or "Create new"', async () => {
    const author = await insertAuthor(testApp.dataSource, { name: 'Jane Doe' });
    await logInAs('editor@example.com');
    const titled = async (path: string, title: string, heading?: string) => {
      await page.goto(`${base}${path}`);
      // The tab is named once the page has its data; the heading-less dashboard names itself too.
      await page.waitForFunction(`document.title === ${JSON.stringify(`${title} — Wiredesk`)}`, undefined, { timeout: 10_000 }).catch(() => undefined);
      expect(await page.title()).toBe(`${title} — Wiredesk`);
      // A list's heading ends with its count badge.
      if (heading) expect((await page.locator('[data-css$="-action-header"] h2').first().innerText()).replace(/\s*\d+\s*$/, '').trim()).toBe(heading);
    };
    await titled('/admin', 'Dashboard');
    await titled('/admin/resources/Article/actions/list', 'Articles');
    await titled('/admin/resources/Spiked/actions/list', 'Spiked', 'Spiked');
    await titled(`/admin/resources/Author/records/${author.id}/show`, 'Author: Jane Doe', 'Author details');
    await titled(`/admin/resources/Author/records/${author.id}/edit`, 'Edit: Jane Doe', 'Edit author');
    await titled('/admin/resources/Import/actions/new', 'New import', 'New import');
    const photo = await insertPhoto(testApp.dataSource, { credit: 'Photo by AFP' });
    await titled(`/admin/resources/Photo/records/${photo.id}/show`, 'Photo: Photo by AFP', 'Photo details');
    // The photo's page also carries its credit history (filled in admin-articles.e2e-spec.ts): none yet.
    await page.waitForSelector('[data-testid="photo-credit-history"] >> text=The credit has not been changed.');
  }, 60_000);

  it('lets an admin create an API token, shown once, that then works', async () => {
    await testApp.app.get(UsersService).create({ email: 'admin@example.com', password: PANEL_PASSWORD, role: UserRole.Admin });
    await logInAs('admin@example.com');
    await page.goto(`${base}/admin/resources/ApiToken/actions/new`);
    await page.fill('#field-name', 'browser newsletter');
    await page.check('input[name="scopes"][type="checkbox"] >> nth=0');
    await page.click('[data-testid="submit-integration"]');
    const secret = await page.locator('[data-testid="issued-secret"]').inputValue();
    await page.screenshot({ path: join(ARTIFACTS, 'api-token-created.png'), fullPage: true });
    expect(secret).toMatch(/^wd_/);
    const response = await fetch(`${base}/api/articles?status=draft`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);

    // The token's page does not show the secret again.
    await page.goto(`${base}/admin/resources/ApiToken/actions/list`);
    await page.waitForSelector('text=browser newsletter');
    expect(await page.content()).not.toContain(secret);
  }, 120_000);
});
