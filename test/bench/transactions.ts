/**
 * npm run bench:transactions [-- --orders 1000000 --sellers 2000 --tmp DIR --store sqlite|clickhouse]
 *
 * --store clickhouse (issue 21): the gateway keeps orders in a ClickHouse server of its own (zstd, as
 * production configures it: decision 0021), started here; the filing is made to a SQLite gateway and to
 * a ClickHouse one in the same run, alternately, and the rates compared. Bytes an order are then
 * ClickHouse's (its parts after OPTIMIZE FINAL) and SQLite's growth beside; the time until every order
 * of the filing is loaded into ClickHouse (and gone from SQLite) after the receipt is reported too. The
 * direct and raw runs are SQLite's own and run with --store sqlite only.
 *
 * Files generated orders (1-3 items each) over HTTP as one NDJSON body to a `marketgate serve` child,
 * while another client reads GET /v1/transactions/{order_id} one request after another, and compares
 * the filing rate with writing the same orders straight through the storage layer in this process.
 *
 * Timed regions:
 * - http: from the start of fetch() to the last byte of the receipt (upload, parsing and checking on
 *   the check workers, admission, staging, publishing, the signed receipt);
 * - direct: the gateway's filing writer, in-process, on orders checked beforehand (untimed): taking
 *   them in (look-ups, staging) and the publishing transaction (statistics, receipt, filing row).
 * - raw: issue 21's baseline (transactions-raw.ts): JSON.parse and one plain INSERT an order.
 * Also: the gateway's peak RSS (VmHWM) and its RSS just before the filing (sellers and probes filed),
 * database bytes per million orders (the database file after the gateway stopped and checkpointed, less
 * its size before the filing), and read latency percentiles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { generateTransactions, transactionLines } from '../../fixtures/generate/transactions.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { openDatabase } from '../../src/db/database.ts';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import {
  gatewayIdentity,
  openTopology,
  visibleLoads,
  watermark,
} from '../../src/transactions/clickhouse/schema.ts';
import { ClickHouseRiskHours } from '../../src/transactions/clickhouse/risk-hours.ts';
import { brushingFrom } from '../../src/risk/signals/order-brushing.ts';
import { startClickHouse } from '../helpers/clickhouse.ts';
import { loadConfig } from '../../src/config.ts';
import type { Receipt } from '../../src/filings/receipt.ts';
import { parseLine, readRecords } from '../../src/filings/sources.ts';
import type { Checked } from '../../src/filings/intake.ts';
import { openGateway } from '../../src/gateway.ts';
import { rawInsertRun } from './transactions-raw.ts';
import { TRANSACTION_SOURCE, transactionChecker } from '../../src/transactions/file-transactions.ts';
import { newId } from '../../src/lib/ids.ts';
import { utcNow } from '../../src/lib/dates.ts';
import {
  fmtFixed,
  fmtInt,
  machine,
  procCpuSeconds,
  procMemoryMiB,
  removeDir,
  startGatewayChild,
  table,
  tempDir,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    sellers: { type: 'string', default: '2000' },
    tmp: { type: 'string' },
    // Where an order's bytes go: per table and index (SQLite's dbstat), and per field of a stored version.
    breakdown: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
    // With --store clickhouse: file to the ClickHouse gateway only (the 10,000,000-order run).
    'clickhouse-only': { type: 'boolean', default: false },
  },
});
if (args.store !== 'sqlite' && args.store !== 'clickhouse')
  throw new Error(`--store is sqlite or clickhouse, not ${args.store}`);
type Store = 'sqlite' | 'clickhouse';
const ORDERS = Number(args.orders);
const SELLERS = Number(args.sellers);
const PROBES = 1000;
const PLATFORM = { slug: 'bench', name: 'Bench', uscc: '91330106673959654P' };
process.umask(0o077);

const sellerRecords = [...generateSellers({ count: SELLERS, seed: 3, idPrefix: 'S' })].map((f) => f.record);
const sellerIds = sellerRecords.map((r) => String(r.seller_id));

async function writeOrders(file: string, count: number, prefix: string, seed: number) {
  const out = fs.createWriteStream(file);
  for (const line of transactionLines(generateTransactions({ count, sellerIds, seed, idPrefix: prefix }))) {
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error) => (err ? reject(err) : resolve())));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function httpRun(ordersFile: string, probesFile: string, store: Store = 'sqlite') {
  const dir = tempDir('tx-http', args.tmp);
  const setup = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  const { key } = addPlatform(setup.accounts, PLATFORM);
  const regulator = addRegulator(setup.accounts, { name: 'bench-inspector' }).token;
  setup.close();
  const server = store === 'clickhouse' ? await startClickHouse({ compression: 'zstd' }) : undefined;
  const child = await startGatewayChild(dir, {
    env: {
      MARKETGATE_LOG_LEVEL: process.env.MARKETGATE_LOG_LEVEL ?? 'silent',
      ...(server ? { MARKETGATE_TRANSACTIONS_URL: server.url } : {}),
    },
  });
  // With ClickHouse: versions still in the SQLite outbox (the loader removes them once loaded).
  const outbox = openDatabase(dir);
  const staged = outbox.prepare<[], number>('SELECT count(*) FROM transaction_versions').pluck();
  const drained = async (limitSeconds: number) => {
    const started = performance.now();
    while (staged.get()! > 0) {
      if (performance.now() - started > limitSeconds * 1000)
        throw new Error(
          `${staged.get()} versions still in SQLite after ${limitSeconds} s\n${child.stderr().slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    return (performance.now() - started) / 1000;
  };
  try {
    const post = async (kind: string, body: BodyInit, type = 'application/x-ndjson') => {
      const res = await fetch(`${child.url}/v1/${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit);
      const text = await res.text();
      if (res.status !== 201)
        throw new Error(`POST /v1/${kind} answered ${res.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as Receipt;
    };
    await post('sellers', formatSellers(sellerRecords, 'ndjson'));
    await post('transactions', fs.readFileSync(probesFile, 'utf8'));
    // The probes read during the filing come from ClickHouse, as orders filed before do.
    if (server) await drained(60);
    const dbFile = path.join(dir, 'marketgate.db');
    const checkpointed = () =>
      fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
    const bytesBefore = checkpointed();
    const rssBeforeMiB = procMemoryMiB(child.pid, 'VmRSS');

    // Reads while the filing runs: one at a time, each for a random probe order filed before.
    let filing = true;
    const latencies: number[] = [];
    // When the slowest reads happened, in seconds since the filing started: a stall has a cause to find.
    const slowest: { at: number; ms: number }[] = [];
    let started = Number.NaN;
    const reader = (async () => {
      while (filing) {
        const id = `P${String(1 + Math.floor(Math.random() * PROBES)).padStart(9, '0')}`;
        const t = performance.now();
        const res = await fetch(`${child.url}/v1/transactions/${id}`, {
          headers: { authorization: `Bearer ${key}` },
        }).catch((err: unknown) => {
          throw new Error(
            `GET ${id} failed (${String(err)}): the gateway ${child.ended() ?? 'runs'}\ngateway log:\n${child.stdout().slice(-2000)}\n${child.stderr().slice(-3000)}`,
          );
        });
        await res.arrayBuffer();
        if (res.status !== 200)
          throw new Error(`GET ${id} answered ${res.status}\ngateway log:\n${child.stderr().slice(-3000)}`);
        const ms = performance.now() - t;
        latencies.push(ms);
        if (ms > 100) slowest.push({ at: (t - started) / 1000, ms });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, procMemoryMiB(child.pid, 'VmHWM'));
    }, 500);

    started = performance.now();
    const cpuBefore = procCpuSeconds(child.pid);
    // On this machine ClickHouse shares the gateway's cores: its CPU time during the filing is what a
    // server of its own would take off them (admission's look-ups are its only work then).
    const serverCpu = () => (server ? procCpuSeconds(server.pid()!) : 0);
    const serverCpuBefore = serverCpu();
    const receipt = await post(
      'transactions',
      Readable.toWeb(fs.createReadStream(ordersFile, { highWaterMark: 256 * 1024 })) as ReadableStream,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = procCpuSeconds(child.pid) - cpuBefore;
    const clickHouseCpuSeconds = serverCpu() - serverCpuBefore;
    filing = false;
    clearInterval(sampler);
    await reader;
    peak = Math.max(peak, procMemoryMiB(child.pid, 'VmHWM'));
    if (receipt.counts.created !== ORDERS)
      throw new Error(`expected ${ORDERS} created, got ${JSON.stringify(receipt.counts)}`);
    // With ClickHouse: when the filing is visible there (its `loads` row), and when it has left SQLite
    // (after the loader folded it into the risk aggregates, paced; not waited for with --clickhouse-only).
    let visibleSeconds = 0;
    let loadSeconds = Number.NaN;
    if (server) {
      const ch = new ClickHouse(server.url);
      const at = performance.now();
      try {
        for (;;) {
          const [row] = await ch.query<{ n: string }>(
            'SELECT count() AS n FROM loads WHERE filing = {f:String}',
            {
              f: receipt.filing_id,
            },
          );
          if (Number(row!.n) > 0) break;
          if (performance.now() - at > 3_600_000) throw new Error('the filing was not loaded within an hour');
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await ch.close();
      }
      visibleSeconds = (performance.now() - at) / 1000;
      if (!args['clickhouse-only']) loadSeconds = visibleSeconds + (await drained(3600));
    }
    peak = Math.max(peak, procMemoryMiB(child.pid, 'VmHWM'));

    // The reports over what was filed: the over-threshold report (HTTP, as a regulator asks for it) and
    // the monthly statistics summed by month over every seller (where the store keeps them).
    const years = [new Date().getUTCFullYear() - 1, new Date().getUTCFullYear()];
    let t = performance.now();
    for (const year of years) {
      const res = await fetch(`${child.url}/v1/regulator/sellers/over-threshold?year=${year}`, {
        headers: { authorization: `Bearer ${regulator}` },
      });
      if (res.status !== 200) throw new Error(`over-threshold answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    const overThresholdMs = (performance.now() - t) / years.length;
    t = performance.now();
    const months = server ? await monthsInClickHouse(server.url) : monthsInSqlite(outbox);
    const monthlyMs = performance.now() - t;
    if (months.length === 0) throw new Error('no monthly statistics');

    // With ClickHouse: what a risk run asks of it first (the order rules' store-hours over their 30- and
    // 180-day windows, and the evidence of the hours they flag), over the orders filed.
    let riskRead: { ms: number; storeHours: number } | undefined;
    if (server) {
      const topology = openTopology({ url: server.url, gateway: gatewayIdentity(outbox) }, outbox, {
        timeoutMs: 600_000,
      });
      try {
        const started = performance.now();
        const reads = await new ClickHouseRiskHours(topology, outbox).read(new Date());
        riskRead = {
          ms: performance.now() - started,
          storeHours: [...reads.hours(brushingFrom(new Date()))].length,
        };
      } finally {
        await topology.close();
      }
    }

    let columnBytes = Number.NaN;
    const tableBytes: Record<string, number> = {};
    if (server) {
      const ch = new ClickHouse(server.url, { timeoutMs: 600_000 });
      try {
        for (const table of ['order_versions', 'store_hour_facts'])
          await ch.command(`OPTIMIZE TABLE ${table} FINAL`);
        const parts = await ch.query<{ table: string; bytes: string }>(
          `SELECT table, sum(bytes_on_disk) AS bytes FROM system.parts
           WHERE database = {db:String} AND active GROUP BY table`,
          { db: ch.database },
        );
        for (const p of parts) tableBytes[p.table] = Number(p.bytes);
        columnBytes = parts.reduce((sum, p) => sum + Number(p.bytes), 0);
      } finally {
        await ch.close();
      }
    }
    await child.stop();
    const bytesAfter = fs.statSync(dbFile).size;
    latencies.sort((a, b) => a - b);
    return {
      store,
      loadSeconds,
      visibleSeconds,
      overThresholdMs,
      monthlyMs,
      riskRead,
      clickHouseBytesPerOrder: columnBytes / (ORDERS + PROBES),
      /** Each table's share (the versions, the risk store-hours' facts, the statistics' deltas, loads). */
      clickHouseTableBytesPerOrder: Object.fromEntries(
        Object.entries(tableBytes).map(([table, bytes]) => [table, bytes / (ORDERS + PROBES)]),
      ),
      seconds,
      cpuSeconds,
      clickHouseCpuSeconds,
      peakRssMiB: peak,
      rssBeforeMiB,
      bytesPerMillion: ((bytesAfter - bytesBefore) / ORDERS) * 1e6,
      reads: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5),
    };
  } finally {
    outbox.close();
    await child.stop();
    await server?.close();
    removeDir(dir);
  }
}

