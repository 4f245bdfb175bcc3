import type { Redis } from 'ioredis';

/**
 * The fleet's keys beside the queue (queue.ts) and politeness (redis-limiter.ts, robots-share.ts),
 * shared by the gateway and its workers: which crawls are cancelled, which crawls' jobs are all in the
 * queue, and each worker's heartbeat.
 */
export function fleetKeys(prefix: string) {
  return {
    /** Set while a crawl is cancelled: workers drop its jobs without visiting them. */
    cancelled: (crawlId: string) => `${prefix}crawl:cancelled:${crawlId}`,
    /** crawl id → the queue's epoch when all its jobs had been enqueued. */
    crawls: `${prefix}crawl:crawls`,
    /** worker id → its last heartbeat (JSON). */
    workers: `${prefix}fleet:workers`,
  };
}

/** How long a cancellation is kept: longer than any job waits in the queue. */
export const CANCELLED_TTL_MS = 30 * 24 * 60 * 60_000;

/** What a worker tells the fleet about itself, every HEARTBEAT_MS. */
export interface WorkerHeartbeat {
  /** `<host>:<pid>:<random>`: its name in the queue's consumer group. */
  id: string;
  /** The worker account's name (marketgate worker add <name>). */
  name: string;
  host: string;
  pid: number;
  version: string;
  started_at: string;
  seen_at: string;
  concurrency: number;
  browser_slots: number;
  /** Jobs being visited now. */
  in_flight: number;
  /** Jobs whose result the gateway took (recorded, or recorded before). */
  jobs_done: number;
  /** Jobs dropped: the crawl was cancelled. */
  jobs_dropped: number;
  /** Visits that failed and were left for another try (the job comes back after its lease). */
  errors: number;
  last_error: string | null;
  /** Resident memory of its Chromium (every process of it), bytes; null without a browser. */
  browser_memory_bytes: number | null;
  /** Resident memory of the worker process itself, bytes. */
  memory_bytes: number;
  /** false once it stopped (it says so as it goes). */
  running: boolean;
}

export const HEARTBEAT_MS = 5_000;
/** A worker not heard of for this long is not alive. */
export const ALIVE_MS = 3 * HEARTBEAT_MS;
/** A worker not heard of for this long is forgotten. */
const FORGET_MS = 24 * 60 * 60_000;

export async function writeHeartbeat(redis: Redis, prefix: string, beat: WorkerHeartbeat): Promise<void> {
  await redis.hset(fleetKeys(prefix).workers, beat.id, JSON.stringify(beat));
}

/** The workers heard of in the last day, newest first, each with whether it is alive now. */
export async function readHeartbeats(
  redis: Redis,
  prefix: string,
  now = Date.now(),
): Promise<(WorkerHeartbeat & { alive: boolean })[]> {
  const key = fleetKeys(prefix).workers;
  const beats: (WorkerHeartbeat & { alive: boolean })[] = [];
  const forget: string[] = [];
  for (const [id, text] of Object.entries(await redis.hgetall(key))) {
    let beat: WorkerHeartbeat;
    try {
      beat = JSON.parse(text) as WorkerHeartbeat;
    } catch {
      forget.push(id);
      continue;
    }
    const age = now - Date.parse(beat.seen_at);
    if (!(age < FORGET_MS)) forget.push(id);
    else beats.push({ ...beat, alive: beat.running && age < ALIVE_MS });
  }
  if (forget.length > 0) await redis.hdel(key, ...forget);
  return beats.sort((a, b) => b.seen_at.localeCompare(a.seen_at));
}
