import type { ChildProcess } from 'node:child_process';
import { spawnCrawlWorker, stopProcesses } from '../../src/fleet/worker-processes.ts';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureCase } from '../../fixtures/web/index.ts';
import { type FixtureWebProcess, startFixtureWebProcess } from '../helpers/fixture-web-process.ts';
import { addWorker } from '../../src/accounts/service.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { readHeartbeats } from '../../crawlers/fleet/keys.ts';
import { CrawlQueue } from '../../crawlers/fleet/queue.ts';
import { Redis } from 'ioredis';
import { BIN, REPO } from '../helpers/cli.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { type TestRedis, startRedis } from '../helpers/redis.ts';

/**
 * The fleet end to end (issue 20): a real redis-server, the gateway listening, three
 * `marketgate crawl-worker` processes and the fixture web. Every store is verified once with the
 * verdict the crawler gives in-process; no two requests to a host come closer than the spacing, across
 * the workers; a worker killed with SIGKILL and a Redis that restarts without its data lose nothing.
 */
const SPACING_MS = 150;
/** Hosts whose spacing is not SPACING_MS (a Crawl-delay) or that are asked only for robots.txt. */
const LEASE_MS = 2_500;
/** Static cases with a quick, deterministic answer (no browser, no slow or failing host). */
const SKIP = new Set([
  'slow-ok',
  'slow-timeout',
  'slow-body',
  'dead-host',
  'connection-reset',
  'truncated-body',
  'image-only',
  'huge-identity-top',
  'huge-identity-bottom',
  'always-500',
  'rate-limited',
  'flaky-recovers',
  'crawl-delay',
]);

let redis: TestRedis;
let web: FixtureWebProcess;
let gateway: RunningGateway;
let client: Redis;
let platformKey: string;
let regulatorToken: string;
const tokens: string[] = [];
const workers: ChildProcess[] = [];
let stores: FixtureCase[] = [];

beforeAll(async () => {
  redis = await startRedis();
  web = await startFixtureWebProcess({ slowMs: 1_000, bench: { stores: 48, hosts: 4 } });
  const dataDir = tempDir('mg-fleet-');
  const issuersFile = path.join(dataDir, 'issuers.json');
  fs.writeFileSync(issuersFile, JSON.stringify(web.markIssuers));
  const config = loadConfig({ dataDir, logLevel: 'silent', port: 0, checkWorkers: 0 }, {});
  Object.assign(config.crawl, {
    spacingMs: SPACING_MS,
    timeoutMs: 2_000,
    allowPrivateAddresses: true,
    redisUrl: redis.url,
    redisPrefix: 'fleet-test:',
    leaseMs: LEASE_MS,
  });
  config.marks.issuersFile = issuersFile;
  gateway = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  const gw = gateway.gateway;
  const platform = addPlatform(gw.accounts, {
    slug: 'alpha',
    name: 'Alpha Mall',
    uscc: '91330106673959654P',
  });
  platformKey = platform.key;
  const { addRegulator } = await import('../../src/accounts/service.ts');
  regulatorToken = addRegulator(gw.accounts, { name: 'inspector' }).token;
  for (const name of ['w1', 'w2', 'w3']) tokens.push(addWorker(gw.accounts, { name }).token);
  stores = [...web.cases.filter((c) => !c.browser && !SKIP.has(c.id)), ...web.bench];
  const records = stores.map((store, i) =>
    enterprise({
      seller_id: `S-${i}-${store.id}`,
      legal_name: store.filed.name,
      uscc: store.filed.uscc,
      store_url: store.url,
    }),
  );
  const filed = await fetch(`${gateway.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(records),
  });
  expect(filed.status, await filed.text()).toBe(201);
  client = new Redis(redis.url, { maxRetriesPerRequest: null });
  client.on('error', () => {});
}, 60_000);

afterEach(async () => {
  await stopProcesses(workers.splice(0), 30_000);
});

afterAll(async () => {
  client?.disconnect();
  await gateway?.close();
  await web?.close();
  await redis?.close();
});

function startWorker(token: string): ChildProcess {
  const worker = spawnCrawlWorker({
    gateway: gateway.url,
    redis: redis.url,
    token,
    launcher: [process.execPath, BIN],
    cwd: REPO,
    logLevel: 'warn',
    stderr: 'pipe',
  });
  worker.child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGKILL' && signal !== 'SIGTERM')
      console.error(`crawl-worker exited ${code} ${signal}: ${worker.stderr()}`);
  });
  workers.push(worker.child);
  return worker.child;
}

/** A crawl of every store, started through the API as a regulator would. */
async function startCrawl(): Promise<string> {
  await web.reset();
  const res = await fetch(`${gateway.url}/v1/regulator/crawls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${regulatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ platforms: ['alpha'] }),
  });
  const body = (await res.json()) as { crawl_id: string };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.crawl_id;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the crawl to be done; says at once why when it failed instead. */
function untilDone(crawlId: string, timeoutMs = 60_000) {
  return until(
    'the crawl to finish',
    () => {
      const crawl = gateway.gateway.verifications.crawl(crawlId)!;
      if (crawl.status === 'failed') throw new Error(`the crawl failed: ${crawl.error}`);
      return crawl.status === 'done';
    },
    timeoutMs,
  );
}

