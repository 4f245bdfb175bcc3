/**
 * npm run bench:risk [-- --sellers 20000 --orders 1000000 --increment 100000 --platforms 3 --seed 1
 *                       --filing 100000 --tmp DIR --keep]
 *
 * The risk signals (issue 15) on a generated market: how long a full run and an incremental run take, how
 * much memory they need, and how well each signal finds what was planted (precision and recall).
 *
 * Building (in this process, before anything is timed; its phases are printed):
 * - the market: fixtures/generate/market.ts with --seed, seen at the minute the bench starts: --sellers
 *   stores on --platforms platforms, --orders orders over the last 60 days (natural persons selling now
 *   and then: over the year) and an increment of --increment orders on the last days, with anomalies of
 *   every signal planted among honest look-alikes, and the ground truth;
 * - a fresh data folder; the platforms (addPlatform); every platform's created_at set a year back, since
 *   a platform created in the current half-year owes no seller filing yet;
 * - sellers, then orders in filings of --filing orders, through the gateway's own filing path (the
 *   checker, then the filing writer, in this process: checkWorkers 0): the filing throughput printed is
 *   orders / the time spent checking and writing (the generator's time left out, and printed apart);
 * - the late filer: that platform's seller filings are dated before the half-year (UPDATE filings SET
 *   received_at = ... WHERE kind = 'sellers' AND platform_id = ...), as if it had not filed since;
 * - complaints lodged with lodgeComplaint (what POST /public/complaints calls) at their submission time;
 *   penalties and list entries with recordPenalty and enterList (a stub crawl runner: enterList's urgent
 *   crawl is not started); compliant verifications with recordVerification.
 *
 * Timed, each in a child process of its own (`--run-risk`, which opens the gateway and calls runRisk),
 * so that its peak memory is the run's own: the wall time of runRisk (folding the filings not yet folded,
 * then the six signals), its resident set sampled every 100 ms from /proc and its maxRSS.
 * 1. the full run, at the market's `now`;
 * 2. after filing the increment (one filing a platform), the incremental run, a minute later (so that
 *    the warnings it saw are those with that last_seen).
 * Precision and recall: the warnings a run saw (risk_warnings by last_seen), by target (store, subject or
 * platform: the truth's stores and subjects mapped through the sellers table) against the planted ones.
 * False positives are broken down by the look-alike they are (or "other").
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Verification } from '../../crawlers/verify/verification.ts';
import {
  generateMarket,
  type Market,
  RISK_SIGNALS,
  type RiskTarget,
  type StoreRef,
} from '../../fixtures/generate/market.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import type { ComplaintCategory } from '../../src/complaints/terms.ts';
import { lodgeComplaint } from '../../src/complaints/service.ts';
import { loadConfig } from '../../src/config.ts';
import { type CreditGateway, enterList, recordPenalty } from '../../src/credit/service.ts';
import type { Checked, Checker } from '../../src/filings/intake.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { chinaToday, utcNow } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { runRisk, type RiskRunReport } from '../../src/risk/run.ts';
import { sellerChecker } from '../../src/sellers/file-sellers.ts';
import { transactionChecker } from '../../src/transactions/file-transactions.ts';
import { recordVerification } from '../../src/verification/service.ts';
import { fmtFixed, fmtInt, machine, procMemoryMiB, REPO_ROOT, removeDir, table, tempDir } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    sellers: { type: 'string', default: '20000' },
    orders: { type: 'string', default: '1000000' },
    increment: { type: 'string', default: '100000' },
    platforms: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    filing: { type: 'string', default: '100000' },
    tmp: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // The child that runs the signals: the data folder and the moment.
    'run-risk': { type: 'string' },
    now: { type: 'string' },
  },
});
const TARGETS = { precision: 0.9, recall: 0.9, fullSeconds: 60, incrementalSeconds: 10 };
const MINUTE = 60_000;
process.umask(0o077);

const config = (dir: string) => loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 });

// ---------------------------------------------------------------------------------------------------
// The timed run, in a child process
// ---------------------------------------------------------------------------------------------------

interface ChildResult {
  ms: number;
  report: RiskRunReport;
  rssBeforeMiB: number;
  maxRssMiB: number;
}

async function childRun(dir: string, now: string): Promise<void> {
  const gw = openGateway(config(dir));
  try {
    const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
    const t = performance.now();
    const report = runRisk(gw, { now: new Date(now) });
    const ms = performance.now() - t;
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `${JSON.stringify({ ms, report, rssBeforeMiB, maxRssMiB } satisfies ChildResult)}\n`,
    );
  } finally {
    await gw.close();
  }
}

/** Runs the signals in a child, sampling its resident set from here (the child is busy: it cannot). */
function timedRun(dir: string, now: Date): Promise<ChildResult & { sampledPeakMiB: number }> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', self, '--run-risk', dir, '--now', now.toISOString()],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, procMemoryMiB(child.pid!, 'VmRSS'));
    } catch {
      // the child has exited between two samples
    }
  }, 100);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`the risk run exited with ${code}:\n${stderr}`));
      const line = stdout.trim().split('\n').at(-1) ?? '';
      resolve({ ...(JSON.parse(line) as ChildResult), sampledPeakMiB: peak });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Building the data folder