async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

async function directRun(ordersFile: string) {
  const dir = tempDir('tx-direct', args.tmp);
  const gw = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  try {
    addPlatform(gw.accounts, PLATFORM);
    const platform = { id: gw.accounts.platformBySlug(PLATFORM.slug)!.id, slug: PLATFORM.slug };
    for (const r of sellerRecords) {
      // The sellers only need to exist for the orders' seller check.
      gw.db
        .prepare(
          `INSERT INTO subjects (id, kind, uscc, legal_name, created_at, updated_at) VALUES (?, 'enterprise', ?, 'x', 'now', 'now')`,
        )
        .run(String(r.seller_id), String(r.seller_id));
      gw.db
        .prepare(
          `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name, store_name, store_url, status, first_filed_at, updated_at)
           VALUES (?, ?, ?, 1, x'00', 'enterprise', 'x', 's', 'https://a.cn/', 'active', 'now', 'now')`,
        )
        .run(platform.id, String(r.seller_id), String(r.seller_id));
    }
    // Checked outside the timed region, in the gateway's batches of 500.
    const check = transactionChecker();
    let t = performance.now();
    const now = new Date();
    const batches: Checked<unknown>[][] = [];
    let batch: Checked<unknown>[] = [];
    const lines = readRecords('ndjson', fileChunks(ordersFile), TRANSACTION_SOURCE, { deferParsing: true });
    for await (const raw of lines) {
      batch.push(check(parseLine(raw), now));
      if (batch.length === 500) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length) batches.push(batch);
    const checkSeconds = (performance.now() - t) / 1000;
    // Timed: the gateway's filing writer, in this process (checkWorkers 0), taking the checked orders in
    // (look-ups, staging in transactions of 1,000) and publishing (statistics, receipt, filing row).
    const filingId = newId();
    t = performance.now();
    await gw.writer.begin({
      filingId,
      kind: 'transactions',
      platform,
      receivedAt: utcNow(),
      idempotencyKey: null,
    });
    for (const b of batches) await gw.writer.take(filingId, b);
    const finished = await gw.writer.finish(filingId, { bodySha256: '0'.repeat(64), atomic: false });
    const writeSeconds = (performance.now() - t) / 1000;
    const receipt = finished.signed;
    if (receipt.counts.created !== ORDERS) {
      throw new Error(`direct: expected ${ORDERS} created, got ${JSON.stringify(receipt.counts)}`);
    }
    if (args.breakdown) printBreakdown(gw.db);
    return { writeSeconds, checkSeconds };
  } finally {
    gw.close();
    removeDir(dir);
  }
}

