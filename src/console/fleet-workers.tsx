import type { Child } from 'hono/jsx';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { readHeartbeats, type WorkerHeartbeat } from '../../crawlers/fleet/keys.ts';
import { CrawlQueue } from '../../crawlers/fleet/queue.ts';
import type { Fleet } from '../gateway-types.ts';
import type { Translate } from './i18n.ts';
import { type PageContext, Notice } from './layout.tsx';
import { DataTable, When } from './ui.tsx';

/**
 * The crawler fleet's workers and queue on the console's crawls page (issue 20). Everything shown comes
 * from Redis, which may be down: the page then says so instead of failing or waiting.
 */

/**
 * How long the page waits for the fleet's Redis, connecting included. The gateway's client has ioredis'
 * defaults (no command timeout): a Redis that takes the connection and never answers would hold the page
 * for good.
 */
export const FLEET_DEADLINE_MS = 1_000;

/** A worker's last error is cut to this many characters on the page (the whole text is its tooltip). */
const ERROR_CHARS = 200;

const MIB = 1024 * 1024;

type Worker = WorkerHeartbeat & { alive: boolean };

const NOT_CONNECTED = new Error('the fleet’s Redis is not connected');

/** What the page knows of the fleet: none (crawls run in-process), a Redis that does not answer, or its state. */
export type FleetView =
  | { state: 'in_process' }
  | { state: 'unreachable' }
  | { state: 'up'; waiting: number; taken: number; workers: Worker[]; now: number };

/** Reads the workers' heartbeats and the queue's counts, giving up after FLEET_DEADLINE_MS. */
export async function readFleet(
  fleet: Fleet | undefined,
  logger: Logger,
  now = Date.now(),
): Promise<FleetView> {
  if (!fleet) return { state: 'in_process' };
  const { redis, prefix } = fleet;
  try {
    const [workers, counts] = await withDeadline(
      (async () => {
        if (!(await whenReady(redis, FLEET_DEADLINE_MS))) throw NOT_CONNECTED;
        return Promise.all([readHeartbeats(redis, prefix, now), new CrawlQueue(redis, { prefix }).counts()]);
      })(),
      FLEET_DEADLINE_MS,
    );
    return { state: 'up', ...counts, workers, now };
  } catch (err) {
    // Not connected is all an outage says, on every view; a connected Redis failing to answer is worth a line.
    if (err !== NOT_CONNECTED) logger.warn({ err }, 'console: the fleet’s Redis did not answer');
    return { state: 'unreachable' };
  }
}

/**
 * Whether the client is connected, waiting up to `ms` while it connects. Commands sent before would wait
 * in its offline queue for as long as it retries, and hold up its `quit` when the gateway closes (ioredis
 * quits at once only with that queue empty). Between two attempts it has just failed to connect: that is
 * answer enough, and the page does not wait out the deadline on every view for the length of an outage.
 */
function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  if (redis.status === 'close' || redis.status === 'reconnecting' || redis.status === 'end')
    return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => settle(true);
    const timer = setTimeout(() => settle(false), ms);
    redis.once('ready', onReady);
  });
}

/** `work`, or a rejection once `ms` have passed (the work itself goes on; its late outcome is ignored). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A message with its `{name}` slots filled: text, or elements (the in-process note's `<code>`). */
function fill(text: string, parts: Record<string, Child>): Child[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? piece) : piece));
}

const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;

/** How long ago a worker was heard of, in whole seconds, minutes or hours (it is forgotten after a day). */
function ago(t: Translate, iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return fill(t('secondsAgo'), { n: s }).join('');
  if (s < 3600) return fill(t('minutesAgo'), { n: Math.floor(s / 60) }).join('');
  return fill(t('hoursAgo'), { n: Math.floor(s / 3600) }).join('');
}

/**
 * Alive or not, as a word and a badge in the colours of the console's deadline badges: green when alive,
 * red when it fell silent while running (it crashed or lost its network), grey when it said it stopped.
 */
