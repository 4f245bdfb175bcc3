import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { hotPath } from '../../src/http/hot-path.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';
import { fileOneStore } from '../helpers/running.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { enterprise } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * The public credit page and the trace check are answered before Hono (src/http/hot-path.ts): what a client gets must be
 * what the Hono route sends, and every case that is not the plain one must reach Hono.
 */
let running: RunningGateway;
let subject: string;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  const config = loadConfig({ dataDir: tempDir(), port: 0, host: '127.0.0.1', logLevel: 'info' });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  running = await startGateway(config, openGateway(config, pino({ level: 'info' }, sink)));
  subject = await fileOneStore(running, 'hot', 'hot-1');
});
afterAll(() => running?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${running.url}${path}`, { headers });
/** Headers that differ between any two responses whoever sends them. */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
const fixedHeaders = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => !VARYING.has(name)));

describe('the public credit page before Hono', () => {
  test('sends what the Hono route sends: status, headers and body (but the moment of the score)', async () => {
    const hits = running.gateway.creditPages.stats.hits;
    const hot = await get(`/public/credit/subjects/${subject}`);
    // A query string is not the plain case: Hono's route answers it.
    const hono = await get(`/public/credit/subjects/${subject}?via=hono`);
    expect(hot.status).toBe(200);
    expect(hono.status).toBe(200);
    expect(fixedHeaders(hot)).toEqual(fixedHeaders(hono));
    expect(fixedHeaders(hot)).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'public, max-age=60',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    });
    const [a, b] = [await hot.json(), await hono.json()];
    expect(Date.parse(a.credit.at)).toBeLessThanOrEqual(Date.parse(b.credit.at));
    expect({ ...a, credit: { ...a.credit, at: null } }).toEqual({ ...b, credit: { ...b.credit, at: null } });
    expect(a).toMatchObject({ subject_id: subject, credit: { score: 100, tier: 'A' } });
    // Both came from the kept page: the first built and kept it, the second was served from it.
    running.gateway.creditPages.flush();
    const again = await get(`/public/credit/subjects/${subject}`);
    expect(again.status).toBe(200);
    expect(running.gateway.creditPages.stats.hits).toBeGreaterThan(hits);
  });

  test("echoes a sane X-Request-Id, replaces a hostile one, and logs the request as Hono's middleware does", async () => {
    const echoed = await get(`/public/credit/subjects/${subject}`, { 'x-request-id': 'trace-42.a' });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42.a');
    const replaced = await get(`/public/credit/subjects/${subject}`, { 'x-request-id': 'a b<script>' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{26}$/);
    const lines = logs.filter((l) => l.msg === 'request' && l.request_id === 'trace-42.a');
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/public/credit/subjects/${subject}`,
        status: 200,
        ms: expect.any(Number),
      }),
    ]);
    // Hono's own log line has the same fields.
    await get('/healthz', { 'x-request-id': 'trace-43' });
    const hono = logs.find((l) => l.request_id === 'trace-43')!;
    const hot = lines[0]!;
    expect(Object.keys(hot).sort()).toEqual(Object.keys(hono).sort());
  });

  test('an unknown subject, a malformed id, another method or a longer path reach Hono and its answers', async () => {
    const unknown = await get(`/public/credit/subjects/${'0'.repeat(26)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    const malformed = await get('/public/credit/subjects/not-a-ulid');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('invalid_parameter');
    const post = await fetch(`${running.url}/public/credit/subjects/${subject}`, { method: 'POST' });
    expect(post.status).toBe(404);
    const longer = await get(`/public/credit/subjects/${subject}/extra`);
    expect(longer.status).toBe(404);
    const head = await fetch(`${running.url}/public/credit/subjects/${subject}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the public trace check before Hono', () => {
  const code = '(01)16291041500210(21)HOT/1';
  const path = `/public/trace/gs1/${encodeURIComponent(code)}`;
  beforeAll(async () => {
    const { key } = addPlatform(running.gateway.accounts, {
      slug: 'hot-trace',
      name: '追溯商城',
      uscc: '91330106673959654P',
    });
    const post = (url: string, body: string, type: string) =>
      fetch(`${running.url}${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': type },
        body,
      });
    expect(
      (await post('/v1/sellers', JSON.stringify([enterprise({ seller_id: 'T-1' })]), 'application/json'))
        .status,
    ).toBe(201);
    const filed = await post(
      '/v1/transactions',
      ndjson([
        order('T-1', {
          items: [
            {
              sku: 'G',
              name: 'g',
              quantity: 1,
              unit_price: '129.90',
              trace_codes: [{ scheme: 'gs1', code }],
            },
          ],
        }),
      ]),
      'application/x-ndjson',
    );
    expect(filed.status).toBe(201);
  });

  test('sends what the Hono route sends, counted and logged as it', async () => {
    const before = await running.gateway.metrics.text();
    const hot = await get(path, { 'x-request-id': 'trace-hot-1' });
    const hono = await get(`${path}?via=hono`);
    expect([hot.status, hono.status]).toEqual([200, 200]);
    expect(fixedHeaders(hot)).toEqual(fixedHeaders(hono));
    const body = await hot.json();
    expect(body).toEqual(await hono.json());
    expect(body).toMatchObject({ scheme: 'gs1', code, result: 'sold_once', sale: { seller_id: 'T-1' } });
    expect(logs.filter((l) => l.request_id === 'trace-hot-1')).toEqual([
      expect.objectContaining({ method: 'GET', path, status: 200 }),
    ]);
    const count = (text: string) =>
      Number(
        /marketgate_http_requests_total\{method="GET",route="\/public\/trace\/:scheme\/:code",status="200"\} (\d+)/.exec(
          text,
        )?.[1] ?? 0,
      );
    expect(count(await running.gateway.metrics.text()) - count(before)).toBe(2);
  });

  test('is answered by the hot path itself: Hono is not asked', async () => {
    // The hot path in front of a listener that is not Hono: only what the hot path leaves reaches it.
    const wrap = await hotPath(running.gateway);
    const left: string[] = [];
    const server = http.createServer(
      wrap((req, res) => {
        left.push(req.url!);
        res.writeHead(599).end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect((await res.json()).result).toBe('sold_once');
      expect((await fetch(`${base}/public/trace/gs1/4006381333932`)).status).toBe(599);
      expect(left).toEqual(['/public/trace/gs1/4006381333932']);
    } finally {
      server.close();
    }
  });

  test('a code its scheme refuses, an unknown scheme or a broken escape reach Hono and its answers', async () => {
    for (const p of [
      '/public/trace/gs1/4006381333932',
      '/public/trace/rfid/ABCDEFGH',
      '/public/trace/drug/%E0%A4%A',
    ]) {
      const res = await get(p);
      expect(res.status, p).toBe(400);
      expect((await res.json()).code, p).toMatch(/invalid_trace_code|invalid_parameter/);
    }
  });
});
