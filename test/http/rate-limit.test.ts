import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { signFormToken } from '../../src/console/security.ts';
import { openGateway } from '../../src/gateway.ts';
import { toProblem } from '../../src/http/problem.ts';
import { addressKey, rateLimit, WindowCounter } from '../../src/http/rate-limit.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { enterprise, tempDir, testGateway } from '../helpers/gateway.ts';
import { fileOneStore } from '../helpers/running.ts';

/**
 * Rate limits as middleware (src/http/rate-limit.ts): the counter, the key, the factory through a tiny
 * app, and the limits of the public routes: one counter per client address across every public route
 * (the public credit page answered before Hono included), one for lodging complaints across the API and
 * the form.
 */
describe('the window counter', () => {
  test('allows exactly the limit in a first window, then says when to come back', () => {
    const counter = new WindowCounter(60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(counter.take('a', 5, t0 + i)).toEqual({ ok: true });
    const refused = counter.take('a', 5, t0 + 10);
    expect(refused).toMatchObject({ ok: false });
    // All five fall in this window: not before the next one, where they weigh as the previous window.
    const seconds = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(60);
    expect(seconds).toBeLessThanOrEqual(72);
    // Another key is counted apart.
    expect(counter.take('b', 5, t0 + 10)).toEqual({ ok: true });
    // Refusals are not counted: when the estimate falls, the key is let in.
    expect(counter.take('a', 5, t0 + seconds * 1000 + 10)).toEqual({ ok: true });
  });

  test('slides: the previous window weighs by the share of it still inside the sliding one', () => {
    const counter = new WindowCounter(60_000);
    const t0 = 0;
    for (let i = 0; i < 10; i++) expect(counter.take('a', 10, t0 + i).ok).toBe(true);
    // Half-way through the next window the ten weigh five: five more fit, not six.
    const half = t0 + 90_000;
    for (let i = 0; i < 5; i++) expect(counter.take('a', 10, half).ok, `take ${i}`).toBe(true);
    expect(counter.take('a', 10, half).ok).toBe(false);
    // Two windows later nothing of them weighs.
    for (let i = 0; i < 10; i++) expect(counter.take('a', 10, t0 + 180_000).ok).toBe(true);
  });

  test('a limit of 0 refuses everything; a huge one is a Map lookup, whatever the count', () => {
    const counter = new WindowCounter(3_600_000);
    expect(counter.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 3600 });
    const fast = new WindowCounter(60_000);
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) fast.take('127.0.0.1', 1e9, 1_000 + i);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('holds at most maxKeys keys: a flood of addresses cannot grow it', () => {
    const counter = new WindowCounter(60_000, 1000);
    for (let i = 0; i < 5000; i++) counter.take(`10.0.${i >> 8}.${i & 255}`, 10, 1_000);
    expect(counter.size).toBe(1000);
  });
});

describe('what a per-address limit counts', () => {
  test.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (address, key) => expect(addressKey(address)).toBe(key));
});

describe('rateLimit(): a middleware factory', () => {
  const tiny = (limit: () => number) => {
    const app = new Hono();
    app.onError((err, c) => toProblem(err, c));
    const limited = rateLimit({ name: 'tries', windowMs: 60_000, limit, key: () => 'k' });
    app.get('/x', limited, (c) => c.text('ok'));
    app.get(
      '/page',
      limited.answering((c, err) => c.text(`slow down: ${err.detail}`, 429)),
      (c) => c.text('ok'),
    );
    return app;
  };

  test('refuses past the limit with a problem, 429 and Retry-After; the limit is read at each request', async () => {
    let limit = 2;
    const app = tiny(() => limit);
    expect((await app.request('/x')).status).toBe(200);
    expect((await app.request('/x')).status).toBe(200);
    const refused = await app.request('/x');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      code: 'rate_limited',
      detail: expect.stringMatching(/at most 2 tries a minute/),
      retry_after_seconds: expect.any(Number),
    });
    // The same counter answers the page in its own way.
    const page = await app.request('/page');
    expect(page.status).toBe(429);
    expect(await page.text()).toMatch(/^slow down/);
    limit = 10;
    expect((await app.request('/page')).status).toBe(200);
  });

  test('the middleware is named, and the counter is reachable outside Hono', () => {
    const limited = rateLimit({ name: 'tries', windowMs: 1000, limit: 1 });
    expect(limited.name).toBe('rateLimitMiddleware');
    expect(limited.take('a').ok).toBe(true);
    expect(limited.take('a').ok).toBe(false);
  });
});

