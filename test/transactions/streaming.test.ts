import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

const dataDir = tempDir('mg-stream-');
const config = loadConfig({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' });
let running: RunningGateway;
let keyA: string;
let keyB: string;

const post = (key: string, body: string | ReadableStream, headers: Record<string, string> = {}) =>
  fetch(`${running.url}/v1/transactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

beforeAll(async () => {
  running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  keyA = addPlatform(running.gateway.accounts, {
    slug: 'stream-a',
    name: 'A',
    uscc: '91330106673959654P',
  }).key;
  keyB = addPlatform(running.gateway.accounts, {
    slug: 'stream-b',
    name: 'B',
    uscc: '91110108795101314G',
  }).key;
  for (const [key, id] of [
    [keyA, 'SA'],
    [keyB, 'SB'],
  ] as const) {
    const res = await fetch(`${running.url}/v1/sellers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([enterprise({ seller_id: id })]),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => running?.close());

const versions = () =>
  running.gateway.db.prepare('SELECT count(*) FROM transaction_versions').pluck().get() as number;

describe('a filing cut off halfway', () => {
  test('leaves nothing visible, its staged rows are removed, and a retry with the same key completes it', async () => {
    const orders = Array.from({ length: 3000 }, () => order('SA'));
    const body = ndjson(orders);
    const cut = body.slice(0, Math.floor(body.length * 0.8));
    const port = Number(new URL(running.url).port);
    const before = versions();
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /v1/transactions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keyA}\r\nContent-Type: application/x-ndjson\r\nIdempotency-Key: cut-tx\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        );
        socket.write(cut, () => setTimeout(() => socket.destroy(), 300));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    // The gateway notices the cut and discards what it staged.
    const settled = () => versions() === before && running.gateway.filings.allStages().length === 0;
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 50 && !settled(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(versions()).toBe(before);
    const seen = await fetch(`${running.url}/v1/transactions/${orders[0]!.order_id}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(seen.status).toBe(404);
    expect(running.gateway.filings.allStages()).toEqual([]);

    const retry = await post(keyA, body, { 'idempotency-key': 'cut-tx' });
    const receipt = await retry.json();
    expect(retry.status, JSON.stringify(receipt).slice(0, 500)).toBe(201);
    expect(receipt.counts).toMatchObject({ received: 3000, created: 3000 });
    expect(versions()).toBe(before + 3000);
  });

  test('while a filing streams, none of its orders is visible; afterwards all are', async () => {
    const orders = Array.from({ length: 2500 }, () => order('SA'));
    const lines = orders.map((o) => `${JSON.stringify(o)}\n`);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let sent = 0;
    const stream = new ReadableStream({
      async pull(controller) {
        if (sent === 2000) await gate;
        if (sent === lines.length) return controller.close();
        controller.enqueue(new TextEncoder().encode(lines.slice(sent, sent + 500).join('')));
        sent += 500;
      },
    });
    const pending = post(keyA, stream);
    while (sent < 2000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    // 2,000 orders have arrived and are staged, but readers see none of them.
    const during = await fetch(`${running.url}/v1/transactions/${orders[0]!.order_id}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(during.status).toBe(404);
    // Another platform files and reads meanwhile, without waiting for the first filing to end.
    const other = order('SB');
    const b = await post(keyB, ndjson([other]));
    expect(b.status).toBe(201);
    const bRead = await fetch(`${running.url}/v1/transactions/${other.order_id}`, {
      headers: { authorization: `Bearer ${keyB}` },
    });
    expect(bRead.status).toBe(200);
    release();
    const res = await pending;
    expect(res.status).toBe(201);
    expect((await res.json()).counts.created).toBe(2500);
    const after = await fetch(`${running.url}/v1/transactions/${orders[0]!.order_id}`, {
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(after.status).toBe(200);
  });
});

test('at start, what a stopped gateway had staged is removed in the background', async () => {
  const dir = tempDir('mg-restart-');
  const cfg = loadConfig({ dataDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent' });
  const gw = openGateway(cfg, pino({ level: 'silent' }));
  addPlatform(gw.accounts, { slug: 'stopped', name: 'S', uscc: '91330106673959654P' });
  // What a filing cut off by a crash leaves: a stage row and staged versions, no filing row.
  gw.filings.insertStage({
    id: 'STAGE1',
    platform_id: 1,
    kind: 'transactions',
    idempotency_key: 'k',
    started_at: 'now',
  });
  const filing = gw.transactions.filingKey('STAGE1');
  gw.transactions.insertVersion({
    seq: gw.transactions.nextSeq(),
    platform_id: 1,
    order_id: 'O-crash',
    filing,
    seller_id: 'S',
    placed_at: Date.parse('2026-01-01T00:00:00.000Z'),
    status: 1,
    currency: 'CNY',
    total_minor: 1,
    refunded_minor: 0,
    completed_at: null,
    digest: Buffer.alloc(16),
    pack: '[[],"b"]',
    correction_reason: null,
  });
  // A cut-off filing of 200,000 orders: removing them took half a minute at a million, before start.
  gw.db
    .prepare(
      `WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 200000)
       INSERT INTO transaction_versions (platform_id, order_id, filing, seller_id, placed_at, status, currency,
         total_minor, refunded_minor, completed_at, digest, pack, correction_reason)
       SELECT 1, 'O-staged-' || value, ?, 'S', 1767225600000, 1, 'CNY', 1, 0, NULL,
         zeroblob(16), '[[],"b"]', NULL FROM n`,
    )
    .run(filing);
  gw.close();
  const reopened = openGateway(cfg, pino({ level: 'silent' }));
  // The removal's batches wait until the test lets them go: it sees whether the gateway answers before
  // the removal is done, whatever the machine's speed.
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const discardBatch = reopened.writer.discardBatch.bind(reopened.writer);
  reopened.writer.discardBatch = async (...args) => {
    await gate;
    return discardBatch(...args);
  };
  const restarted = await startGateway(cfg, reopened);
  const count = () =>
    restarted.gateway.db.prepare('SELECT count(*) FROM transaction_versions').pluck().get() as number;
  try {
    const health = await fetch(`${restarted.url}/healthz`);
    expect(health.status).toBe(200);
    expect(count()).toBe(200_001);
    release();
    for (let i = 0; i < 300 && restarted.gateway.filings.allStages().length > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(0);
    expect(restarted.gateway.filings.allStages()).toEqual([]);
  } finally {
    await restarted.close();
  }
});
