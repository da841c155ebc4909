import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { SAMPLE_DUMP } from '../src/imports/sample-import';
import { buildDump, syntheticArticle } from '../src/wire/testing/dump-builder';
import { createMigratedDatabase } from './support/test-database';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const run = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the command line', () => {
  let directory: string;
  let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm test builds it first`);
    directory = await mkdtemp(join(tmpdir(), 'wiredesk-cli-'));
    database = await createMigratedDatabase();
    env = { DATABASE_URL: database.database.url };
  });
  afterAll(async () => {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  });

  const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].count);

  it('`npm run --silent cli -- parse F --json` prints exactly the parse contract', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', 'parse', SAMPLE_DUMP, '--json'], { cwd: ROOT, maxBuffer: 16 << 20 });
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['articles', 'removed', 'warnings']);
    expect(parsed.articles).toHaveLength(2);
    expect(Object.keys(parsed.articles[0])).toEqual(['headline', 'body', 'photos', 'bylines', 'duplicateOf', 'duplicateKind', 'lines', 'relatedTo', 'anomalies']);
    // The sample's two stories are on different events.
    expect(parsed.articles.map((article: { relatedTo: number | null }) => article.relatedTo)).toEqual([null, null]);
    expect(parsed.articles[0].photos).toEqual([
      {
        caption: expect.stringMatching(/^Coalition’s Brigadier General/),
        credit: 'Photo by AHMAD AL-RUBAYE / AFP',
        photographer: 'Ahmad Al-Rubaye',
        agency: 'AFP',
      },
    ]);
    expect(parsed.removed).toEqual(expect.arrayContaining([{ line: 5, reason: 'debris', text: 'TT' }]));
  });

  it('parse exits 1 with a message for a rejected file', async () => {
    const path = join(directory, 'nul.txt');
    await writeFile(path, Buffer.from('a\0b'));
    const result = await cli(['parse', path, '--json'], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/rejected: .*NUL byte at byte offset 1/);
  });

  it('parse:score scores a dump against its labels, and refuses labels it cannot read', async () => {
    const labels = join(ROOT, 'samples', 'aawsat-sample.labels.json');
    // One paragraph labelled differently is one field wrong, named by article.
    const edited = JSON.parse(await readFile(labels, 'utf8'));
    edited.articles[1].body[0] = 'A paragraph the parser never saw.';
    const editedPath = join(directory, 'edited.labels.json');
    await writeFile(editedPath, JSON.stringify(edited));
    const broken = join(directory, 'broken.labels.json');
    await writeFile(broken, '{"articles": [{"headline": 1}]}');
    // Three independent processes side by side: each spends its time booting, mostly on one core.
    const [scored, worse, refused] = await Promise.all([
      cli(['parse:score', SAMPLE_DUMP, labels], {}),
      cli(['parse:score', SAMPLE_DUMP, editedPath, '--json'], {}),
      cli(['parse:score', SAMPLE_DUMP, broken], {}),
    ]);
    expect(scored.code).toBe(0);
    expect(scored.stdout).toContain('fields right: 100.0% (41 of 41)');
    expect(JSON.parse(worse.stdout).fields.body).toEqual({ right: 30, total: 31 });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/article 0 needs headline/);
  });

  it('import prints a summary table, is idempotent, and exits non-zero when a file is rejected', async () => {
    const first = await cli(['import', SAMPLE_DUMP], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported \(#\d+\)/);
    expect(first.stdout).toMatch(/created/);
    expect(await count('SELECT count(*) FROM articles')).toBe(2);

    const empty = join(directory, 'empty.txt');
    await writeFile(empty, '');
    const second = await cli(['import', SAMPLE_DUMP, empty], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/already imported/);
    expect(second.stderr).toMatch(/empty\.txt: rejected/);
    expect(await count('SELECT count(*) FROM articles')).toBe(2);
  });

  it('import says how many articles need review, and --strict exits 1 for them', async () => {
    const onceOnly = buildDump([{ ...syntheticArticle(70_001, 4), photos: ['Officials meet on the border on Monday (Photo by HAIDAR HAMDANI / AFP)'], headerPrintedOnce: true }]);
    const path = join(directory, 'needs-review.txt');
    await writeFile(path, onceOnly);
    const lenient = buildDump([{ ...syntheticArticle(70_002, 4), photos: [], headerPrintedOnce: true, debris: ['TT', '20'] }]);
    const lenientPath = join(directory, 'needs-review-too.txt');
    await writeFile(lenientPath, lenient);
    const reviewed = await count(`SELECT count(*) FROM articles WHERE "needsReview"`);
    // Two different files, imported side by side (each CLI process spends seconds booting).
    const [strict, plain] = await Promise.all([cli(['import', path, '--strict'], env), cli(['import', lenientPath], env)]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/1 article\(s\) need review/);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/1 article\(s\) need review/);
    // --strict changes the exit code only: its article is written, flagged, like the lenient one.
    expect(await count(`SELECT count(*) FROM articles WHERE "needsReview"`)).toBe(reviewed + 2);
  });

  it('leaves nothing behind when killed mid-import, and completes when run again', async () => {
    // Enough for an import that lasts seconds (it runs at about 500–3,000 articles/s), so the kill below lands
    // inside its transaction; more would only make the second, complete run longer.
    const articles = Array.from({ length: 4_000 }, (_, index) => syntheticArticle(50_000 + index, 6));
    const path = join(directory, 'large.txt');
    await writeFile(path, buildDump(articles));
    const before = await count('SELECT count(*) FROM articles');

    const child = spawn(process.execPath, [CLI, 'import', path], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const watcher = new Client({ connectionString: database.database.url });
    await watcher.connect();
    try {
      // Wait until the importer is inside its transaction, writing articles; a kill before that would prove nothing.
      let writing = false;
      for (let attempt = 0; attempt < 1200 && !writing; attempt += 1) {
        const { rows } = await watcher.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE '%INSERT INTO articles%'`,
        );
        writing = rows.length > 0;
        if (!writing) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill('SIGKILL');
      expect(writing).toBe(true);
      await exited;
      // The server notices the dead client and rolls its transaction back.
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const { rows } = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
        if (rows.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await watcher.end();
    }
    expect(await count('SELECT count(*) FROM articles')).toBe(before);
    expect(await count(`SELECT count(*) FROM imports WHERE "fileName" = 'large.txt'`)).toBe(0);

    const again = await cli(['import', path], env);
    expect(again.code).toBe(0);
    expect(await count('SELECT count(*) FROM articles')).toBe(before + 4_000);
    // Two imports of 4,000 articles: generous for a slow or busy machine; this is not a speed test (bench:import is).
  }, 180_000);
});
