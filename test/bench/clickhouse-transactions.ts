/**
 * node --import tsx test/bench/clickhouse-transactions.ts [-- --orders 1000000 --sellers 2000]
 *
 * Bytes on disk per order in ClickHouse (issue 21), for table layouts and the server's compression
 * (lz4, zstd), and the time of the over-threshold report on them. Each layout gets a fresh table on a
 * server of its own (test/helpers/clickhouse.ts): the orders are streamed in as JSONEachRow through the
 * gateway's client, merged (`OPTIMIZE TABLE ... FINAL`), then measured from `system.parts` (active parts'
 * bytes_on_disk: data, marks, primary index, checksums) and `system.columns`.
 *
 * The orders: one row an order (one version), ~2,000 sellers on 4 platforms picked Zipf-like, each seller
 * with a catalogue of 50 products (so item names repeat within a seller), 1–3 items, prices in cents,
 * placed over three months and filed in that order, in filings of 1,000 orders.
 * Results are in docs/notes/clickhouse-18.16.md.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Random, seededRandom } from '../../fixtures/generate/random.ts';
import { ClickHouse, ClickHouseError } from '../../src/transactions/clickhouse/client.ts';
import { clickHouseMissing, startClickHouse } from '../helpers/clickhouse.ts';
import { fmtFixed, fmtInt, machine, table } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    sellers: { type: 'string', default: '2000' },
    // A subset: layout names (comma-separated) and compressions.
    layouts: { type: 'string' },
    compression: { type: 'string', default: 'lz4,zstd' },
  },
});
const ORDERS = Number(args.orders);
const SELLERS = Number(args.sellers);
const START_MS = Date.UTC(2026, 8, 1) - 8 * 3600_000; // 2026-09-01 00:00 China Standard Time
const DAYS = 91;

const NARROW_COLUMNS = `platform_id UInt32, order_id String, seller_id String, filing_key UInt64, seq UInt64,
    placed_at DateTime, placed_ms UInt16, status UInt8, currency FixedString(3), total_minor Int64,
    refunded_minor Int64, completed_at DateTime, digest_hi UInt64, digest_lo UInt64, buyer_ref UInt32,
    correction_reason String`;
const NARROW_ENGINE = `ENGINE = ReplacingMergeTree(seq) PARTITION BY toYYYYMM(placed_at, 'Asia/Shanghai')`;

interface Layout {
  /** CREATE TABLE statements; the first is the orders table, `orders`. */
  tables: string[];
  row(order: Order): Record<string, unknown>;
  /** Rows of the second table (a SKU dictionary), if any. */
  dictionary?(sellers: Seller[]): Record<string, unknown>[];
}

/** The table layouts measured. */
const LAYOUTS: Record<string, Layout> = {
  // The shape in the issue: times as Int64 ms, the digest as two UInt64 (JSON cannot carry raw bytes).
  'as proposed': {
    tables: [
      `CREATE TABLE orders (
        platform_id UInt32, order_id String, seller_id String, filing_key UInt64, seq UInt64,
        placed_at_ms Int64, status UInt8, currency FixedString(3), total_minor Int64, refunded_minor Int64,
        completed_at_ms Nullable(Int64), digest_hi UInt64, digest_lo UInt64, items String, buyer_ref String,
        correction_reason Nullable(String))
      ENGINE = ReplacingMergeTree(seq)
      PARTITION BY toYYYYMM(toDateTime(intDiv(placed_at_ms, 1000), 'Asia/Shanghai'))
      ORDER BY (platform_id, seller_id, order_id, seq)`,
    ],
    row: (o) => o,
  },
  // Times as whole seconds (DateTime, 4 bytes) and the milliseconds apart; no Nullable (0 and '' for none:
  // a Nullable keeps a null map of one byte a row beside the values); buyer_ref as UInt32.
  'narrow types': {
    tables: [
      `CREATE TABLE orders (${NARROW_COLUMNS}, items String) ${NARROW_ENGINE} ORDER BY (platform_id, seller_id, order_id, seq)`,
    ],
    row: (o) => ({ ...narrow(o), items: o.items }),
  },
  // The same, sorted by order only: a seller's orders are no longer next to each other.
  'narrow, by order': {
    tables: [
      `CREATE TABLE orders (${NARROW_COLUMNS}, items String) ${NARROW_ENGINE} ORDER BY (platform_id, order_id, seq)`,
    ],
    row: (o) => ({ ...narrow(o), items: o.items }),
  },
  // Items as parallel arrays, one column each (JSON arrays in JSONEachRow): like values sit together.
  'narrow, item arrays': {
    tables: [
      `CREATE TABLE orders (${NARROW_COLUMNS}, item_sku Array(String), item_name Array(String),
        item_category Array(String), item_quantity Array(UInt16), item_price Array(Int64))
      ${NARROW_ENGINE} ORDER BY (platform_id, seller_id, order_id, seq)`,
    ],
    row: (o) => ({ ...narrow(o), ...itemArrays(o.items) }),
  },
  // Item names and categories in a per-seller SKU dictionary (counted in the bytes), not in each order.
  'narrow, SKU dictionary': {
    tables: [
      `CREATE TABLE orders (${NARROW_COLUMNS}, item_sku Array(String), item_quantity Array(UInt16),
        item_price Array(Int64))
      ${NARROW_ENGINE} ORDER BY (platform_id, seller_id, order_id, seq)`,
      `CREATE TABLE skus (platform_id UInt32, seller_id String, sku String, name String, category String)
      ENGINE = ReplacingMergeTree ORDER BY (platform_id, seller_id, sku)`,
    ],
    row: (o) => {
      const { item_name: _n, item_category: _c, ...rest } = itemArrays(o.items);
      return { ...narrow(o), ...rest };
    },
    dictionary: (sellers) =>
      sellers.flatMap((s) =>
        s.catalogue.map(([sku, name, category]) => ({
          platform_id: s.platformId,
          seller_id: s.id,
          sku,
          name,
          category,
        })),
      ),
  },
};