/**
 * Bytes per order of each table and index of the transactions (pages, so free space included), and of
 * each column of a stored version (their average encoded length): what a leaner store must shrink.
 */
function printBreakdown(db: ReturnType<typeof openGateway>['db']): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const objects = db
    .prepare<[], { name: string; bytes: number; payload: number }>(
      `SELECT name, sum(pgsize) AS bytes, sum(payload) AS payload FROM dbstat
       WHERE name LIKE 'transaction_%' OR name LIKE 'seller_month_stats%' OR name = 'filings'
       GROUP BY name ORDER BY bytes DESC`,
    )
    .all();
  console.log('\nbytes per order, by table and index (pages; payload = the rows themselves):');
  console.log(
    table(
      ['object', 'bytes/order', 'payload/order'],
      objects.map((o) => [o.name, fmtFixed(o.bytes / ORDERS, 1), fmtFixed(o.payload / ORDERS, 1)]),
    ),
  );
  const columns = db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('transaction_versions')`)
    .all()
    .map((c) => c.name);
  const sums = db
    .prepare(`SELECT ${columns.map((c) => `avg(length(${c})) AS ${c}`).join(', ')} FROM transaction_versions`)
    .get() as Record<string, number | null>;
  console.log('average stored length of each column of transaction_versions (bytes; integers as text):');
  console.log(
    table(
      ['column', 'bytes'],
      columns.map((c) => [c, fmtFixed(sums[c] ?? 0, 1)]),
    ),
  );
  const sample = db.prepare<[], { pack: string }>('SELECT pack FROM transaction_versions LIMIT 1').get();
  if (sample) console.log(`a stored pack: ${sample.pack}`);
}

async function main() {
  console.log(`bench:transactions on ${machine()}`);
  const work = tempDir('tx-files', args.tmp);
  const ordersFile = path.join(work, 'orders.ndjson');
  const probesFile = path.join(work, 'probes.ndjson');
  let t = performance.now();
  await writeOrders(ordersFile, ORDERS, 'O', 11);
  await writeOrders(probesFile, PROBES, 'P', 12);
  const size = fs.statSync(ordersFile).size;
  console.log(
    `generated ${fmtInt(ORDERS)} orders over ${fmtInt(SELLERS)} sellers: ${(size / 1024 ** 2).toFixed(0)} MiB of NDJSON in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  try {
    if (args.store === 'clickhouse') {
      await compareStores(ordersFile, probesFile);
      return;
    }
    t = performance.now();
    const http = await httpRun(ordersFile, probesFile);
    console.log(
      `http:   ${http.seconds.toFixed(1)} s, ${fmtInt(ORDERS / http.seconds)} orders/s, ${((http.cpuSeconds / ORDERS) * 1e6).toFixed(1)} CPU µs an order in the gateway (all threads), peak RSS ${http.peakRssMiB.toFixed(0)} MiB (${http.rssBeforeMiB.toFixed(0)} MiB before the filing)`,
    );
    const direct = await directRun(ordersFile);
    console.log(
      `direct: write ${direct.writeSeconds.toFixed(1)} s, check+admit ${direct.checkSeconds.toFixed(1)} s (not in "direct")`,
    );
    const raw = await rawInsertRun(ordersFile, work);
    if (raw.orders !== ORDERS) throw new Error(`raw: ${raw.orders} orders written, not ${ORDERS}`);
    const rawRate = ORDERS / raw.seconds;
    console.log(
      `raw:    ${raw.seconds.toFixed(1)} s, ${fmtInt(rawRate)} orders/s (JSON.parse and one INSERT an order)`,
    );
    const httpRate = ORDERS / http.seconds;
    const directRate = ORDERS / direct.writeSeconds;
    console.log(
      `\n${table(
        [
          'orders',
          'http orders/s',
          'direct orders/s',
          'ratio',
          'raw orders/s',
          'http / raw',
          'peak RSS MiB',
          'DB MB per 1M orders',
          'GET p50 ms',
          'GET p99 ms',
          'reads',
        ],
        [
          [
            fmtInt(ORDERS),
            fmtInt(httpRate),
            fmtInt(directRate),
            fmtFixed(httpRate / directRate, 3),
            fmtInt(rawRate),
            fmtFixed(httpRate / rawRate, 3),
            fmtInt(http.peakRssMiB),
            fmtInt(http.bytesPerMillion / 1e6),
            fmtFixed(http.p50, 1),
            fmtFixed(http.p99, 1),
            fmtInt(http.reads),
          ],
        ],
      )}`,
    );
    console.log(
      `\nGET max during the filing: ${http.max.toFixed(1)} ms; check+admit in-process alone: ${fmtInt(ORDERS / direct.checkSeconds)} orders/s`,
    );
    console.log(
      `over-threshold report (HTTP): ${http.overThresholdMs.toFixed(1)} ms; monthly statistics by month, all sellers: ${http.monthlyMs.toFixed(1)} ms`,
    );
    console.log(
      `GET over 100 ms, slowest first (at s of ${http.seconds.toFixed(0)} s): ${http.slowest.map((r) => `${r.ms.toFixed(0)} ms at ${r.at.toFixed(1)}`).join(', ') || 'none'}`,
    );
    const targets = [
      [
        `HTTP at least half the direct rate (ratio ${(httpRate / directRate).toFixed(3)})`,
        httpRate / directRate >= 0.5,
      ],
      [`peak RSS under 300 MB (${http.peakRssMiB.toFixed(0)} MiB)`, http.peakRssMiB * 1.048576 < 300],
      // Issue 21: against the raw insert, and the database's bytes an order.
      [
        `HTTP at least half the raw insert rate (ratio ${(httpRate / rawRate).toFixed(3)})`,
        httpRate / rawRate >= 0.5,
      ],
      [
        `at most 300 bytes of database an order (${fmtInt(http.bytesPerMillion / 1e6)})`,
        http.bytesPerMillion / 1e6 <= 300,
      ],
      [`GET p99 under 50 ms during the filing (${http.p99.toFixed(1)} ms)`, http.p99 < 50],
    ] as const;
    for (const [what, met] of targets) console.log(`target: ${what} -> ${met ? 'MET' : 'NOT MET'}`);
  } finally {
    removeDir(work);
  }
}

