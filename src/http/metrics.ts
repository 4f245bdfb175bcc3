import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import client from 'prom-client';
import type { Config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { addressMatcher } from './client-address.ts';
import type { AppEnv } from './env.ts';

/**
 * The gateway's metrics in the Prometheus text format (GET /metrics, issue 22), for the monitoring of
 * whoever runs it (docs/operations.md says what to alert on). One registry a gateway (tests run many).
 *
 * Labels never carry personal data nor anything unbounded: routes are patterns (`/v1/transactions/
 * {order_id}`, never an id), platforms by slug, crawl hosts are the hosts stores are on (a platform's
 * shop domains, a few per platform), outcomes and kinds are fixed sets.
 */

/** What is read when Prometheus scrapes rather than counted as it happens. */
export interface MetricSources {
  /** Filings streaming in now, per platform slug: the filing queue. */
  filingsInProgress(): { platform: string; filings: number }[];
  /** Bytes of the database file with its write-ahead log. */
  databaseBytes(): number;
  /** The browser pool's pages: in use and the most it renders at once; none while no browser runs. */
  browserSlots(): { inUse: number; slots: number } | undefined;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120, 600];
const SWEEP_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800];

export class Metrics {
  readonly registry = new client.Registry();
  private readonly requests;
  private readonly latency;
  private readonly filings;
  private readonly records;
  private readonly crawlPages;
  private readonly deliveries;
  private readonly sweeps;
  private sources: MetricSources | undefined;

  constructor() {
    const registers = [this.registry];
    client.collectDefaultMetrics({ register: this.registry, prefix: 'marketgate_' });
    this.requests = new client.Counter({
      name: 'marketgate_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    });
    this.latency = new client.Histogram({
      name: 'marketgate_http_request_duration_seconds',
      help: 'Time from a request to its response (a streamed filing: to its receipt), by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.filings = new client.Counter({
      name: 'marketgate_filings_total',
      help: 'Filings ended, by kind and outcome (applied, not_applied: an atomic filing with errors, replayed: an Idempotency-Key repeated, or the error code it was refused with).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    });
    this.records = new client.Counter({
      name: 'marketgate_filing_records_total',
      help: 'Records of the filings that ended with a receipt, by kind and outcome (created, updated, unchanged, rejected).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    });
    this.crawlPages = new client.Counter({
      name: 'marketgate_crawl_pages_total',
      help: 'Stores visited by crawls and recorded, by verdict and the host the store is on.',
      labelNames: ['verdict', 'host'] as const,
      registers,
    });
    this.deliveries = new client.Counter({
      name: 'marketgate_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome (delivered, retry, failed: no attempt left, cancelled: 410 Gone).',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.sweeps = new client.Histogram({
      name: 'marketgate_sweep_duration_seconds',
      help: 'How long the background runs took, by name (sweep: credit, complaints, decisions and rescoring; risk_run; open_data), failed runs included.',
      labelNames: ['sweep'] as const,
      buckets: SWEEP_BUCKETS,
      registers,
    });
    const sourced = () => this.sources;
    new client.Gauge({
      name: 'marketgate_filings_in_progress',
      help: 'Filings streaming in now, by platform: each platform files one at a time, the rest wait.',
      labelNames: ['platform'] as const,
      registers,
      collect() {
        this.reset();
        for (const p of sourced()?.filingsInProgress() ?? []) this.set({ platform: p.platform }, p.filings);
      },
    });
    new client.Gauge({
      name: 'marketgate_database_bytes',
      help: 'Bytes of the SQLite database with its write-ahead log.',
      registers,
      collect() {
        const s = sourced();
        if (s) this.set(s.databaseBytes());
      },
    });
    new client.Gauge({
      name: 'marketgate_browser_pages',
      help: 'Pages the crawler’s Chromium renders now (state="in_use") and at most (state="slots").',
      labelNames: ['state'] as const,
      registers,
      collect() {
        this.reset();
        const b = sourced()?.browserSlots();
        if (!b) return;
        this.set({ state: 'in_use' }, b.inUse);
        this.set({ state: 'slots' }, b.slots);
      },
    });
  }

  /** Where the scraped gauges are read (set once the gateway is open). */
  readFrom(sources: MetricSources): void {
    this.sources = sources;
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  filing(
    kind: string,
    outcome: string,
    counts?: Record<'created' | 'updated' | 'unchanged' | 'rejected', number>,
  ) {
    this.filings.inc({ kind, outcome });
    if (!counts) return;
    for (const [name, n] of Object.entries(counts)) if (n > 0) this.records.inc({ kind, outcome: name }, n);
  }

  crawlPage(verdict: string, storeUrl: string): void {
    let host = 'invalid';
    try {
      host = new URL(storeUrl).hostname;
    } catch {
      // A filed store URL is checked when filed; a page recorded with another is counted apart.
    }
    this.crawlPages.inc({ verdict, host });
  }

  delivery(outcome: 'delivered' | 'retry' | 'failed' | 'cancelled'): void {
    this.deliveries.inc({ outcome });
  }

  /** Times a background run: `await metrics.timed('credit_sweep', () => ...)`. */
  async timed<T>(sweep: string, run: () => T | Promise<T>): Promise<T> {
    const end = this.sweeps.startTimer({ sweep });
    try {
      return await run();
    } finally {
      end();
    }
  }

  /** The text Prometheus reads. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * Counts every request Hono answers, by the pattern of the route that answered (`/v1/transactions/
 * :order_id`, never the path itself: ids are not labels); one no route matched is `unmatched`.
 */
export function requestMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = routePath(c);
      metrics.request(
        c.req.method,
        route === '*' || route === '/*' ? 'unmatched' : route,
        c.res.status,
        (performance.now() - started) / 1000,
      );
    }
  };
}

/**
 * GET /metrics, for whoever monitors the gateway and no one else: a request with the configured bearer
 * token (MARKETGATE_METRICS_TOKEN), or from a configured client address (MARKETGATE_METRICS_ADDRESSES;
 * behind a trusted proxy, the client it forwards for). With neither configured it is not there at all.
 * Not in the OpenAPI document (it is not the API), not under the public rate limit.
 */
export function metricsRoutes(metrics: Metrics, access: Config['metrics']) {
  const app = new Hono<AppEnv>();
  const fromAllowed = addressMatcher(access.addresses);
  const tokenDigest = access.token ? sha256(access.token) : undefined;
  app.get('/metrics', async (c) => {
    if (!tokenDigest && access.addresses.length === 0)
      throw new DomainError('not_found', 'no route GET /metrics');
    const given = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const byToken =
      tokenDigest !== undefined && given !== undefined && timingSafeEqual(sha256(given), tokenDigest);
    if (!byToken && !fromAllowed(c.var.clientAddress))
      throw new DomainError(
        'unauthorized',
        'the metrics are for the token in MARKETGATE_METRICS_TOKEN or the addresses in MARKETGATE_METRICS_ADDRESSES',
      );
    return c.body(await metrics.text(), 200, {
      'content-type': metrics.contentType,
      'cache-control': 'no-store',
    });
  });
  return app;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
