import net from 'node:net';
import * as cheerio from 'cheerio';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type WorkerHeartbeat, writeHeartbeat } from '../../crawlers/fleet/keys.ts';
import { CrawlQueue } from '../../crawlers/fleet/queue.ts';
import { consoleCookie, consolePage } from '../helpers/console.ts';
import { type TestGateway, testGateway } from '../helpers/gateway.ts';
import { type TestRedis, startRedis } from '../helpers/redis.ts';

/**
 * The crawler fleet's workers on the console's crawls page (issue 20): each worker heard of, alive or
 * not, with its counts and memory, its last error shown as text; the queue's counts; a note instead of
 * the table in-process; a message, not a failure or a wait, when the fleet's Redis does not answer.
 */
const PREFIX = 'console-test:';
const MIB = 1024 * 1024;
const SCRIPT = '<script>alert(1)</script>';

const gateways: TestGateway[] = [];
const servers: TestRedis[] = [];
const clients: Redis[] = [];

afterAll(async () => {
  for (const t of gateways) await t.close();
  await Promise.all(clients.map((c) => c.quit()));
  await Promise.all(servers.map((s) => s.close()));
});

/** A gateway with a fleet on `url` (or in-process without), and the regulator's console cookie. */
async function consoleOf(url?: string) {
  const t = testGateway(url ? { crawl: { redisUrl: url, redisPrefix: PREFIX } } : {});
  gateways.push(t);
  return { t, cookie: await consoleCookie(t) };
}

async function crawlsPage(c: { t: TestGateway; cookie: string }, lang: 'zh' | 'en' = 'en') {
  const page = await consolePage(c.t, c.cookie, '/console/crawls', lang);
  expect(page.status).toBe(200);
  return { html: page.text, $: cheerio.load(page.text) };
}

/**
 * The gateway closes at once: the page left no command in its Redis client's offline queue, where the
 * client's quit would wait behind it for as long as the client retries.
 */
async function closesAtOnce(t: TestGateway) {
  gateways.splice(gateways.indexOf(t), 1);
  const started = Date.now();
  await t.close();
  expect(Date.now() - started).toBeLessThan(2_000);
}

function heartbeat(overrides: Partial<WorkerHeartbeat>): WorkerHeartbeat {
  return {
    id: 'crawler-1:4242:aaaa',
    name: 'crawler-1',
    host: 'crawler-1.internal',
    pid: 4242,
    version: '0.1.0',
    started_at: new Date(Date.now() - 3_600_000).toISOString(),
    seen_at: new Date().toISOString(),
    concurrency: 8,
    browser_slots: 2,
    in_flight: 3,
    jobs_done: 120,
    jobs_dropped: 4,
    errors: 0,
    last_error: null,
    browser_memory_bytes: 512 * MIB,
    memory_bytes: 96 * MIB,
    running: true,
    ...overrides,
  };
}

const job = (n: number) => ({
  id: `C1:${n}`,
  crawlId: 'C1',
  platform: 'alpha',
  sellerId: `S${n}`,
  url: `https://shop.example.cn/${n}`,
  filed: { name: '示例', uscc: null },
});

