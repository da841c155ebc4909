/**
 * `npm run bench:upload`: what receiving dumps costs a running instance. Starts the built app (dist/src/main.js,
 * as `npm start` does) in a child process on a scratch database, then, each phase on a fresh instance:
 *   1. one 256 MB upload;
 *   2. four 100 MB uploads at once;
 * sampling the server's resident memory every 10 ms (and its kernel high-water mark, reset before each phase)
 * while `/health` is asked one request after another. A phase ends when every upload has been answered (202:
 * streamed, validated, stored); the import that follows is bench:import's business. Prints the figures, then
 * one JSON line with peak RSS and /health p99 per phase, and whether the targets were met. The baseline is the
 * server's resident memory while it answers /health for ten seconds before the uploads start (serving requests
 * fills its young generation by itself). Not a test: figures vary by machine.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { articleLines, syntheticArticle } from '../src/wire/testing/dump-builder';
import { openScratchDatabase } from './scratch-database';

const MB = 1024 * 1024;
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const TARGETS = { singleAddedRssMb: 150, concurrentPeakRssMb: 800, healthP99Ms: 100 };

interface Instance {
  child: ChildProcess;
  url: string;
}

interface PhaseFigures {
  uploads: number;
  megabytesEach: number;
  seconds: number;
  statuses: number[];
  baselineRssMb: number;
  peakRssMb: number;
  addedRssMb: number;
  healthRequests: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
}

/** A dump of synthetic articles in the sample's layout, at least `megabytes` long, written without holding it. */
async function writeDump(path: string, megabytes: number, seed: number): Promise<number> {
  const target = megabytes * MB;
  let written = 0;
  const chunks = function* () {
    for (let index = 0; written < target; index += 1) {
      const text = `${index > 0 ? '\n\n\n' : ''}${articleLines(syntheticArticle(seed + index, 6)).join('\n')}\n`;
      written += Buffer.byteLength(text);
      yield text;
    }
  };
  await pipeline(Readable.from(chunks()), createWriteStream(path));
  return (await stat(path)).size;
}

async function startInstance(databaseUrl: string, dataDir: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: randomBytes(18).toString('base64'),
      IMPORT_MAX_BYTES: String(300 * MB),
      IMPORT_MAX_CONCURRENT_UPLOADS: '4',
      RATE_LIMIT_PER_MINUTE: String(1e9),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before listening:\n${output}`)));
  });
  // Keep draining its (request) log, so it never blocks on a full pipe.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return { child, url: url.replace('localhost', '127.0.0.1') };
}

async function stopInstance(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

function upload(url: string, token: string, path: string, size: number): Promise<number> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.txt"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const target = new URL('/api/imports', url);
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(head.length + size + tail.length),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.write(head);
    const file = createReadStream(path, { highWaterMark: MB });
    file.pipe(call, { end: false });
    file.on('end', () => call.end(tail));
    file.on('error', reject);
  });
}

/** Resident memory of a process now, and its high-water mark since the last reset, in MB (Linux). */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** How long /health is polled before the uploads start: the server's steady state, against which RSS is compared. */
const STEADY_MS = 10_000;

async function phase(instance: Instance, token: string, files: string[], megabytesEach: number): Promise<PhaseFigures> {
  const pid = instance.child.pid!;
  // Warm-up: one small upload starts the validator thread and the code paths the phase will use.
  const warmUp = join(files[0]!, '..', 'warm-up.txt');
  await upload(instance.url, token, warmUp, (await stat(warmUp)).size);

  // /health is polled from now on. Serving it (and logging each request) fills the server's young generation
  // (64 MB semi-spaces) by itself, so the baseline is the resident memory once that has settled, not before.
  let running = true;
  let uploading = false;
  const latencies: number[] = [];
  const health = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${instance.url}/health`);
      await response.arrayBuffer();
      if (uploading) latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  let steadyPeak = 0;
  for (const until = Date.now() + STEADY_MS; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 10))) {
    steadyPeak = Math.max(steadyPeak, (await memoryOf(pid)).rss);
  }
  const baseline = steadyPeak;
  // The kernel's peak RSS counter starts again from the current RSS.
  await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);

  let peak = baseline;
  uploading = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, (await memoryOf(pid)).rss);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const started = performance.now();
  const sizes = await Promise.all(files.map((file) => stat(file).then((info) => info.size)));
  const statuses = await Promise.all(files.map((file, index) => upload(instance.url, token, file, sizes[index]!)));
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await Promise.all([sampler, health]);
  peak = Math.max(peak, (await memoryOf(pid)).hwm);

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    uploads: files.length,
    megabytesEach,
    seconds: round(seconds, 1),
    statuses,
    baselineRssMb: round(baseline, 0),
    peakRssMb: round(peak, 0),
    addedRssMb: round(peak - baseline, 0),
    healthRequests: latencies.length,
    healthP50Ms: round(percentile(sorted, 50), 1),
    healthP99Ms: round(percentile(sorted, 99), 1),
    healthMaxMs: round(sorted[sorted.length - 1] ?? 0, 1),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

