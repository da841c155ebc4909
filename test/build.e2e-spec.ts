import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
// Plain JavaScript that runs before anything is compiled.
const { ensureBuilt } = require('../scripts/build.js') as {
  ensureBuilt(options: { root?: string; only?: string; force?: boolean; log?: (message: string) => void }): Promise<void>;
};

describe('the launcher (`npm run cli`, `wiredesk`)', () => {
  it('runs the command without rebuilding when the build is up to date', async () => {
    // `npm test` has just built it; run alone after an edit, this brings it up to date first.
    await ensureBuilt({ only: 'dist', log: () => undefined });
    const stampBefore = await stat(join(ROOT, 'dist', '.build-stamp'));
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'wiredesk.js'), 'parse', join(ROOT, 'samples', 'aawsat-sample.txt'), '--json']);
    expect(JSON.parse(stdout).articles).toHaveLength(2);
    expect(stderr).not.toMatch(/building/);
    expect((await stat(join(ROOT, 'dist', '.build-stamp'))).mtimeMs).toBe(stampBefore.mtimeMs);
  });

  it('is the package\'s `wiredesk` bin, and `--help` is an answer, not an error', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ wiredesk: 'bin/wiredesk.js' });
    expect(manifest.scripts.cli).toBe('node bin/wiredesk.js');
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'wiredesk.js'), '--help']);
    expect(stdout).toMatch(/import:retry <id>/);
  });
});

describe('builds (scripts/build.js) on a small project', () => {
  let project: string;
  const logs: string[] = [];
  const build = (options: { force?: boolean } = {}) => ensureBuilt({ root: project, only: 'dist', log: (message) => logs.push(message), ...options });
  const source = (n: number) => `export const answer = ${n};\n${Array.from({ length: 300 }, (_, i) => `export const filler${i} = ${i};`).join('\n')}\n`;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'wiredesk-build-'));
    await mkdir(join(project, 'src'));
    await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'));
    await writeFile(join(project, 'tsconfig.build.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', outDir: './dist', types: [], skipLibCheck: true }, include: ['src'] }));
    for (let file = 0; file < 20; file += 1) await writeFile(join(project, 'src', `module${file}.ts`), source(file));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  const answers = async () =>
    (await Promise.all(Array.from({ length: 20 }, (_, file) => readFile(join(project, 'dist', `module${file}.js`), 'utf8').catch(() => 'missing'))))
      .map((text) => /answer = (\d+)/.exec(text)?.[1] ?? 'missing')
      .join(',');

  it('builds once, not again while nothing changed, and after a change swaps in a whole build, once, while two launchers race', async () => {
    await build();
    expect(logs.filter((line) => line.startsWith('building'))).toHaveLength(1);
    await build();
    expect(logs.filter((line) => line.startsWith('building'))).toHaveLength(1);
    const oldBuild = await answers();
    expect(oldBuild).toBe(Array.from({ length: 20 }, (_, file) => file).join(','));

    for (let file = 0; file < 20; file += 1) await writeFile(join(project, 'src', `module${file}.ts`), source(100 + file));
    let building = true;
    const seen: string[] = [];
    // A "server starting" reads the build again and again while two launchers race to rebuild it.
    // One read is twenty files, which no rename can make atomic: a read during which dist/ itself was swapped
    // (its inode changed) saw the old build's files and then the new one's, and is not counted; every read of
    // one dist/ must find one whole build.
    const distIdentity = () => stat(join(project, 'dist')).then((status) => status.ino, () => null);
    const reader = (async () => {
      while (building) {
        const before = await distIdentity();
        const answer = await answers();
        if (before !== null && before === (await distIdentity())) seen.push(answer);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([build(), build()]);
    building = false;
    await reader;
    // Every read of one dist/ saw one whole build, the old one or the new one: never a missing file or a mix.
    const newBuild = Array.from({ length: 20 }, (_, file) => 100 + file).join(',');
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((answer) => answer !== oldBuild && answer !== newBuild)).toEqual([]);
    expect(await answers()).toBe(newBuild);
    expect(logs.filter((line) => line.startsWith('building'))).toHaveLength(2);
    expect(logs).toContain(`waiting for the build that process ${process.pid} is running`);
    expect(existsSync(join(project, '.build.lock'))).toBe(false);
  }, 240_000);
});
