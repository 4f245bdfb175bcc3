/**
 * npm run bench:trace [-- --codes 10000000 --codes-per-order 10 --connections 100 --seconds 20 --warmup 3
 *                        --slice 5 --sellers 2000 --filing 100000 --compare-orders 200000 --duplicates 0.001
 *                        --seed 1 --tmp DIR --reuse --profile DIR]
 *
 * Product traceability (issue 23) at scale: drug trace codes filed with orders through HTTP to a
 * `marketgate serve` child, what they cost the filing and the database, the public check of a code
 * under load, and the duplicate_trace_code signal over all of them.
 *
 * The data (generated here, seeded, before anything is timed, as NDJSON files):
 * - --sellers pharmacies of one platform (fixtures/generate/sellers.ts), filed first (POST /v1/sellers);
 * - --codes drug codes in orders of --codes-per-order codes each (a pharmacy order of several boxes):
 *   1-3 items, each a product (one of 400, the popular ones sold more) with one code a box (quantity =
 *   its codes). A code is 20 digits: the product's 7, a 9-digit serial (each product's boxes numbered,
 *   then scrambled: serials sold together are far apart, as a country's sales are), 4 check digits. The
 *   orders are placed over the last year, 3% refunded, 2% cancelled; filed in filings of --filing orders;
 * - --duplicates of the codes sold again in a later filing (half of them each way): codes of some
 *   orders sold again by another store (grouped --codes-per-order to a resale order of a store that had
 *   not sold them), and whole orders refunded (a new version of the order, status refunded) whose boxes
 *   the same store sold again in a new order: a return and a resale, which the signal must not count.
 *
 * Measured, in this order:
 * 1. compare: --compare-orders of the orders (the first ones), once with their codes and once without
 *    (the same orders, trace_codes left out), each to a fresh data folder and gateway: orders/s, the
 *    gateway's CPU a order, and the database's growth (the file after the gateway stopped, less its size
 *    once the sellers were filed), so the growth a code is (with - without) / codes;
 * 2. the whole set, to a fresh gateway: orders/s and codes/s of the --codes filings (from the first
 *    request to the last receipt), each filing's rate (does it slow as trace_sales grows), then the later
 *    filing of the resales;
 * 3. the public check GET /public/trace/drug/{code} under --connections keep-alive connections (closed
 *    loop, lib.ts's runSlice, as bench:credit) against GET /healthz of the same server, alternating
 *    slices of --slice s after a --warmup, --seconds a route. The codes asked: 90% sold once, 5% never
 *    filed, 3% sold again by another store, 2% returned and resold. Before the load, a hundred codes of
 *    each kind are checked to answer what they should;
 * 4. the gateway stopped: trace_sales' rows (checked against what was filed), its bytes and its index's
 *    (SQLite's dbstat), a code;
 * 5. the gateway opened in this process: runRisk with duplicate_trace_code alone (its fold of the filings
 *    first, timed apart), and the warnings against what was seeded: a warning a store that sold another
 *    store's code after it, none for the returns.
 * The child runs without sweeps, crawls or risk runs (MARKETGATE_*_MINUTES=0) and with the public routes'
 * per-address limit lifted (every connection comes from 127.0.0.1), as bench:credit's.
 * With --reuse the filed data folder is kept under --tmp (default: the system's temp folder), keyed by
 * the parameters, with what the filing measured; the next run with the same parameters skips 1 and 2.
 * With --profile DIR the gateway child of 2 and 3 writes CPU profiles (node --cpu-prof, one a thread) to DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { type Random, seededRandom } from '../../fixtures/generate/random.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import type { Receipt } from '../../src/filings/receipt.ts';
import { openGateway } from '../../src/gateway.ts';
import { runRisk } from '../../src/risk/run.ts';
import {
  fmtFixed,
  fmtInt,
  type GatewayChild,
  machine,
  newRouteStats,
  percentile,
  procCpuSeconds,
  procMemoryMiB,
  removeDir,
  type Route,
  type RouteStats,
  runSlice,
  settle,
  startGatewayChild,
  table,
  tempDir,
  requireIntegers,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    codes: { type: 'string', default: '10000000' },
    'codes-per-order': { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    slice: { type: 'string', default: '5' },
    sellers: { type: 'string', default: '2000' },
    filing: { type: 'string', default: '100000' },
    'compare-orders': { type: 'string' },
    duplicates: { type: 'string', default: '0.001' },
    seed: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const CODES = Number(args.codes);
const PER_ORDER = Number(args['codes-per-order']);
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const SLICE = Number(args.slice);
const SELLERS = Number(args.sellers);
const FILING = Number(args.filing);
const ORDERS = Math.ceil(CODES / PER_ORDER);
const COMPARE = Math.min(ORDERS, Number(args['compare-orders'] ?? 200_000));
/** The codes of the first COMPARE orders (only the last order of all may have fewer). */
const COMPARE_CODES = Math.min(CODES, COMPARE * PER_ORDER);
const DUPLICATES = Number(args.duplicates);
const SEED = Number(args.seed);
/** Bumped whenever the generator changes what it builds: a cached folder of another version is not reused. */
const BUILD_VERSION = 2;
const LOAD = { connections: CONNECTIONS, rate: 0 };
const PLATFORM = { slug: 'bench-pharmacy', name: '示例医药商城', uscc: '91330106673959654P' };
const PUBLIC_URL = 'https://gateway.bench.example';
const DAY = 86_400_000;
/** Sold-once codes kept for the lookups (a uniform sample of them all). */
const SAMPLE = 100_000;
/** Codes of each kind checked one by one before the load. */
const VERIFY = 100;
const CHILD_ENV = {
  MARKETGATE_LOG_LEVEL: 'silent',
  MARKETGATE_PUBLIC_URL: PUBLIC_URL,
  MARKETGATE_SWEEP_MINUTES: '0',
  MARKETGATE_CRAWL_EVERY_MINUTES: '0',
  MARKETGATE_RISK_EVERY_MINUTES: '0',
  // Every connection comes from 127.0.0.1: the per-address limit of the public routes would refuse
  // nearly all of the load. Counted still (the cost measured), never reached.
  MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE: '1000000000',
};
process.umask(0o077);