describe('a gateway with a fleet', () => {
  let fleet: Awaited<ReturnType<typeof consoleOf>>;

  beforeAll(async () => {
    const server = await startRedis();
    servers.push(server);
    fleet = await consoleOf(server.url);
    // As the workers would: their heartbeats, and three jobs of which one is taken.
    const worker = new Redis(server.url);
    clients.push(worker);
    await writeHeartbeat(worker, PREFIX, heartbeat({}));
    await writeHeartbeat(
      worker,
      PREFIX,
      heartbeat({
        id: 'crawler-2:77:bbbb',
        name: 'crawler-2',
        host: 'crawler-2.internal',
        seen_at: new Date(Date.now() - 60_000).toISOString(),
        in_flight: 1,
        concurrency: 4,
        jobs_done: 7,
        jobs_dropped: 0,
        errors: 2,
        last_error: `timeout at https://shop.example.cn/${SCRIPT}`,
        browser_memory_bytes: null,
        memory_bytes: 64 * MIB,
        version: '0.0.9',
      }),
    );
    const queue = new CrawlQueue(worker, { prefix: PREFIX });
    await queue.enqueue([job(1), job(2), job(3)], 'test-epoch');
    expect(await queue.take('crawler-1:4242:aaaa', 1, 0)).toHaveLength(1);
  }, 30_000);

  test('shows every worker with its state, counts and memory, and the queue', async () => {
    const { $, html } = await crawlsPage(fleet);
    const card = $('[data-testid=fleet]');
    expect(card.attr('data-fleet')).toBe('up');
    expect(card.find('[data-testid=jobs-waiting]').text()).toBe('2');
    expect(card.find('[data-testid=jobs-taken]').text()).toBe('1');
    expect(card.find('[data-testid=fleet-queue]').text()).toMatch(/1 of 2 alive/);
    const cells = (id: string) =>
      card
        .find(`tr[data-worker="${id}"] td`)
        .toArray()
        .map((td) => $(td).text().replace(/\s+/g, ' ').trim());
    // Newest first: the alive worker, then the one silent for a minute.
    expect(
      card
        .find('tbody tr')
        .toArray()
        .map((tr) => $(tr).attr('data-worker')),
    ).toEqual(['crawler-1:4242:aaaa', 'crawler-2:77:bbbb']);
    const alive = cells('crawler-1:4242:aaaa');
    expect(alive.slice(0, 9)).toEqual([
      'crawler-1',
      'crawler-1.internal',
      'Yes',
      '3 / 8',
      '120',
      '4',
      '0',
      '512 MiB',
      '96 MiB',
    ]);
    expect(alive[9]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d CST \(\d+ s ago\)$/);
    expect(alive[10]).toBe('0.1.0');
    expect(card.find('tr[data-worker="crawler-1:4242:aaaa"]').attr('data-alive')).toBe('yes');
    expect(card.find('tr[data-worker="crawler-1:4242:aaaa"] .due-later').text()).toBe('Yes');

    const dead = cells('crawler-2:77:bbbb');
    expect(dead.slice(0, 6)).toEqual(['crawler-2', 'crawler-2.internal', 'No silent', '1 / 4', '7', '0']);
    expect(dead.slice(7, 9)).toEqual(['no browser', '64 MiB']);
    expect(dead[9]).toMatch(/\(1 min ago\)$/);
    expect(card.find('tr[data-worker="crawler-2:77:bbbb"]').attr('data-alive')).toBe('no');
    expect(card.find('tr[data-worker="crawler-2:77:bbbb"] .due-today').text()).toBe('No');

    // The worker's error is its text: escaped in the HTML, no element made of it.
    const error = card.find('[data-testid=last-error]');
    expect(error.text()).toBe(`timeout at https://shop.example.cn/${SCRIPT}`);
    expect(card.find('script')).toHaveLength(0);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card.find('tr[data-worker="crawler-2:77:bbbb"] td').eq(6).text()).toMatch(/^2/);
  });

  test('a worker that said it stopped is not alive, and shown as stopped', async () => {
    const worker = clients[0]!;
    await writeHeartbeat(
      worker,
      PREFIX,
      heartbeat({ id: 'crawler-3:9:cccc', name: 'crawler-3', running: false }),
    );
    const { $ } = await crawlsPage(fleet);
    const row = $('tr[data-worker="crawler-3:9:cccc"]');
    expect(row.attr('data-alive')).toBe('no');
    expect(row.find('td').eq(2).text().replace(/\s+/g, ' ').trim()).toBe('No stopped');
    await worker.hdel(`${PREFIX}fleet:workers`, 'crawler-3:9:cccc');
  });

  test('a Redis that is connected but slow to answer: the page gives up after a second', async () => {
    // Every client's commands held back for 3 s, the gateway's among them.
    await clients[0]!.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const started = Date.now();
    const { $ } = await crawlsPage(fleet);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(2_500);
    expect($('[data-testid=fleet]').attr('data-fleet')).toBe('unreachable');
    // Once it answers again, so does the page.
    await new Promise((resolve) => setTimeout(resolve, 3_100 - took));
    expect((await crawlsPage(fleet)).$('[data-testid=fleet]').attr('data-fleet')).toBe('up');
  });

  test('speaks Chinese too', async () => {
    const { $ } = await crawlsPage(fleet, 'zh');
    const card = $('[data-testid=fleet]');
    expect(card.find('thead').text()).toMatch(/浏览器内存/);
    expect(card.find('tr[data-worker="crawler-1:4242:aaaa"] .due-later').text()).toBe('是');
    expect(card.find('tr[data-worker="crawler-2:77:bbbb"]').text()).toMatch(/失联.*无浏览器/s);
    expect($('main h2').last().text()).toBe('核验工作进程');
  });
});

test('in-process, the page says crawls run in the process and how to use a fleet, with no table', async () => {
  const c = await consoleOf();
  const { $ } = await crawlsPage(c);
  const card = $('[data-testid=fleet]');
  expect(card.attr('data-fleet')).toBe('in_process');
  expect(card.find('table')).toHaveLength(0);
  expect(card.text()).toMatch(/Crawls run in this gateway's process/);
  expect(
    card
      .find('code')
      .toArray()
      .map((e) => $(e).text()),
  ).toEqual(['MARKETGATE_REDIS_URL', 'marketgate crawl-worker']);
  // The crawl list is there as before.
  expect($('main h2').first().text()).toBe('Recent crawls');
});

test('a stopped Redis: the page still answers at once, and says the fleet does not answer', async () => {
  const server = await startRedis();
  servers.push(server);
  const c = await consoleOf(server.url);
  expect((await crawlsPage(c)).$('[data-testid=fleet]').attr('data-fleet')).toBe('up');
  await server.close();
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const { $ } = await crawlsPage(c);
    expect(Date.now() - started).toBeLessThan(3_000);
    const card = $('[data-testid=fleet]');
    expect(card.attr('data-fleet')).toBe('unreachable');
    expect(card.find('.notice.error').text()).toBe(
      "The fleet's Redis does not answer: the workers and the queue cannot be shown now.",
    );
    expect(card.find('table')).toHaveLength(0);
  }
  await closesAtOnce(c.t);
}, 30_000);

test('a Redis that takes the connection but never answers: the page gives up after a second', async () => {
  // Accepts and says nothing: the client waits for its ready check with every command held back.
  const sockets: net.Socket[] = [];
  const mute = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
  try {
    const c = await consoleOf(`redis://127.0.0.1:${(mute.address() as net.AddressInfo).port}`);
    const started = Date.now();
    const { $ } = await crawlsPage(c);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3_000);
    expect($('[data-testid=fleet]').attr('data-fleet')).toBe('unreachable');
    await closesAtOnce(c.t);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => mute.close(resolve));
  }
}, 30_000);
