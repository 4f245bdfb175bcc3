import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { accountsStore } from '../../src/accounts/store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { type GatewayProcess, peek, startGatewayProcess } from '../helpers/gateway-process.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * SIGTERM to `marketgate serve` (issue 22): it stops taking requests, lets those in flight finish, cuts
 * off what is still running at MARKETGATE_SHUTDOWN_SECONDS (less the time it keeps for closing), and
 * exits; a filing is then wholly filed or not at all, and a crawl goes on after the restart.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started: GatewayProcess[] = [];
let web: FixtureWeb;

beforeAll(async () => {
  web = await startFixtureWeb({ bench: { stores: 40, hosts: 2 }, slowMs: 6_000 });
});
afterAll(async () => {
  await Promise.all(started.map((gw) => gw.stop()));
  await web?.close();
});

/** A data folder with a platform and a regulator, made before the gateway starts (as the CLI does). */
function dataFolder() {
  const dataDir = tempDir('mg-shutdown-');
  const db = openDatabase(dataDir);
  openKeyring(dataDir);
  const accounts = accountsStore(db);
  const key = addPlatform(accounts, { slug: 'shut', name: 'Shut', uscc: '91330106673959654P' }).key;
  const token = addRegulator(accounts, { name: 'shut-inspector' }).token;
  db.close();
  return { dataDir, key, token };
}

async function start(dataDir: string, env: Record<string, string> = {}) {
  const gw = await startGatewayProcess(dataDir, env);
  started.push(gw);
  return gw;
}

async function until(what: string, ready: () => boolean | Promise<boolean>, ms = 15_000) {
  for (const end = Date.now() + ms; !(await ready()); await sleep(25))
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
}

/** Whether new connections are refused: the gateway has closed its listening socket, so it is stopping. */
const refusing = (url: string) =>
  fetch(`${url}/healthz`).then(
    () => false,
    () => true,
  );

/** A transaction filing of `count` orders (SD-0 … SD-<count-1>) over a raw socket, sent in two halves. */
async function openFiling(gw: GatewayProcess, key: string, idempotencyKey: string, count: number) {
  const body = ndjson(Array.from({ length: count }, (_, i) => order('S-1', { order_id: `SD-${i}` })));
  const half = body.indexOf('\n', body.length / 2) + 1;
  const { port } = new URL(gw.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (d) => {
      answer += d;
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) resolve(answer);
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => {});
  });
  socket.write(
    `POST /v1/transactions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/x-ndjson\r\nIdempotency-Key: ${idempotencyKey}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  socket.write(body.slice(0, half));
  return { body, socket, answered, rest: () => socket.write(body.slice(half)) };
}

/** A gateway with seller S-1 filed, and an open filing whose first half is staged. */
async function filingUnderWay(env: Record<string, string>, count = 20_000) {
  const { dataDir, key } = dataFolder();
  const gw = await start(dataDir, env);
  const sellers = await fetch(`${gw.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify([enterprise({ seller_id: 'S-1' })]),
  });
  expect(sellers.status, await sellers.text()).toBe(201);
  const filing = await openFiling(gw, key, 'big-1', count);
  await until('the first orders staged', () => staged(dataDir) > 0);
  return { dataDir, key, gw, filing, count };
}

const staged = (dataDir: string) => peek<number>(dataDir, 'SELECT count(*) FROM transaction_versions');

/** The status of GET /v1/transactions/<id> for the filing's first and last orders. */
async function visible(gw: GatewayProcess, key: string, count: number) {
  const status = async (id: string) =>
    (await fetch(`${gw.url}/v1/transactions/${id}`, { headers: { authorization: `Bearer ${key}` } })).status;
  return [await status('SD-0'), await status(`SD-${count - 1}`)];
}

