import { Logger } from '@nestjs/common';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { Actor, TokenScope } from '../src/auth/actor';
import { ApiTokensService } from '../src/auth/api-tokens.service';
import { UserRole } from '../src/auth/user.entity';
import { ImportErrorCode } from '../src/imports/import-error';
import { ImportStatus } from '../src/imports/import.entity';
import { IMPORT_LOCK_SPACE, ImportsService } from '../src/imports/imports.service';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { loggedInAs } from './support/admin-session';
import { bootTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const operator: Actor = { kind: 'system', name: 'test' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('an import whose worker died', () => {
  let database: TestDatabase;
  let queueing: TestApp;
  let survivor: TestApp | undefined;
  let child: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first`);
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'wiredesk-resume-'));
    // Migrates the database and takes the upload, but runs no worker: the import is left for the instance below.
    queueing = await bootTestApp({ database, runWorkers: false });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await queueing.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const rows = async (sql: string, parameters: unknown[] = []) => queueing.dataSource.query(sql, parameters);

  it('is picked up again by another instance within two minutes after a SIGKILL, and completes exactly once', async () => {
    const articles = Array.from({ length: 8000 }, (_, index) => syntheticArticle(70_000 + index, 6));
    const token = (await queueing.app.get(ApiTokensService).create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
    const accepted = await request(queueing.app.getHttpServer())
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', Buffer.from(buildDump(articles)), { filename: 'crash.txt', contentType: 'text/plain' })
      .expect(202);
    const id: number = accepted.body.id;

    // A real instance of the built app, in its own process, takes the job.
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'development', NO_COLOR: '1' },
      stdio: 'ignore',
    });
    // Mid-import: its transaction holds the import's lock and has been writing articles. pg_locks is the whole
    // server's: other suites' imports in their own databases hold locks with the same ids.
    const importLock = `l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    const writing = () =>
      rows(`SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE ${importLock} AND a.query ILIKE '%articles%'`, [
        IMPORT_LOCK_SPACE,
        id,
      ]).then((found) => found[0]);
    const writer = await until('the child to be writing articles', 90_000, writing);
    // Whatever the survivor logs: its attempt must stage its copies, not find the dead one's in the way.
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    // Another instance is running beside it (it finds the import locked by a live worker and leaves it alone)...
    survivor = await bootTestApp({ database });
    // The child still holds the import's lock (what it runs at this instant may be captions or bylines).
    const holding = await rows(`SELECT 1 FROM pg_locks l WHERE ${importLock} AND l.pid = $3`, [IMPORT_LOCK_SPACE, id, writer.pid]);
    expect(holding).toHaveLength(1);
    // ...when the first one is killed mid-import.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    expect((await rows('SELECT status, attempts FROM imports WHERE id = $1', [id]))[0]).toEqual({ status: ImportStatus.Running, attempts: 1 });
    expect((await rows('SELECT count(*)::int AS count FROM articles'))[0].count).toBe(0);
    // The dead worker left the copies it had staged beside its transaction (they are committed, the articles not).
    expect((await rows('SELECT count(*)::int AS count FROM article_staged_copies WHERE "importId" = $1', [id]))[0].count).toBeGreaterThan(0);
    const finished = await until('the import to complete', 120_000, async () => {
      const [row] = await rows('SELECT status, attempts, counts FROM imports WHERE id = $1', [id]);
      return row.status === ImportStatus.Completed && row;
    });
    const seconds = (Date.now() - killedAt) / 1000;
    const [{ startedAt }] = await rows('SELECT "startedAt" FROM imports WHERE id = $1', [id]);
    process.stdout.write(
      `import ${id} resumed ${((startedAt.getTime() - killedAt) / 1000).toFixed(1)} s and completed ${seconds.toFixed(1)} s after its worker was killed\n`,
    );
    expect(seconds).toBeLessThan(120);
    expect(finished).toMatchObject({ attempts: 2, counts: { articlesCreated: 8000 } });
    const [counts] = await rows(`SELECT count(*)::int AS articles, count(DISTINCT "contentHash")::int AS distinct FROM articles WHERE "importId" = $1`, [id]);
    expect(counts).toEqual({ articles: 8000, distinct: 8000 });
    expect(await rows('SELECT "importId" FROM import_payload_chunks WHERE "importId" = $1', [id])).toEqual([]);
    // The second attempt cleared the first one's staged copies before staging its own, and left none behind.
    expect(warnings.mock.calls.filter(([message]) => String(message).includes('copies sent with the rows'))).toEqual([]);
    warnings.mockRestore();
    expect(await rows('SELECT count(*)::int AS count FROM article_staged_copies WHERE "importId" = $1', [id])).toEqual([{ count: 0 }]);
    const [searchable] = await rows(`SELECT count(*) FILTER (WHERE "searchVector" = wiredesk_search_vector(headline, body))::int AS matching FROM articles WHERE "importId" = $1`, [id]);
    expect(searchable).toEqual({ matching: 8000 });
  }, 300_000);
});

