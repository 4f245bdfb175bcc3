import { Hono } from 'hono';
import { afterAll, describe, expect, test } from 'vitest';
import type { AppEnv } from '../../src/http/env.ts';
import { loadConfig } from '../../src/config.ts';
import { Metrics, requestMetrics } from '../../src/http/metrics.ts';
import type { RunningGateway } from '../../src/http/server.ts';
import { fileOneStore, startTestServer } from '../helpers/running.ts';

/** The value of one sample line of the Prometheus text, by its name and labels exactly. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the metrics registry', () => {
  test('requests are counted by the pattern of the route that answered, never by the path', async () => {
    const metrics = new Metrics();
    const app = new Hono<AppEnv>();
    app.use('*', requestMetrics(metrics));
    app.use('/limited/*', async (c, next) => (c.req.header('x-refuse') ? c.text('slow down', 429) : next()));
    app.get('/v1/transactions/:order_id', (c) => c.json({ id: c.req.param('order_id') }));
    app.get('/limited/page', (c) => c.text('ok'));
    for (const id of ['O-1', 'O-2', 'O-3'])
      expect((await app.request(`/v1/transactions/${id}`)).status).toBe(200);
    expect((await app.request('/nowhere/13800138000')).status).toBe(404);
    expect((await app.request('/limited/page', { headers: { 'x-refuse': '1' } })).status).toBe(429);
    expect((await app.request('/limited/page')).status).toBe(200);
    const text = await metrics.text();
    expect(
      sample(
        text,
        'marketgate_http_requests_total{method="GET",route="/v1/transactions/:order_id",status="200"}',
      ),
    ).toBe(3);
    expect(sample(text, 'marketgate_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(
      1,
    );
    expect(sample(text, 'marketgate_http_requests_total{method="GET",route="/limited/*",status="429"}')).toBe(
      1,
    );
    expect(
      sample(text, 'marketgate_http_requests_total{method="GET",route="/limited/page",status="200"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'marketgate_http_request_duration_seconds_count{method="GET",route="/v1/transactions/:order_id"}',
      ),
    ).toBe(3);
    // No id, no phone: what a client put in a path never becomes a label.
    expect(text).not.toContain('O-1');
    expect(text).not.toContain('13800138000');
  });

  test('filings, records, crawled pages, deliveries and background runs', async () => {
    const metrics = new Metrics();
    metrics.filing('transactions', 'applied', { created: 5, updated: 2, unchanged: 0, rejected: 1 });
    metrics.filing('transactions', 'payload_too_large');
    metrics.filing('sellers', 'replayed');
    metrics.crawlPage('compliant', 'https://shop.example.cn/p/1');
    metrics.crawlPage('compliant', 'https://shop.example.cn/p/2');
    metrics.crawlPage('identity_missing', 'https://mall.example.com/s/9');
    metrics.delivery('delivered');
    metrics.delivery('retry');
    await metrics.timed('credit_sweep', () => 42);
    await expect(metrics.timed('risk_run', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const text = await metrics.text();
    expect(sample(text, 'marketgate_filings_total{kind="transactions",outcome="applied"}')).toBe(1);
    expect(sample(text, 'marketgate_filings_total{kind="transactions",outcome="payload_too_large"}')).toBe(1);
    expect(sample(text, 'marketgate_filings_total{kind="sellers",outcome="replayed"}')).toBe(1);
    expect(sample(text, 'marketgate_filing_records_total{kind="transactions",outcome="created"}')).toBe(5);
    expect(sample(text, 'marketgate_filing_records_total{kind="transactions",outcome="rejected"}')).toBe(1);
    expect(
      sample(text, 'marketgate_filing_records_total{kind="transactions",outcome="unchanged"}'),
    ).toBeUndefined();
    expect(sample(text, 'marketgate_crawl_pages_total{verdict="compliant",host="shop.example.cn"}')).toBe(2);
    expect(
      sample(text, 'marketgate_crawl_pages_total{verdict="identity_missing",host="mall.example.com"}'),
    ).toBe(1);
    expect(sample(text, 'marketgate_webhook_deliveries_total{outcome="delivered"}')).toBe(1);
    expect(sample(text, 'marketgate_sweep_duration_seconds_count{sweep="credit_sweep"}')).toBe(1);
    // A run that failed is timed too.
    expect(sample(text, 'marketgate_sweep_duration_seconds_count{sweep="risk_run"}')).toBe(1);
  });

  test('gauges are read when scraped', async () => {
    const metrics = new Metrics();
    let queue = [{ platform: 'alpha', filings: 2 }];
    metrics.readFrom({
      filingsInProgress: () => queue,
      databaseBytes: () => 123_456,
      browserSlots: () => ({ inUse: 1, slots: 2 }),
    });
    let text = await metrics.text();
    expect(sample(text, 'marketgate_filings_in_progress{platform="alpha"}')).toBe(2);
    expect(sample(text, 'marketgate_database_bytes')).toBe(123_456);
    expect(sample(text, 'marketgate_browser_pages{state="in_use"}')).toBe(1);
    expect(sample(text, 'marketgate_browser_pages{state="slots"}')).toBe(2);
    queue = [];
    text = await metrics.text();
    // A platform whose filing ended is gone from the gauge, not left at its last value.
    expect(sample(text, 'marketgate_filings_in_progress{platform="alpha"}')).toBeUndefined();
    expect(text).toContain('marketgate_process_cpu_seconds_total');
  });
});

describe('GET /metrics on a gateway', () => {
  const token = 'metrics-token-0123456789';
  const servers: RunningGateway[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  async function start(metrics: { token?: string; addresses?: string[] }) {
    const running = await startTestServer((config) => {
      config.metrics = { token: metrics.token, addresses: metrics.addresses ?? [] };
    });
    servers.push(running);
    return running;
  }
  const scrape = (running: RunningGateway, headers: Record<string, string> = {}) =>
    fetch(`${running.url}/metrics`, { headers });

  test('its settings are checked at start: a short token, an address that is none', () => {
    expect(() => loadConfig({}, { MARKETGATE_METRICS_TOKEN: 'short' })).toThrow(
      'MARKETGATE_METRICS_TOKEN must be 16 characters at least, without spaces',
    );
    expect(() => loadConfig({}, { MARKETGATE_METRICS_TOKEN: 'has a space in it, long enough' })).toThrow(
      'MARKETGATE_METRICS_TOKEN must be 16 characters at least',
    );
    expect(() => loadConfig({}, { MARKETGATE_METRICS_ADDRESSES: 'prometheus.internal' })).toThrow(
      'MARKETGATE_METRICS_ADDRESSES: "prometheus.internal" is not an address or a CIDR',
    );
    expect(
      loadConfig({}, { MARKETGATE_METRICS_TOKEN: token, MARKETGATE_METRICS_ADDRESSES: '10.0.0.0/8' }).metrics,
    ).toEqual({ token, addresses: ['10.0.0.0/8'] });
  });

  test('not served unless configured', async () => {
    const running = await start({});
    expect((await scrape(running)).status).toBe(404);
  });

  test('for the token: requests by route pattern, filings, the database, and no personal data', async () => {
    const running = await start({ token });
    expect((await scrape(running)).status).toBe(401);
    expect((await scrape(running, { authorization: 'Bearer metrics-token-wrong-guess' })).status).toBe(401);
    const subject = await fileOneStore(running, 'mx', 'MX-1');
    const phone = '13812345678'; // enterprise()'s contact phone, encrypted at rest
    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${running.url}/public/credit/subjects/${subject}`);
      expect(page.status).toBe(200);
      running.gateway.creditPages.flush();
    }
    const res = await scrape(running, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'marketgate_filings_total{kind="sellers",outcome="applied"}')).toBe(1);
    expect(sample(text, 'marketgate_filing_records_total{kind="sellers",outcome="created"}')).toBe(1);
    expect(
      sample(text, 'marketgate_http_requests_total{method="POST",route="/v1/sellers",status="201"}'),
    ).toBe(1);
    // The page built by Hono, then answered by the hot path: one route, counted twice.
    expect(
      sample(
        text,
        'marketgate_http_requests_total{method="GET",route="/public/credit/subjects/:subject_id",status="200"}',
      ),
    ).toBe(2);
    expect(sample(text, 'marketgate_database_bytes')).toBeGreaterThan(100_000);
    expect(text).not.toContain(subject);
    expect(text).not.toContain(phone);
    expect(text).not.toContain('MX-1');
  });

  test('for the configured addresses, behind the trusted proxies', async () => {
    const here = await start({ addresses: ['127.0.0.1'] });
    expect((await scrape(here)).status).toBe(200);
    const elsewhere = await start({ addresses: ['10.0.0.0/8'] });
    expect((await scrape(elsewhere)).status).toBe(401);
    // A forwarded address counts only from a trusted proxy: here, nobody is one.
    expect((await scrape(elsewhere, { 'x-forwarded-for': '10.1.2.3' })).status).toBe(401);
  });
});
