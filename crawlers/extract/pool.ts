import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Findings } from '../types.ts';
import { decodeHtml } from './decode.ts';
import { extractFindings } from './index.ts';

/**
 * Decoding and extraction are the crawler's CPU work: parsing a 40 KB store page costs ~10 ms, so one
 * thread tops out near 100 pages/s and, worse, delays the timers that space requests to each host. An
 * Extractor runs them off the event loop, on worker threads; with no threads, in-process.
 */
export interface Extractor {
  extract(body: Buffer, contentType: string | undefined, pageUrl: string): Promise<Findings>;
  /** Starts the workers and waits until each has loaded its code (a second or so on two cores). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export class ExtractionFailed extends Error {}

export function inProcessExtractor(): Extractor {
  return {
    extract: async (body, contentType, pageUrl) =>
      extractFindings(decodeHtml(body, contentType).html, pageUrl),
    warm: async () => {},
    close: async () => {},
  };
}

/** Worker threads beside the main thread: the cores but one, at least one. */
export const DEFAULT_EXTRACT_THREADS = Math.max(1, os.availableParallelism() - 1);

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

interface Job {
  resolve: (findings: Findings) => void;
  reject: (error: Error) => void;
  slot: number;
}

export function workerExtractor(threads = DEFAULT_EXTRACT_THREADS): Extractor {
  if (threads <= 0) return inProcessExtractor();
  const workers: (Worker | undefined)[] = new Array(threads).fill(undefined);
  const load = new Array<number>(threads).fill(0);
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let closed = false;

  function spawn(slot: number): Worker {
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (message: { id: number; findings?: Findings; error?: string }) => {
      const job = jobs.get(message.id);
      if (!job) return;
      jobs.delete(message.id);
      load[slot]! -= 1;
      if (message.error !== undefined) job.reject(new ExtractionFailed(message.error));
      else job.resolve(message.findings!);
    });
    // A worker that dies (a page that exhausts its heap, say) fails the pages it held; the next page
    // gets a new worker.
    const fail = (error: Error) => {
      if (workers[slot] === worker) workers[slot] = undefined;
      load[slot] = 0;
      for (const [id, job] of jobs) {
        if (job.slot !== slot) continue;
        jobs.delete(id);
        job.reject(new ExtractionFailed(`the extraction worker stopped: ${error.message}`));
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`exit code ${code}`));
    });
    return worker;
  }

  function post(
    slot: number,
    body: Buffer,
    contentType: string | undefined,
    pageUrl: string,
  ): Promise<Findings> {
    const worker = (workers[slot] ??= spawn(slot));
    const id = nextId++;
    load[slot]! += 1;
    return new Promise<Findings>((resolve, reject) => {
      jobs.set(id, { resolve, reject, slot });
      worker.postMessage({ id, body, contentType, pageUrl });
    });
  }

  return {
    extract(body, contentType, pageUrl) {
      if (closed) return Promise.reject(new ExtractionFailed('the extractor is closed'));
      return post(load.indexOf(Math.min(...load)), body, contentType, pageUrl);
    },
    async warm() {
      await Promise.all(
        workers.map((_, slot) => post(slot, Buffer.from('<html></html>'), 'text/html', 'http://localhost/')),
      );
    },
    async close() {
      closed = true;
      for (const job of jobs.values()) job.reject(new ExtractionFailed('the extractor is closed'));
      jobs.clear();
      await Promise.all(workers.map((worker) => worker?.terminate()));
    },
  };
}
