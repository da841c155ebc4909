import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { ResourceLimits, Worker } from 'node:worker_threads';

/** Run from dist/ a worker is compiled JavaScript; under ts-node or jest it is the TypeScript source. */
function workerScript(name: string): { path: string; execArgv: string[] } {
  const compiled = join(__dirname, `${name}.js`);
  if (existsSync(compiled)) return { path: compiled, execArgv: [] };
  return { path: join(__dirname, `${name}.ts`), execArgv: ['--require', 'ts-node/register/transpile-only'] };
}

/**
 * Starts one of this module's worker threads (`name` is its file beside this one, without extension) with its
 * own heap limits.
 */
export function startWorker(name: string, resourceLimits: ResourceLimits): Worker {
  const script = workerScript(name);
  // The server runs with --max-semi-space-size=64 (a large young generation for request throughput). V8 applies
  // that flag to every isolate it creates, worker threads too, over their own resource limits: a validator then
  // grew by ~200 MB per upload instead of ~60. V8 reads the flag when it sets an isolate's heap up, so the
  // running main thread keeps its young generation; only isolates created from now on (workers) use their
  // own limits.
  setFlagsFromString('--max-semi-space-size=0');
  return new Worker(script.path, { execArgv: script.execArgv, resourceLimits });
}
