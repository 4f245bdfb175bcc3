import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';
import { fileOneStore } from '../helpers/running.ts';

/**
 * The public credit page is answered before Hono (src/http/hot-path.ts): what a client gets must be
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
