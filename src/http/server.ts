import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import { type Gateway, openGateway } from '../gateway.ts';
import { createApp } from './app.ts';
import { hotPath } from './hot-path.ts';
import type { Metrics } from './metrics.ts';
import { RequestsInFlight, ShutdownSteps, shutDown } from './shutdown.ts';
import { rescoreBatch, sweepCredit } from '../credit/service.ts';
import { applyFiledDecisions } from '../exchange/apply-decisions.ts';
import { sweepComplaints } from '../complaints/service.ts';
import { pruneDeliveries } from '../events/webhooks.ts';
import { runRiskPaced } from '../risk/run.ts';
import { buildPreviousDayIfDue } from '../opendata/build.ts';
import { chinaToday } from '../lib/dates.ts';
import { uncoveredYears } from '../lib/holidays.ts';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** The HTTP server (its timeouts are tested). */
  http: Pick<Server, 'requestTimeout' | 'headersTimeout'>;
  /**
   * Stops by `deadline` (a Date.now() time; by default MARKETGATE_SHUTDOWN_SECONDS from now): see
   * shutDown in shutdown.ts. Called again, it returns the same stop.
   */
  close(deadline?: number): Promise<void>;
  /** What a stop under way still waits for (logged when its deadline passes first). */
  stillRunning(): string[];
}

/** Opens the data folder and listens; `port: 0` picks a free port (tests, benchmarks). */
export async function startGateway(
  config: Config,
  gateway: Gateway = openGateway(config),
): Promise<RunningGateway> {
  // Filings cut off by the last stop left staged rows behind; nobody can see them, and they go in the
  // background: a million staged orders took half a minute to delete, and the gateway answers meanwhile.
  const cleanup = discardAbandonedFilings(gateway);
  await gateway.checks.warm();
  // ClickHouse's tables and its loader (MARKETGATE_TRANSACTIONS_URL); nothing with SQLite alone.
  await gateway.orders.start();
  // Crawls that the last stop interrupted go on with the stores they had not visited.
  gateway.crawls.resume();
  if (gateway.fleet)
    gateway.logger.info(
      { prefix: gateway.fleet.prefix },
      'crawls run on the fleet: queued in Redis (MARKETGATE_REDIS_URL) for marketgate crawl-worker processes',
    );
  const schedule = scheduleCrawls(gateway);
  const sweeps = scheduleSweeps(gateway);
  const risk = scheduleRisk(gateway);
  const openData = scheduleOpenData(gateway);
  // Webhook deliveries left pending by the last stop go out first; new ones as their events are written.
  gateway.webhooks.start();
  const app = createApp(gateway);
  // The public credit page is answered before Hono (hot-path.ts); Hono answers everything else.
  const hot = await hotPath(gateway);
  let requests!: RequestsInFlight;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        hostname: config.host,
        port: config.port,
        // Node ends a request not wholly received within 5 minutes (requestTimeout): a streamed filing
        // of millions of orders takes longer (10,000,000 orders, about 14 minutes here). A body that
        // stalls is cut by the filing's own limit (MARKETGATE_FILING_STALL_SECONDS); headers still
        // have 60 s (Node would take requestTimeout 0 to mean none for them too).
        serverOptions: { requestTimeout: 0, headersTimeout: 60_000 },
      },
      () => resolve(s as Server),
    );
    const honoListener = s.listeners('request')[0] as Parameters<typeof hot>[0];
    s.removeListener('request', honoListener);
    s.on('request', hot(honoListener));
    requests = new RequestsInFlight(s as Server);
    s.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  // Port 0 picked a free port: the gateway is reached there.
  if (config.publicUrl.endsWith(':0')) config.publicUrl = `http://${host}:${port}`;
  const stopBackground = () => {
    clearInterval(schedule);
    sweeps.stop();
    risk.stop();
    cleanup.stop();
    return openData.stop();
  };
  const steps = new ShutdownSteps(requests);
  let closing: Promise<void> | undefined;
  return {
    gateway,
    url: `http://${host}:${port}`,
    http: server,
    close: (deadline = Date.now() + config.shutdownMs) =>
      (closing ??= shutDown({ gateway, server, requests, stopBackground }, deadline, steps)),
    stillRunning: () => steps.names(),
  };
}

/**
 * Removes what the filings a stop cut off had staged, one batch per writer call, so that new filings'
 * calls to the writer run between the batches; returns at once.
 */
function discardAbandonedFilings(gateway: Gateway): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const done = (async () => {
    const stages = await gateway.writer.abandonedStages();
    if (stages.length)
      gateway.logger.info({ filings: stages.length }, 'removing what cut-off filings staged');
    for (const stage of stages) {
      while (!stopped && !(await gateway.writer.discardBatch(stage.id, stage.kind)));
      if (stopped) return;
    }
    if (stages.length) gateway.logger.info({ filings: stages.length }, 'cut-off filings removed');
  })().catch((err: unknown) => {
    if (!stopped)
      gateway.logger.error({ err }, 'removing cut-off filings failed; it is tried again at the next start');
  });
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}

/**
 * With MARKETGATE_CRAWL_EVERY_MINUTES set, starts a crawl of the active stores not verified within
 * MARKETGATE_CRAWL_STALE_DAYS, unless one is still queued or running.
 */
function scheduleCrawls(gateway: Gateway): NodeJS.Timeout | undefined {
  const { everyMinutes, staleDays } = gateway.config.crawl;
  if (everyMinutes <= 0) return undefined;
  const timer = setInterval(() => {
    if (gateway.verifications.unfinishedCrawls().length > 0) return;
    const crawl = gateway.crawls.start({ stale_days: staleDays }, 'schedule');
    gateway.logger.info({ crawl: crawl.id, stores: crawl.total }, 'scheduled crawl started');
  }, everyMinutes * 60_000);
  timer.unref();
  return timer;
}