async function main(): Promise<void> {
  const scratch = await openScratchDatabase('upload');
  let instance: Instance | undefined;
  try {
    const dataDir = join(scratch.workDir, 'app');
    console.log('writing dumps…');
    await writeDump(join(scratch.workDir, 'warm-up.txt'), 0.2, 1);
    const single = join(scratch.workDir, 'single-256.txt');
    await writeDump(single, 256, 1_000_000);
    const concurrent = await Promise.all([0, 1, 2, 3].map(async (n) => {
      const path = join(scratch.workDir, `concurrent-100-${n}.txt`);
      await writeDump(path, 100, 2_000_000 + n * 100_000);
      return path;
    }));

    instance = await startInstance(scratch.url, dataDir);
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'token:create', '--name', 'bench', '--scopes', 'imports:write'], {
      env: { ...process.env, DATABASE_URL: scratch.url, DATA_DIR: dataDir },
    });
    const token = stdout.trim().split('\n').pop()!;

    console.log('phase 1: one 256 MB upload');
    const one = await phase(instance, token, [single], 256);
    console.log(JSON.stringify(one));
    await stopInstance(instance);

    // A fresh instance, so the first phase's import (which starts after its 202) does not weigh on this one.
    instance = await startInstance(scratch.url, dataDir);
    console.log('phase 2: four 100 MB uploads at once');
    const four = await phase(instance, token, concurrent, 100);
    console.log(JSON.stringify(four));
    await stopInstance(instance);
    instance = undefined;

    const met = {
      singleAddedRss: one.addedRssMb <= TARGETS.singleAddedRssMb,
      concurrentPeakRss: four.peakRssMb < TARGETS.concurrentPeakRssMb,
      healthP99: Math.max(one.healthP99Ms, four.healthP99Ms) < TARGETS.healthP99Ms,
      allAccepted: [...one.statuses, ...four.statuses].every((status) => status === 202),
    };
    console.log(
      `one 256 MB upload: +${one.addedRssMb} MB RSS (peak ${one.peakRssMb} MB) in ${one.seconds} s, /health p99 ${one.healthP99Ms} ms; ` +
        `four 100 MB uploads: peak ${four.peakRssMb} MB RSS in ${four.seconds} s, /health p99 ${four.healthP99Ms} ms`,
    );
    console.log(
      JSON.stringify({
        single256: one,
        concurrent4x100: four,
        peakRssMb: Math.max(one.peakRssMb, four.peakRssMb),
        healthP99Ms: Math.max(one.healthP99Ms, four.healthP99Ms),
        targets: TARGETS,
        met,
      }),
    );
  } finally {
    if (instance) await stopInstance(instance);
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