interface Seller {
  platformId: number;
  id: string;
  catalogue: [string, string, string, number][];
}

const WORDS = [
  '纯棉',
  '加厚',
  '宽松',
  '新款',
  '保湿',
  '无线',
  '陶瓷',
  '有机',
  '儿童',
  '便携',
  '复古',
  '智能',
];
const THINGS = ['短袖T恤', '羽绒服', '面霜', '蓝牙耳机', '马克杯', '大米', '积木', '保温杯', '床单', '茶叶'];
const CATEGORIES = [
  '服饰',
  '美妆个护',
  '数码家电',
  '家居日用',
  '食品饮料',
  '母婴玩具',
  '生鲜农产品',
  '运动户外',
];

function makeSellers(random: Random): Seller[] {
  return Array.from({ length: SELLERS }, (_, i) => ({
    platformId: 1 + (i % 4),
    id: `S${String(i + 1).padStart(7, '0')}`,
    catalogue: Array.from({ length: 50 }, (_, k) => [
      `SKU-${String(random.int(0, 9999)).padStart(4, '0')}`,
      `${random.pick(WORDS)}${random.pick(THINGS)} ${k + 1}`,
      random.pick(CATEGORIES),
      random.int(5, 2000) * 100 - 10 * random.int(0, 1),
    ]),
  }));
}