/**
 * Every MARKETGATE_SWEEP_MINUTES, and once just after start: what time does to records (list expiry
 * and proposals, overdue publications, complaint steps past their deadline); on the first sweep of each
 * day (China Standard Time) every score is recomputed, since scores decay, a thousand subjects at a time
 * between requests.
 */
function scheduleSweeps(gateway: Gateway): { stop(): void } {
  const minutes = gateway.config.sweepMinutes;
  let stopped = false;
  let rescoredOn: string | undefined;
  const sweep = async () => {
    try {
      const decisions = applyFiledDecisions(gateway);
      if (decisions) gateway.logger.info({ decisions }, 'filed decisions applied by the sweep');
      const result = sweepCredit(gateway);
      if (result.expired.length || result.proposed.length || result.overdue_penalties.length)
        gateway.logger.info(
          {
            expired: result.expired.length,
            proposed: result.proposed.length,
            overdue_penalties: result.overdue_penalties.length,
          },
          'credit sweep',
        );
      const complaints = sweepComplaints(gateway);
      if (complaints.swept)
        gateway.logger.info({ late: complaints.late.length }, 'complaint deadlines swept');
      const deliveries = await pruneDeliveries(gateway);
      if (deliveries)
        gateway.logger.info(
          { deliveries, days: gateway.config.webhooks.deliveryDays },
          'old webhook deliveries removed',
        );
      const today = chinaToday();
      if (rescoredOn === today) return;
      rescoredOn = today;
      const uncovered = uncoveredYears(gateway.calendar, today);
      if (uncovered.length)
        gateway.logger.warn(
          { years: uncovered },
          'the holiday calendar does not cover the years legal deadlines now reach: they count weekends only there; set MARKETGATE_HOLIDAYS_FILE to a calendar with the State Council notice',
        );
      let count = 0;
      for (let after: string | null = ''; after !== null && !stopped;) {
        ({ after, count } = rescoreBatch(gateway, after, 1000, count));
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (!stopped) gateway.logger.info({ subjects: count }, 'scores recomputed');
    } catch (err) {
      if (!stopped) gateway.logger.error({ err }, 'sweep failed');
    }
  };
  return repeat({ name: 'sweep', metrics: gateway.metrics }, minutes, 1_000, sweep, () => {
    stopped = true;
  });
}

/**
 * Runs `work` after `firstMs`, then every `minutes` (never when minutes ≤ 0), without holding the process
 * open; a run still going when the next is due is not started twice. stop() calls `onStop` first.
 */
function repeat(
  timed: { name: string; metrics: Metrics },
  minutes: number,
  firstMs: number,
  work: () => Promise<void>,
  onStop: () => void,
): { stop(): void } {
  if (minutes <= 0) return { stop() {} };
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      // Each run's time, by name (GET /metrics: marketgate_sweep_duration_seconds).
      await timed.metrics.timed(timed.name, work);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), firstMs);
  const timer = setInterval(() => void run(), minutes * 60_000);
  first.unref();
  timer.unref();
  return {
    stop() {
      onStop();
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

/**
 * Every MARKETGATE_RISK_EVERY_MINUTES, and a minute after start: the risk signals (docs/risk-model.md).
 * The run folds what was filed since the last one into the aggregates first, so its cost follows what
 * was filed, not the size of the market.
 */
function scheduleRisk(gateway: Gateway): { stop(): void } {
  let stopped = false;
  const run = async () => {
    if (stopped) return;
    try {
      const report = await runRiskPaced(gateway);
      const opened = report.signals.reduce((n, s) => n + s.new, 0);
      gateway.logger.info(
        {
          ms: report.ms,
          folded_filings: report.fold.filings,
          new: opened,
          signals: report.signals.map((s) => `${s.signal}:${s.fired}`),
        },
        'risk signals run',
      );
    } catch (err) {
      if (!stopped) gateway.logger.error({ err }, 'risk run failed');
    }
  };
  return repeat(
    { name: 'risk_run', metrics: gateway.metrics },
    gateway.config.riskEveryMinutes,
    60_000,
    run,
    () => {
      stopped = true;
    },
  );
}

/**
 * With MARKETGATE_OPENDATA=true: every 5 minutes (and 5 seconds after start), builds the previous day's
 * open data unless it is published already, so the day is out within minutes of midnight China
 * Standard Time, and a build that failed (or a server that was down at midnight) is tried again. Only
 * the previous day: a day missed is never built later (its records are in the next day's files).
 */
function scheduleOpenData(gateway: Gateway): { stop(): Promise<void> } {
  if (!gateway.config.openData) return { stop: async () => {} };
  const aborted = new AbortController();
  let current: Promise<void> = Promise.resolve();
  const build = async () => {
    try {
      const built = await buildPreviousDayIfDue(
        { dataDir: gateway.config.dataDir, keys: gateway.keys },
        { signal: aborted.signal },
      );
      if (built)
        gateway.logger.info(
          {
            day: built.manifest.date,
            files: built.manifest.files.length,
            bytes: built.manifest.files.reduce((n, f) => n + f.bytes, 0),
            corrections: built.manifest.corrections.length,
          },
          'open data published',
        );
    } catch (err) {
      if (!aborted.signal.aborted)
        gateway.logger.error({ err }, 'open data build failed; tried again in 5 minutes');
    }
  };
  const every = repeat(
    { name: 'open_data', metrics: gateway.metrics },
    5,
    5_000,
    () => (current = build()),
    () => aborted.abort(),
  );
  return {
    async stop() {
      every.stop();
      await current;
    },
  };
}
