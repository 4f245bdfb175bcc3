import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

// Issue 14.1: one client that went away used to stop every later filing of its platform until restart.
// Each case below leaves the gateway with a filing whose client is gone; after each, a filing with the
// same Idempotency-Key must answer within seconds.

const STALL_MS = 1_500;
const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});
const dataDir = tempDir('mg-aborted-');
const config = loadConfig({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'info', filingStallMs: STALL_MS });
let running: RunningGateway;
let key: string;
let port: number;

beforeAll(async () => {
  running = await startGateway(config, openGateway(config, pino({ level: 'info' }, logSink)));
  port = Number(new URL(running.url).port);
  key = addPlatform(running.gateway.accounts, { slug: 'abort-a', name: 'A', uscc: '91330106673959654P' }).key;
  const res = await fetch(`${running.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify([enterprise({ seller_id: 'SA' })]),
  });
  expect(res.status).toBe(201);
});
afterAll(() => running?.close());

/** The head of a transaction filing as a raw HTTP/1.1 request. */
const head = (idempotencyKey: string, contentLength: number) =>
  `POST /v1/transactions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
  `Content-Type: application/x-ndjson\r\nIdempotency-Key: ${idempotencyKey}\r\nContent-Length: ${contentLength}\r\n\r\n`;

/** Opens a connection, writes `parts` one after another, and leaves the socket to the caller. */
function rawRequest(parts: string[]): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      for (const part of parts) socket.write(part);
      resolve(socket);
    });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

const closed = (socket: net.Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) return resolve();
    socket.once('close', () => resolve());
  });

/** Files `body` with `idempotencyKey` and gives up after `ms`: a hang fails the test instead of timing it out. */
async function fileWithin(ms: number, body: string, idempotencyKey: string) {
  const res = await fetch(`${running.url}/v1/transactions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/x-ndjson',
      'idempotency-key': idempotencyKey,
    },
    body,
    signal: AbortSignal.timeout(ms),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stagesSettled = async () => {
  for (let i = 0; i < 100 && running.gateway.filings.allStages().length > 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  return running.gateway.filings.allStages().length;
};

describe('a filing whose client is gone is abandoned, and the next one runs', () => {
  test('a client that closes mid-body', async () => {
    const body = ndjson([order('SA'), order('SA')]);
    const socket = await rawRequest([head('mid-body', Buffer.byteLength(body)), body.slice(0, 40)]);
    socket.destroy();
    const retry = await fileWithin(5_000, body, 'mid-body');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body.counts).toMatchObject({ received: 2, created: 2 });
    expect(await stagesSettled()).toBe(0);
  });

  test('a client that closes right after the whole body', async () => {
    const body = ndjson([order('SA')]);
    const socket = await rawRequest([head('whole-body', Buffer.byteLength(body)), body]);
    socket.destroy();
    const retry = await fileWithin(5_000, body, 'whole-body');
    // Either the first attempt was filed before the close was seen (the retry is its replay) or it was
    // abandoned (the retry files it): never a hang, never two filings.
    expect([200, 201], JSON.stringify(retry.body)).toContain(retry.status);
    expect(retry.body.counts).toMatchObject({ received: 1 });
    const filed = running.gateway.db
      .prepare("SELECT count(*) FROM filings WHERE idempotency_key = 'whole-body'")
      .pluck()
      .get();
    expect(filed).toBe(1);
  });

  test('a Content-Length shorter than the body', async () => {
    const body = ndjson([order('SA')]);
    const socket = await rawRequest([head('short-length', 10), body]);
    await Promise.race([closed(socket), new Promise((r) => setTimeout(r, 2_000))]);
    socket.destroy();
    // The first 10 bytes were a whole request to the gateway (filed with one malformed record, or
    // abandoned when the rest broke the connection): the retry with the real body answers at once, a
    // replay, a new filing, or idempotency_key_reused for a key already used with those 10 bytes.
    const retry = await fileWithin(5_000, body, 'short-length');
    expect([200, 201, 422], JSON.stringify(retry.body)).toContain(retry.status);
    const again = await fileWithin(5_000, ndjson([order('SA')]), 'after-short-length');
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  test('a client that times out while its filing waits behind a large one of its platform', async () => {
    // A large filing that streams slowly holds the platform's queue.
    const large = Array.from({ length: 3_000 }, () => order('SA'));
    const lines = ndjson(large);
    const bigSocket = await rawRequest([head('large', Buffer.byteLength(lines)), lines.slice(0, 1000)]);
    await new Promise((r) => setTimeout(r, 200));
    // The small filing queues behind it, and its client gives up.
    const small = ndjson([order('SA')]);
    const queued = await rawRequest([head('queued', Buffer.byteLength(small)), small]);
    await new Promise((r) => setTimeout(r, 200));
    queued.destroy();
    // The large filing ends; the abandoned one must not hold the queue.
    const answer = new Promise<string>((resolve) => {
      let text = '';
      bigSocket.on('data', (d) => {
        text += d;
        if (text.includes('\r\n\r\n')) resolve(text);
      });
    });
    bigSocket.write(lines.slice(1000));
    expect(await answer).toMatch(/^HTTP\/1\.1 201/);
    bigSocket.destroy();
    const retry = await fileWithin(5_000, small, 'queued');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(await stagesSettled()).toBe(0);
  });
});

describe('the watchdog', () => {
  test('abandons a filing whose client sends nothing more, says so, logs it, and the next filing runs', async () => {
    const body = ndjson([order('SA'), order('SA')]);
    const socket = await rawRequest([head('stalled', Buffer.byteLength(body)), body.slice(0, 30)]);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d) => {
        text += d;
      });
      socket.on('close', () => resolve(text));
      setTimeout(() => resolve(text), 10_000);
    });
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"filing_abandoned"');
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALL_MS - 100);
    expect(logLines.some((l) => l.msg === 'filing abandoned: its client sent nothing')).toBe(true);
    const retry = await fileWithin(5_000, body, 'stalled');
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(await stagesSettled()).toBe(0);
  });

  test('does not count the time a filing waits for the writer as a stall', async () => {
    // 6,000 orders take longer to check and write than the stall limit on this machine: still filed.
    const many = ndjson(Array.from({ length: 6_000 }, () => order('SA')));
    const res = await fileWithin(60_000, many, 'many');
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
  });
});
