/**
 * npm run bench:clickhouse-load [-- --orders 1000000 --filings 10 --compression zstd]
 *
 * The ClickHouse transactions store as built so far (issue 21, decision 0021), end to end on real parts:
 * orders filed over HTTP to a `marketgate serve` child (the SQLite outbox), then loaded into a ClickHouse
 * server of its own by the gateway's loader, filing by filing, and read back through ClickHouseReads.
 * Reports the loader's rate, the bytes an order in ClickHouse (active parts after OPTIMIZE FINAL), an
 * order's history p50/p99 from ClickHouse, and a per-seller yearly sum over the visible versions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { generateTransactions, transactionLines } from '../../fixtures/generate/transactions.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openGateway } from '../../src/gateway.ts';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { loadedVersions } from '../../src/transactions/clickhouse/admission.ts';
import { ClickHouseReads } from '../../src/transactions/clickhouse/reads.ts';
import { createSchema, visibleLoads, watermark } from '../../src/transactions/clickhouse/schema.ts';
import { transactionsSql } from '../../src/transactions/store.ts';
import { clickHouseMissing, startClickHouse } from '../helpers/clickhouse.ts';
import { fmtFixed, fmtInt, machine, removeDir, startGatewayChild, tempDir } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    filings: { type: 'string', default: '10' },
    compression: { type: 'string', default: 'zstd' },
  },
});
const ORDERS = Number(args.orders);
const FILINGS = Number(args.filings);
const PLATFORM = { slug: 'bench', name: 'Bench', uscc: '91330106673959654P' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function fileOrders(dir: string): Promise<{ filings: string[]; orderIds: string[] }> {
  const setup = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  const { key } = addPlatform(setup.accounts, PLATFORM);
  setup.close();
  const sellers = [...generateSellers({ count: 2000, seed: 3, idPrefix: 'S' })].map((f) => f.record);
  const sellerIds = sellers.map((r) => String(r.seller_id));
  const child = await startGatewayChild(dir, {
    env: { MARKETGATE_LOG_LEVEL: process.env.MARKETGATE_LOG_LEVEL ?? 'silent' },
  });
  const filings: string[] = [];
  const orderIds: string[] = [];
  try {
    const post = async (kind: string, body: BodyInit) => {
      const res = await fetch(`${child.url}/v1/${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body,
        duplex: 'half',
      } as RequestInit);
      const text = await res.text();
      if (res.status !== 201)
        throw new Error(
          `POST /v1/${kind}: ${res.status} ${text.slice(0, 300)}\ngateway log:\n${child.stdout().slice(-3000)}\n${child.stderr().slice(-2000)}`,
        );
      return JSON.parse(text) as { filing_id: string };
    };
    await post('sellers', formatSellers(sellers, 'ndjson'));
    const per = Math.ceil(ORDERS / FILINGS);
    for (let f = 0; f < FILINGS; f++) {
      const count = Math.min(per, ORDERS - f * per);
      const file = path.join(dir, `orders-${f}.ndjson`);
      const out = fs.createWriteStream(file);
      for (const line of transactionLines(
        generateTransactions({ count, sellerIds, seed: 10 + f, idPrefix: `F${f}-` }),
      )) {
        if (orderIds.length < 200_000 && Math.random() < 0.01) orderIds.push(JSON.parse(line).order_id);
        if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((resolve) => out.end(resolve));
      filings.push(
        (await post('transactions', Readable.toWeb(fs.createReadStream(file)) as ReadableStream)).filing_id,
      );
      fs.rmSync(file);
    }
  } finally {
    await child.stop();
  }
  return { filings, orderIds };
}

async function main() {
  if (clickHouseMissing) throw new Error(clickHouseMissing);
  console.log(`bench:clickhouse-load on ${machine()}; ${fmtInt(ORDERS)} orders in ${FILINGS} filings`);
  const dir = tempDir('ch-load');
  const server = await startClickHouse({ compression: args.compression as 'lz4' | 'zstd' });
  const ch = new ClickHouse(server.url, { timeoutMs: 600_000 });
  try {
    let t = performance.now();
    const { filings, orderIds } = await fileOrders(dir);
    console.log(`filed over HTTP into the SQLite outbox in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const db = openDatabase(dir);
    const topology = { ch };
    await createSchema(topology);
    const loader = new TransactionLoader(topology, db);
    t = performance.now();
    let rows = 0;
    for (const filing of filings) rows += (await loader.load(filing)).rows;
    const loadSeconds = (performance.now() - t) / 1000;
    await loader.advanceWatermark();
    if (rows !== ORDERS) throw new Error(`loaded ${rows} versions, not ${ORDERS}`);
    const left = db.prepare('SELECT count(*) FROM transaction_versions').pluck().get();

    await ch.command('OPTIMIZE TABLE order_versions FINAL');
    const [parts] = await ch.query<{ bytes: string; rows: string }>(
      `SELECT sum(bytes_on_disk) AS bytes, sum(rows) AS rows FROM system.parts
       WHERE database = {db:String} AND table = 'order_versions' AND active`,
      { db: ch.database },
    );

    const reads = new ClickHouseReads(topology, db, transactionsSql(db));
    const latencies: number[] = [];
    for (const id of orderIds.slice(0, 1000)) {
      const s = performance.now();
      const history = await reads.history(1, id);
      latencies.push(performance.now() - s);
      if (history.length !== 1) throw new Error(`order ${id}: ${history.length} versions`);
    }
    latencies.sort((a, b) => a - b);

    const mark = await watermark(topology);
    t = performance.now();
    const sums = await ch.query(
      `SELECT platform_id, seller_id, sum(total_minor - refunded_minor) AS net
       FROM order_versions WHERE ${visibleLoads(topology, mark)} AND status != 5
       GROUP BY platform_id, seller_id`,
    );
    const sumMs = performance.now() - t;

    // Admission's filter of the orders taken, made as at the first filing after a start: every order id
    // in ClickHouse, streamed.
    const heapBefore = process.memoryUsage().arrayBuffers;
    t = performance.now();
    const admission = loadedVersions(topology, db);
    await admission.filterReady();
    const filterSeconds = (performance.now() - t) / 1000;
    const filterMiB = (process.memoryUsage().arrayBuffers - heapBefore) / 2 ** 20;
    await admission.versions(1, orderIds.slice(0, 500));
    if (admission.counts.asked !== 500)
      throw new Error(`the filter forgot orders: ${admission.counts.asked} of 500 asked`);
    db.close();

    const bytes = Number(parts!.bytes) / ORDERS;
    console.log(
      `loaded ${fmtInt(rows)} versions in ${loadSeconds.toFixed(1)} s: ${fmtInt(rows / loadSeconds)} versions/s; ${left} left in SQLite`,
    );
    console.log(`ClickHouse (${args.compression}): ${fmtFixed(bytes, 1)} bytes an order on disk`);
    console.log(
      `history of an order from ClickHouse: p50 ${fmtFixed(percentile(latencies, 50), 1)} ms, p99 ${fmtFixed(percentile(latencies, 99), 1)} ms (${latencies.length} reads)`,
    );
    console.log(
      `net per seller over every visible version: ${sums.length} sellers in ${sumMs.toFixed(0)} ms`,
    );
    console.log(
      `admission's filter of the orders taken, made from ClickHouse: ${filterSeconds.toFixed(1)} s, ${fmtFixed(filterMiB, 1)} MiB`,
    );
    console.log(
      `target: at most 60 bytes an order in ClickHouse (${fmtFixed(bytes, 1)}) -> ${bytes <= 60 ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    await ch.close();
    await server.close();
    removeDir(dir);
  }
}

await main();
