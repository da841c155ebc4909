'use strict';
/**
 * Builds what is out of date, and only that: dist/ (the TypeScript, compiled by tsc) and admin-bundle/ (the
 * panel's React components, bundled by AdminJS). Each is built beside its final place (dist.next-<pid>/) and
 * swapped in with two renames, so dist/ is always a complete build, the old one or the new one, never a
 * half-written one; builds run one at a time under .build.lock, and whoever waited re-checks before building.
 * A build is up to date when a digest of its inputs' paths, sizes and modification times matches the one it
 * recorded. Plain JavaScript: it runs before anything is compiled.
 *
 *   node scripts/build.js                 build dist/ and admin-bundle/ if out of date
 *   node scripts/build.js --only dist     dist/ only (the CLI and the benchmarks need no panel bundle)
 *   node scripts/build.js --force         build both whether or not they are up to date
 */
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const STAMP = '.build-stamp';

const TARGETS = [
  {
    name: 'dist',
    inputs: ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'],
    // Exactly what `nest build` does for this project (no assets, no plugins), into another directory.
    command: (root, out) => [process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', 'tsconfig.build.json', '--outDir', out], {}],
  },
  {
    name: 'admin-bundle',
    inputs: ['src/admin/components', 'src/admin/admin-components.ts', 'package-lock.json'],
    command: (root, out) => [process.execPath, [path.join(root, 'dist', 'src', 'admin', 'build-admin-bundle.js')], { ADMIN_JS_TMP_DIR: out }],
  },
];

function listFiles(root, relative, found) {
  const absolute = path.join(root, relative);
  let info;
  try {
    info = fs.statSync(absolute);
  } catch {
    return;
  }
  if (info.isDirectory()) {
    for (const entry of fs.readdirSync(absolute).sort()) listFiles(root, path.join(relative, entry), found);
  } else {
    found.push(`${relative}\t${info.size}\t${info.mtimeMs}`);
  }
}

/** Changes whenever an input file is added, removed, resized or touched. */
function inputsDigest(root, target) {
  const found = [];
  for (const input of target.inputs) listFiles(root, input, found);
  return createHash('sha256').update(found.join('\n')).digest('hex');
}

function upToDate(root, target) {
  try {
    return fs.readFileSync(path.join(root, target.name, STAMP), 'utf8') === inputsDigest(root, target);
  } catch {
    return false;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock(lock, work, log) {
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8').trim() || 'NaN');
      if (!Number.isInteger(holder) || !isAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!announced) log(`waiting for the build that process ${holder} is running`);
      announced = true;
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function run(root, command, args, env, log) {
  return new Promise((resolve, reject) => {
    // The build's own output goes to stderr, so that `wiredesk parse --json` keeps stdout for its JSON.
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', process.stderr, process.stderr] });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} failed (${signal || `exit code ${code}`})`))));
  }).catch((error) => {
    log(error.message);
    throw error;
  });
}

async function buildTarget(root, target, log) {
  const digest = inputsDigest(root, target);
  const next = path.join(root, `${target.name}.next-${process.pid}`);
  const old = path.join(root, `${target.name}.old-${process.pid}`);
  fs.rmSync(next, { recursive: true, force: true });
  const started = Date.now();
  log(`building ${target.name}/`);
  try {
    const [command, args, env] = target.command(root, next);
    await run(root, command, args, env, log);
    fs.mkdirSync(next, { recursive: true });
    fs.writeFileSync(path.join(next, STAMP), digest);
  } catch (error) {
    fs.rmSync(next, { recursive: true, force: true });
    throw error;
  }
  const current = path.join(root, target.name);
  if (fs.existsSync(current)) fs.renameSync(current, old);
  fs.renameSync(next, current);
  fs.rmSync(old, { recursive: true, force: true });
  log(`built ${target.name}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Brings the requested builds of the project at `root` (this checkout by default) up to date. In an installed
 * copy without sources (the Docker image), there is nothing to build: the shipped dist/ is used as it is.
 */
async function ensureBuilt({ root = path.resolve(__dirname, '..'), only, force = false, log = (message) => process.stderr.write(`wiredesk: ${message}\n`) } = {}) {
  if (!fs.existsSync(path.join(root, 'tsconfig.build.json'))) return;
  const wanted = TARGETS.filter((target) => !only || target.name === only);
  if (!force && wanted.every((target) => upToDate(root, target))) return;
  await withLock(path.join(root, '.build.lock'), async () => {
    for (const target of wanted) if (force || !upToDate(root, target)) await buildTarget(root, target, log);
  }, log);
}

module.exports = { ensureBuilt };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const onlyIndex = argv.indexOf('--only');
  ensureBuilt({ only: onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined, force: argv.includes('--force') }).catch((error) => {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  });
}