/** The crawl's verifications: one per store, with the verdict the fixture says the crawler gives. */
function expectEveryStoreOnce(crawlId: string) {
  const gw = gateway.gateway;
  const rows = gw.db
    .prepare<[string], { seller_id: string; verdict: string; record: string }>(
      'SELECT seller_id, verdict, record FROM verifications WHERE crawl_id = ?',
    )
    .all(crawlId);
  expect(rows).toHaveLength(stores.length);
  expect(new Set(rows.map((r) => r.seller_id)).size).toBe(stores.length);
  const verdicts = Object.fromEntries(rows.map((r) => [r.seller_id, r.verdict]));
  const expected = Object.fromEntries(stores.map((s, i) => [`S-${i}-${s.id}`, s.expect.verdict]));
  expect(verdicts).toEqual(expected);
  expect(gw.verifications.crawl(crawlId)).toMatchObject({ status: 'done', cancelled_at: null });
  return rows.map((r) => JSON.parse(r.record) as { worker?: { name: string } });
}

describe('a crawl run by three worker processes', () => {
  it('verifies every store once, with its in-process verdict, never faster than the spacing per host', async () => {
    for (const token of tokens) startWorker(token);
    const crawlId = await startCrawl();
    await untilDone(crawlId);
    const records = expectEveryStoreOnce(crawlId);
    // Each verification names the worker that made it; the three shared the work.
    const names = new Set(records.map((r) => r.worker?.name));
    expect([...names].sort()).toEqual(['w1', 'w2', 'w3']);

    // Politeness as the hosts saw it, across all workers: every request to a host (robots.txt, pages,
    // pictures, issuers' status endpoints) arrived at least the spacing after the one before.
    const requests = await web.requests();
    const byHost = new Map<string, number[]>();
    for (const r of requests) {
      if (!byHost.has(r.host)) byHost.set(r.host, []);
      byHost.get(r.host)!.push(r.at);
    }
    let pairs = 0;
    for (const [host, times] of byHost) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!, `${host}, requests ${i - 1} and ${i}`).toBeGreaterThanOrEqual(
          SPACING_MS,
        );
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(stores.length / 2);
    // robots.txt once per host for the fleet, not once per worker.
    const robots = requests.filter((r) => r.path === '/robots.txt');
    expect(robots.length).toBe(new Set(robots.map((r) => r.host)).size);

    // The gateway knows its workers: alive, with jobs done.
    const beats = await readHeartbeats(client, 'fleet-test:');
    expect(
      beats
        .filter((b) => b.alive)
        .map((b) => b.name)
        .sort(),
    ).toEqual(['w1', 'w2', 'w3']);
    await until(
      'the heartbeats to count every job',
      async () => {
        const now = await readHeartbeats(client, 'fleet-test:');
        return now.reduce((sum, b) => sum + b.jobs_done, 0) >= stores.length;
      },
      15_000,
    );
  }, 120_000);
});

describe('failures mid-crawl', () => {
  it('loses nothing when a worker is killed with SIGKILL: its jobs are taken again after the lease', async () => {
    const victim = startWorker(tokens[0]!);
    startWorker(tokens[1]!);
    const crawlId = await startCrawl();
    const gw = gateway.gateway;
    await until(
      'a few stores to be recorded',
      () => gw.verifications.crawlStats(crawlId).overall.visits >= 5,
    );
    victim.kill('SIGKILL');
    await untilDone(crawlId);
    expectEveryStoreOnce(crawlId);
  }, 120_000);

  it('loses nothing when Redis restarts without its data: the gateway enqueues what it has not recorded', async () => {
    startWorker(tokens[0]!);
    startWorker(tokens[2]!);
    const crawlId = await startCrawl();
    const gw = gateway.gateway;
    await until(
      'a few stores to be recorded',
      () => gw.verifications.crawlStats(crawlId).overall.visits >= 5,
    );
    const runId = async () => /run_id:(\w+)/.exec(await client.info('server'))![1];
    const before = await runId();
    await redis.restart(); // SIGKILL, no snapshot, no append-only file: the queue, its epoch, the leases are gone
    expect(await runId()).not.toBe(before);
    await untilDone(crawlId, 90_000);
    expectEveryStoreOnce(crawlId);
  }, 120_000);

  it('cancels in fleet mode: the workers drop the jobs of a cancelled crawl unvisited', async () => {
    const crawlId = await startCrawl(); // no worker runs yet: every job waits in Redis
    const gw = gateway.gateway;
    await until('the jobs to be enqueued', async () => (await client.xlen('fleet-test:crawl:jobs')) > 0);
    const cancelled = await fetch(`${gateway.url}/v1/regulator/crawls/${crawlId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${regulatorToken}` },
    });
    expect(cancelled.status, await cancelled.text()).toBe(200);
    // The gateway lets go of it (its counts are final) and marks it cancelled in Redis for the workers.
    await until('the crawl to end', () => gw.verifications.crawl(crawlId)!.finished_at !== null);
    expect(await client.exists(`fleet-test:crawl:cancelled:${crawlId}`)).toBe(1);
    await web.reset();
    startWorker(tokens[1]!);
    const queue = new CrawlQueue(client, { prefix: 'fleet-test:' });
    await until('the queue to drain', async () => {
      const { waiting, taken } = await queue.counts();
      return waiting === 0 && taken === 0;
    });
    expect(gw.verifications.crawlStats(crawlId).overall.visits).toBe(0);
    expect((await web.requests()).filter((r) => r.path !== '/robots.txt')).toEqual([]);
    const progress = await fetch(`${gateway.url}/v1/regulator/crawls/${crawlId}`, {
      headers: { authorization: `Bearer ${regulatorToken}` },
    });
    expect(((await progress.json()) as { status: string }).status).toBe('cancelled');
  }, 60_000);

  it('starts a crawl while Redis is away and enqueues it when Redis is back', async () => {
    await redis.kill();
    const crawlId = await startCrawl(); // the gateway answers; the enqueue fails and waits for Redis
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(gateway.gateway.verifications.crawl(crawlId)!.status).toBe('running');
    await redis.restart();
    startWorker(tokens[2]!);
    await untilDone(crawlId, 90_000);
    expectEveryStoreOnce(crawlId);
  }, 120_000);
});