// ---------------------------------------------------------------------------------------------------

interface FilingClock {
  filing: number;
  generating: number;
}

/** An iterator that can say whether anything is left before the next filing is begun. */
function peekable<T>(it: Iterator<T>) {
  let head = it.next();
  return {
    get done() {
      return head.done === true;
    },
    next(): IteratorResult<T> {
      const current = head;
      if (!current.done) head = it.next();
      return current;
    },
  };
}

/** Files records through the gateway's filing path: the checker, then the filing writer, in batches of 500. */
async function file(
  gw: Gateway,
  kind: 'sellers' | 'transactions',
  platform: { id: number; slug: string },
  records: Iterator<Record<string, unknown>>,
  limit: number,
  clock: FilingClock,
): Promise<number> {
  const check: Checker = kind === 'sellers' ? sellerChecker(gw.keys) : transactionChecker();
  const filingId = newId();
  const now = new Date();
  const t = performance.now();
  await gw.writer.begin({ filingId, kind, platform, receivedAt: utcNow(), idempotencyKey: null });
  let batch: Checked<unknown>[] = [];
  let line = 0;
  while (line < limit) {
    const g = performance.now();
    const next = records.next();
    clock.generating += performance.now() - g;
    if (next.done) break;
    batch.push(check({ position: { line: ++line }, value: next.value }, now));
    if (batch.length === 500) {
      await gw.writer.take(filingId, batch);
      batch = [];
    }
  }
  if (batch.length) await gw.writer.take(filingId, batch);
  const { signed } = await gw.writer.finish(filingId, { bodySha256: '0'.repeat(64), atomic: false });
  clock.filing += performance.now() - t;
  if (signed.counts.rejected !== 0) throw new Error(`${kind} rejected: ${JSON.stringify(signed.counts)}`);
  return line;
}

/** Files each platform's orders of one part, in filings of at most `size` orders. */
async function fileOrders(gw: Gateway, market: Market, part: 'main' | 'increment', size: number) {
  const clock: FilingClock = { filing: 0, generating: 0 };
  let orders = 0;
  let filings = 0;
  for (const p of market.platforms) {
    const platform = { id: gw.accounts.platformBySlug(p.slug)!.id, slug: p.slug };
    const stream = peekable(market.orders(p.slug, part));
    while (!stream.done) {
      orders += await file(gw, 'transactions', platform, stream, size, clock);
      filings++;
    }
  }
  // The generator's time was counted inside the filing's: taken out.
  return {
    orders,
    filings,
    seconds: (clock.filing - clock.generating) / 1000,
    generating: clock.generating / 1000,
  };
}

interface StoreRow {
  platform_id: number;
  seller_id: string;
  subject_id: string;
  seller_version: number;
  store_url: string;
  legal_name: string;
  uscc: string | null;
}

