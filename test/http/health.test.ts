import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { answers } from '../../src/http/health.ts';
import type { RunningGateway } from '../../src/http/server.ts';
import { enterprise } from '../helpers/gateway.ts';
import { startTestServer } from '../helpers/running.ts';
import { ndjson, order } from '../helpers/orders.ts';

/** GET /healthz and GET /readyz over a real socket, against a gateway with its threads (issue 22). */

let running: RunningGateway;
let key: string;

beforeAll(async () => {
  running = await startTestServer((config) => Object.assign(config, { checkWorkers: 1, readyMinFreeMb: 1 }));
  key = addPlatform(running.gateway.accounts, {
    slug: 'ready',
    name: 'Ready',
    uscc: '91330106673959654P',
  }).key;
});
afterAll(() => running?.close());

const get = async (path: string) => {
  const res = await fetch(`${running.url}${path}`);
  return { status: res.status, headers: res.headers, json: await res.json() };
};

describe('GET /readyz', () => {
  test('answers 200 naming each check when the gateway can take filings', async () => {
    const res = await get('/readyz');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      status: 'ready',
      checks: {
        database: { ok: true },
        disk: { ok: true, detail: expect.stringMatching(/MiB free/) },
        check_threads: { ok: true, detail: '1 thread answered' },
        writer_thread: { ok: true },
      },
    });
  });

  test('answers 503 not_ready with the reason when the disk has less room than MARKETGATE_READY_MIN_FREE_MB', async () => {
    const stats = await fs.promises.statfs(running.gateway.config.dataDir);
    const freeMb = Math.floor((stats.bavail * stats.bsize) / 1024 ** 2);
    running.gateway.config.readyMinFreeMb = freeMb + 1024 * 1024;
    try {
      const res = await get('/readyz');
      expect(res.status, JSON.stringify(res.json)).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({
        type: 'urn:marketgate:problem:not_ready',
        status: 503,
        code: 'not_ready',
        detail: expect.stringMatching(
          /^disk: \d+ MiB free, less than the \d+ MiB of MARKETGATE_READY_MIN_FREE_MB$/,
        ),
        checks: { disk: { ok: false }, database: { ok: true }, writer_thread: { ok: true } },
      });
    } finally {
      running.gateway.config.readyMinFreeMb = 1;
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  test('answers 503 while another connection holds the database write lock, without blocking the gateway', async () => {
    const other = new Database(path.join(running.gateway.config.dataDir, 'marketgate.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const asked = performance.now();
      const ready = get('/readyz');
      // The probe waits for the lock without holding up other requests.
      expect((await get('/healthz')).status).toBe(200);
      const res = await ready;
      expect(res.status, JSON.stringify(res.json)).toBe(503);
      expect(res.json).toMatchObject({
        code: 'not_ready',
        detail: 'database: another connection has held the write lock for 500 ms',
        checks: { database: { ok: false }, disk: { ok: true } },
      });
      expect(performance.now() - asked).toBeLessThan(2_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  test('is not rate limited, nor is /healthz', async () => {
    running.gateway.config.publicRequestsPerMinute = 1;
    try {
      for (let i = 0; i < 3; i++) {
        expect((await get('/readyz')).status).toBe(200);
        expect((await get('/healthz')).status).toBe(200);
      }
    } finally {
      running.gateway.config.publicRequestsPerMinute = 120;
    }
  });
});

test('a thread that ended is started again: the gateway stays ready and files', async () => {
  const again = await startTestServer((config) =>
    Object.assign(config, { checkWorkers: 1, readyMinFreeMb: 1 }),
  );
  try {
    // The filing writer's thread ends (as when it crashed): the next call starts another.
    await again.gateway.writer.close();
    const res = await fetch(`${again.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ checks: { writer_thread: { ok: true } } });
    const { key } = addPlatform(again.gateway.accounts, {
      slug: 'again',
      name: 'Again',
      uscc: '91330106673959654P',
    });
    const filed = await fetch(`${again.url}/v1/sellers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([enterprise()]),
    });
    expect(filed.status).toBe(201);
  } finally {
    await again.close();
  }
});

test('a thread that does not answer in time, or fails, is a failed check naming why (its first line only)', async () => {
  expect(await answers(new Promise(() => {}), 'answered', 50)).toEqual({
    ok: false,
    detail: 'no answer within 50 ms',
  });
  const failed = Promise.reject(new Error('the filing writer exited with code 1\n    at stack frames'));
  expect(await answers(failed, 'answered', 50)).toEqual({
    ok: false,
    detail: 'the filing writer exited with code 1',
  });
  expect(await answers(Promise.resolve(), 'answered', 50)).toEqual({ ok: true, detail: 'answered' });
});

/** Writes `request` on a kept-alive connection and resolves with the raw answer (head and body). */
function ask(socket: net.Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const onData = (d: Buffer) => {
      answer += d;
      const [head, body = ''] = answer.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head!)?.[1]);
      if (Buffer.byteLength(body) >= length) {
        socket.off('data', onData);
        resolve(answer);
      }
    };
    socket.on('data', onData);
    socket.write(request);
  });
}

test('while it shuts down, /readyz answers 503 on a kept-alive connection, the request in flight finishes, and no new connection is taken', async () => {
  const port = Number(new URL(running.url).port);
  const connect = () =>
    new Promise<net.Socket>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', () => {});
    });
  const filed = await fetch(`${running.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify([enterprise({ seller_id: 'R-1' })]),
  });
  expect(filed.status).toBe(201);
  // A load balancer's connection, kept alive, and a filing whose body is half sent.
  const probe = await connect();
  expect(await ask(probe, 'GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 200/);
  const body = ndjson(Array.from({ length: 2_000 }, () => order('R-1')));
  const half = body.indexOf('\n', body.length / 2) + 1;
  const filing = await connect();
  const answered = ask(
    filing,
    `POST /v1/transactions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/x-ndjson\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  for (let i = 0; i < 200 && running.gateway.filings.allStages().length === 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(running.gateway.filings.allStages()).toHaveLength(1);

  const closing = running.close(Date.now() + 20_000);
  const draining = await ask(probe, 'GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n');
  expect(draining).toMatch(/^HTTP\/1\.1 503/);
  expect(draining).toMatch(/\r\nConnection: close\r\n/i);
  const problem = JSON.parse(draining.split('\r\n\r\n')[1]!);
  expect(problem).toMatchObject({
    code: 'not_ready',
    status: 503,
    detail: expect.stringMatching(/shutting down/),
    checks: { shutdown: { ok: false, detail: 'draining' } },
  });
  expect(running.stillRunning()).toContain('requests in flight: POST /v1/transactions');
  const refused = await new Promise((resolve) =>
    net
      .connect(port, '127.0.0.1')
      .once('connect', () => resolve('connected'))
      .once('error', (err: NodeJS.ErrnoException) => resolve(err.code)),
  );
  expect(refused).toBe('ECONNREFUSED');

  filing.write(body.slice(half));
  expect(await answered).toMatch(/^HTTP\/1\.1 201/);
  const stopped = performance.now();
  await closing;
  // Closed once the filing was answered, long before the 20 s it was given.
  expect(performance.now() - stopped).toBeLessThan(3_000);
  expect(running.gateway.db.open).toBe(false);
});
