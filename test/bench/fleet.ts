/**
 * npm run bench:fleet — the crawler fleet (issue 20): one redis-server, one gateway in fleet mode (in
 * this process), the fixture web in a process of its own and 1–3 `marketgate crawl-worker` processes,
 * all on this machine. Each run is one crawl started through the API, timed from the POST to the
 * crawl's status turning `done`; each run crawls stores of its own (no evidence already uploaded).
 * Before the timed runs of a scenario, a warm-up crawl of one store per host (one worker) fetches every
 * robots.txt, which the fleet then keeps in Redis for a day: the timed runs request pages only.
 *
 * A. 10 hosts, BENCH_FLEET_PER_HOST (40) static stores on each, 1, 2 and 3 workers. Per host, the
 *    politeness bound is the shortest span the spacing S allows: (requests − 1) × S. The ratio is the
 *    busiest host's bound over the crawl's time; per host, its bound over its first-to-last span. A
 *    violation is two consecutive requests to one host, as the fixture web saw them, closer than S.
 * B. 200 hosts, 3 static stores on each (politeness is not the limit): pages/s with 1, 2 and 3 workers,
 *    and CPU seconds per page of the workers, of this process (the gateway), of Redis and of the web.
 * C. Script-built stores, BENCH_FLEET_SCRIPT_STORES (30) a run, each on a host of its own, through
 *    Chromium (--browser-slots 2): pages/s with 1 and 2 workers, CPU per page (workers with Chromium),
 *    at the default --concurrency (32) and at --concurrency 2 (the slots).
 *
 * Every run also reports the requests closer than S (none expected but those Chromium makes itself
 * inside one render: the page's script, favicon.ico), the verifications each worker made, and how busy
 * the whole machine was (it is shared: other tenants' load is in it).
 *
 * Knobs: BENCH_FLEET_SPACING_MS (250), BENCH_FLEET_PER_HOST (A), BENCH_FLEET_B_PER_HOST (3),
 * BENCH_FLEET_SCRIPT_STORES (C), BENCH_FLEET_ONLY (scenarios to time, e.g. "C"; default "ABC").
 */
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import pino from 'pino';
import { Redis } from 'ioredis';
import { addPlatform, addRegulator, addWorker } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { startGateway } from '../../src/http/server.ts';
import type { FixtureCase } from '../../fixtures/web/index.ts';
import { type FixtureWebProcess, startFixtureWebProcess } from '../helpers/fixture-web-process.ts';
import { enterprise } from '../helpers/gateway.ts';
import { startRedis } from '../helpers/redis.ts';
import {
  childPid,
  type HostPoliteness,
  machineCpu,
  machineLine,
  politeness,
  startWorkers,
  stopWorkers,
  treeCpu,
} from './fleet-lib.ts';
import { fmtFixed, fmtInt, median, table, tempDir } from './lib.ts';

const SPACING_MS = Number(process.env.BENCH_FLEET_SPACING_MS ?? 250);
const A_HOSTS = 10;
const A_PER_HOST = Number(process.env.BENCH_FLEET_PER_HOST ?? 40);
const B_HOSTS = 200;
const B_PER_HOST = Number(process.env.BENCH_FLEET_B_PER_HOST ?? 3);
const C_STORES = Number(process.env.BENCH_FLEET_SCRIPT_STORES ?? 30);
const PREFIX = 'bench-fleet:';

/** Worker processes in a run, and the stores each visits at once (`--concurrency`). */
interface Plan {
  workers: number;
  concurrency: number;
}

interface Run extends Plan {
  scenario: 'A' | 'B' | 'C';
  /** Verifications recorded per worker, e.g. "w1 20, w2 10". */
  byWorker: string;
  stores: number;
  seconds: number;
  pagesPerSecond: number;
  wrong: number;
  hosts: HostPoliteness[];
  /** CPU seconds in the run: the worker processes (with their Chromium), this process, Redis, the web. */
  cpu: { workers: number; gateway: number; redis: number; web: number };
  /** Share of the machine's CPU time busy (all tenants), and stolen by the hypervisor. */
  busy: number;
  steal: number;
  load: [number, number];
  /** Median time of a browser render in the run's verifications, ms (C). */
  renderMs: number;
}

