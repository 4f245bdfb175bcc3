import { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../errors.ts';
import type { TransactionsConnection } from '../transactions/clickhouse/schema.ts';
import { type CheckedBatch, transferOf, unpackChecked } from './packed.ts';
import type { FilingKind } from './receipt.ts';
import type { BeginFiling, FilingWriter, FinishedFiling } from './writer.ts';

/** The main thread's handle on the filing writer, on its own thread or (with no worker threads) in-process. */
export interface Writer {
  begin(args: BeginFiling): Promise<void>;
  /** A batch packed by a check worker goes on to the writer thread as it is (see packed.ts). */
  take(filingId: string, results: CheckedBatch): Promise<void>;
  finish(filingId: string, args: { bodySha256: string; atomic: boolean }): Promise<FinishedFiling>;
  discard(filingId: string): Promise<void>;
  discardBatch(filingId: string, kind: FilingKind): Promise<boolean>;
  abandonedStages(): Promise<{ id: string; kind: FilingKind }[]>;
  /** Resolves when the writer answers a call (GET /readyz): its thread runs, and reads its database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type Refusal = { code: ErrorCode; detail: string };

type Op = 'begin' | 'take' | 'finish' | 'discard' | 'discardBatch' | 'abandonedStages';

export function inProcessWriter(writer: FilingWriter<unknown>): Writer {
  return {
    begin: async (args) => writer.begin(args),
    take: (filingId, results) => writer.takeInOrder(filingId, unpackChecked(results)),
    finish: async (filingId, args) => writer.finish(filingId, args),
    discard: async (filingId) => writer.discard(filingId),
    discardBatch: async (filingId, kind) => writer.discardBatch(filingId, kind),
    abandonedStages: async () => writer.abandonedStages(),
    ping: async () => {},
    close: async () => {},
  };
}

/** A small young generation (2 MiB semi-spaces) keeps each thread's memory down; see src/cli/marketgate.mjs. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

const WORKER_URL = new URL('./writer-worker.mjs', import.meta.url);

/**
 * The writer on a worker thread with its own database connection. Calls are answered in the order they
 * were made (one thread, one queue), which is what keeps a filing's records in body order.
 */
export function threadWriter(
  dataDir: string,
  options: { transactions?: TransactionsConnection } = {},
): Writer {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

  function start(): Worker {
    const w = new Worker(WORKER_URL, {
      workerData: { dataDir, transactions: options.transactions },
      resourceLimits: WORKER_LIMITS,
    });
    w.unref();
    w.on('message', (m: { id: number; result?: unknown; error?: string; refusal?: Refusal }) => {
      const call = pending.get(m.id);
      if (!call) return;
      pending.delete(m.id);
      if (m.refusal) call.reject(new DomainError(m.refusal.code, m.refusal.detail));
      else if (m.error !== undefined) call.reject(new Error(`the filing writer failed: ${m.error}`));
      else call.resolve(m.result);
    });
    const fail = (err: Error) => {
      worker = undefined;
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(err);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the filing writer exited with code ${code}`)));
    return w;
  }

  function call<T>(op: Op, args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    worker ??= start();
    const id = nextId++;
    const w = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, op, args }, transfer);
    });
  }

  return {
    begin: (args) => call('begin', [args]),
    take: (filingId, results) => call('take', [filingId, results], transferOf(results)),
    finish: (filingId, args) => call('finish', [filingId, args]),
    discard: (filingId) => call('discard', [filingId]),
    discardBatch: (filingId, kind) => call('discardBatch', [filingId, kind]),
    abandonedStages: () => call('abandonedStages', []),
    // The cheapest call the thread answers: a look at the stages table, in its turn behind the others.
    ping: async () => void (await call('abandonedStages', [])),
    close: async () => {
      await worker?.terminate();
    },
  };
}
