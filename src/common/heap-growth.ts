import { setFlagsFromString } from 'node:v8';

/**
 * How much V8's old generation may grow past its live size before the next major collection, in percent. By
 * default V8 lets it grow up to 4× when the heap limit is large (a quarter of RAM, up to 4 GB): an import whose
 * live heap stays near 100 MB peaked at 340 MB of heap and 570 MB RSS on 10k articles, garbage waiting to be
 * collected. At 50% the peak was 368–383 MB at the same speed (docs/benchmarks.md).
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the heap's growth for the whole process. Called first thing by every process that imports (the app,
 * the CLI, bench:import); V8 reads the flag at every collection, so setting it at run time takes effect.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