function storesOf(gw: Gateway): Map<string, StoreRow> {
  const rows = gw.db
    .prepare<[], StoreRow & { slug: string }>(
      `SELECT p.slug, s.platform_id, s.seller_id, s.subject_id, s.version AS seller_version, s.store_url,
              s.legal_name, sub.uscc
       FROM sellers s JOIN platforms p ON p.id = s.platform_id JOIN subjects sub ON sub.id = s.subject_id`,
    )
    .all();
  return new Map(rows.map((r) => [`${r.slug}/${r.seller_id}`, r]));
}

/** What the crawler records of a visit that found the filed name and code on the page. */
function compliantVerification(store: StoreRow, at: Date): Verification {
  const started = new Date(at.getTime() - 1500).toISOString();
  const filed = { name: store.legal_name, uscc: store.uscc };
  const size = 24_000 + ((store.seller_id.length * 997) % 20_000);
  return {
    url: store.store_url,
    final_url: store.store_url,
    status: 200,
    verdict: 'compliant',
    detail: 'The page shows the filed name and code.',
    mode: 'static',
    found: {
      names: [store.legal_name],
      usccs: store.uscc ? [{ code: store.uscc, valid: true, source: 'text' }] : [],
      registration_numbers: [],
      license_links: [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison: { name: 'match', uscc: store.uscc ? 'match' : 'not_filed', filed, shown: filed },
    trust_marks: [],
    marks: [],
    marks_violation: false,
    evidence: {
      raw: {
        sha256: createHash('sha256').update(`${store.store_url}${at.toISOString()}`).digest('hex'),
        size,
        media_type: 'text/html; charset=utf-8',
      },
    },
    truncated: false,
    retries: 0,
    visits: [
      {
        kind: 'page',
        url: store.store_url,
        attempt: 1,
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': String(size) },
        started_at: started,
        timings_ms: { headers: 120, total: 640 },
      },
    ],
    crawler: {
      name: 'marketgate-crawler',
      version: '0.1.0',
      user_agent: 'marketgate-crawler/0.1 (+https://marketgate.example.cn/crawler)',
    },
    started_at: started,
    finished_at: at.toISOString(),
  };
}

const AUTHORITIES = [
  ['杭州市市场监督管理局', '杭市监'],
  ['上海市市场监督管理局', '沪市监'],
  ['深圳市市场监督管理局', '深市监'],
] as const;

/** Penalties and list entries, each with the verb a regulator's action calls, at its own moment. */
function recordCredit(gw: Gateway, market: Market, stores: Map<string, StoreRow>, actor: string): number {
  // enterList queues an urgent crawl of the listed subject's stores: its row is written, nothing runs it.
  const crawls = { schedule: () => undefined } as unknown as Gateway['crawls'];
  const cg: CreditGateway = { ...gw, crawls };
  let decision = 0;
  for (const c of market.credit) {
    const store = stores.get(`${c.store.platform}/${c.store.seller_id}`)!;
    if (c.action === 'abnormal_list') {
      enterList(
        cg,
        'abnormal',
        {
          subject_id: store.subject_id,
          reason: '通过登记的住所或者经营场所无法联系',
          legal_basis: '《企业经营异常名录管理暂行办法》第四条',
        },
        actor,
        c.at,
      );
      continue;
    }
    const [authority, short] = AUTHORITIES[decision % AUTHORITIES.length]!;
    const penalty = recordPenalty(
      cg,
      {
        decision_number: `${short}罚〔${c.at.getUTCFullYear()}〕${++decision}号`,
        subject_id: store.subject_id,
        store: { platform_id: store.platform_id, seller_id: store.seller_id },
        authority,
        facts: `当事人经营的网店“${store.store_url}”以虚构交易、编造用户评价等方式进行虚假宣传。`,
        legal_basis: '《中华人民共和国电子商务法》第十七条、第八十一条第一款第四项',
        penalty: '警告，罚款人民币十万元',
        severity: c.severity,
        sector: 'general',
        decided_on: chinaToday(c.at),
        publish: c.published,
      },
      actor,
      c.at,
    );
    if (c.action === 'serious_list')
      enterList(
        cg,
        'serious',
        {
          subject_id: store.subject_id,
          reason: '因虚假宣传受到较重行政处罚',
          legal_basis: '《市场监督管理严重违法失信名单管理办法》第九条',
          penalty_id: penalty.id,
        },
        actor,
        new Date(c.at.getTime() + 3 * 86_400_000),
      );
  }
  return market.credit.length;
}

async function build(dir: string, market: Market) {
  const gw = openGateway(config(dir));
  try {
    for (const p of market.platforms) addPlatform(gw.accounts, p);
    const yearAgo = new Date(market.now.getTime() - 365 * 86_400_000).toISOString();
    gw.db.prepare('UPDATE platforms SET created_at = ?').run(yearAgo);
    const regulator = addRegulator(gw.accounts, { name: 'bench-risk' });
    const actor = `regulator:${gw.accounts.regulatorByName(regulator.name)!.id}`;

    let t = performance.now();
    const clock: FilingClock = { filing: 0, generating: 0 };
    let sellers = 0;
    for (const p of market.platforms) {
      const platform = { id: gw.accounts.platformBySlug(p.slug)!.id, slug: p.slug };
      sellers += await file(gw, 'sellers', platform, market.sellers[p.slug]!.values(), Infinity, clock);
    }
    if (market.lateFiler) {
      const id = gw.accounts.platformBySlug(market.lateFiler.platform)!.id;
      gw.db
        .prepare("UPDATE filings SET received_at = ? WHERE kind = 'sellers' AND platform_id = ?")
        .run(market.lateFiler.filedAt.toISOString(), id);
    }
    console.log(`  sellers: ${fmtInt(sellers)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const main = await fileOrders(gw, market, 'main', Number(args.filing));
    console.log(
      `  orders: ${fmtInt(main.orders)} in ${main.filings} filings: ${main.seconds.toFixed(1)} s checking and ` +
        `writing (${fmtInt(main.orders / main.seconds)} orders/s), ${main.generating.toFixed(1)} s generating`,
    );

    t = performance.now();
    const stores = storesOf(gw);
    for (const c of market.complaints) {
      lodgeComplaint(
        gw,
        {
          platform: c.store.platform,
          seller_id: c.store.seller_id,
          order_id: c.order_id ?? undefined,
          category: c.category as ComplaintCategory,
          description: c.description,
          amount_minor: null,
          currency: null,
          complainant: c.complainant,
          publish_consent: false,
        },
        c.submitted_at,
      );
    }
    const credit = recordCredit(gw, market, stores, actor);
    for (const v of market.verifications) {
      const store = stores.get(`${v.store.platform}/${v.store.seller_id}`)!;
      recordVerification(gw, null, store, compliantVerification(store, v.at), v.at);
    }
    console.log(
      `  ${fmtInt(market.complaints.length)} complaints, ${credit} penalties and list entries, ` +
        `${fmtInt(market.verifications.length)} verifications in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    gw.db.pragma('wal_checkpoint(TRUNCATE)');
    return { main, ids: idsOf(gw) };
  } finally {
    await gw.close();
  }
}

async function fileIncrement(dir: string, market: Market) {
  const gw = openGateway(config(dir));
  try {
    return await fileOrders(gw, market, 'increment', Number.MAX_SAFE_INTEGER);
  } finally {
    await gw.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------

interface Ids {
  platform: Map<string, number>;
  subject: Map<string, string>;
}

function idsOf(gw: Gateway): Ids {
  const platform = new Map(
    gw.db
      .prepare<[], { slug: string; id: number }>('SELECT slug, id FROM platforms')
      .all()
      .map((p) => [p.slug, p.id]),
  );
  const subject = new Map(
    gw.db
      .prepare<[], { slug: string; seller_id: string; subject_id: string }>(
        'SELECT p.slug, s.seller_id, s.subject_id FROM sellers s JOIN platforms p ON p.id = s.platform_id',
      )
      .all()
      .map((s) => [`${s.slug}/${s.seller_id}`, s.subject_id]),
  );
  return { platform, subject };
}

/** The warning target a truth entry stands for, as risk_warnings.target spells it. */
function targetOf(t: RiskTarget, ids: Ids): string {
  if (t.seller_id) return `store:${ids.platform.get(t.platform!)}:${t.seller_id}`;
  if (t.subject_store) {
    const s: StoreRef = t.subject_store;
    return `subject:${ids.subject.get(`${s.platform}/${s.seller_id}`)}`;
  }
  return `platform:${ids.platform.get(t.platform!)}`;
}

interface SignalScore {
  signal: string;
  planted: number;
  warned: number;
  truePositives: number;
  falsePositives: Record<string, number>;
  missed: Record<string, number>;
}

function score(dir: string, market: Market, ids: Ids, seenAt: Date): SignalScore[] {
  const db = new Database(path.join(dir, 'marketgate.db'), { readonly: true });
  try {
    const warned = db
      .prepare<[string], { signal: string; target: string }>(
        'SELECT signal, target FROM risk_warnings WHERE last_seen = ?',
      )
      .all(seenAt.toISOString());
    return RISK_SIGNALS.map((signal) => {
      const truth = new Map(
        market.truth.filter((t) => t.signal === signal).map((t) => [targetOf(t, ids), t.kind]),
      );
      const looks = new Map(
        market.lookAlikes.filter((t) => t.signal === signal).map((t) => [targetOf(t, ids), t.kind]),
      );
      const mine = new Set(warned.filter((w) => w.signal === signal).map((w) => w.target));
      const falsePositives: Record<string, number> = {};
      const missed: Record<string, number> = {};
      let truePositives = 0;
      for (const target of mine) {
        if (truth.has(target)) truePositives++;
        else {
          const kind = looks.get(target) ?? 'other';
          falsePositives[kind] = (falsePositives[kind] ?? 0) + 1;
        }
      }
      for (const [target, kind] of truth) if (!mine.has(target)) missed[kind] = (missed[kind] ?? 0) + 1;
      return { signal, planted: truth.size, warned: mine.size, truePositives, falsePositives, missed };
    });
  } finally {
    db.close();
  }
}

const ratio = (n: number, d: number) => (d === 0 ? Number.NaN : n / d);
const fmtRatio = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(3));
const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '-';

function scoreTable(scores: SignalScore[]): string {
  return table(
    ['signal', 'planted', 'warned', 'true positives', 'precision', 'recall'],
    scores.map((s) => [
      s.signal,
      fmtInt(s.planted),
      fmtInt(s.warned),
      fmtInt(s.truePositives),
      fmtRatio(ratio(s.truePositives, s.warned)),
      fmtRatio(ratio(s.truePositives, s.planted)),
    ]),
  );
}

function countBy(targets: RiskTarget[]): string {
  const counts = new Map<string, number>();
  for (const t of targets)
    counts.set(`${t.signal}: ${t.kind}`, (counts.get(`${t.signal}: ${t.kind}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `  ${k} ${n}`).join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const sizes = {
    sellers: Number(args.sellers),
    orders: Number(args.orders),
    incrementOrders: Number(args.increment),
    platforms: Number(args.platforms),
    seed: Number(args.seed),
  };
  for (const [name, value] of Object.entries({ ...sizes, filing: Number(args.filing) }))
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  console.log(`bench:risk on ${machine()}\n`);

  const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  let t = performance.now();
  const market = generateMarket({ now, ...sizes });
  console.log(
    `market (seed ${sizes.seed}, seen at ${now.toISOString()}): ${fmtInt(sizes.sellers)} stores on ${sizes.platforms} ` +
      `platforms, planned in ${((performance.now() - t) / 1000).toFixed(1)} s; increment from ${market.incrementFrom.toISOString()}`,
  );
  console.log(`planted:\n${countBy(market.truth)}\nlook-alikes:\n${countBy(market.lookAlikes)}\n`);

  // tempDir's folders are removed when the process exits: --keep makes one of its own.
  const dir = args.keep
    ? fs.mkdtempSync(path.join(args.tmp ?? os.tmpdir(), 'marketgate-bench-risk-'))
    : tempDir('risk', args.tmp);
  console.log(`building in ${dir}`);
  t = performance.now();
  const built = await build(dir, market);
  console.log(`  built in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);

  const full = await timedRun(dir, now);
  const fullScores = score(dir, market, built.ids, now);
  const increment = await fileIncrement(dir, market);
  console.log(
    `increment: ${fmtInt(increment.orders)} orders in ${increment.filings} filings, ${increment.seconds.toFixed(1)} s ` +
      `(${fmtInt(increment.orders / increment.seconds)} orders/s)`,
  );
  const later = new Date(now.getTime() + MINUTE);
  const incremental = await timedRun(dir, later);
  const incrementalScores = score(dir, market, built.ids, later);

  for (const [name, run, scores] of [
    ['full run', full, fullScores],
    ['incremental run', incremental, incrementalScores],
  ] as const) {
    const r = run.report;
    console.log(
      `\n### ${name}: ${(run.ms / 1000).toFixed(1)} s; peak RSS ${fmtInt(run.maxRssMiB)} MiB (maxRSS; sampled ` +
        `${fmtInt(run.sampledPeakMiB)}, ${fmtInt(run.rssBeforeMiB)} before the run)\n`,
    );
    console.log(
      `fold: ${fmtInt(r.fold.filings)} filings, ${fmtInt(r.fold.orders)} orders, ${fmtInt(r.fold.sellers)} sellers in ` +
        `${fmtFixed(r.fold.ms / 1000, 1)} s; signals: ${r.signals
          .map(
            (s) =>
              `${s.signal} ${fmtFixed(s.ms / 1000, 1)} s (${s.fired} fired, ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged)`,
          )
          .join('; ')}\n`,
    );
    console.log(scoreTable(scores));
    for (const s of scores) {
      if (Object.keys(s.falsePositives).length + Object.keys(s.missed).length === 0) continue;
      console.log(`  ${s.signal}: false positives: ${listed(s.falsePositives)}; missed: ${listed(s.missed)}`);
    }
  }

  const b = built.main;
  console.log(`
filing (build) ${fmtInt(b.orders)} orders in ${b.filings} filings of up to ${fmtInt(Number(args.filing))}: ${fmtInt(
    b.orders / b.seconds,
  )} orders/s checking and writing in-process (generation apart)
`);
  const targets: [string, boolean][] = [
    [
      `full run under ${TARGETS.fullSeconds} s (${(full.ms / 1000).toFixed(1)} s)`,
      full.ms < TARGETS.fullSeconds * 1000,
    ],
    [
      `incremental run under ${TARGETS.incrementalSeconds} s (${(incremental.ms / 1000).toFixed(1)} s)`,
      incremental.ms < TARGETS.incrementalSeconds * 1000,
    ],
  ];
  for (const [name, scores] of [
    ['full run', fullScores],
    ['incremental run', incrementalScores],
  ] as const) {
    for (const s of scores) {
      const p = ratio(s.truePositives, s.warned);
      const r = ratio(s.truePositives, s.planted);
      targets.push([
        `${name}, ${s.signal}: precision and recall ≥ ${TARGETS.precision} (${fmtRatio(p)}, ${fmtRatio(r)})`,
        p >= TARGETS.precision && r >= TARGETS.recall,
      ]);
    }
  }
  for (const [what, met] of targets) console.log(`target: ${what} -> ${met ? 'MET' : 'NOT MET'}`);
  if (args.keep) console.log(`\nthe data folder stays in ${dir} (--keep); remove it when done`);
  else removeDir(dir);
}

if (args['run-risk']) await childRun(args['run-risk'], args.now ?? new Date().toISOString());
else await main();