const Alive = ({ t, w }: { t: Translate; w: Worker }) =>
  w.alive ? (
    <span class="due-later">{t('workerYes')}</span>
  ) : (
    <>
      <span class={w.running ? 'due-today' : 'sev sev-low'}>{t('workerNo')}</span>{' '}
      <span class="muted">{t(w.running ? 'workerSilent' : 'workerStopped')}</span>
    </>
  );

/** The error count, and the last error as the worker wrote it: untrusted text, escaped like any other. */
const Errors = ({ w }: { w: Worker }) => (
  <>
    {w.errors}
    {w.last_error ? (
      <div class="muted" data-raw data-testid="last-error" title={w.last_error}>
        {w.last_error.length > ERROR_CHARS ? `${w.last_error.slice(0, ERROR_CHARS)}…` : w.last_error}
      </div>
    ) : null}
  </>
);

const WorkerTable = ({ p, view }: { p: PageContext; view: Extract<FleetView, { state: 'up' }> }) => {
  const { t, lang } = p;
  const alive = view.workers.filter((w) => w.alive).length;
  return (
    <>
      <p data-testid="fleet-queue">
        {t('fleetWaiting')} <strong data-testid="jobs-waiting">{view.waiting}</strong> · {t('fleetTaken')}{' '}
        <strong data-testid="jobs-taken">{view.taken}</strong> ·{' '}
        {fill(t('fleetAliveOf'), { alive, total: view.workers.length })}
      </p>
      <DataTable
        testid="fleet-workers"
        empty={t('fleetNoWorkers')}
        rows={view.workers}
        rowData={(w) => ({ 'data-worker': w.id, 'data-alive': w.alive ? 'yes' : 'no' })}
        columns={[
          {
            head: t('name'),
            cell: (w) => (
              <span data-raw title={w.id}>
                {w.name}
              </span>
            ),
          },
          { head: t('workerHost'), cell: (w) => <span data-raw>{w.host}</span> },
          { head: t('workerAlive'), cell: (w) => <Alive t={t} w={w} />, align: 'nowrap' },
          { head: t('workerInFlight'), cell: (w) => `${w.in_flight} / ${w.concurrency}`, align: 'num' },
          { head: t('workerJobsDone'), cell: (w) => w.jobs_done, align: 'num' },
          { head: t('workerJobsDropped'), cell: (w) => w.jobs_dropped, align: 'num' },
          { head: t('workerErrors'), cell: (w) => <Errors w={w} /> },
          {
            head: t('workerBrowserMemory'),
            cell: (w) =>
              w.browser_memory_bytes === null ? (
                <span class="muted">{t('workerNoBrowser')}</span>
              ) : (
                mib(w.browser_memory_bytes)
              ),
            align: 'num',
          },
          { head: t('workerMemory'), cell: (w) => mib(w.memory_bytes), align: 'num' },
          {
            head: t('workerSeen'),
            cell: (w) => (
              <>
                <When lang={lang} iso={w.seen_at} />{' '}
                <span class="muted">({ago(t, w.seen_at, view.now)})</span>
              </>
            ),
            align: 'nowrap',
          },
          { head: t('workerVersion'), cell: (w) => <span data-raw>{w.version}</span> },
        ]}
      />
    </>
  );
};

/** The fleet's card: its queue and workers, or why there are none to show. */
export const FleetWorkers = ({ p, view }: { p: PageContext; view: FleetView }) => (
  <section class="card" data-testid="fleet" data-fleet={view.state}>
    {view.state === 'up' ? (
      <WorkerTable p={p} view={view} />
    ) : view.state === 'unreachable' ? (
      <Notice kind="error" text={p.t('fleetRedisDown')} />
    ) : (
      <p class="muted" data-testid="fleet-in-process">
        {p.t('fleetInProcess')}{' '}
        {fill(p.t('fleetHowTo'), {
          env: <code>MARKETGATE_REDIS_URL</code>,
          cmd: <code>marketgate crawl-worker</code>,
        })}
      </p>
    )}
  </section>
);