const stamp = () => new Date().toISOString().slice(11, 19);
const log = (text: string) => console.log(`[${stamp()}] ${text}`);

// ---------------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------------

const DRUGS = [
  ['阿莫西林胶囊', '0.25g*24粒', 12_50],
  ['布洛芬缓释胶囊', '0.3g*20粒', 18_90],
  ['连花清瘟胶囊', '0.35g*24粒', 26_80],
  ['氯雷他定片', '10mg*6片', 21_00],
  ['蒙脱石散', '3g*10袋', 15_60],
  ['奥美拉唑肠溶胶囊', '20mg*14粒', 19_80],
  ['阿托伐他汀钙片', '20mg*7片', 38_50],
  ['盐酸二甲双胍缓释片', '0.5g*30片', 24_00],
  ['硝苯地平控释片', '30mg*7片', 33_20],
  ['头孢克肟分散片', '0.1g*6片', 29_90],
  ['复方甘草片', '100片', 8_50],
  ['维生素C片', '0.1g*100片', 4_80],
  ['感冒灵颗粒', '10g*9袋', 13_50],
  ['板蓝根颗粒', '10g*20袋', 16_00],
  ['藿香正气水', '10ml*10支', 11_80],
  ['云南白药气雾剂', '85g+30g', 45_00],
  ['健胃消食片', '0.8g*32片', 14_50],
  ['苯磺酸氨氯地平片', '5mg*28片', 27_60],
  ['孟鲁司特钠片', '10mg*5片', 52_00],
  ['缬沙坦胶囊', '80mg*7粒', 31_40],
] as const;
const MAKERS = ['华北', '华东', '华南', '西南', '东北', '华中', '西北', '京都', '长江', '太行'];
const PAYMENT = ['alipay', 'wechat_pay', 'unionpay', 'credit_card'];
const REGIONS = ['110105', '310115', '330106', '440305', '510107', '420111'];

interface Product {
  /** The code's first 7 digits: the product (its maker, drug, form and pack). */
  prefix: string;
  sku: string;
  name: string;
  price: number;
  /** Boxes numbered so far: the next box's number. */
  boxes: number;
}

function products(random: Random): Product[] {
  const prefixes = new Set<string>();
  const out: Product[] = [];
  for (let i = 0; i < 400; i++) {
    let prefix: string;
    do prefix = `8${String(random.int(0, 999_999)).padStart(6, '0')}`;
    while (prefixes.has(prefix));
    prefixes.add(prefix);
    const [drug, pack, price] = DRUGS[i % DRUGS.length]!;
    const maker = MAKERS[Math.floor(i / DRUGS.length) % MAKERS.length]!;
    out.push({ prefix, sku: `DRUG-${prefix}`, name: `${drug} ${pack}（${maker}制药）`, price, boxes: 0 });
  }
  return out;
}

/**
 * The code of box `n` of a product: its 7 digits, the box number scrambled to a 9-digit serial (a
 * bijection of 0..10^9-1: 3^18 is prime to 10^9), and 4 check digits computed from the first 16.
 */
function codeOf(product: Product, n: number): string {
  const serial = String((n * 387_420_489 + 123_456_789) % 1_000_000_000).padStart(9, '0');
  const head = product.prefix + serial;
  let h = 0;
  for (let i = 0; i < head.length; i++) h = (h * 31 + head.charCodeAt(i)) % 9973;
  return head + String(h).padStart(4, '0');
}

