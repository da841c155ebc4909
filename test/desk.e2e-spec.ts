import request from 'supertest';
import { ArticleStatus } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { UserRole } from '../src/auth/user.entity';
import { formatDeskTime } from '../src/common/desk-time';
import { loggedInAs } from './support/admin-session';
import { insertArticle } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

/** The newsroom desk in the panel: the schedule in plain sight, and later spike and sections. */
describe('desk: schedule, spike, sections', () => {
  let testApp: TestApp;
  let editor: { email: string; cookie: string };
  const hours = (count: number) => new Date(Date.now() + count * 3_600_000);

  beforeAll(async () => {
    testApp = await bootTestApp();
    editor = await loggedInAs(testApp.app, UserRole.Editor);
  }, 120_000);
  afterAll(() => testApp?.close());

  const http = () => request(testApp.app.getHttpServer());
  const get = (url: string) => http().get(url).set('Cookie', editor.cookie);
  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });
  const ids = (response: request.Response) => response.body.records.map((record: { id: string }) => Number(record.id));

  describe('schedule in plain sight', () => {
    it('confirms a schedule in the editor’s time zone, not as a raw UTC string', async () => {
      const article = await insertArticle(testApp.dataSource);
      const at = hours(2);
      at.setUTCSeconds(0, 0);
      const response = await http()
        .post(`/admin/api/resources/Article/records/${article.id}/schedule`)
        .set('Cookie', editor.cookie)
        .field('at', at.toISOString())
        .field('timeZone', 'Asia/Dubai');
      expect(response.body.notice).toEqual({ message: `Scheduled for ${formatDeskTime(at, 'Asia/Dubai')}`, type: 'success' });
      expect(response.body.notice.message).toMatch(/^Scheduled for \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(Asia\/Dubai\)$/);
      expect((await reload(article.id)).scheduledAt).toEqual(at);
      // A zone the runtime does not know is written in UTC rather than failing the schedule.
      const other = await insertArticle(testApp.dataSource);
      const fallback = await http().post(`/admin/api/resources/Article/records/${other.id}/schedule`).set('Cookie', editor.cookie).field('at', at.toISOString()).field('timeZone', 'Nowhere/Land');
      expect(fallback.body.notice.message).toMatch(/\(UTC\)$/);
    });

    it('filters scheduled articles, and the dashboard tile counts and links the next 24 hours in time order', async () => {
      await testApp.dataSource.query('UPDATE articles SET "scheduledAt" = NULL');
      const later = await insertArticle(testApp.dataSource, { scheduledAt: hours(3) });
      const sooner = await insertArticle(testApp.dataSource, { scheduledAt: hours(1) });
      const tomorrow = await insertArticle(testApp.dataSource, { scheduledAt: hours(30) });
      await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
      await insertArticle(testApp.dataSource);

      const all = await get('/admin/api/resources/Article/actions/list?filters.status=scheduled&sortBy=scheduledAt&direction=asc').expect(200);
      expect(ids(all)).toEqual([sooner.id, later.id, tomorrow.id]);

      const dashboard = await get('/admin/api/dashboard').expect(200);
      expect(dashboard.body.scheduled).toBe(3);
      const { count, from, to } = dashboard.body.scheduledSoon;
      expect(count).toBe(2);
      expect(Date.parse(to) - Date.parse(from)).toBe(24 * 3_600_000);
      const query = new URLSearchParams({ 'filters.status': 'scheduled', 'filters.scheduledAt~~from': from, 'filters.scheduledAt~~to': to, sortBy: 'scheduledAt', direction: 'asc' });
      const next24h = await get(`/admin/api/resources/Article/actions/list?${query}`).expect(200);
      expect(ids(next24h)).toEqual([sooner.id, later.id]);
      expect(next24h.body.meta.total).toBe(2);

      await get('/admin/api/resources/Article/actions/list?filters.scheduledAt~~from=yesterday').expect(400);
    });
  });
});