describe('the public routes share one limit per address', () => {
  let t: ReturnType<typeof testGateway>;
  let subject: string;
  beforeAll(async () => {
    t = testGateway();
    const filed = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'rl-1' })]);
    expect(filed.status, filed.text).toBe(201);
    subject = t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'rl-1')!.subject_id;
  });
  afterAll(() => t.close());

  test('every public route, API and page, counts against one allowance; other routes do not', async () => {
    t.config.publicRequestsPerMinute = 8;
    const publicPaths = [
      `/public/credit/subjects/${subject}`,
      '/public/credit?q=%E6%9D%AD%E5%B7%9E',
      '/',
      `/credit/subjects/${subject}`,
      '/complaints/track',
      '/complaints/new',
      '/credit/mark?id=nope',
      '/marks/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ];
    for (const path of publicPaths) expect((await t.call('GET', path)).status, path).not.toBe(429);
    const alsoPublic = [
      '/v1/marks/revoked',
      '/lang?to=en&back=/',
      '/v1/receipt-key',
      '/v1/templates/sellers.xlsx',
    ];
    for (const path of [...publicPaths, ...alsoPublic]) {
      const refused = await t.call('GET', path);
      expect(refused.status, path).toBe(429);
      expect(refused.json, path).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers.get('retry-after')), path).toBeGreaterThan(0);
    }
    // Not public: the health check, the API of platforms and regulators, the console.
    expect((await t.call('GET', '/healthz')).status).toBe(200);
    expect((await t.call('GET', '/v1/sellers/rl-1', { key: t.platformA.key })).status).toBe(200);
    expect((await t.call('GET', '/console/login')).status).toBe(200);
    t.config.publicRequestsPerMinute = 1_000_000;
  });

  test('lodging: the API and the form draw on one allowance per address', async () => {
    t.config.complaints.perAddressPerHour = 2;
    const body = (phone: string) => ({
      platform: t.platformA.slug,
      seller_id: 'rl-1',
      category: 'quality',
      description: '收到的商品与描述不符，要求退款。',
      complainant: { name: '李四', phone },
    });
    const api = (phone: string) =>
      t.call('POST', '/public/complaints', { type: 'application/json', body: JSON.stringify(body(phone)) });
    const form = (phone: string) =>
      t.call('POST', '/complaints/new', {
        type: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          _form: signFormToken(t.gw.keys, 'lodge'),
          platform: t.platformA.slug,
          seller_id: 'rl-1',
          category: 'quality',
          description: '收到的商品与描述不符，要求退款。',
          name: '李四',
          phone,
        }).toString(),
      });
    expect((await api('13900000001')).status).toBe(201);
    expect((await form('13900000002')).status).toBe(201);
    // Each would have allowed two on a counter of its own.
    const byApi = await api('13900000003');
    expect(byApi.status).toBe(429);
    expect(byApi.json).toMatchObject({ code: 'rate_limited' });
    const byForm = await form('13900000004');
    expect(byForm.status).toBe(429);
    expect(byForm.headers.get('content-type')).toMatch(/text\/html/);
    expect(Number(byForm.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(byForm.text).toContain('complaints from one address');
    expect(t.gw.complaints.queue('open', 100)).toHaveLength(2);
    t.config.complaints.perAddressPerHour = 1000;
  });
});

describe('the public credit page answered before Hono is limited on the same counter', () => {
  let running: RunningGateway;
  let subject: string;
  beforeAll(async () => {
    const config = loadConfig({ dataDir: tempDir(), port: 0, host: '127.0.0.1', logLevel: 'silent' });
    config.sweepMinutes = 0;
    running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
    subject = await fileOneStore(running, 'hot-rl', 'hot-rl-1');
  });
  afterAll(() => running?.close());

  test('the hot path counts, refuses through Hono with the problem, and shares the allowance with the rest', async () => {
    running.gateway.config.publicRequestsPerMinute = 5;
    const get = (path: string) => fetch(`${running.url}${path}`);
    const hits = running.gateway.creditPages.stats.hits;
    // The first request builds the page; it is written behind, so flush it before the others read it.
    expect((await get(`/public/credit/subjects/${subject}`)).status).toBe(200);
    running.gateway.creditPages.flush();
    for (let i = 0; i < 2; i++) expect((await get(`/public/credit/subjects/${subject}`)).status).toBe(200);
    expect(running.gateway.creditPages.stats.hits).toBeGreaterThan(hits);
    // An unknown subject is counted once by the hot path, not again by Hono.
    expect((await get('/public/credit/subjects/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await get('/public/credit?q=%E6%9D%AD%E5%B7%9E')).status).toBe(200);
    // Five taken: the hot path refuses, and so does every other public route.
    const refused = await get(`/public/credit/subjects/${subject}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect((await get('/')).status).toBe(429);
    expect((await get('/healthz')).status).toBe(200);
    running.gateway.config.publicRequestsPerMinute = 120;
  });
});