/** Zipf-like pick: index i is chosen with weight 1/(i+1). */
function zipfPicker(n: number, random: Random): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1);
    cumulative.push(sum);
  }
  return () => {
    const x = random.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

/** NDJSON lines written to numbered files of `perFile` lines each, synchronously, in 1 MiB writes. */
class LineFiles {
  readonly files: string[] = [];
  private fd = -1;
  private lines = 0;
  private chunks: string[] = [];
  private size = 0;
  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly perFile: number,
  ) {}
  write(line: string) {
    if (this.fd === -1 || this.lines === this.perFile) this.next();
    this.chunks.push(line);
    this.size += line.length;
    this.lines++;
    if (this.size > 1 << 20) this.flush();
  }
  private flush() {
    if (this.chunks.length) fs.writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
  private next() {
    this.close();
    const file = path.join(this.dir, `${this.name}-${String(this.files.length).padStart(3, '0')}.ndjson`);
    this.files.push(file);
    this.fd = fs.openSync(file, 'w');
    this.lines = 0;
  }
  close() {
    if (this.fd === -1) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}

interface Item {
  sku: string;
  name: string;
  category: string;
  quantity: number;
  unit_price: string;
  trace_codes?: { scheme: 'drug'; code: string }[];
}

function order(
  orderId: string,
  sellerId: string,
  placed: number,
  status: string,
  items: Item[],
  random: Random,
): Record<string, unknown> {
  const total = items.reduce((sum, it) => sum + Math.round(Number(it.unit_price) * 100) * it.quantity, 0);
  const record: Record<string, unknown> = {
    order_id: orderId,
    seller_id: sellerId,
    placed_at: iso(placed),
    status,
    total: money(total),
    currency: 'CNY',
    items,
    buyer_ref: `b${(random.next() * 2 ** 40).toString(36)}`,
    payment_method: random.pick(PAYMENT),
    ship_to_region: random.pick(REGIONS),
  };
  if (status === 'completed' || status === 'refunded')
    record.completed_at = iso(Math.min(placed + random.int(2, 10) * DAY, Date.now() - 60_000));
  return record;
}

/** Items of one product each, a code a box: the codes grouped by product. */
function itemsOf(byProduct: Map<Product, string[]>): Item[] {
  return [...byProduct].map(([p, codes]) => ({
    sku: p.sku,
    name: p.name,
    category: '药品',
    quantity: codes.length,
    unit_price: money(p.price),
    trace_codes: codes.map((code) => ({ scheme: 'drug' as const, code })),
  }));
}

/** What was seeded, and the codes the lookups ask for. */
interface Truth {
  orders: number;
  codes: number;
  /** Codes sold again by another store, and the stores that did (the warnings expected). */
  resoldElsewhere: string[];
  resellers: string[];
  /** Codes of orders refunded whose boxes the same store sold again. */
  returned: string[];
  refundedOrders: number;
  /** Orders and codes of the later filing (refund versions and resales). */
  laterOrders: number;
  laterCodes: number;
  soldOnce: string[];
  neverFiled: string[];
}

interface Generated {
  sellers: Record<string, unknown>[];
  main: string[];
  later: string[];
  compareWith: string[];
  compareWithout: string[];
  truth: Truth;
  bytes: number;
}

function generate(dir: string): Generated {
  const random = seededRandom(SEED);
  const sample = seededRandom(SEED + 1000);
  const sellers = [...generateSellers({ count: SELLERS, seed: SEED + 2, idPrefix: 'P' })].map(
    (f) => f.record,
  );
  const sellerIds = sellers.map((r) => String(r.seller_id));
  const catalogue = products(random);
  const pickProduct = zipfPicker(catalogue.length, random);
  const pickSeller = zipfPicker(sellerIds.length, random);
  const main = new LineFiles(dir, 'orders', FILING);
  const later = new LineFiles(dir, 'later', Number.MAX_SAFE_INTEGER);
  const compareWith = new LineFiles(dir, 'compare-with', FILING);
  const compareWithout = new LineFiles(dir, 'compare-without', FILING);
  const now = Date.now();
  const from = now - 365 * DAY;
  const span = 325 * DAY;
  const truth: Truth = {
    orders: ORDERS,
    codes: 0,
    resoldElsewhere: [],
    resellers: [],
    returned: [],
    refundedOrders: 0,
    laterOrders: 0,
    laterCodes: 0,
    soldOnce: [],
    neverFiled: [],
  };
  const resellers = new Set<string>();
  let seen = 0; // sold-once codes offered to the sample
  let resales = 0;
  let elsewhere: { code: string; product: Product; seller: string; placed: number }[] = [];

  const resaleOrder = (sellerId: string, placed: number, items: Item[]) => {
    const at = Math.min(placed + random.int(1, 20) * DAY, now - 2 * 3600_000);
    const id = `R${String(++resales).padStart(9, '0')}`;
    later.write(`${JSON.stringify(order(id, sellerId, at, 'completed', items, random))}\n`);
    truth.laterOrders++;
    truth.laterCodes += items.reduce((n, it) => n + it.quantity, 0);
  };
  // Codes sold again by a store that had not sold any of them: a resale order of --codes-per-order codes.
  const flushElsewhere = () => {
    if (elsewhere.length === 0) return;
    const before = new Set(elsewhere.map((e) => e.seller));
    let seller: string;
    do seller = sellerIds[Math.floor(random.next() * sellerIds.length)]!;
    while (before.has(seller));
    resellers.add(seller);
    const byProduct = new Map<Product, string[]>();
    for (const e of elsewhere) byProduct.set(e.product, [...(byProduct.get(e.product) ?? []), e.code]);
    resaleOrder(seller, Math.max(...elsewhere.map((e) => e.placed)), itemsOf(byProduct));
    elsewhere = [];
  };

  for (let i = 0; i < ORDERS; i++) {
    const codes = Math.min(PER_ORDER, CODES - i * PER_ORDER);
    const sellerId = sellerIds[pickSeller()]!;
    // 1-3 products, the codes split among them.
    const kinds = random.int(1, Math.min(3, codes));
    const chosen = new Set<Product>();
    while (chosen.size < kinds) chosen.add(catalogue[pickProduct()]!);
    const cuts = new Set<number>();
    while (cuts.size < kinds - 1) cuts.add(random.int(1, codes - 1));
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), codes];
    const byProduct = new Map<Product, string[]>();
    [...chosen].forEach((p, k) => {
      const boxes: string[] = [];
      for (let n = bounds[k]!; n < bounds[k + 1]!; n++) boxes.push(codeOf(p, p.boxes++));
      byProduct.set(p, boxes);
    });
    const items = itemsOf(byProduct);
    truth.codes += codes;
    const placed = from + Math.floor(random.next() * span);
    const roll = random.next();
    const status =
      roll < 0.85
        ? 'completed'
        : roll < 0.91
          ? 'delivered'
          : roll < 0.95
            ? 'shipped'
            : roll < 0.98
              ? 'refunded'
              : 'cancelled';
    const id = `O${String(i + 1).padStart(9, '0')}`;
    const record = order(id, sellerId, placed, status, items, random);
    const line = `${JSON.stringify(record)}\n`;
    main.write(line);
    if (i < COMPARE) {
      compareWith.write(line);
      const plain = items.map(({ trace_codes: _codes, ...item }) => item);
      compareWithout.write(`${JSON.stringify({ ...record, items: plain })}\n`);
    }
    if (status === 'cancelled') continue; // sold nothing: not among the codes looked up as sold
    const sold = status !== 'refunded';
    if (sold && random.chance(DUPLICATES / 2)) {
      // The whole order comes back (a new version: refunded), and the store sells its boxes again.
      truth.refundedOrders++;
      const refund = order(id, sellerId, placed, 'refunded', items, random);
      refund.completed_at = iso(Math.min(placed + 5 * DAY, now - 60_000));
      later.write(`${JSON.stringify(refund)}\n`);
      truth.laterOrders++;
      truth.laterCodes += codes;
      for (const boxes of byProduct.values()) truth.returned.push(...boxes);
      resaleOrder(sellerId, placed + 5 * DAY, itemsOf(byProduct));
      continue;
    }
    for (const [product, boxes] of byProduct) {
      for (const code of boxes) {
        if (sold && random.chance(DUPLICATES / 2)) {
          truth.resoldElsewhere.push(code);
          elsewhere.push({ code, product, seller: sellerId, placed });
          if (elsewhere.length === PER_ORDER) flushElsewhere();
          continue;
        }
        // Reservoir sampling: every sold-once code has the same chance to be in the sample.
        seen++;
        if (truth.soldOnce.length < SAMPLE) truth.soldOnce.push(code);
        else {
          const j = Math.floor(sample.next() * seen);
          if (j < SAMPLE) truth.soldOnce[j] = code;
        }
      }
    }
  }
  flushElsewhere();
  for (const f of [main, later, compareWith, compareWithout]) f.close();
  // Never filed: boxes of the same products beyond those sold (valid codes, in the same ranges).
  for (let n = 0; truth.neverFiled.length < 10_000; n++) {
    const p = catalogue[Math.floor(sample.next() * catalogue.length)]!;
    truth.neverFiled.push(codeOf(p, p.boxes + n));
  }
  truth.resellers = [...resellers];
  const bytes = main.files.reduce((n, f) => n + fs.statSync(f).size, 0);
  return {
    sellers,
    main: main.files,
    later: later.files,
    compareWith: compareWith.files,
    compareWithout: compareWithout.files,
    truth,
    bytes,
  };
}