/** --store clickhouse: the same filing to a SQLite gateway and to a ClickHouse one, in one run. */
async function compareStores(ordersFile: string, probesFile: string) {
  const runs = [];
  const stores = args['clickhouse-only'] ? (['clickhouse'] as const) : (['sqlite', 'clickhouse'] as const);
  for (const store of stores) {
    const r = await httpRun(ordersFile, probesFile, store);
    runs.push(r);
    console.log(
      `${store}: ${r.seconds.toFixed(1)} s, ${fmtInt(ORDERS / r.seconds)} orders/s, ${((r.cpuSeconds / ORDERS) * 1e6).toFixed(1)} CPU µs an order${store === 'clickhouse' ? ` (and ${((r.clickHouseCpuSeconds / ORDERS) * 1e6).toFixed(1)} in the ClickHouse server during the filing, on the same cores)` : ''}${store === 'clickhouse' ? `, visible in ClickHouse ${r.visibleSeconds.toFixed(1)} s after the receipt, gone from SQLite ${Number.isNaN(r.loadSeconds) ? '(not waited for)' : `${r.loadSeconds.toFixed(1)} s after`}` : ''}`,
    );
  }
  const clickhouse = runs.at(-1)!;
  const sqlite = runs.length > 1 ? runs[0]! : undefined;
  console.log(
    `\n${table(
      [
        'store',
        'orders',
        'http orders/s',
        'CPU µs/order',
        'peak RSS MiB',
        'SQLite B/order',
        'ClickHouse B/order',
        'GET p50 ms',
        'GET p99 ms',
        'over-threshold ms',
        'monthly stats ms',
      ],
      runs.map((r) => [
        r.store,
        fmtInt(ORDERS),
        fmtInt(ORDERS / r.seconds),
        fmtFixed((r.cpuSeconds / ORDERS) * 1e6, 1),
        fmtInt(r.peakRssMiB),
        fmtInt(r.bytesPerMillion / 1e6),
        r.store === 'clickhouse' ? fmtFixed(r.clickHouseBytesPerOrder, 1) : '-',
        fmtFixed(r.p50, 1),
        fmtFixed(r.p99, 1),
        fmtFixed(r.overThresholdMs, 1),
        fmtFixed(r.monthlyMs, 1),
      ]),
    )}`,
  );
  if (clickhouse.riskRead)
    console.log(
      `the order rules' store-hours read from ClickHouse: ${fmtFixed(clickhouse.riskRead.ms, 1)} ms (${fmtInt(clickhouse.riskRead.storeHours)} store-hours in the last 30 days)`,
    );
  console.log(
    `ClickHouse bytes an order by table: ${Object.entries(clickhouse.clickHouseTableBytesPerOrder)
      .map(([table, b]) => `${table} ${fmtFixed(b, 1)}`)
      .join(', ')}`,
  );
  const targets = [
    [
      `ClickHouse at most 60 bytes an order (${fmtFixed(clickhouse.clickHouseBytesPerOrder, 1)})`,
      clickhouse.clickHouseBytesPerOrder <= 60,
    ],
    ...(sqlite
      ? ([
          [
            `ClickHouse HTTP ingest at least SQLite's (ratio ${fmtFixed(sqlite.seconds / clickhouse.seconds, 3)})`,
            clickhouse.seconds <= sqlite.seconds,
          ],
        ] as const)
      : []),
    [
      `over-threshold report under 1 s on ClickHouse (${fmtFixed(clickhouse.overThresholdMs, 1)} ms)`,
      clickhouse.overThresholdMs < 1000,
    ],
  ] as const;
  for (const [what, met] of targets) console.log(`target: ${what} -> ${met ? 'MET' : 'NOT MET'}`);
}

await main();

/** The monthly statistics by month, all sellers together, as SQLite keeps them. */
function monthsInSqlite(db: ReturnType<typeof openDatabase>) {
  return db
    .prepare(
      'SELECT month, sum(orders) AS orders, sum(gross_minor) AS gross FROM seller_month_stats GROUP BY month',
    )
    .all();
}

/** The same from ClickHouse: the visible loads' deltas (every load has committed by now). */
async function monthsInClickHouse(url: string) {
  const ch = new ClickHouse(url);
  try {
    const topology = { ch };
    return await ch.query(
      `SELECT month, sum(orders) AS orders, sum(gross_minor) AS gross FROM seller_month_deltas
       WHERE ${visibleLoads(topology, await watermark(topology))} GROUP BY month`,
    );
  } finally {
    await ch.close();
  }
}
