import fs from 'node:fs';
import { Hono } from 'hono';
import { DomainError } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import type { AppEnv } from './env.ts';

/**
 * GET /healthz: the process answers (liveness; a restart would mend nothing else). GET /readyz: the
 * gateway can take filings now: its database takes the write lock, the data folder's disk has room, and
 * its check and writer threads answer; 503 not_ready with the reason otherwise, and while it shuts down,
 * so that a load balancer sends it nothing new. Neither is rate limited nor needs a key: load balancers
 * and supervisors call them every few seconds.
 */
export function healthRoutes(gw: Gateway): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (draining.has(gw))
      throw new DomainError(
        'not_ready',
        'the gateway is shutting down: the requests in flight finish, and it takes no new ones',
        { checks: { shutdown: { ok: false, detail: 'draining' } } },
      );
    const checks = await readiness(gw);
    const failed = Object.entries(checks).filter(([, check]) => !check.ok);
    if (failed.length)
      throw new DomainError(
        'not_ready',
        failed.map(([name, check]) => `${name}: ${check.detail}`).join('; '),
        {
          checks,
        },
      );
    return c.json({ status: 'ready', checks });
  });
  return app;
}

/** Gateways that are shutting down (src/http/server.ts); kept by gateway, so that tests may run several. */
const draining = new WeakSet<Gateway>();

/** From now on the gateway's /readyz says it is shutting down. */
export function startDraining(gw: Gateway): void {
  draining.add(gw);
}

interface Check {
  ok: boolean;
  detail: string;
}

/**
 * How long a thread may take to answer. A check thread answers between a filing's batches (500 records,
 * milliseconds each) and the writer after the calls before it (a publish takes about a second for
 * 500,000 orders): an answer later than this means a thread that is stuck or gone.
 */
const THREAD_ANSWER_MS = 2_000;

/** How long another connection may hold the write lock before the database counts as not writable. */
const WRITE_LOCK_WAIT_MS = 500;
const WRITE_LOCK_RETRY_MS = 25;

async function readiness(gw: Gateway): Promise<Record<string, Check>> {
  const threads = gw.config.checkWorkers;
  const [database, disk, checkThreads, writerThread] = await Promise.all([
    writable(gw.db),
    freeSpace(gw.config.dataDir, gw.config.readyMinFreeMb),
    // warm() is a round trip to every check thread (one that died is started again first).
    threads > 0
      ? answers(gw.checks.warm(), `${threads} thread${threads === 1 ? '' : 's'} answered`)
      : { ok: true, detail: 'in-process (MARKETGATE_CHECK_WORKERS=0)' },
    threads > 0
      ? answers(gw.writer.ping(), 'answered')
      : { ok: true, detail: 'in-process (MARKETGATE_CHECK_WORKERS=0)' },
  ]);
  return { database, disk, check_threads: checkThreads, writer_thread: writerThread };
}

/**
 * Takes the write lock and lets it go at once (BEGIN IMMEDIATE; ROLLBACK: nothing is written). The lock
 * is asked for without waiting, and asked again while another connection holds it (the writer thread
 * commits a batch in milliseconds), so the main thread, which answers every request, never blocks here.
 */
async function writable(db: Gateway['db']): Promise<Check> {
  const until = Date.now() + WRITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      takeWriteLock(db);
      return { ok: true, detail: 'takes the write lock' };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== 'SQLITE_BUSY')
        return { ok: false, detail: `not writable (${String(code ?? (err as Error).message)})` };
      if (Date.now() >= until)
        return {
          ok: false,
          detail: `another connection has held the write lock for ${WRITE_LOCK_WAIT_MS} ms`,
        };
    }
    await new Promise((resolve) => setTimeout(resolve, WRITE_LOCK_RETRY_MS));
  }
}

function takeWriteLock(db: Gateway['db']): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

async function freeSpace(dataDir: string, minFreeMb: number): Promise<Check> {
  try {
    const fsStats = await fs.promises.statfs(dataDir);
    const freeMb = Math.floor((fsStats.bavail * fsStats.bsize) / 1024 ** 2);
    return freeMb >= minFreeMb
      ? { ok: true, detail: `${freeMb} MiB free` }
      : {
          ok: false,
          detail: `${freeMb} MiB free, less than the ${minFreeMb} MiB of MARKETGATE_READY_MIN_FREE_MB`,
        };
  } catch (err) {
    return { ok: false, detail: `the data folder cannot be read (${(err as NodeJS.ErrnoException).code})` };
  }
}

/** Whether `call` (a round trip to a thread) answers within `ms` (THREAD_ANSWER_MS). */
export async function answers(
  call: Promise<unknown>,
  okDetail: string,
  ms = THREAD_ANSWER_MS,
): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      call.then(
        () => ({ ok: true, detail: okDetail }),
        // The first line only: a thread's failure carries its stack, which is not for the network.
        (err: unknown) => ({ ok: false, detail: String((err as Error).message).split('\n')[0]! }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
