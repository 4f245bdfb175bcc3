import type { Worker } from 'node:worker_threads';
import { startWorker } from '../lib/threads.ts';
import type { Keyring } from '../keys/keyring.ts';
import { checkerFactory } from './kinds.ts';
import type { Checker } from './intake.ts';
import type { CheckedBatch } from './packed.ts';
import type { FilingKind } from './receipt.ts';
import { lineBatchTransfer, parseLine, type RecordBatch, recordsOf } from './sources.ts';

/**
 * Checks batches of records on worker threads, so that on a machine with two cores validation and
 * encryption run beside the main thread's parsing and SQLite writes (docs/decisions/0005). With no
 * workers it checks in-process. A worker that dies fails the batches it held and is replaced.
 */
export interface CheckPool {
  /** The batch's results, packed when a worker checked them (see packed.ts). A line batch is transferred, not copied. */
  check(kind: FilingKind, batch: RecordBatch): Promise<CheckedBatch>;
  /** Starts the workers and waits until each has loaded its code (a second or so), so that the first filing does not pay for it. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (results: CheckedBatch) => void;
  reject: (err: Error) => void;
}

/**
 * The check worker's young generation: semi-spaces of 8 MiB, not the 2 MiB of the gateway's other
 * threads (src/cli/marketgate.mjs). It allocates more than any other thread of a filing (every line
 * decoded, parsed, checked, packed): with 2 MiB a quarter of its CPU went to collections. 200,000 orders
 * (docs/benchmarks.md): 70 µs of the gateway's CPU an order at 2 MiB, about 50 at 8; 16 saved 2-6 µs
 * more for another 20 MiB of resident memory, which a gateway with ClickHouse does not have to spare
 * under issue 3's 300 MB.
 */
const SEMI_SPACE_MB = 8;

const WORKER_URL = new URL('./check-worker.mjs', import.meta.url);

export function createCheckPool(options: { dataDir: string; keys: Keyring; workers: number }): CheckPool {
  const inProcess = new Map<FilingKind, Checker>();
  const checkHere = async (kind: FilingKind, batch: RecordBatch) => {
    let check = inProcess.get(kind);
    if (!check) {
      check = checkerFactory(kind)(options.keys);
      inProcess.set(kind, check);
    }
    const now = new Date();
    return Array.from(recordsOf(batch), (raw) => check(parseLine(raw), now));
  };
  if (options.workers <= 0) return { check: checkHere, warm: async () => {}, close: async () => {} };

  const workers: (Worker | undefined)[] = new Array(options.workers).fill(undefined);
  const pending = new Map<number, Pending & { slot: number }>();
  let nextId = 0;
  let turn = 0;

  function spawn(slot: number): Worker {
    // check-worker.mjs registers tsx's loader in the worker, then loads the TypeScript.
    const worker = startWorker(WORKER_URL, { workerData: { dataDir: options.dataDir } }, SEMI_SPACE_MB);
    worker.unref();
    worker.on('message', (m: { id: number; packed?: ArrayBuffer; error?: string }) => {
      const job = pending.get(m.id);
      if (!job) return;
      pending.delete(m.id);
      if (m.error !== undefined) job.reject(new Error(`record check failed in a worker: ${m.error}`));
      else job.resolve({ packed: m.packed! });
    });
    const fail = (err: Error) => {
      workers[slot] = undefined;
      for (const [id, job] of pending) {
        if (job.slot !== slot) continue;
        pending.delete(id);
        job.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a check worker exited with code ${code}`)));
    workers[slot] = worker;
    return worker;
  }

  return {
    check(kind, batch) {
      const slot = turn++ % workers.length;
      const worker = workers[slot] ?? spawn(slot);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        worker.postMessage(
          { id, kind, batch, now: Date.now() },
          Array.isArray(batch) ? [] : lineBatchTransfer(batch),
        );
      });
    },
    async warm() {
      await Promise.all(
        workers.map((_, slot) => {
          const worker = workers[slot] ?? spawn(slot);
          const id = nextId++;
          return new Promise<CheckedBatch>((resolve, reject) => {
            pending.set(id, { resolve, reject, slot });
            worker.postMessage({ id, kind: 'sellers', batch: [], now: Date.now() });
          });
        }),
      );
    },
    async close() {
      await Promise.all(workers.map((w) => w?.terminate()));
    },
  };
}