const logger = pino({ level: 'silent' });
const redis = await startRedis();
const redisPid = childPid(/redis-server/);
const client = new Redis(redis.url, { maxRetriesPerRequest: null });
client.on('error', () => {});
const dataDir = tempDir('fleet');
const config = loadConfig({ dataDir, logLevel: 'silent', port: 0, checkWorkers: 0 }, {});
Object.assign(config.crawl, {
  spacingMs: SPACING_MS,
  allowPrivateAddresses: true,
  redisUrl: redis.url,
  redisPrefix: PREFIX,
});
const gateway = await startGateway(config, openGateway(config, logger));
const gw = gateway.gateway;
const platformKey = addPlatform(gw.accounts, {
  slug: 'bench',
  name: 'Bench Mall',
  uscc: '91330106673959654P',
}).key;
const regulatorToken = addRegulator(gw.accounts, { name: 'bench-inspector' }).token;
const tokens = ['w1', 'w2', 'w3'].map((name) => addWorker(gw.accounts, { name }).token);

/** Files the stores as sellers of the platform; returns their seller ids, in order. */
async function file(stores: FixtureCase[], label: string): Promise<string[]> {
  const ids = stores.map((_, i) => `${label}-${i}`);
  for (let at = 0; at < stores.length; at += 500) {
    const records = stores.slice(at, at + 500).map((store, k) =>
      enterprise({
        seller_id: ids[at + k],
        legal_name: store.filed.name,
        uscc: store.filed.uscc,
        store_url: store.url,
      }),
    );
    const res = await fetch(`${gateway.url}/v1/sellers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    });
    if (res.status !== 201) throw new Error(`filing sellers: ${res.status} ${await res.text()}`);
  }
  return ids;
}

/** One crawl of these stores by `workers` fresh worker processes, measured. */
async function run(
  scenario: Run['scenario'],
  web: FixtureWebProcess,
  sellerIds: string[],
  { workers, concurrency }: Plan,
  browserSlots: number,
): Promise<Run> {
  const procs = await startWorkers(
    { gateway: gateway.url, redisUrl: redis.url, prefix: PREFIX, client, browserSlots, concurrency },
    tokens.slice(0, workers),
  );
  const webPid = childPid(/fixture-web-child/);
  const cpu = () => ({
    workers: treeCpu(procs.map((p) => p.pid)),
    gateway: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    redis: redisPid ? treeCpu([redisPid]) : 0,
    web: webPid ? treeCpu([webPid]) : 0,
  });
  await web.reset();
  const load0 = os.loadavg()[0]!;
  const machine0 = machineCpu();
  const cpu0 = cpu();
  const started = performance.now();
  const res = await fetch(`${gateway.url}/v1/regulator/crawls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${regulatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stores: sellerIds.map((seller_id) => ({ platform: 'bench', seller_id })) }),
  });
  const { crawl_id: crawlId } = (await res.json()) as { crawl_id: string };
  if (res.status !== 202) throw new Error(`starting a crawl: ${res.status}`);
  for (;;) {
    const status = gw.verifications.crawl(crawlId)!.status;
    if (status === 'done' || status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = cpu();
  const machine1 = machineCpu();
  const load1 = os.loadavg()[0]!;
  const requests = await web.requests();
  await stopWorkers(procs);
  const rows = gw.db
    .prepare<[string], { verdict: string; record: string }>(
      'SELECT verdict, record FROM verifications WHERE crawl_id = ?',
    )
    .all(crawlId);
  const records = rows.map(
    (r) =>
      JSON.parse(r.record) as {
        worker?: { name: string };
        visits: { kind: string; timings_ms: { total: number } }[];
      },
  );
  const shares = new Map<string, number>();
  for (const r of records) shares.set(r.worker?.name ?? '?', (shares.get(r.worker?.name ?? '?') ?? 0) + 1);
  const renders = records.flatMap((r) =>
    r.visits.filter((v) => v.kind === 'browser').map((v) => v.timings_ms.total),
  );
  const total = machine1.total - machine0.total;
  const result: Run = {
    scenario,
    workers,
    concurrency,
    byWorker: tokens
      .slice(0, workers)
      .map((_, i) => `w${i + 1} ${shares.get(`w${i + 1}`) ?? 0}`)
      .join(', '),
    stores: sellerIds.length,
    seconds,
    pagesPerSecond: sellerIds.length / seconds,
    wrong: sellerIds.length - rows.filter((r) => r.verdict === 'compliant').length,
    hosts: politeness(requests, SPACING_MS),
    cpu: {
      workers: cpu1.workers - cpu0.workers,
      gateway: cpu1.gateway - cpu0.gateway,
      redis: cpu1.redis - cpu0.redis,
      web: cpu1.web - cpu0.web,
    },
    busy: (total - (machine1.idle - machine0.idle)) / total,
    steal: (machine1.steal - machine0.steal) / total,
    load: [load0, load1],
    renderMs: median(renders),
  };
  console.log(
    `  ${scenario} × ${workers} worker(s) at --concurrency ${concurrency} (${result.byWorker}): ${sellerIds.length} stores in ${fmtFixed(seconds)} s, ${fmtFixed(result.pagesPerSecond)} pages/s, ${result.wrong} not compliant, machine ${fmtFixed(100 * result.busy, 0)}% busy, load ${fmtFixed(load0)}→${fmtFixed(load1)}`,
  );
  const wrongWhy = rows.filter((r) => r.verdict !== 'compliant').map((r) => r.record.slice(0, 200));
  for (const why of wrongWhy.slice(0, 3)) console.log(`    not compliant: ${why}`);
  const closer = result.hosts.flatMap((h) => h.closer);
  for (const pair of closer.slice(0, 4)) console.log(`    closer than the spacing: ${pair}`);
  return result;
}

/** A scenario: a warm-up crawl (robots.txt; none for C, whose hosts B warmed), then a timed run per worker count. */
async function scenario(
  name: Run['scenario'],
  web: FixtureWebProcess,
  warm: FixtureCase[],
  blocks: FixtureCase[][],
  plans: Plan[],
  browserSlots: number,
): Promise<Run[]> {
  if (warm.length > 0)
    await run(name, web, await file(warm, `${name}-warm`), { workers: 1, concurrency: 32 }, 0);
  const runs: Run[] = [];
  for (const [i, plan] of plans.entries()) {
    const ids = await file(blocks[i]!, `${name}-${plan.workers}-${plan.concurrency}`);
    runs.push(await run(name, web, ids, plan, browserSlots));
  }
  return runs;
}

console.log(
  `machine: ${machineLine()}; load average ${os
    .loadavg()
    .map((l) => fmtFixed(l))
    .join(', ')}`,
);
console.log(`spacing ${SPACING_MS} ms; fleet-wide cap ${config.crawl.concurrency} requests in flight`);

/** Which scenarios to time (BENCH_FLEET_ONLY=C: C alone, after B's warm-up that fetches its hosts' robots.txt). */
const ONLY = process.env.BENCH_FLEET_ONLY ?? 'ABC';
const counts = (workers: number[], concurrency = 32) => workers.map((w) => ({ workers: w, concurrency }));

// A: 10 hosts, as many stores per host in each run: politeness is the limit.
const aSize = A_HOSTS * A_PER_HOST;
let web = await startFixtureWebProcess({ bench: { stores: A_HOSTS + 3 * aSize, hosts: A_HOSTS } });
let statics = web.bench.filter((s) => !s.browser);
const aBlock = (k: number) => statics.slice(A_HOSTS + k * aSize, A_HOSTS + (k + 1) * aSize);
const a = ONLY.includes('A')
  ? await scenario('A', web, statics.slice(0, A_HOSTS), [0, 1, 2].map(aBlock), counts([1, 2, 3]), 0)
  : [];
await web.close();

// B and C: 200 hosts. B's stores start past A's indices: the same index is the same page (same evidence).
// C at the default --concurrency (32) and at --concurrency 2, the browser slots (a worker takes as many
// jobs from the queue as it may visit at once).
const cPlans = [...counts([1, 2]), ...counts([1, 2], 2)];
const bOffset = A_HOSTS + 3 * aSize;
const bSize = B_HOSTS * B_PER_HOST;
web = await startFixtureWebProcess({
  bench: { stores: bOffset + B_HOSTS + 3 * bSize, hosts: B_HOSTS, scriptStores: cPlans.length * C_STORES },
});
statics = web.bench.filter((s) => !s.browser);
const bStart = bOffset + B_HOSTS;
const bBlock = (k: number) => statics.slice(bStart + k * bSize, bStart + (k + 1) * bSize);
const bPlans = ONLY.includes('B') ? counts([1, 2, 3]) : [];
const b = await scenario('B', web, statics.slice(bOffset, bStart), [0, 1, 2].map(bBlock), bPlans, 0);
const scripts = web.bench.filter((s) => s.browser);
const cBlock = (k: number) => scripts.slice(k * C_STORES, (k + 1) * C_STORES);
const c = ONLY.includes('C')
  ? await scenario(
      'C',
      web,
      [],
      cPlans.map((_, k) => cBlock(k)),
      cPlans,
      2,
    )
  : [];
await web.close();

client.disconnect();
await gateway.close();
await redis.close();

// Figures.
const perPage = (r: Run, cpu: number) => fmtInt((1000 * cpu) / r.stores);
const worst = (r: Run) => Math.max(...r.hosts.map((h) => h.boundMs));
const aRows = a.map((r) => {
  const hostRatios = r.hosts.map((h) => h.boundMs / h.spanMs);
  return [
    String(r.workers),
    fmtInt(r.stores),
    fmtInt(Math.max(...r.hosts.map((h) => h.requests))),
    fmtFixed(worst(r) / 1000),
    fmtFixed(r.seconds),
    fmtFixed(worst(r) / 1000 / r.seconds),
    `${fmtFixed(Math.min(...hostRatios))} / ${fmtFixed(median(hostRatios))}`,
    String(r.hosts.reduce((n, h) => n + h.violations, 0)),
    fmtInt(Math.min(...r.hosts.map((h) => h.minGapMs))),
    fmtInt(median(r.hosts.map((h) => h.medianGapMs))),
    String(r.wrong),
    `${fmtFixed(100 * r.busy, 0)}%`,
  ];
});
console.log(`\nA. ${A_HOSTS} hosts, static, spacing ${SPACING_MS} ms (target: ratio ≥ 0.90, no violation)`);
console.log(
  table(
    [
      'workers',
      'stores',
      'requests/host',
      'bound s',
      'crawl s',
      'ratio',
      'host ratio min / median',
      'violations',
      'closest gap ms',
      'median gap ms',
      'not compliant',
      'machine busy',
    ],
    aRows,
  ),
);
const throughput = (runs: Run[]) =>
  runs.map((r) => [
    String(r.workers),
    String(r.concurrency),
    r.byWorker,
    fmtInt(r.stores),
    fmtFixed(r.seconds),
    fmtFixed(r.pagesPerSecond),
    fmtFixed(r.pagesPerSecond / runs.find((one) => one.concurrency === r.concurrency)!.pagesPerSecond),
    perPage(r, r.cpu.workers),
    perPage(r, r.cpu.gateway),
    perPage(r, r.cpu.redis),
    perPage(r, r.cpu.web),
    String(r.hosts.reduce((n, h) => n + h.violations, 0)),
    String(r.hosts.reduce((n, h) => n + h.subresourcesCloser, 0)),
    String(r.wrong),
    `${fmtFixed(100 * r.busy, 0)}% (steal ${fmtFixed(100 * r.steal, 0)}%)`,
    `${fmtFixed(r.load[0])}→${fmtFixed(r.load[1])}`,
  ]);
const tHeader = [
  'workers',
  '--concurrency',
  'verifications per worker',
  'stores',
  'seconds',
  'pages/s',
  '× 1 worker',
  'workers CPU ms/page',
  'gateway ms/page',
  'redis ms/page',
  'web ms/page',
  'violations',
  'subresources < S',
  'not compliant',
  'machine busy',
  'load 1 min',
];
console.log(`\nB. ${B_HOSTS} hosts, static, ${B_PER_HOST} stores per host`);
console.log(table(tHeader, throughput(b)));
console.log(`\nC. script-built stores through Chromium, --browser-slots 2 per worker`);
console.log(table(tHeader, throughput(c)));
console.log(
  `   median render: ${c.map((r) => `${r.workers} worker(s) ${fmtInt(r.renderMs)} ms`).join(', ')}`,
);
console.log(JSON.stringify({ spacingMs: SPACING_MS, a, b, c }, (k, v) => (k === 'hosts' ? undefined : v)));
fs.rmSync(path.join(dataDir), { recursive: true, force: true });
