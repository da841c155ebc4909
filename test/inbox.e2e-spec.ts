import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportStatus } from '../src/imports/import.entity';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { bootTestApp, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('the watched inbox (INBOX_DIR), with two instances watching it', () => {
  let inbox: string;
  let first: TestApp;
  let second: TestApp;
  const saved = { INBOX_DIR: process.env.INBOX_DIR, INBOX_SETTLE_SECONDS: process.env.INBOX_SETTLE_SECONDS };
  const dump = (seed: number, articles = 3) => buildDump(Array.from({ length: articles }, (_, index) => syntheticArticle(seed + index)));
  const files = async (folder: string) => (await readdir(join(inbox, folder), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const dumpsIn = async (folder: string) => (await files(folder)).filter((name) => !name.endsWith('.report.json'));
  const reportOf = async (folder: string, name: string) => JSON.parse(await readFile(join(inbox, folder, `${name}.report.json`), 'utf8'));
  const query = (sql: string, parameters: unknown[] = []) => first.dataSource.query(sql, parameters);

  beforeAll(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'wiredesk-inbox-'));
    process.env.INBOX_DIR = inbox;
    process.env.INBOX_SETTLE_SECONDS = '1';
    // Already there when the instances start.
    await writeFile(join(inbox, 'waiting.txt'), dump(40_000));
    first = await bootTestApp();
    second = await bootTestApp({ database: first.database });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(inbox, { recursive: true, force: true });
  });

  it('imports 20 files dropped at once, and the one there at start-up, exactly once each', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `wire-${String(index).padStart(2, '0')}.txt`);
    await Promise.all(names.map((name, index) => writeFile(join(inbox, name), dump(41_000 + index * 10))));

    await until('21 files in done/', 180_000, async () => (await dumpsIn('done')).length === 21);
    expect((await dumpsIn('done')).sort()).toEqual([...names, 'waiting.txt'].sort());
    expect(await files('processing')).toEqual([]);
    expect(await files('.')).toEqual([]);

    const imports = await query(`SELECT "fileName", status, attempts, counts FROM imports ORDER BY "fileName"`);
    expect(imports).toHaveLength(21);
    expect(imports.every((row: { status: string; attempts: number }) => row.status === ImportStatus.Completed && row.attempts === 1)).toBe(true);
    expect((await query('SELECT count(*)::int AS count FROM articles'))[0].count).toBe(63);
    const report = await reportOf('done', 'wire-07.txt');
    expect(report).toMatchObject({ file: 'wire-07.txt', alreadyImported: false, import: { status: ImportStatus.Completed, counts: { articlesCreated: 3 } } });
    expect(report.report.articles).toHaveLength(3);
  }, 240_000);

  it('leaves a file alone while it is being written, then imports all of it', async () => {
    const content = Buffer.from(dump(42_000, 40));
    const growing = await open(join(inbox, 'growing.txt'), 'w');
    const step = Math.ceil(content.length / 16);
    // Written a piece every 300 ms for about five seconds: far longer than INBOX_SETTLE_SECONDS, never still that long.
    for (let offset = 0; offset < content.length; offset += step) {
      await growing.write(content.subarray(offset, offset + step));
      await sleep(300);
      expect(await dumpsIn('.')).toContain('growing.txt');
      expect(await query(`SELECT id FROM imports WHERE "fileName" = 'growing.txt'`)).toEqual([]);
    }
    await growing.close();

    await until('growing.txt in done/', 60_000, async () => (await dumpsIn('done')).includes('growing.txt'));
    expect(await reportOf('done', 'growing.txt')).toMatchObject({ import: { byteSize: content.length, counts: { articlesCreated: 40 } } });
  }, 120_000);

  it('moves a bad file to rejected/ with its reason, and the same bytes again to done/ as already imported', async () => {
    await writeFile(join(inbox, 'binary.txt'), Buffer.from('Headline\n\x00\x01\x02'));
    await until('binary.txt in rejected/', 60_000, async () => (await dumpsIn('rejected')).includes('binary.txt'));
    expect(await reportOf('rejected', 'binary.txt')).toMatchObject({
      file: 'binary.txt',
      code: 'IMPORT_BINARY',
      error: expect.stringMatching(/NUL byte at byte offset 9/),
      import: { status: ImportStatus.Rejected },
    });

    await writeFile(join(inbox, 'again.txt'), dump(40_000));
    await until('again.txt in done/', 60_000, async () => (await dumpsIn('done')).includes('again.txt'));
    expect(await reportOf('done', 'again.txt')).toMatchObject({ alreadyImported: true, import: { fileName: 'waiting.txt', status: ImportStatus.Completed } });
  }, 120_000);
});
