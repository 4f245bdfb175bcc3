import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker as PlainWorker, type Worker } from 'node:worker_threads';
import { afterAll, expect, test } from 'vitest';
import { startWorker } from '../../src/lib/threads.ts';
import { tempDir } from '../helpers/gateway.ts';

// A worker that answers the size of its young generation's new space, in bytes.
const dir = tempDir('mg-threads-');
const script = path.join(dir, 'new-space.mjs');
fs.writeFileSync(
  script,
  `import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`,
);
const url = pathToFileURL(script);
const workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
});

const newSpace = (worker: Worker) => {
  workers.push(worker);
  return new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
};

test('a worker started with larger semi-spaces has them, and the next thread does not', async () => {
  const large = await newSpace(startWorker(url, {}, 8));
  const after = await newSpace(new PlainWorker(url));
  expect(large).toBeGreaterThanOrEqual(8 << 20);
  expect(after).toBeLessThan(large);
  // Two started together both get theirs (the flag stays until both are up).
  const both = await Promise.all([newSpace(startWorker(url, {}, 8)), newSpace(startWorker(url, {}, 8))]);
  expect(Math.min(...both)).toBeGreaterThanOrEqual(8 << 20);
});