// ---------------------------------------------------------------------------------------------------
// Filing through HTTP
// ---------------------------------------------------------------------------------------------------

interface Gateway {
  child: GatewayChild;
  key: string;
  dbFile: string;
}

async function startGateway(dir: string, profile?: string): Promise<Gateway> {
  const setup = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  const key = addPlatform(setup.accounts, PLATFORM).key;
  await setup.close();
  return startChild(dir, key, profile);
}

async function startChild(dir: string, key: string, profile?: string): Promise<Gateway> {
  const child = await startGatewayChild(dir, {
    env: CHILD_ENV,
    nodeArgs: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [],
  });
  return { child, key, dbFile: path.join(dir, 'marketgate.db') };
}

async function post(gw: Gateway, kind: string, body: BodyInit): Promise<Receipt> {
  const res = await fetch(`${gw.child.url}/v1/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/x-ndjson' },
    body,
    duplex: 'half',
  } as RequestInit).catch((err: unknown) => {
    throw new Error(
      `POST /v1/${kind} failed (${String(err)}): the gateway ${gw.child.ended() ?? 'runs'}\n${gw.child.stderr().slice(-3000)}`,
    );
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/${kind} answered ${res.status}: ${text.slice(0, 500)}`);
  const receipt = JSON.parse(text) as Receipt;
  if (receipt.counts.rejected !== 0)
    throw new Error(
      `POST /v1/${kind}: ${receipt.counts.rejected} rejected: ${JSON.stringify(receipt.errors?.slice(0, 3))}`,
    );
  return receipt;
}

const fileBody = (file: string) =>
  Readable.toWeb(fs.createReadStream(file, { highWaterMark: 256 * 1024 })) as ReadableStream;

/**
 * Bytes a process has written (/proc/<pid>/io): `write_bytes`, to storage (the database, its write-ahead
 * log and checkpoints, counted when the pages are dirtied), and `wchar`, to every write() (sockets too).
 */
function procWrites(pid: number): { disk: number; all: number } {
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? Number.NaN);
  return { disk: field('write_bytes'), all: field('wchar') };
}

/** The database's bytes: the file and its write-ahead log. */
function dbBytes(file: string): number {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(file) + size(`${file}-wal`);
}

interface FilingRun {
  orders: number;
  codes: number;
  seconds: number;
  cpuSeconds: number;
  /** Bytes the gateway wrote to storage during the filings (its write-ahead log, checkpoints). */
  diskWrites: number;
  /** Orders/s of each filing, in order. */
  filings: number[];
  peakRssMiB: number;
  dbBefore: number;
}

