#!/usr/bin/env node
// The `marketgate` command. The sources are TypeScript: compiled to JavaScript by src/cli/build.mjs
// (built again first when a source changed), or run through tsx's loader when they cannot be compiled
// (docs/decisions/0008).
import v8 from 'node:v8';
import { ensureBuilt } from './build.mjs';

// The gateway's heaps, kept small: a filing streams garbage through every thread, and V8's defaults size
// heaps for throughput on machines with memory to spare (docs/benchmarks.md, transaction filings).
//
// Young generation. The main thread's limit (--max-semi-space-size) is read only when its heap is set
// up, before this line runs, so setting it here has no effect; the growth factor is read at every
// collection, and at 1 the semi-spaces keep the size they start with (1 MiB) instead of growing to
// 16 MiB each. V8 raises a factor below 2 back to 2 whenever it sets up a heap, so it is set again once
// each worker thread is up. Worker threads start at 2 MiB (--min-semi-space-size, read when their heap
// is set up), which resourceLimits makes their limit too (writer-client.ts); the check worker, the
// thread of a filing that allocates most, starts at 8 MiB (check-pool.ts, src/lib/threads.ts).
const smallYoungGeneration = () => v8.setFlagsFromString('--semi-space-growth-factor=1');
smallYoungGeneration();
process.on('worker', (worker) => worker.once('online', smallYoungGeneration));
v8.setFlagsFromString('--min-semi-space-size=2');
// Old generation: after each full collection V8 lets a heap grow by up to 4 times what survived before
// the next one; each thread's heap held 50-90 MiB of garbage that way during a filing. 20% more is
// enough here and costs no measurable time (it is read at every collection, by every thread).
v8.setFlagsFromString('--heap-growing-percent=20');

// Everything the gateway writes (database, keys, evidence, receipts) is for its owner only.
process.umask(0o077);
const compiled = await ensureBuilt('cli');
let main;
if (compiled) {
  // As tsx does: stack traces name the TypeScript files and lines.
  process.setSourceMapsEnabled(true);
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
  // tsx's loader thread is up by now (it loaded main.ts), and set the growth factor back to 2.
  smallYoungGeneration();
}
process.exitCode = await main(process.argv);