describe('retrying a failed import', () => {
  let testApp: TestApp;
  let token: string;
  const dump = Buffer.from(buildDump([syntheticArticle(80_001), syntheticArticle(80_002)]));

  beforeAll(async () => {
    testApp = await bootTestApp({ runWorkers: false });
    token = (await testApp.app.get(ApiTokensService).create({ name: 'ingest', scopes: [TokenScope.ImportsWrite] }, operator)).secret;
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.app.getHttpServer());
  const upload = (bytes: Buffer) => http().post('/api/imports').set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename: 'retry.txt', contentType: 'text/plain' });
  /** A queued import that the queue gave up on: what the worker records after its last retry. */
  async function failedImport(bytes: Buffer): Promise<number> {
    const queued = await upload(bytes).expect(202);
    await testApp.app.get(ImportsService).markFailed(queued.body.id, 'the database went away');
    return queued.body.id;
  }
  const statusOf = async (id: number) => (await testApp.dataSource.query('SELECT status FROM imports WHERE id = $1', [id]))[0].status;

  it('from the API and the panel, and not when there is nothing to retry', async () => {
    const id = await failedImport(dump);
    const retried = await http().post(`/api/imports/${id}/retry`).set('Authorization', `Bearer ${token}`).expect(202);
    expect(retried.headers.location).toBe(`/api/imports/${id}`);
    expect(retried.body).toMatchObject({ id, status: ImportStatus.Queued, error: null });
    const again = await http().post(`/api/imports/${id}/retry`).set('Authorization', `Bearer ${token}`).expect(409);
    expect(again.body).toMatchObject({ code: ImportErrorCode.NotRetryable, status: 409 });

    await testApp.app.get(ImportsService).markFailed(id, 'the database went away again');
    const contributor = await loggedInAs(testApp.app, UserRole.Contributor);
    await http().post(`/admin/api/resources/Import/records/${id}/retry`).set('Cookie', contributor.cookie).expect(403);
    const editor = await loggedInAs(testApp.app, UserRole.Editor);
    const panel = await http().post(`/admin/api/resources/Import/records/${id}/retry`).set('Cookie', editor.cookie).field('go', '1').expect(200);
    expect(panel.body.notice).toMatchObject({ type: 'success', message: expect.stringMatching(new RegExp(`Import ${id} queued again`)) });
    expect(await statusOf(id)).toBe(ImportStatus.Queued);

    expect(await testApp.app.get(ImportsService).runQueued(id)).toBe(true);
    expect(await statusOf(id)).toBe(ImportStatus.Completed);
    await http().post(`/api/imports/${id}/retry`).set('Authorization', `Bearer ${token}`).expect(409);
  });

  it('when the same bytes are uploaded again', async () => {
    const bytes = Buffer.from(buildDump([syntheticArticle(80_101)]));
    const id = await failedImport(bytes);
    const reupload = await upload(bytes).expect(202);
    expect(reupload.body).toMatchObject({ id, status: ImportStatus.Queued, alreadyImported: false, retried: true });
    expect(await testApp.app.get(ImportsService).runQueued(id)).toBe(true);
    expect((await upload(bytes).expect(200)).body).toMatchObject({ id, status: ImportStatus.Completed, alreadyImported: true, retried: false });
  });

  it('with `npm run cli -- import:retry ID`, which runs it and waits', async () => {
    const id = await failedImport(Buffer.from(buildDump([syntheticArticle(80_201), syntheticArticle(80_202), syntheticArticle(80_203)])));
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'import:retry', String(id)], {
      env: { ...process.env, DATABASE_URL: testApp.database.url, NO_COLOR: '1' },
    });
    expect(stdout).toMatch(new RegExp(`import ${id} completed \\(attempt 1\\): 3 created`));
    expect(await statusOf(id)).toBe(ImportStatus.Completed);

    const refused = await promisify(execFile)(process.execPath, [CLI, 'import:retry', String(id)], { env: { ...process.env, DATABASE_URL: testApp.database.url } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/only a failed or stalled import can be retried/) });
  });
});