describe('a filing streaming in when SIGTERM comes', () => {
  test('is cut off at the deadline, the process exits within MARKETGATE_SHUTDOWN_SECONDS, and after a restart nothing of it is visible', async () => {
    const { dataDir, key, gw, filing, count } = await filingUnderWay({
      MARKETGATE_SHUTDOWN_SECONDS: '2',
      MARKETGATE_LOG_LEVEL: 'warn',
    });
    // The client sends nothing more: the filing outlasts the deadline.
    const exit = await gw.signal('SIGTERM');
    expect(exit, gw.output()).toMatchObject({ code: 0, signal: null });
    // It waited for the request in flight (2 s less the second it keeps for closing, a quarter of it
    // here), then cut it off and closed, within the 2 s.
    expect(exit.ms).toBeGreaterThan(1_200);
    expect(exit.ms).toBeLessThan(2_500);
    expect(gw.output()).toMatch(/cut off.*POST \/v1\/transactions|POST \/v1\/transactions.*cut off/);
    expect(await filing.answered).not.toMatch(/^HTTP\/1\.1 2/);

    const again = await start(dataDir);
    expect(await visible(again, key, count)).toEqual([404, 404]);
    // What it staged is removed after the start, and its platform files it again with the same key.
    await until('the cut-off filing removed', () => staged(dataDir) === 0);
    const retry = await fetch(`${again.url}/v1/transactions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/x-ndjson',
        'idempotency-key': 'big-1',
      },
      body: filing.body,
    });
    const receipt = await retry.json();
    expect(retry.status, JSON.stringify(receipt)).toBe(201);
    expect(receipt.counts).toMatchObject({ received: count, created: count });
    expect(await visible(again, key, count)).toEqual([200, 200]);
  }, 60_000);

  test('that ends before the deadline is filed whole, answered, and then the process exits', async () => {
    const { dataDir, key, gw, filing, count } = await filingUnderWay({ MARKETGATE_SHUTDOWN_SECONDS: '10' });
    const exit = gw.signal('SIGTERM');
    await until('the listening socket closed', () => refusing(gw.url));
    // The rest of the body, sent after the signal, is still taken.
    filing.rest();
    const answer = await filing.answered;
    const answeredAt = performance.now();
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    // Its answer tells the client not to send more on this connection.
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(await exit).toMatchObject({ code: 0, signal: null });
    // Nothing else was in flight: the process did not wait for the deadline.
    expect(performance.now() - answeredAt).toBeLessThan(2_000);

    const again = await start(dataDir);
    expect(await visible(again, key, count)).toEqual([200, 200]);
    expect(staged(dataDir)).toBe(count);
    expect(peek<number>(dataDir, 'SELECT count(*) FROM filing_stages')).toBe(0);
  }, 60_000);

  test('a second signal ends the process at once, and the filing is not visible after a restart', async () => {
    const { dataDir, key, gw, count } = await filingUnderWay({ MARKETGATE_SHUTDOWN_SECONDS: '20' });
    const first = gw.signal('SIGTERM');
    await until('the listening socket closed', () => refusing(gw.url));
    const second = await gw.signal('SIGTERM');
    // 128 + 15, as a shell reports a process that SIGTERM ended.
    expect(second.code).toBe(143);
    expect(second.ms).toBeLessThan(1_000);
    await first;
    const again = await start(dataDir);
    expect(await visible(again, key, count)).toEqual([404, 404]);
  }, 60_000);
});

test('an idle gateway with a kept-alive connection exits at once, and closes the connection', async () => {
  const { dataDir } = dataFolder();
  const gw = await start(dataDir);
  const socket = net.connect(Number(new URL(gw.url).port), '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  let answer = '';
  await new Promise<void>((resolve) => {
    socket.on('data', (d) => {
      answer += d;
      if (answer.endsWith('}')) resolve();
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  });
  expect(answer).toMatch(/^HTTP\/1\.1 200[\s\S]*Connection: keep-alive/i);
  const exit = await gw.signal('SIGTERM');
  expect(exit, gw.output()).toMatchObject({ code: 0, signal: null });
  // Far within the 5 s allowed: nothing was in flight.
  expect(exit.ms).toBeLessThan(1_500);
  await closed;
});

test('a crawl under way when SIGTERM comes is paused at once, and goes on after the restart, each store visited once', async () => {
  const { dataDir, key, token } = dataFolder();
  // Two hosts a quarter of a second apart: the 40 stores take about 5 s, so the crawl is under way. And
  // a store that answers after 6 s, within the crawler's timeout: its request is in flight at the stop.
  const env = { MARKETGATE_CRAWL_SPACING_MS: '250', MARKETGATE_CRAWL_TIMEOUT_MS: '15000' };
  const gw = await start(dataDir, env);
  const slow = web.cases.find((c) => c.id === 'slow-timeout')!;
  const stores = [slow, ...web.bench].map((c, i) =>
    enterprise({ seller_id: `B-${i}`, legal_name: c.filed.name, uscc: c.filed.uscc, store_url: c.url }),
  );
  const filed = await fetch(`${gw.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(stores),
  });
  expect(filed.status, await filed.text()).toBe(201);
  const crawl = async (url: string, id = '') => {
    const res = await fetch(`${url}/v1/regulator/crawls${id && `/${id}`}`, {
      method: id ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(id ? {} : { body: JSON.stringify({ platforms: ['shut'] }) }),
    });
    return res.json();
  };
  const { crawl_id: id } = await crawl(gw.url);
  await until('a few stores visited', async () => (await crawl(gw.url, id)).done >= 4);
  expect(web.requests.some((r) => r.path === new URL(slow.url).pathname)).toBe(true);
  const exit = await gw.signal('SIGTERM');
  expect(exit, gw.output()).toMatchObject({ code: 0, signal: null });
  // Visits in flight wait for their host's turn, or for the slow store: the stop does not wait for them.
  expect(exit.ms).toBeLessThan(1_500);
  const paused = peek<number>(dataDir, 'SELECT count(*) FROM verifications WHERE crawl_id = ?', id);
  expect(paused).toBeLessThan(stores.length);

  const again = await start(dataDir, env);
  await until('the crawl done after the restart', async () => (await crawl(again.url, id)).status === 'done');
  expect(await crawl(again.url, id)).toMatchObject({ total: stores.length, done: stores.length });
  // The visits the stop gave up on were not recorded: every store has one verification of this crawl.
  const visits = (sql: string) => peek<number>(dataDir, sql, id);
  expect(visits('SELECT count(*) FROM verifications WHERE crawl_id = ?')).toBe(stores.length);
  expect(visits('SELECT count(DISTINCT seller_id) FROM verifications WHERE crawl_id = ?')).toBe(
    stores.length,
  );
}, 60_000);
