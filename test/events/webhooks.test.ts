import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, test } from 'vitest';
import { enterList, removeFromList } from '../../src/credit/service.ts';
import { RETRY_DELAYS_S, WebhookDispatcher } from '../../src/events/dispatcher.ts';
import { checkWebhookUrl } from '../../src/events/webhooks.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * Events and signed webhooks (issue 16): an event is written with the change it announces, fanned out to
 * the webhooks that may see it, delivered signed per Standard Webhooks (checked here with a plain HMAC,
 * independent of the library that signs), retried on a clock the test drives, disabled by 410, and kept
 * across a restart; the feed shows each account what it may see, and platforms acknowledge.
 */

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local receiver: answers each request with what `answer` says (200 by default; a promise holds the
 * answer until it settles) and keeps them all.
 */
async function receiver(answer: () => number | Promise<number> = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      void Promise.resolve(answer()).then((status) => {
        res.statusCode = status;
        res.end('ok');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Standard Webhooks signature, computed without the library: HMAC-SHA256 over id.timestamp.body. */
function expectedSignature(secret: string, id: string, timestamp: string, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

let t: TestGateway;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await t?.gw.crawls.idle();
  await t?.close();
});

async function withSubject() {
  // Entering a list crawls the subject's stores: the store is on a closed port of this machine, so the
  // crawl fails without leaving it, and at a short spacing is over in a moment instead of holding up
  // afterEach for seconds.
  t = testGateway({
    webhooks: { allowPrivateAddresses: true },
    crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 },
  });
  const filed = await t.fileSellers(t.platformA.key, [enterprise({ store_url: 'http://127.0.0.1:9/store' })]);
  expect(filed.status).toBe(201);
  const row = t.gw.db.prepare<[], { subject_id: string }>('SELECT subject_id FROM sellers').get()!;
  return row.subject_id;
}

/** A dispatcher on the test's clock, stopped after the test. */
function clockedDispatcher(clock: () => number, random?: () => number) {
  const dispatcher = new WebhookDispatcher({
    events: t.gw.events,
    keys: t.gw.keys,
    logger: pino({ level: 'silent' }),
    config: t.config.webhooks,
    now: () => new Date(clock()),
    ...(random ? { random } : {}),
  });
  closers.push(() => dispatcher.stop());
  return dispatcher;
}

async function register(key: string, url: string, events: string[]) {
  const res = await t.call('POST', '/v1/webhooks', {
    key,
    type: 'application/json',
    body: JSON.stringify({ url, events }),
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { webhook_id: string; secret: string };
}

const list = (subjectId: string) =>
  enterList(
    t.gw,
    'abnormal',
    { subject_id: subjectId, reason: 'unreachable', legal_basis: 'art. 3' },
    'regulator:1',
  );

describe('delivery', () => {
  test('an event reaches the webhooks that may see it, signed, with the Standard Webhooks headers', async () => {
    const subjectId = await withSubject();
    const r = await receiver();
    closers.push(r.close);
    const a = await register(t.platformA.key, r.url, ['list.entered']);
    // Platform B filed no seller of the subject: its webhook gets nothing.
    await register(t.platformB.key, r.url, ['list.entered']);
    list(subjectId);
    expect(await t.gw.webhooks.runDue()).toBe(1);
    expect(r.received).toHaveLength(1);
    const { headers, body } = r.received[0]!;
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({
      type: 'list.entered',
      seq: 1,
      data: { subject_id: subjectId, list: 'abnormal' },
    });
    expect(typeof payload.timestamp).toBe('string');
    const id = headers['webhook-id'] as string;
    const timestamp = headers['webhook-timestamp'] as string;
    expect(headers['webhook-signature']).toBe(expectedSignature(a.secret, id, timestamp, body));
    // And the specification's own verifier accepts it.
    expect(() => new Webhook(a.secret).verify(body, headers as Record<string, string>)).not.toThrow();
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const deliveries = await t.call('GET', `/v1/webhooks/${a.webhook_id}/deliveries`, {
      key: t.platformA.key,
    });
    expect(deliveries.json.deliveries).toMatchObject([
      { seq: 1, status: 'delivered', attempts: 1, last_status: 200 },
    ]);
    // Counted for the gateway's monitoring (GET /metrics).
    expect(await t.gw.metrics.text()).toContain(
      'marketgate_webhook_deliveries_total{outcome="delivered"} 1\n',
    );
    // Another account cannot see the webhook.
    const foreign = await t.call('GET', `/v1/webhooks/${a.webhook_id}/deliveries`, { key: t.platformB.key });
    expect(foreign.status).toBe(404);
  });

  test('after a rotation both secrets sign, each verifies on its own', async () => {
    const subjectId = await withSubject();
    const r = await receiver();
    closers.push(r.close);
    const old = await register(t.platformA.key, r.url, ['list.entered']);
    const rotated = await t.call('POST', `/v1/webhooks/${old.webhook_id}/rotate-secret`, {
      key: t.platformA.key,
    });
    expect(rotated.status).toBe(200);
    list(subjectId);
    await t.gw.webhooks.runDue();
    const { headers, body } = r.received[0]!;
    const signatures = (headers['webhook-signature'] as string).split(' ');
    const id = headers['webhook-id'] as string;
    const ts = headers['webhook-timestamp'] as string;
    expect(signatures).toEqual([
      expectedSignature(rotated.json.secret, id, ts, body),
      expectedSignature(old.secret, id, ts, body),
    ]);
  });

  test('a receiver down for an hour gets the event once it is back; attempts follow the backoff', async () => {
    const subjectId = await withSubject();
    let down = true;
    const r = await receiver(() => (down ? 503 : 204));
    closers.push(r.close);
    const w = await register(t.platformA.key, r.url, ['list.entered', 'mark.revoked']);
    const start = Date.now();
    let clock = start;
    // No jitter: the attempts fall on the schedule's own times.
    const dispatcher = clockedDispatcher(
      () => clock,
      () => 0.5,
    );
    list(subjectId);
    const attemptsAt: number[] = [];
    for (let i = 0; i < 30; i++) {
      const next = t.gw.events.nextDue();
      if (next === null) break;
      clock = Math.max(clock, Date.parse(next));
      if (clock - start >= 3_600_000) down = false;
      attemptsAt.push((clock - start) / 1000);
      expect(await dispatcher.runDue()).toBe(1);
    }
    // 5 s doubling: attempts at 0, 5, 15, 35, ..., 2555 s fail; the one at 5115 s finds it back.
    const expected = [0];
    for (const d of RETRY_DELAYS_S.slice(0, 10)) expected.push(expected.at(-1)! + d);
    expect(attemptsAt.map(Math.round)).toEqual(expected);
    expect(r.received).toHaveLength(11);
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1);
    const [d] = t.gw.events.deliveries(w.webhook_id, Number.MAX_SAFE_INTEGER, null, 10);
    expect(d).toMatchObject({ status: 'delivered', attempts: 11, last_status: 204 });
  });

  test('retries run out after about three days: the delivery fails, the webhook is failing, a retry sends it again', async () => {
    const subjectId = await withSubject();
    const r = await receiver(() => 500);
    closers.push(r.close);
    const w = await register(t.platformA.key, r.url, ['list.entered']);
    let clock = Date.now();
    const start = clock;
    const dispatcher = clockedDispatcher(() => clock);
    list(subjectId);
    for (let next = t.gw.events.nextDue(); next !== null; next = t.gw.events.nextDue()) {
      clock = Math.max(clock, Date.parse(next));
      await dispatcher.runDue();
    }
    const days = (clock - start) / 86_400_000;
    expect(days).toBeGreaterThan(2.3);
    expect(days).toBeLessThan(3.6);
    expect(r.received).toHaveLength(RETRY_DELAYS_S.length + 1);
    const [d] = t.gw.events.deliveries(w.webhook_id, Number.MAX_SAFE_INTEGER, null, 10);
    expect(d).toMatchObject({ status: 'failed', last_status: 500 });
    const hooks = await t.call('GET', '/v1/webhooks', { key: t.platformA.key });
    expect(hooks.json.webhooks[0]).toMatchObject({ status: 'failing', deliveries: { failed: 1 } });
    const retried = await t.call('POST', `/v1/webhooks/${w.webhook_id}/deliveries/${d!.id}/retry`, {
      key: t.platformA.key,
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json.status).toBe('pending');
    const again = await t.call('POST', `/v1/webhooks/${w.webhook_id}/deliveries/${d!.id}/retry`, {
      key: t.platformA.key,
    });
    expect(again.status).toBe(409);
  });

  test('410 Gone disables the webhook and cancels what waits for it', async () => {
    const subjectId = await withSubject();
    const r = await receiver(() => 410);
    closers.push(r.close);
    const w = await register(t.platformA.key, r.url, ['list.entered', 'list.removed', 'mark.revoked']);
    const { entry } = list(subjectId);
    // Two events wait: the entry, then its removal.
    removeFromList(t.gw, entry.id, { reason: 'error', note: 'wrong subject' }, 'regulator:1');
    expect(t.gw.events.deliveryCounts(w.webhook_id).pending).toBe(2);
    await t.gw.webhooks.runDue();
    const counts = t.gw.events.deliveryCounts(w.webhook_id);
    expect(counts.pending).toBe(0);
    expect(counts.cancelled).toBe(2);
    expect(t.gw.events.webhook(w.webhook_id)!.status).toBe('disabled');
    list(subjectId);
    expect(t.gw.events.deliveryCounts(w.webhook_id).pending).toBe(0);
  });

  test('deliveries written before a stop go out after the restart', async () => {
    const subjectId = await withSubject();
    const r = await receiver();
    closers.push(r.close);
    await register(t.platformA.key, r.url, ['list.entered']);
    list(subjectId);
    const dataDir = t.dataDir;
    await t.gw.close();
    const config = loadConfig({ dataDir, logLevel: 'silent' });
    config.webhooks.allowPrivateAddresses = true;
    const reopened = openGateway(config, pino({ level: 'silent' }));
    try {
      expect(await reopened.webhooks.runDue()).toBe(1);
      expect(JSON.parse(r.received[0]!.body).type).toBe('list.entered');
    } finally {
      await reopened.close();
    }
    // t.close() closes the first gateway again and removes the folder.
    t = { ...t, close: async () => fs.rmSync(dataDir, { recursive: true, force: true }) } as TestGateway;
  });

  test('a stop that stops waiting (a shutdown) cuts the attempt in flight off and records nothing: it goes out after the restart', async () => {
    const subjectId = await withSubject();
    let answer!: (status: number) => void;
    const held = new Promise<number>((resolve) => (answer = resolve));
    const r = await receiver(() => held);
    closers.push(async () => {
      answer(200);
      await r.close();
    });
    const a = await register(t.platformA.key, r.url, ['list.entered']);
    list(subjectId);
    const dispatcher = clockedDispatcher(() => Date.now());
    dispatcher.start();
    for (let i = 0; i < 200 && r.received.length === 0; i++) await new Promise((ok) => setTimeout(ok, 10));
    expect(r.received).toHaveLength(1);
    const asked = performance.now();
    await dispatcher.stop(AbortSignal.timeout(100));
    // Not the 10 s an attempt may take.
    expect(performance.now() - asked).toBeLessThan(2_000);
    const deliveries = async () =>
      (await t.call('GET', `/v1/webhooks/${a.webhook_id}/deliveries`, { key: t.platformA.key })).json
        .deliveries;
    expect(await deliveries()).toMatchObject([{ status: 'pending', attempts: 0 }]);
    // The gateway's dispatcher after the restart sends it now, not after a retry's delay.
    answer(200);
    expect(await t.gw.webhooks.runDue()).toBe(1);
    expect(await deliveries()).toMatchObject([{ status: 'delivered', attempts: 1, last_status: 200 }]);
  });
});

describe('feed and acknowledgements', () => {
  test('each account reads what it may see, gap-free for those who see everything; platforms acknowledge', async () => {
    const subjectId = await withSubject();
    const { entry } = list(subjectId);
    removeFromList(t.gw, entry.id, { reason: 'error', note: 'wrong subject' }, 'regulator:1');
    const all = await t.call('GET', '/v1/events?after=0', { key: t.regulator.token });
    expect(all.json.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, 'list.entered'],
      [2, 'list.removed'],
    ]);
    expect(all.json).toMatchObject({ head: 2, next_after: 2 });
    const paged = await t.call('GET', '/v1/events?after=0&limit=1', { key: t.regulator.token });
    expect(paged.json).toMatchObject({ next_after: 1, events: [{ seq: 1 }] });
    const a = await t.call('GET', '/v1/events?after=1', { key: t.platformA.key });
    expect(a.json.events.map((e: { seq: number }) => e.seq)).toEqual([2]);
    const b = await t.call('GET', '/v1/events', { key: t.platformB.key });
    expect(b.json).toMatchObject({ events: [], next_after: 2, head: 2 });

    expect((await t.call('POST', '/v1/events/1/ack', { key: t.platformB.key })).status).toBe(404);
    const ack = await t.call('POST', '/v1/events/1/ack', {
      key: t.platformA.key,
      type: 'application/json',
      body: JSON.stringify({ note: 'store closed' }),
    });
    expect(ack.status, ack.text).toBe(200);
    const view = await t.call('GET', '/v1/regulator/events/1/acknowledgements', { key: t.regulator.token });
    expect(view.json).toMatchObject({
      concerned: 1,
      acknowledged: 1,
      platforms: [{ platform: t.platformA.slug, note: 'store closed' }],
    });
    const one = await t.call('GET', '/v1/events/1', { key: t.platformA.key });
    expect(one.json.acknowledged_at).toBe(ack.json.acknowledged_at);
  });

  test('bad requests get problems and change nothing', async () => {
    await withSubject();
    const cases: [string, string, Record<string, unknown>, number, string][] = [
      ['POST', '/v1/webhooks', { type: 'text/plain', body: 'x' }, 415, 'unsupported_media_type'],
      ['POST', '/v1/webhooks', { type: 'application/json', body: '{"url":' }, 400, 'malformed_json'],
      [
        'POST',
        '/v1/webhooks',
        { type: 'application/json', body: JSON.stringify({ url: 'https://a.example/', events: ['nope'] }) },
        400,
        'invalid_body',
      ],
      [
        'POST',
        '/v1/webhooks',
        {
          type: 'application/json',
          body: JSON.stringify({ url: 'ftp://a.example/', events: ['list.entered'] }),
        },
        400,
        'invalid_body',
      ],
      ['GET', '/v1/events?after=-1', {}, 400, 'invalid_parameter'],
      ['GET', '/v1/events?limit=100000', {}, 400, 'invalid_parameter'],
      ['POST', '/v1/events/abc/ack', {}, 400, 'invalid_parameter'],
      ['GET', '/v1/events/99', {}, 404, 'not_found'],
      ['DELETE', '/v1/webhooks/01ARZ3NDEKTSV4RRFFQ69G5FAV', {}, 404, 'not_found'],
    ];
    for (const [method, url, init, status, code] of cases) {
      const res = await t.call(method, url, { key: t.platformA.key, ...init });
      expect([url, res.status, res.json?.code]).toEqual([url, status, code]);
    }
    expect((await t.call('GET', '/v1/events')).status).toBe(401);
    expect(t.gw.events.webhooksOf('all')).toHaveLength(0);
  });

  test('webhook URLs must reach public addresses unless private ones are allowed', () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
      'http://10.1.2.3/',
      'http://localhost:8080/',
      'http://intranet/',
      'https://user:pw@a.example/',
    ])
      expect(() => checkWebhookUrl(url, false), url).toThrow(/url:/);
    expect(checkWebhookUrl('https://hooks.example.com/mg', false)).toBe('https://hooks.example.com/mg');
    expect(checkWebhookUrl('http://127.0.0.1:9/x', true)).toBe('http://127.0.0.1:9/x');
  });
});