/** Index i with weight 1/(i+1): a few sellers sell most. */
function zipf(n: number, random: Random): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
  return () => {
    const x = random.next() * total;
    let lo = 0;
    for (let hi = n - 1; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const hex = (random: Random, digits: number) =>
  Array.from({ length: digits }, () => random.int(0, 15).toString(16)).join('');
const u64 = (random: Random) =>
  (BigInt(random.int(0, 2 ** 32 - 1)) << 32n) | BigInt(random.int(0, 2 ** 32 - 1));

type Item = [string, string, string, number, number];
type Order = Record<string, unknown> & {
  placed_at_ms: number;
  completed_at_ms: number | null;
  items: string;
};

/** The orders in the order they are filed (by time), as the 'as proposed' layout's columns. */
function* orders(sellers: Seller[], random: Random): Generator<Order> {
  const pick = zipf(SELLERS, random);
  const perDay = Math.ceil(ORDERS / DAYS);
  for (let n = 0; n < ORDERS;) {
    const day = Math.floor(n / perDay);
    const dayStart = START_MS + day * 86_400_000;
    const date = new Date(dayStart + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const times = Array.from({ length: Math.min(perDay, ORDERS - n) }, () => random.int(0, 86_399_999)).sort(
      (a, b) => a - b,
    );
    for (const [i, offset] of times.entries()) {
      const seller = sellers[pick()]!;
      const items = Array.from({ length: random.int(1, 3) }, () => {
        const [sku, name, category, price] = random.pick(seller.catalogue);
        return [sku, name, category, random.chance(0.8) ? 1 : random.int(2, 5), price] as Item;
      });
      const total = items.reduce((sum, item) => sum + item[3] * item[4], 0);
      const roll = random.next();
      const status =
        roll < 0.7 ? 4 : roll < 0.8 ? 3 : roll < 0.87 ? 2 : roll < 0.92 ? 5 : roll < 0.97 ? 6 : 7;
      const placed = dayStart + offset;
      yield {
        platform_id: seller.platformId,
        order_id: `O-${date}-${String(i + 1).padStart(6, '0')}`,
        seller_id: seller.id,
        filing_key: Math.floor(n / 1000) + 1,
        seq: n + 1,
        placed_at_ms: placed,
        status,
        currency: 'CNY',
        total_minor: total,
        refunded_minor: status === 6 ? total : status === 7 ? Math.floor(total / 2) : 0,
        completed_at_ms:
          status === 4 || status === 6 ? placed + random.int(2, 10) * 86_400_000 + offset : null,
        digest_hi: u64(random).toString(),
        digest_lo: u64(random).toString(),
        items: JSON.stringify(items),
        buyer_ref: hex(random, 8),
        correction_reason: random.chance(0.005) ? '收货地址更正' : null,
      };
      n++;
    }
  }
}

/** The order in the narrow columns (without its items). */
function narrow(order: Order): Record<string, unknown> {
  const { placed_at_ms, completed_at_ms, buyer_ref, correction_reason, items: _items, ...rest } = order;
  return {
    ...rest,
    placed_at: Math.floor(placed_at_ms / 1000),
    placed_ms: placed_at_ms % 1000,
    completed_at: completed_at_ms === null ? 0 : Math.floor(completed_at_ms / 1000),
    buyer_ref: parseInt(buyer_ref as string, 16),
    correction_reason: correction_reason ?? '',
  };
}

function itemArrays(json: string) {
  const items = JSON.parse(json) as Item[];
  return {
    item_sku: items.map((i) => i[0]),
    item_name: items.map((i) => i[1]),
    item_category: items.map((i) => i[2]),
    item_quantity: items.map((i) => i[3]),
    item_price: items.map((i) => i[4]),
  };
}

/** Sum of net sales per seller over a year: the over-threshold report, on the latest version of each order. */
const REPORT = (t: string, placed: string) => `
  SELECT platform_id, seller_id, sum(net) AS net_minor FROM (
    SELECT platform_id, seller_id, order_id, argMax(total_minor - refunded_minor, seq) AS net
    FROM ${t} WHERE ${placed}
    GROUP BY platform_id, seller_id, order_id)
  GROUP BY platform_id, seller_id HAVING net_minor > 5000000`;
/** The versions collapsed by FINAL (merged on read, in sort order) instead of a GROUP BY on every order. */
const REPORT_FINAL = (t: string, placed: string) => `
  SELECT platform_id, seller_id, sum(total_minor - refunded_minor) AS net_minor FROM ${t} FINAL WHERE ${placed}
  GROUP BY platform_id, seller_id HAVING net_minor > 5000000`;
/** The same without the version step (one version an order, or after OPTIMIZE ... FINAL). */
const REPORT_PLAIN = (t: string, placed: string) => `
  SELECT platform_id, seller_id, sum(total_minor - refunded_minor) AS net_minor FROM ${t} WHERE ${placed}
  GROUP BY platform_id, seller_id HAVING net_minor > 5000000`;

/** The median time of `runs` runs in ms, or the server's refusal (e.g. its memory limit, code 241). */
async function median(runs: number, run: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      await run();
    } catch (err) {
      if (err instanceof ClickHouseError) return `error ${err.code}`;
      throw err;
    }
    times.push(performance.now() - start);
  }
  return fmtFixed(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, 0);
}

async function measure(layout: string, compression: 'lz4' | 'zstd') {
  const server = await startClickHouse({ compression });
  const db = new ClickHouse(server.url, { timeoutMs: 600_000 });
  const { tables, row, dictionary } = LAYOUTS[layout]!;
  try {
    for (const ddl of tables) await db.command(ddl);
    const random = seededRandom(21);
    const sellers = makeSellers(random);
    if (dictionary) await db.insert('skus', dictionary(sellers), { format: 'JSONEachRow' });
    let start = performance.now();
    // In requests of 100,000 orders, as filings arrive (a single request of a million rows with item
    // arrays needs more than the test server's 1 GB a query on 18.16).
    let batch: Record<string, unknown>[] = [];
    for (const order of orders(sellers, random)) {
      batch.push(row(order));
      if (batch.length === 100_000) {
        await db.insert('orders', batch, { format: 'JSONEachRow' });
        batch = [];
      }
    }
    if (batch.length > 0) await db.insert('orders', batch, { format: 'JSONEachRow' });
    const insertMs = performance.now() - start;
    start = performance.now();
    for (const name of dictionary ? ['orders', 'skus'] : ['orders'])
      await db.command(`OPTIMIZE TABLE ${name} FINAL`);
    const optimizeMs = performance.now() - start;
    const [parts] = await db.query<Record<string, string>>(
      `SELECT sumIf(rows, table = 'orders') AS rows, sum(bytes_on_disk) AS disk,
         sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS raw, count() AS parts
       FROM system.parts WHERE database = currentDatabase() AND active`,
    );
    const columns = await db.query<Record<string, string>>(
      `SELECT name, data_compressed_bytes AS compressed FROM system.columns
       WHERE database = currentDatabase() AND data_compressed_bytes > 0 ORDER BY data_compressed_bytes DESC`,
    );
    const placed =
      layout !== 'as proposed'
        ? `placed_at >= toDateTime('2026-01-01 00:00:00', 'Asia/Shanghai') AND placed_at < toDateTime('2027-01-01 00:00:00', 'Asia/Shanghai')`
        : `placed_at_ms >= 1767196800000 AND placed_at_ms < 1798732800000`;
    const reportMs = await median(5, () => db.query(REPORT('orders', placed)));
    // The same, allowed to spill its GROUP BY to disk past 400 MB (a GROUP BY of every order id grows
    // with the orders: at 10M it passes the test server's 1 GB a query).
    const spillMs = await median(3, () =>
      db.query(REPORT('orders', placed), {}, { max_bytes_before_external_group_by: 400_000_000 }),
    );
    const finalMs = await median(5, () => db.query(REPORT_FINAL('orders', placed)));
    const plainMs = await median(5, () => db.query(REPORT_PLAIN('orders', placed)));
    const n = Number(parts!.rows);
    return {
      layout,
      compression,
      perOrder: Number(parts!.disk) / n,
      compressedPerOrder: Number(parts!.compressed) / n,
      rawPerOrder: Number(parts!.raw) / n,
      parts: parts!.parts!,
      columns: columns.map((c) => `${c.name} ${fmtFixed(Number(c.compressed) / n, 1)}`).join(', '),
      insertMs,
      optimizeMs,
      reportMs,
      spillMs,
      finalMs,
      plainMs,
    };
  } finally {
    await db.close();
    await server.close();
  }
}

if (clickHouseMissing) {
  console.error(clickHouseMissing);
  process.exit(1);
}
console.log(`${machine()}; ${fmtInt(ORDERS)} orders, ${fmtInt(SELLERS)} sellers`);
const results = [];
for (const layout of args.layouts?.split(',') ?? Object.keys(LAYOUTS)) {
  for (const compression of args.compression.split(',') as ('lz4' | 'zstd')[]) {
    const r = await measure(layout, compression);
    results.push(r);
    console.log(`${layout}, ${compression}: ${fmtFixed(r.perOrder, 1)} B/order; ${r.columns}`);
  }
}
console.log(
  table(
    [
      'layout',
      'compression',
      'B/order on disk',
      'compressed',
      'uncompressed',
      'parts',
      'insert s',
      'OPTIMIZE s',
      'argMax ms',
      'argMax, spilling ms',
      'FINAL ms',
      'plain ms',
    ],
    results.map((r) => [
      r.layout,
      r.compression,
      fmtFixed(r.perOrder, 1),
      fmtFixed(r.compressedPerOrder, 1),
      fmtFixed(r.rawPerOrder, 1),
      r.parts,
      fmtFixed(r.insertMs / 1000, 1),
      fmtFixed(r.optimizeMs / 1000, 1),
      r.reportMs,
      r.spillMs,
      r.finalMs,
      r.plainMs,
    ]),
  ),
);