/** Files the sellers, then each file as a filing of its own, timed from the first request to the last receipt. */
async function fileOrders(
  gw: Gateway,
  sellers: Record<string, unknown>[],
  files: string[],
  expect: { orders: number; codes: number },
  label: string,
): Promise<FilingRun> {
  const s = await post(gw, 'sellers', formatSellers(sellers, 'ndjson'));
  if (s.counts.created !== sellers.length) throw new Error(`sellers: ${JSON.stringify(s.counts)}`);
  const dbBefore = dbBytes(gw.dbFile);
  await settle();
  const filings: number[] = [];
  let created = 0;
  const cpu0 = procCpuSeconds(gw.child.pid);
  const writes0 = procWrites(gw.child.pid).disk;
  const t0 = performance.now();
  for (const [n, file] of files.entries()) {
    const t = performance.now();
    const r = await post(gw, 'transactions', fileBody(file));
    const seconds = (performance.now() - t) / 1000;
    created += r.counts.created;
    filings.push(r.counts.created / seconds);
    if (files.length > 1)
      log(
        `  ${label} filing ${n + 1}/${files.length}: ${fmtInt(r.counts.created)} orders in ${seconds.toFixed(1)} s, ` +
          `${fmtInt(r.counts.created / seconds)} orders/s, RSS ${procMemoryMiB(gw.child.pid, 'VmRSS').toFixed(0)} MiB`,
      );
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = procCpuSeconds(gw.child.pid) - cpu0;
  const diskWrites = procWrites(gw.child.pid).disk - writes0;
  if (created !== expect.orders) throw new Error(`${label}: ${created} orders created, not ${expect.orders}`);
  return {
    orders: expect.orders,
    codes: expect.codes,
    seconds,
    cpuSeconds,
    diskWrites,
    filings,
    peakRssMiB: procMemoryMiB(gw.child.pid, 'VmHWM'),
    dbBefore,
  };
}

/** A filing's figures for the report. */
const rates = (r: FilingRun) => ({
  ordersPerSecond: r.orders / r.seconds,
  codesPerSecond: r.codes / r.seconds,
  cpuMicrosPerOrder: (1e6 * r.cpuSeconds) / r.orders,
  diskKiBPerOrder: r.diskWrites / 1024 / r.orders,
});

interface CompareRun extends FilingRun {
  growth: number;
  traceBytes: number;
}

/** --compare-orders orders to a fresh gateway: with their codes or without. */
async function compareRun(g: Generated, withCodes: boolean): Promise<CompareRun> {
  const dir = tempDir(withCodes ? 'trace-with' : 'trace-without', args.tmp);
  try {
    const gw = await startGateway(dir);
    let run: FilingRun;
    try {
      run = await fileOrders(
        gw,
        g.sellers,
        withCodes ? g.compareWith : g.compareWithout,
        { orders: COMPARE, codes: withCodes ? COMPARE_CODES : 0 },
        withCodes ? 'with codes' : 'without codes',
      );
    } finally {
      await stopChild(gw.child);
    }
    const growth = dbBytes(gw.dbFile) - run.dbBefore;
    const traceBytes = traceObjects(gw.dbFile).reduce((n, o) => n + o.bytes, 0);
    return { ...run, growth, traceBytes };
  } finally {
    removeDir(dir);
  }
}

async function stopChild(child: GatewayChild) {
  const code = await child.stop();
  if (code !== 0 && code !== null)
    console.error(`gateway exited with ${code}:\n${child.stderr().slice(-3000)}`);
}

/** The pages of each table and index (dbstat): the trace tables' own, and the whole file's. */
function traceObjects(dbFile: string): { name: string; bytes: number }[] {
  return dbstat(dbFile).filter((o) => o.name.startsWith('trace_'));
}

function dbstat(dbFile: string): { name: string; bytes: number }[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare<[], { name: string; bytes: number }>(
        'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
      )
      .all();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The lookups
// ---------------------------------------------------------------------------------------------------

const BUCKETS = [
  { name: 'sold once', share: 0.9, result: 'sold_once' },
  { name: 'never filed', share: 0.05, result: 'not_found' },
  { name: 'sold again by another store', share: 0.03, result: 'sold_more_than_once' },
  { name: 'returned and resold', share: 0.02, result: 'sold_once' },
] as const;

function codeLists(truth: Truth): string[][] {
  return [truth.soldOnce, truth.neverFiled, truth.resoldElsewhere, truth.returned];
}

/** The next code asked: a bucket by its share (or the first if that bucket is empty), a code in it. */
function pickCode(lists: string[][]): { code: string; bucket: number } {
  let x = Math.random();
  let bucket = 0;
  for (let i = 0; i < BUCKETS.length; i++) {
    if (x < BUCKETS[i]!.share) {
      bucket = lists[i]!.length ? i : 0;
      break;
    }
    x -= BUCKETS[i]!.share;
  }
  const list = lists[bucket]!;
  return { code: list[Math.floor(Math.random() * list.length)]!, bucket };
}

/** A hundred codes of each kind, one at a time: each must answer what was filed. */
async function verifyCodes(url: string, lists: string[][]) {
  const seen: string[] = [];
  for (const [i, bucket] of BUCKETS.entries()) {
    const list = lists[i]!;
    let bytes = 0;
    const n = Math.min(VERIFY, list.length);
    for (let k = 0; k < n; k++) {
      const code = list[Math.floor((k * list.length) / n)]!;
      const res = await fetch(`${url}/public/trace/drug/${code}`);
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(`GET /public/trace/drug/${code} answered ${res.status}: ${text}`);
      bytes += text.length;
      const check = JSON.parse(text) as { result: string; returned_and_resold: number };
      const returned = bucket.name === 'returned and resold';
      if (check.result !== bucket.result || (returned && check.returned_and_resold !== 1))
        throw new Error(`${bucket.name} code ${code} answered ${text.slice(0, 600)}`);
    }
    seen.push(`${bucket.name} ${n} (${n ? fmtInt(bytes / n) : 0} characters)`);
  }
  log(`checked one by one, each as filed: ${seen.join(', ')}`);
}

async function lookups(url: string, pid: number, truth: Truth) {
  const lists = codeLists(truth);
  await verifyCodes(url, lists);
  const trace: Route = {
    name: 'GET /public/trace/drug/{code}',
    next() {
      const { code, bucket } = pickCode(lists);
      return { path: `/public/trace/drug/${code}`, bucket };
    },
  };
  const health: Route = { name: 'GET /healthz', next: () => ({ path: '/healthz', bucket: 0 }) };
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    await runSlice(pool, pid, trace, WARMUP * 1000, null, LOAD);
    await runSlice(pool, pid, health, WARMUP * 1000, null, LOAD);
    log(
      `warmed up (${WARMUP} s each); ${pool.stats.connected} connections open; measuring ${SECONDS} s a route ` +
        `in slices of ${SLICE} s, alternating, closed loop`,
    );
    const stats = new Map<Route, RouteStats>([
      [trace, newRouteStats(BUCKETS.length)],
      [health, newRouteStats(BUCKETS.length)],
    ]);
    for (let round = 0, done = 0; done < SECONDS; round++) {
      const ms = Math.min(SLICE, SECONDS - done) * 1000;
      for (const route of round % 2 ? [health, trace] : [trace, health]) {
        await runSlice(pool, pid, route, ms, stats.get(route)!, LOAD);
      }
      done += ms / 1000;
    }
    return { trace: stats.get(trace)!, health: stats.get(health)!, routes: [trace, health] as const };
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The signal
// ---------------------------------------------------------------------------------------------------

async function signal(dir: string, truth: Truth) {
  const gw = openGateway(
    loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0, publicUrl: PUBLIC_URL }),
  );
  try {
    const t = performance.now();
    const report = runRisk(gw, { signals: ['duplicate_trace_code'] });
    const ms = performance.now() - t;
    const s = report.signals.find((x) => x.signal === 'duplicate_trace_code')!;
    const candidates = gw.db
      .prepare('SELECT count(*) FROM (SELECT 1 FROM trace_sales GROUP BY scheme, code HAVING count(*) > 1)')
      .pluck()
      .get() as number;
    const warnings = gw.db
      .prepare<[], { target: string; explanation: string }>(
        "SELECT target, explanation FROM risk_warnings WHERE signal = 'duplicate_trace_code'",
      )
      .all();
    const platformId = gw.accounts.platformBySlug(PLATFORM.slug)!.id;
    const expected = new Set(truth.resellers.map((seller) => `store:${platformId}:${seller}`));
    const warned = new Set(warnings.map((w) => w.target));
    const codes = warnings.reduce(
      (n, w) => n + (JSON.parse(w.explanation) as { found: { codes: number } }).found.codes,
      0,
    );
    return {
      ms,
      foldMs: report.fold.ms,
      foldOrders: report.fold.orders,
      signalMs: s.ms,
      fired: s.fired,
      candidates,
      warnings: warnings.length,
      expected: expected.size,
      matched: [...warned].filter((w) => expected.has(w)).length,
      codes,
    };
  } finally {
    await gw.close();
  }
}

// ---------------------------------------------------------------------------------------------------

interface Built {
  built_at: string;
  truth: Truth;
  generated: { bytes: number; seconds: number };
  main: FilingRun;
  later: FilingRun;
  compare: { with: CompareRun; without: CompareRun };
  /** The key of the platform, to start the gateway on the folder again. */
  key: string;
}

async function build(dir: string): Promise<{ built: Built; gw: Gateway }> {
  const work = tempDir('trace-files', args.tmp);
  try {
    let t = performance.now();
    const g = generate(work);
    const genSeconds = (performance.now() - t) / 1000;
    const tr = g.truth;
    log(
      `generated ${fmtInt(tr.orders)} orders, ${fmtInt(tr.codes)} codes (${(g.bytes / 1024 ** 2).toFixed(0)} MiB of NDJSON, ` +
        `${g.main.length} filings) in ${genSeconds.toFixed(1)} s; later filing: ${fmtInt(tr.refundedOrders)} orders ` +
        `refunded (${fmtInt(tr.returned.length)} codes resold by the same store), ${fmtInt(tr.resoldElsewhere.length)} ` +
        `codes resold by ${fmtInt(tr.resellers.length)} other stores: ${fmtInt(tr.laterOrders)} orders, ${fmtInt(tr.laterCodes)} codes`,
    );

    log(`compare: ${fmtInt(COMPARE)} orders without codes, then with ${fmtInt(COMPARE_CODES)} codes`);
    const without = await compareRun(g, false);
    log(
      `  without codes: ${fmtInt(rates(without).ordersPerSecond)} orders/s, ${fmtFixed(rates(without).cpuMicrosPerOrder, 1)} CPU µs an order, ` +
        `${fmtFixed(rates(without).diskKiBPerOrder, 1)} KiB written an order, database +${fmtFixed(without.growth / 1e6, 1)} MB`,
    );
    const withCodes = await compareRun(g, true);
    log(
      `  with codes:    ${fmtInt(rates(withCodes).ordersPerSecond)} orders/s, ${fmtFixed(rates(withCodes).cpuMicrosPerOrder, 1)} CPU µs an order, ` +
        `${fmtFixed(rates(withCodes).diskKiBPerOrder, 1)} KiB written an order, database +${fmtFixed(withCodes.growth / 1e6, 1)} MB`,
    );

    log(`filing ${fmtInt(tr.orders)} orders with ${fmtInt(tr.codes)} codes to a fresh gateway in ${dir}`);
    const gw = await startGateway(dir, args.profile);
    try {
      const main = await fileOrders(gw, g.sellers, g.main, { orders: tr.orders, codes: tr.codes }, 'main');
      log(
        `  ${fmtInt(rates(main).ordersPerSecond)} orders/s, ${fmtInt(rates(main).codesPerSecond)} codes/s ` +
          `(${main.seconds.toFixed(0)} s), ${fmtFixed(rates(main).cpuMicrosPerOrder, 1)} CPU µs an order, ` +
          `${fmtFixed(rates(main).diskKiBPerOrder, 1)} KiB written to storage an order`,
      );
      t = performance.now();
      if (g.later.length === 0)
        throw new Error(
          'no code was sold again: raise --codes or --duplicates (the signal needs something to find)',
        );
      const receipt = await post(gw, 'transactions', fileBody(g.later[0]!));
      const laterSeconds = (performance.now() - t) / 1000;
      if (
        receipt.counts.created !== tr.laterOrders - tr.refundedOrders ||
        receipt.counts.updated !== tr.refundedOrders
      )
        throw new Error(`later filing: ${JSON.stringify(receipt.counts)}`);
      const later: FilingRun = {
        orders: tr.laterOrders,
        codes: tr.laterCodes,
        seconds: laterSeconds,
        cpuSeconds: Number.NaN,
        diskWrites: Number.NaN,
        filings: [tr.laterOrders / laterSeconds],
        peakRssMiB: procMemoryMiB(gw.child.pid, 'VmHWM'),
        dbBefore: Number.NaN,
      };
      log(
        `  later filing: ${fmtInt(receipt.counts.created)} created, ${fmtInt(receipt.counts.updated)} updated ` +
          `(refunds) in ${laterSeconds.toFixed(1)} s`,
      );
      const built: Built = {
        built_at: new Date().toISOString(),
        truth: tr,
        generated: { bytes: g.bytes, seconds: genSeconds },
        main,
        later,
        compare: { with: withCodes, without },
        key: gw.key,
      };
      return { built, gw };
    } catch (err) {
      await stopChild(gw.child);
      throw err;
    }
  } finally {
    removeDir(work);
  }
}

async function main() {
  requireIntegers([
    ['--codes', CODES, 1],
    ['--codes-per-order', PER_ORDER, 1],
    ['--connections', CONNECTIONS, 1],
    ['--seconds', SECONDS, 1],
    ['--warmup', WARMUP, 0],
    ['--slice', SLICE, 1],
    ['--sellers', SELLERS, 2],
    ['--filing', FILING, 1],
    ['--compare-orders', COMPARE, 1],
  ]);
  if (!(DUPLICATES >= 0 && DUPLICATES < 0.5)) throw new Error('--duplicates must be a share from 0 to 0.5');
  const started = performance.now();
  const startedAt = new Date();
  console.log(`bench:trace on ${machine()}`);
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );

  const cacheDir = path.join(
    args.tmp ?? os.tmpdir(),
    'marketgate-bench-trace-cache',
    `c${CODES}-k${PER_ORDER}-s${SELLERS}-f${FILING}-cmp${COMPARE}-d${DUPLICATES}-seed${SEED}-v${BUILD_VERSION}`,
  );
  const marker = path.join(cacheDir, 'built.json');
  let dir: string;
  let built: Built;
  let gw: Gateway;
  if (args.reuse && fs.existsSync(marker)) {
    dir = cacheDir;
    built = JSON.parse(fs.readFileSync(marker, 'utf8')) as Built;
    log(`reusing the data folder filed at ${built.built_at} in ${dir} (the filing figures are that run's)`);
    gw = await startChild(dir, built.key, args.profile);
  } else {
    if (args.reuse) {
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.mkdirSync(cacheDir, { recursive: true });
      dir = cacheDir;
    } else {
      dir = tempDir('trace', args.tmp);
    }
    ({ built, gw } = await build(dir));
    if (args.reuse) fs.writeFileSync(marker, JSON.stringify(built));
  }
  const truth = built.truth;

  let load: Awaited<ReturnType<typeof lookups>>;
  let peakRss: number;
  try {
    await settle();
    log(`lookups: ${CONNECTIONS} connections`);
    load = await lookups(gw.child.url, gw.child.pid, truth);
    peakRss = procMemoryMiB(gw.child.pid, 'VmHWM');
  } finally {
    await stopChild(gw.child);
  }

  let t = performance.now();
  const objects = dbstat(gw.dbFile);
  const dbstatSeconds = (performance.now() - t) / 1000;
  const rows = (() => {
    const db = new Database(gw.dbFile, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM trace_sales').pluck().get() as number;
    } finally {
      db.close();
    }
  })();
  const expectedRows = truth.codes + truth.laterCodes - truth.returned.length;
  if (rows !== expectedRows) throw new Error(`trace_sales holds ${rows} rows, not ${expectedRows}`);
  const traceTable = objects.find((o) => o.name === 'trace_sales')?.bytes ?? 0;
  const traceIndex = objects.find((o) => o.name === 'trace_sales_order')?.bytes ?? 0;
  const dbFileBytes = fs.statSync(gw.dbFile).size;
  log(
    `dbstat over the whole file (${fmtFixed(dbFileBytes / 1e9, 2)} GB) in ${dbstatSeconds.toFixed(1)} s; ` +
      `largest: ${objects
        .slice(0, 6)
        .map((o) => `${o.name} ${fmtFixed(o.bytes / 1e6, 0)} MB`)
        .join(', ')}`,
  );

  log('duplicate_trace_code, in this process, the gateway stopped');
  t = performance.now();
  const sig = await signal(dir, truth);
  log(
    `  runRisk ${fmtFixed(sig.ms / 1000, 1)} s: fold of ${fmtInt(sig.foldOrders)} orders ${fmtFixed(sig.foldMs / 1000, 1)} s, ` +
      `signal ${fmtFixed(sig.signalMs / 1000, 2)} s over ${fmtInt(sig.candidates)} codes with more than one row; ` +
      `opening and closing the gateway included: ${fmtFixed((performance.now() - t) / 1000, 1)} s`,
  );

  // --- the report
  const m = rates(built.main);
  const cw = built.compare.with;
  const co = built.compare.without;
  const ratio = rates(cw).ordersPerSecond / rates(co).ordersPerSecond;
  const compareCodes = cw.codes;
  const lookupRate = (s: RouteStats) => s.latencies.length / s.seconds;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const tl = sorted(load.trace.latencies);
  const hl = sorted(load.health.latencies);
  const p = (xs: number[], q: number) => fmtFixed(percentile(xs, q), 1);
  const summary = [
    [
      '1. filing, codes (HTTP)',
      `${fmtInt(built.main.orders)} orders, ${fmtInt(built.main.codes)} codes in ${fmtInt(built.main.seconds)} s: ` +
        `**${fmtInt(m.ordersPerSecond)} orders/s, ${fmtInt(m.codesPerSecond)} codes/s**; ${fmtFixed(m.cpuMicrosPerOrder, 0)} CPU µs and ` +
        `${fmtFixed(m.diskKiBPerOrder, 1)} KiB written to storage an order; ` +
        `filings ${fmtInt(built.main.filings[0]!)} → ${fmtInt(built.main.filings.at(-1)!)} orders/s (first → last)`,
    ],
    [
      '2. with codes / without',
      `${fmtInt(COMPARE)} orders: ${fmtInt(rates(cw).ordersPerSecond)} / ${fmtInt(rates(co).ordersPerSecond)} orders/s = **${fmtFixed(ratio, 3)}**; ` +
        `CPU µs an order ${fmtFixed(rates(cw).cpuMicrosPerOrder, 0)} / ${fmtFixed(rates(co).cpuMicrosPerOrder, 0)}; ` +
        `KiB written an order ${fmtFixed(rates(cw).diskKiBPerOrder, 1)} / ${fmtFixed(rates(co).diskKiBPerOrder, 1)}`,
    ],
    [
      '3. bytes a code, trace_sales',
      `table ${fmtFixed(traceTable / rows, 1)} + index ${fmtFixed(traceIndex / rows, 1)} = **${fmtFixed((traceTable + traceIndex) / rows, 1)}** ` +
        `(${fmtInt(rows)} rows, ${fmtFixed((traceTable + traceIndex) / 1e6, 0)} MB)`,
    ],
    [
      '3. bytes a code, whole database',
      `**${fmtFixed((cw.growth - co.growth) / compareCodes, 1)}** (${fmtInt(COMPARE)} orders: +${fmtFixed(cw.growth / 1e6, 1)} MB with ` +
        `${fmtInt(compareCodes)} codes, +${fmtFixed(co.growth / 1e6, 1)} MB without); whole file ${fmtFixed(dbFileBytes / 1e9, 2)} GB after the full run`,
    ],
    [
      '4. GET /public/trace/drug/{code}',
      `**p50 ${p(tl, 50)} ms, p99 ${p(tl, 99)} ms, ${fmtInt(lookupRate(load.trace))} requests/s** (${CONNECTIONS} connections, closed loop)`,
    ],
    [
      '4. GET /healthz, same run',
      `p50 ${p(hl, 50)} ms, p99 ${p(hl, 99)} ms, ${fmtInt(lookupRate(load.health))} requests/s; ratio ${fmtFixed(lookupRate(load.trace) / lookupRate(load.health), 3)}`,
    ],
    [
      '5. duplicate_trace_code',
      `**${fmtFixed(sig.signalMs / 1000, 2)} s** over ${fmtInt(rows)} rows (${fmtInt(sig.candidates)} codes sold more than once); ` +
        `runRisk's fold of the ${fmtInt(sig.foldOrders)} orders first: ${fmtFixed(sig.foldMs / 1000, 1)} s`,
    ],
    [
      '5. warnings / seeded',
      `**${fmtInt(sig.warnings)} warnings, ${fmtInt(sig.matched)} of the ${fmtInt(sig.expected)} stores expected**, naming ${fmtInt(sig.codes)} codes ` +
        `of the ${fmtInt(truth.resoldElsewhere.length)} sold again by another store; ${fmtInt(truth.returned.length)} codes returned and ` +
        `resold by the same store: not counted`,
    ],
    [
      'gateway peak RSS',
      `${fmtInt(peakRss)} MiB (filing ${fmtInt(built.main.peakRssMiB)} MiB; compare runs ${fmtInt(co.peakRssMiB)} / ${fmtInt(cw.peakRssMiB)} MiB)`,
    ],
    ['total run time', `${fmtFixed((performance.now() - started) / 60_000, 1)} min`],
  ];
  console.log(
    `\nbench:trace, ${startedAt.toISOString().slice(0, 16)}Z, ${machine()}\n\n${table(['figure', 'value'], summary)}`,
  );
  const errors = [...load.trace.statuses, ...load.health.statuses].filter(([status]) => status !== 200);
  console.log(
    `\nthe check by the code's kind:\n\n${table(
      ['code', 'responses', 'share', 'p50 ms', 'p99 ms', 'bytes/response'],
      BUCKETS.map((bucket, i) => {
        const b = load.trace.buckets[i]!;
        const xs = sorted(b.latencies);
        return [
          bucket.name,
          fmtInt(xs.length),
          `${fmtFixed((100 * xs.length) / tl.length, 1)}%`,
          p(xs, 50),
          p(xs, 99),
          fmtInt(b.bytes / xs.length),
        ];
      }),
    )}`,
  );
  console.log(`
gateway CPU      ${fmtFixed((1e6 * load.trace.gatewayCpu) / (tl.length + load.trace.errors), 0)} µs a check, ${fmtFixed((1e6 * load.health.gatewayCpu) / (hl.length + load.health.errors), 0)} µs a healthz (all its threads)
client CPU       ${fmtFixed((100 * load.trace.clientCpu) / load.trace.seconds, 0)}% of a core during the checks (this process, undici)
errors           ${errors.length ? errors.map(([status, n]) => `${status === -1 ? 'failed' : status}: ${n}`).join(', ') : 'none'}
filings          ${built.main.filings.map((r) => fmtInt(r)).join(', ')} orders/s
later filing     ${fmtInt(built.later.orders)} orders (${fmtInt(truth.refundedOrders)} refunds), ${fmtInt(built.later.codes)} codes in ${fmtFixed(built.later.seconds, 1)} s
generated        ${fmtFixed(built.generated.bytes / 1024 ** 2, 0)} MiB of NDJSON in ${fmtFixed(built.generated.seconds, 0)} s (not timed)
trace objects    ${objects
    .filter((o) => o.name.startsWith('trace_'))
    .map((o) => `${o.name} ${fmtFixed(o.bytes / 1e6, 1)} MB`)
    .join(', ')} (compare run with codes: ${fmtFixed(cw.traceBytes / compareCodes, 1)} bytes a code)`);
  if (args.reuse) console.log(`\nthe filed data folder stays in ${dir} (--reuse); remove it when done`);
  else removeDir(dir);
}

await main();
