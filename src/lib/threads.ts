import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The semi-spaces a worker thread's young generation starts with unless told otherwise (MiB): the
 * gateway keeps them small (src/cli/marketgate.mjs), and they never grow (growth factor 1).
 */
const DEFAULT_SEMI_SPACE_MB = 2;

let starting = 0;

/**
 * Starts a worker thread whose young generation has semi-spaces of `semiSpaceMb` MiB. A thread that
 * streams a filing's records keeps a batch alive across many collections: with 2 MiB semi-spaces its
 * scavenges copied the batch over and over and took a quarter of its CPU (docs/benchmarks.md, issue 21).
 * V8 reads the starting size from a process-wide flag when the thread sets up its heap, so it is set
 * for as long as threads started here are starting, then put back; resourceLimits caps it for the
 * thread (three semi-spaces: two of the young generation and the new large object space).
 */
export function startWorker(url: URL, options: WorkerOptions, semiSpaceMb: number): Worker {
  v8.setFlagsFromString(`--min-semi-space-size=${semiSpaceMb}`);
  starting++;
  const worker = new Worker(url, {
    ...options,
    resourceLimits: { ...options.resourceLimits, maxYoungGenerationSizeMb: 3 * semiSpaceMb },
  });
  let settled = false;
  const started = () => {
    if (settled) return;
    settled = true;
    if (--starting === 0) v8.setFlagsFromString(`--min-semi-space-size=${DEFAULT_SEMI_SPACE_MB}`);
  };
  worker.once('online', started);
  worker.once('exit', started);
  return worker;
}
