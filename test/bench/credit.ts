/**
 * npm run bench:credit [-- --subjects 100000 --connections 100 --seconds 20 --warmup 3 --slice 5
 *                         --rate 0 --seed 1 --tmp DIR --reuse --profile DIR]
 *
 * The public credit page under load: GET /public/credit/subjects/{id} of a `marketgate serve` child on a
 * database of --subjects market subjects with a realistic mix of credit records, against the trivial
 * GET /healthz of the same server in the same run.
 *
 * Building the database (in this process, before anything is timed; its phases are printed):
 * - sellers: generated (fixtures/generate/sellers.ts) and filed through the gateway's own filing path
 *   (sellerChecker, then the filing writer, as an HTTP filing would be): one store per subject on
 *   platform A, and 5% of the subjects filed again by platform B (one subject, two stores);
 * - credit records, with the functions the routes and the crawler call (recordPenalty, overturnPenalty,
 *   repairPenalty, enterList, removeFromList, fileCommitment, issueMark, recordVerification with
 *   recordVerification), in transactions of 500 subjects, each subject's actions in time order over
 *   the last 2.5 years. About 80% of the subjects have no credit event (40% of those a compliant
 *   verification, a quarter of those a trust mark); the rest have verification findings, complaint
 *   events (the complaint workflow does not write credit events yet: written to the ledger directly,
 *   with generated ids), penalties (90% published, some overturned or repaired), abnormal-list entries
 *   (some removed after repair), serious-list entries (on a published non-minor penalty) and
 *   commitments; 0.2% of the subjects have 50-200 events (weekly crawls finding the same fault,
 *   complaints, penalties);
 * - enterList starts an urgent crawl of the listed subject's stores: the builder hands it the gateway
 *   with a stub crawl runner that starts nothing (the rest of enterList runs as it is);
 * - every score recomputed at the end (rescoreAll), as the first sweep of a day does; the child then runs
 *   with MARKETGATE_SWEEP_MINUTES=0, so that no sweep runs during the measurement.
 * With --reuse the built data folder is kept under --tmp (default: the system's temp folder), keyed by
 * the parameters, and used again by the next run with the same parameters; without it, it is removed.
 *
 * Timed: --connections keep-alive connections (undici Pool, one request in flight on each, the next sent
 * as soon as the previous response's last byte is read: a closed loop, as wrk or autocannon do) from
 * this process to the gateway child. Latency: from pool.request() to the last byte of the body. After a
 * --warmup of each route, the two routes alternate in slices of --slice seconds (credit, healthz, healthz,
 * credit, ...) until each has had --seconds; requests/s = 200 responses / the slices' time. The subject of
 * each credit request: 90% any subject, 7% one with a credit event, 3% one with 50 events or more.
 * With --rate R the load is an open loop instead: R requests/s on schedule over the same connections,
 * latency from each request's scheduled moment (see runSlice in lib.ts); requests/s is then R, not a capacity.
 * Also: the gateway's CPU time per request (all its threads, /proc), this process's CPU (the client's
 * share of the machine), the gateway's peak RSS, the database size, and, before the load, the page built
 * in this process without HTTP (publicSubjectView + JSON.stringify, one at a time, same subject mix).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import type { MarkVerdict } from '../../crawlers/marks/types.ts';
import type { Verdict } from '../../crawlers/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { generateSellers } from '../../fixtures/generate/sellers.ts';
import { type Random, seededRandom } from '../../fixtures/generate/random.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { recordVerification } from '../../src/verification/service.ts';
import type { CreditSeverity } from '../../src/credit/model.ts';
import type { Sector } from '../../src/credit/rules.ts';
import {
  type CreditGateway,
  enterList,
  fileCommitment,
  overturnPenalty,
  recordPenalty,
  removeFromList,
  repairPenalty,
  rescoreAll,
} from '../../src/credit/service.ts';
import { publicSubjectView } from '../../src/credit/views.ts';
import type { Checked } from '../../src/filings/intake.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { chinaToday, utcNow } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { issueMark } from '../../src/marks/service.ts';
import { sellerChecker } from '../../src/sellers/file-sellers.ts';
import type { PendingStore } from '../../src/verification/store.ts';
import {
  fmtFixed,
  fmtInt,
  machine,
  newRouteStats,
  percentile,
  procMemoryMiB,
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
    subjects: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    slice: { type: 'string', default: '5' },
    rate: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const SUBJECTS = Number(args.subjects);
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const SLICE = Number(args.slice);
const RATE = Number(args.rate);
const LOOP = RATE === 0 ? 'closed loop' : `open loop at ${RATE} requests/s`;
const SEED = Number(args.seed);
/** Bumped whenever the builder changes what it builds: a cached folder of another version is not reused. */
const BUILD_VERSION = 1;
const TARGET_P99_MS = 20;
/** The gateway's public URL, the same for the builder and the child: kept pages carry it (mark links). */
const PUBLIC_URL = 'https://gateway.bench.example';
const DAY = 86_400_000;
const PLATFORM_A = { slug: 'bench-mall', name: '示例商城', uscc: '91330106673959654P' };
const PLATFORM_B = { slug: 'bench-market', name: '示例集市', uscc: '91110108795101314G' };
const SECOND_PLATFORM_SHARE = 0.05;
const HEAVY_SHARE = 0.002;
const TROUBLED_SHARE = 0.2;
const HEAVY_EVENTS = 50;
process.umask(0o077);

// ---------------------------------------------------------------------------------------------------
// Building the database
// ---------------------------------------------------------------------------------------------------

interface Store extends PendingStore {
  status: string;
  kind: string;
}

interface Subject {
  id: string;
  stores: Store[];
}

/** Files sellers through the gateway's filing path, in this process: checker, then the filing writer. */
async function fileSellers(
  gw: Gateway,
  platform: { id: number; slug: string },
  records: Iterable<Record<string, unknown>>,
) {
  const check = sellerChecker(gw.keys);
  const filingId = newId();
  const now = new Date();
  await gw.writer.begin({ filingId, kind: 'sellers', platform, receivedAt: utcNow(), idempotencyKey: null });
  let batch: Checked<unknown>[] = [];
  let line = 0;
  for (const value of records) {
    batch.push(check({ position: { line: ++line }, value }, now));
    if (batch.length === 500) {
      await gw.writer.take(filingId, batch);
      batch = [];
    }
  }
  if (batch.length) await gw.writer.take(filingId, batch);
  const { signed } = await gw.writer.finish(filingId, { bodySha256: '0'.repeat(64), atomic: false });
  if (signed.counts.rejected !== 0) throw new Error(`sellers rejected: ${JSON.stringify(signed.counts)}`);
  return signed.counts;
}

const AUTHORITIES = [
  ['杭州市市场监督管理局', '杭市监'],
  ['上海市市场监督管理局', '沪市监'],
  ['广州市市场监督管理局', '穗市监'],
  ['深圳市市场监督管理局', '深市监'],
  ['北京市市场监督管理局', '京市监'],
  ['成都市市场监督管理局', '成市监'],
] as const;
const PENALTY_CASES = [
  {
    facts: '在其网店首页未持续公示营业执照信息及与其经营业务有关的行政许可信息',
    basis: '《中华人民共和国电子商务法》第十五条、第七十六条第一款第一项',
    penalty: '责令限期改正，罚款人民币五千元',
  },
  {
    facts: '在网店商品详情页对商品的功效作虚假的商业宣传，欺骗、误导消费者',
    basis: '《中华人民共和国反不正当竞争法》第八条第一款、第二十条第一款',
    penalty: '责令停止违法行为，罚款人民币二十万元',
  },
  {
    facts: '通过网络销售超过保质期的预包装食品，货值金额人民币三千二百元',
    basis: '《中华人民共和国食品安全法》第三十四条第十项、第一百二十四条第一款第五项',
    penalty: '没收违法所得人民币三千二百元，罚款人民币五万元',
  },
  {
    facts: '销售的商品经抽样检验不合格，以不合格产品冒充合格产品',
    basis: '《中华人民共和国产品质量法》第三十九条、第五十条',
    penalty: '没收违法销售的产品，罚款人民币货值金额二倍',
  },
  {
    facts: '以虚构交易、编造用户评价等方式进行虚假宣传',
    basis: '《中华人民共和国电子商务法》第十七条、第八十一条第一款第四项',
    penalty: '警告，罚款人民币十万元',
  },
] as const;

/** A plausible stored verification: what the crawler would have recorded for one static visit. */
function verificationOf(
  r: Random,
  store: Store,
  verdict: Verdict,
  finishedAt: Date,
  options: { usccMismatch?: boolean; badMark?: MarkVerdict } = {},
): Verification {
  const started = new Date(finishedAt.getTime() - r.int(800, 6000));
  const origin = new URL(store.store_url).origin;
  const filed = { name: store.legal_name, uscc: store.uscc };
  let names: string[] = [];
  let usccs: Verification['found']['usccs'] = [];
  let comparison: Verification['comparison'];
  let detail: string;
  if (verdict === 'compliant') {
    names = [store.legal_name];
    usccs = store.uscc ? [{ code: store.uscc, valid: true, source: 'text' }] : [];
    comparison = {
      name: 'match',
      uscc: store.uscc ? 'match' : 'not_filed',
      filed,
      shown: { name: store.legal_name, uscc: store.uscc },
    };
    detail = 'The page shows the filed name and code.';
  } else if (verdict === 'identity_missing') {
    comparison = {
      name: 'absent',
      uscc: store.uscc ? 'absent' : 'not_filed',
      filed,
      shown: { name: null, uscc: null },
    };
    detail = 'The page shows no business identity: neither a name nor a unified social credit code.';
  } else {
    names = ['某某商贸有限公司'];
    const other = options.usccMismatch || !store.uscc ? '91110108795101314G' : `${store.uscc.slice(0, 17)}X`;
    usccs = [{ code: other, valid: options.usccMismatch === true || !store.uscc, source: 'text' }];
    comparison = {
      name: 'mismatch',
      uscc: !store.uscc ? 'not_filed' : options.usccMismatch ? 'mismatch' : 'invalid_check_character',
      filed,
      shown: { name: names[0]!, uscc: other },
    };
    detail = options.usccMismatch
      ? 'The page shows the valid code of another company.'
      : 'The page shows a code that differs from the filed one.';
  }
  const headers = (type: string, length: number) => ({
    'content-type': type,
    'content-length': String(length),
    server: 'nginx',
    date: started.toUTCString(),
    'cache-control': 'no-cache',
  });
  const size = r.int(19_000, 60_000);
  const raw = createHash('sha256').update(`${store.seller_id}${finishedAt.toISOString()}`).digest('hex');
  return {
    url: store.store_url,
    final_url: store.store_url,
    status: 200,
    verdict,
    detail,
    mode: 'static',
    found: {
      names,
      usccs,
      registration_numbers: [],
      license_links: store.uscc ? [{ href: `${store.store_url}/license`, code: store.uscc }] : [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison,
    trust_marks: options.badMark
      ? [
          {
            href: 'https://trust.example.org/v?sn=TM-2041',
            text: '可信网店',
            issuerHost: 'trust.example.org',
            attributes: {},
          },
        ]
      : [],
    marks: options.badMark
      ? [
          {
            verdict: options.badMark,
            issuer: 'trust.example.org',
            id: 'TM-2041',
            reason: `The mark is ${options.badMark}.`,
          },
        ]
      : [],
    marks_violation: options.badMark !== undefined,
    evidence: { raw: { sha256: raw, size, media_type: 'text/html; charset=utf-8' } },
    truncated: false,
    retries: 0,
    visits: [
      {
        kind: 'robots',
        url: `${origin}/robots.txt`,
        attempt: 1,
        status: 200,
        headers: headers('text/plain', 120),
        started_at: started.toISOString(),
        timings_ms: { headers: r.int(5, 80), total: r.int(80, 120) },
      },
      {
        kind: 'page',
        url: store.store_url,
        attempt: 1,
        status: 200,
        headers: headers('text/html; charset=utf-8', size),
        started_at: new Date(started.getTime() + 1000).toISOString(),
        timings_ms: { headers: r.int(20, 400), total: r.int(400, 1500) },
      },
    ],
    crawler: {
      name: 'marketgate-crawler',
      version: '0.1.0',
      user_agent: 'marketgate-crawler/0.1 (+https://marketgate.example.cn/crawler)',
    },
    started_at: started.toISOString(),
    finished_at: finishedAt.toISOString(),
  };
}

interface Tally {
  crawlsSkipped: number;
  actions: number;
}

/**
 * Builds the credit records of every subject, in time order per subject. The actions call the gateway's
 * service functions as the routes do, with `now` set to the moment the action happened.
 */
function buildCredit(gw: Gateway, subjects: Subject[], actor: string, seed: number, tally: Tally): void {
  const r = seededRandom(seed * 7919 + 17);
  const NOW = Date.now();
  // enterList creates the crawl in its transaction and then schedules it: the crawl stays queued here.
  const crawls = {
    schedule: () => void tally.crawlsSkipped++,
  } as unknown as Gateway['crawls'];
  const cg: CreditGateway = { ...gw, crawls };
  let decision = 0;
  const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY - r.int(0, 86_399) * 1000);
  const later = (t: Date, days: number) => new Date(Math.min(NOW, t.getTime() + days * DAY));
  const pickStore = (s: Subject) => s.stores[r.int(0, s.stores.length - 1)]!;

  type Action = { at: Date; run: () => void };

  const verify = (
    store: Store,
    when: Date,
    verdict: Verdict,
    options: Parameters<typeof verificationOf>[4] = {},
  ) =>
    ({
      at: when,
      run: () => {
        const v = verificationOf(r, store, verdict, when, options);
        recordVerification(gw, null, store, v, when);
      },
    }) satisfies Action;

  const badVerification = (store: Store, when: Date) => {
    const missing = r.chance(0.6);
    return verify(store, when, missing ? 'identity_missing' : 'identity_mismatch', {
      usccMismatch: !missing && r.chance(0.5),
      badMark: r.chance(0.1) ? r.pick(['forged', 'copied', 'expired', 'revoked'] as const) : undefined,
    });
  };

  const complaint = (store: Store, when: Date): Action => ({
    at: when,
    run: () => {
      const late = r.chance(0.2);
      gw.credit.record(
        {
          subject_id: store.subject_id,
          platform_id: store.platform_id,
          seller_id: store.seller_id,
          kind: late ? 'complaint_response_late' : 'complaint_substantiated',
          severity: late ? 'minor' : r.chance(0.7) ? 'minor' : 'moderate',
          source: 'complaint',
          source_id: newId(),
          occurred_at: when.toISOString(),
          counts_until: null,
          public: true,
          cancels: null,
        },
        when,
      );
    },
  });

  /** A penalty decided at `when`: recorded, published (most), perhaps overturned or repaired later. */
  const penalty = (
    subject: Subject,
    when: Date,
    severity: CreditSeverity,
    then?: (penaltyId: string, publishedAt: Date) => void,
  ): Action => ({
    at: when,
    run: () => {
      const store = pickStore(subject);
      const [authority, short] = r.pick(AUTHORITIES);
      const c = r.pick(PENALTY_CASES);
      const publish = then !== undefined || r.chance(0.9);
      const recordedAt = later(when, r.int(2, 25));
      const p = recordPenalty(
        cg,
        {
          decision_number: `${short}罚〔${when.getUTCFullYear()}〕${++decision}号`,
          subject_id: subject.id,
          store: r.chance(0.8) ? { platform_id: store.platform_id, seller_id: store.seller_id } : undefined,
          authority,
          facts: `当事人${store.legal_name}经营的网店“${store.store_url}”${c.facts}。`,
          legal_basis: c.basis,
          penalty: c.penalty,
          severity,
          sector: r.pick(['general', 'general', 'general', 'food', 'drugs', 'special_equipment'] as Sector[]),
          decided_on: chinaToday(when),
          publish,
        },
        actor,
        recordedAt,
      );
      if (!publish) return;
      if (then) return then(p.id, recordedAt);
      if (r.chance(0.04)) {
        const overturned = later(recordedAt, r.int(10, 120));
        overturnPenalty(
          cg,
          p.id,
          { overturned_on: chinaToday(overturned), reason: '行政复议决定撤销原处罚决定' },
          actor,
          overturned,
        );
      } else if (severity !== 'minor' && r.chance(0.1)) {
        const repaired = new Date(recordedAt.getTime() + r.int(380, 500) * DAY);
        if (repaired.getTime() <= NOW)
          repairPenalty(cg, p.id, { reason: '已履行行政处罚决定并完成整改，申请信用修复' }, actor, repaired);
      }
    },
  });

  const severityRoll = (): CreditSeverity => {
    const x = r.next();
    return x < 0.45 ? 'minor' : x < 0.85 ? 'moderate' : 'serious';
  };

  const commitment = (store: Store, when: Date): Action => ({
    at: when,
    run: () => {
      fileCommitment(
        cg,
        { platform_id: store.platform_id, seller_id: store.seller_id },
        {
          text: '本经营者承诺遵守《中华人民共和国电子商务法》等法律法规，如实公示经营者信息，诚信经营，接受社会监督。',
          signatory: store.legal_name,
          signed_on: chinaToday(new Date(when.getTime() - 2 * DAY)),
        },
        when,
      );
    },
  });

  const abnormal = (subject: Subject, when: Date): Action => ({
    at: when,
    run: () => {
      const { entry } = enterList(
        cg,
        'abnormal',
        {
          subject_id: subject.id,
          reason: r.pick(['通过登记的住所或者经营场所无法联系', '未按照规定期限公示年度报告']),
          legal_basis: '《企业经营异常名录管理暂行办法》第四条',
        },
        actor,
        when,
      );
      if (r.chance(0.1)) {
        const repaired = new Date(when.getTime() + r.int(30, 300) * DAY);
        if (repaired.getTime() <= NOW)
          removeFromList(cg, entry.id, { reason: 'repaired', note: '已补报年度报告并公示' }, actor, repaired);
      }
    },
  });

  const serious = (subject: Subject, when: Date): Action =>
    penalty(subject, when, r.chance(0.5) ? 'serious' : 'moderate', (penaltyId, publishedAt) => {
      const entered = later(publishedAt, r.int(1, 30));
      enterList(
        cg,
        'serious',
        {
          subject_id: subject.id,
          reason: '因虚假宣传受到较重行政处罚',
          legal_basis: '《市场监督管理严重违法失信名单管理办法》第九条',
          penalty_id: penaltyId,
        },
        actor,
        entered,
      );
    });

  function actionsOf(subject: Subject): Action[] {
    const main = subject.stores[0]!;
    const roll = r.next();
    const actions: Action[] = [];
    if (roll < HEAVY_SHARE) {
      // A few subjects with a long record: weekly crawls finding the same fault, complaints, penalties.
      const total = r.int(HEAVY_EVENTS, 200);
      const penalties = r.int(1, 3);
      const verifications = Math.round((total - penalties) * 0.6);
      for (let i = 0; i < penalties; i++) actions.push(penalty(subject, at(r.int(30, 900)), 'moderate'));
      for (let i = 0; i < verifications; i++)
        actions.push(badVerification(pickStore(subject), at(r.int(1, 730))));
      for (let i = 0; i < total - penalties - verifications; i++)
        actions.push(complaint(pickStore(subject), at(r.int(1, 730))));
    } else if (roll < TROUBLED_SHARE) {
      const has = {
        verification: r.chance(0.45),
        complaints: r.chance(0.3),
        penalties: r.chance(0.3),
        abnormal: r.chance(0.15),
        serious: r.chance(0.04),
        commitment: r.chance(0.2),
      };
      if (!has.complaints && !has.penalties && !has.abnormal && !has.serious) has.verification = true;
      if (has.verification) {
        const times = Array.from({ length: r.int(1, 3) }, () => at(r.int(10, 700))).sort((a, b) => +a - +b);
        for (const t of times) actions.push(badVerification(main, t));
        if (r.chance(0.3)) actions.push(verify(main, later(times.at(-1)!, r.int(7, 60)), 'compliant'));
      }
      if (has.complaints)
        for (let i = r.int(1, 5); i > 0; i--) actions.push(complaint(pickStore(subject), at(r.int(1, 700))));
      if (has.penalties)
        for (let i = r.int(1, 2); i > 0; i--)
          actions.push(penalty(subject, at(r.int(30, 900)), severityRoll()));
      if (has.abnormal) actions.push(abnormal(subject, at(r.int(1, 900))));
      if (has.serious) actions.push(serious(subject, at(r.int(60, 800))));
      if (has.commitment)
        for (let i = r.int(1, 2); i > 0; i--) actions.push(commitment(pickStore(subject), at(r.int(1, 700))));
    } else if (r.chance(0.4)) {
      // Clean: a compliant verification, and for some active stores a trust mark on it.
      const verified = at(r.int(1, 90));
      actions.push(verify(main, verified, 'compliant'));
      if (main.status === 'active' && r.chance(0.25)) {
        actions.push({
          at: later(verified, 1),
          run: () =>
            void issueMark(
              gw,
              { platformId: main.platform_id, sellerId: main.seller_id, days: 365, issuedBy: actor },
              later(verified, 1),
            ),
        });
      }
    }
    return actions.sort((a, b) => +a.at - +b.at);
  }

  for (let from = 0; from < subjects.length; from += 500) {
    gw.db.transaction(() => {
      for (const subject of subjects.slice(from, from + 500))
        for (const action of actionsOf(subject)) {
          action.run();
          tally.actions++;
        }
    })();
  }
}

interface BuildSummary {
  version: number;
  subjects: number;
  seed: number;
  built_at: string;
  seconds: { sellers: number; credit: number; rescore: number };
  filed: { a: number; b: number };
  credit_actions: number;
  crawls_not_started: number;
}

async function buildDatabase(dir: string): Promise<BuildSummary> {
  const gw = openGateway(
    loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0, publicUrl: PUBLIC_URL }),
  );
  try {
    addPlatform(gw.accounts, PLATFORM_A);
    addPlatform(gw.accounts, PLATFORM_B);
    const regulator = addRegulator(gw.accounts, { name: 'bench-inspector' });
    const actor = `regulator:${gw.accounts.regulatorByName(regulator.name)!.id}`;
    const platformOf = (slug: string) => ({ id: gw.accounts.platformBySlug(slug)!.id, slug });

    let t = performance.now();
    const copies: Record<string, unknown>[] = [];
    const pick = seededRandom(SEED + 101);
    function* sellersA() {
      for (const { record } of generateSellers({ count: SUBJECTS, seed: SEED, idPrefix: 'A' })) {
        if (pick.chance(SECOND_PLATFORM_SHARE)) {
          const sellerId = `M${String(record.seller_id).slice(1)}`;
          const { license_url: _drop, ...rest } = record;
          copies.push({
            ...rest,
            seller_id: sellerId,
            store_name: `${String(record.store_name)}（集市店）`,
            store_url: `https://market.example.cn/shop/${sellerId.toLowerCase()}`,
          });
        }
        yield record;
      }
    }
    const a = await fileSellers(gw, platformOf(PLATFORM_A.slug), sellersA());
    const b = await fileSellers(gw, platformOf(PLATFORM_B.slug), copies);
    const sellersSeconds = (performance.now() - t) / 1000;
    console.log(
      `  sellers: ${fmtInt(a.created)} filed by ${PLATFORM_A.slug}, ${fmtInt(b.created)} of the same subjects by ` +
        `${PLATFORM_B.slug}, in ${sellersSeconds.toFixed(1)} s (in-process checker and filing writer)`,
    );

    const bySubject = new Map<string, Subject>();
    const rows = gw.db
      .prepare<[], Store>(
        `SELECT 0 AS ord, s.platform_id, p.slug AS platform, s.seller_id, s.subject_id, s.version AS seller_version,
                s.store_url, s.legal_name, sub.uscc, s.status, sub.kind
         FROM sellers s JOIN platforms p ON p.id = s.platform_id JOIN subjects sub ON sub.id = s.subject_id
         ORDER BY s.platform_id, s.seller_id`,
      )
      .all();
    for (const row of rows) {
      const subject = bySubject.get(row.subject_id);
      if (subject) subject.stores.push(row);
      else bySubject.set(row.subject_id, { id: row.subject_id, stores: [row] });
    }

    t = performance.now();
    const tally: Tally = { crawlsSkipped: 0, actions: 0 };
    buildCredit(gw, [...bySubject.values()], actor, SEED, tally);
    const creditSeconds = (performance.now() - t) / 1000;
    console.log(`  credit records: ${fmtInt(tally.actions)} actions in ${creditSeconds.toFixed(1)} s`);

    t = performance.now();
    rescoreAll(gw);
    const rescoreSeconds = (performance.now() - t) / 1000;
    console.log(`  every score recomputed (rescoreAll) in ${rescoreSeconds.toFixed(1)} s`);
    gw.db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      version: BUILD_VERSION,
      subjects: SUBJECTS,
      seed: SEED,
      built_at: new Date().toISOString(),
      seconds: { sellers: sellersSeconds, credit: creditSeconds, rescore: rescoreSeconds },
      filed: { a: a.created, b: b.created },
      credit_actions: tally.actions,
      crawls_not_started: tally.crawlsSkipped,
    };
  } finally {
    await gw.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// What was built
// ---------------------------------------------------------------------------------------------------

interface Population {
  /** Every subject id; the groups below are indexes into it. */
  ids: string[];
  events: Int32Array;
  withEvents: number[];
  heavy: number[];
}

function describe(dir: string): Population {
  const file = path.join(dir, 'marketgate.db');
  const db = new Database(file, { readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const rows = db
      .prepare<[], { id: string; n: number }>(
        `SELECT sub.id, (SELECT count(*) FROM credit_events e WHERE e.subject_id = sub.id) AS n
         FROM subjects sub ORDER BY sub.id`,
      )
      .all();
    const population: Population = {
      ids: rows.map((row) => row.id),
      events: Int32Array.from(rows, (row) => row.n),
      withEvents: [],
      heavy: [],
    };
    rows.forEach((row, i) => {
      if (row.n > 0) population.withEvents.push(i);
      if (row.n >= HEAVY_EVENTS) population.heavy.push(i);
    });
    const events = count('SELECT count(*) FROM credit_events');
    const max = rows.reduce((m, row) => Math.max(m, row.n), 0);
    const pct = (n: number) => `${((100 * n) / rows.length).toFixed(1)}%`;
    const clean = rows.length - population.withEvents.length;
    console.log(
      [
        `  subjects: ${fmtInt(rows.length)} (${fmtInt(count('SELECT count(*) FROM sellers'))} stores); ` +
          `no credit event: ${fmtInt(clean)} (${pct(clean)}); with events: ${fmtInt(population.withEvents.length)}; ` +
          `with ${HEAVY_EVENTS}+: ${fmtInt(population.heavy.length)} (max ${max})`,
        `  credit events: ${fmtInt(events)} (${count("SELECT count(*) FROM credit_events WHERE source = 'verification'")} ` +
          `from verifications, ${count("SELECT count(*) FROM credit_events WHERE source = 'complaint'")} from complaints, ` +
          `${count("SELECT count(*) FROM credit_events WHERE kind = 'correction'")} corrections)`,
        `  penalties: ${fmtInt(count('SELECT count(*) FROM penalties'))} (published ${fmtInt(
          count('SELECT count(*) FROM penalties WHERE published_at IS NOT NULL'),
        )}, withdrawn ${count('SELECT count(*) FROM penalties WHERE withdrawn_at IS NOT NULL')}, repaired ${count(
          'SELECT count(*) FROM penalties WHERE repaired_at IS NOT NULL',
        )}); open list entries: abnormal ${fmtInt(
          count("SELECT count(*) FROM list_entries WHERE list = 'abnormal' AND removed_at IS NULL"),
        )}, serious ${fmtInt(count("SELECT count(*) FROM list_entries WHERE list = 'serious' AND removed_at IS NULL"))}` +
          `; commitments ${fmtInt(count('SELECT count(*) FROM commitments'))}`,
        `  verifications: ${fmtInt(count('SELECT count(*) FROM verifications'))}; marks: ${fmtInt(
          count('SELECT count(*) FROM marks WHERE revoked_at IS NULL'),
        )} unrevoked; stored scores: ${fmtInt(count('SELECT count(*) FROM credit_scores'))}; audit entries: ${fmtInt(
          count('SELECT count(*) FROM audit_log'),
        )}`,
      ].join('\n'),
    );
    const bytes =
      fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    const tables = db
      .prepare<[], { name: string; bytes: number }>(
        `SELECT coalesce(m.tbl_name, d.name) AS name, sum(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
      )
      .all();
    const mb = (n: number) => (n / 1e6).toFixed(1);
    console.log(
      `  database: ${mb(bytes)} MB (${fmtInt(bytes / rows.length)} bytes a subject); largest tables with their ` +
        `indexes: ${tables.map((x) => `${x.name} ${mb(x.bytes)}`).join(', ')} MB`,
    );
    return population;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The load
// ---------------------------------------------------------------------------------------------------

const BUCKETS = ['no event', `1-${HEAVY_EVENTS - 1} events`, `${HEAVY_EVENTS}+ events`] as const;

/** The load's shape (see runSlice in lib.ts): closed loop when RATE is 0, open loop at RATE otherwise. */
const LOAD = { connections: CONNECTIONS, rate: RATE };

const newStats = (): RouteStats => newRouteStats(BUCKETS.length);

/** The subject of the next credit request: 90% any, 7% one with an event, 3% one with 50 or more. */
function pickSubject(population: Population): { index: number; bucket: number } {
  const pick = (group: number[]) => group[Math.floor(Math.random() * group.length)]!;
  const x = Math.random();
  const index =
    x < 0.03 && population.heavy.length
      ? pick(population.heavy)
      : x < 0.1 && population.withEvents.length
        ? pick(population.withEvents)
        : Math.floor(Math.random() * population.ids.length);
  const events = population.events[index]!;
  return { index, bucket: events === 0 ? 0 : events < HEAVY_EVENTS ? 1 : 2 };
}

/**
 * Keeps every subject's public page (the kept pages of src/credit/pages.ts), as `marketgate credit pages`
 * does: the pages missing or out of date, a batch at a time. With --reuse, only what is missing.
 */
async function keepPages(dir: string) {
  const gw = openGateway(
    loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0, publicUrl: PUBLIC_URL }),
  );
  try {
    const t = performance.now();
    const built = gw.creditPages.fillAll();
    if (!gw.creditPages.flush()) throw new Error('the kept pages could not be written: database busy');
    const seconds = (performance.now() - t) / 1000;
    const bytes = gw.db
      .prepare(
        "SELECT sum(pgsize) FROM dbstat WHERE name IN ('credit_pages', 'sqlite_autoindex_credit_pages_1')",
      )
      .pluck()
      .get() as number;
    console.log(
      `kept pages: ${fmtInt(built)} built in ${seconds.toFixed(1)} s (${fmtInt(built / Math.max(seconds, 1e-9))}/s); ` +
        `the kept pages take ${fmtFixed(bytes / 1e6, 1)} MB of the database`,
    );
    gw.db.pragma('wal_checkpoint(TRUNCATE)');
    return new Date();
  } finally {
    await gw.close();
  }
}

/**
 * The page without HTTP, in this process, one after another, on the same subject mix: built from the
 * records (publicSubjectView + JSON.stringify, what a page costs without kept pages), then as the route
 * serves it (the kept page and the score of the moment). What one core could serve if HTTP cost nothing.
 */
async function viewInProcess(dir: string, population: Population, pages: number) {
  const gw = openGateway(
    loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0, publicUrl: PUBLIC_URL }),
  );
  try {
    const ways = [
      [
        'built (publicSubjectView + JSON.stringify)',
        (id: string) => JSON.stringify(publicSubjectView(gw, id)),
      ],
      ['kept (creditPages.json)', (id: string) => gw.creditPages.json(id)],
    ] as const;
    for (const [name, page] of ways) {
      const buckets = BUCKETS.map(() => [] as number[]);
      const all: number[] = [];
      for (let n = 0; n < pages + 1000; n++) {
        const { index, bucket } = pickSubject(population);
        const t0 = performance.now();
        page(population.ids[index]!);
        const us = (performance.now() - t0) * 1000;
        if (n < 1000) continue; // warm-up
        all.push(us);
        buckets[bucket]!.push(us);
      }
      const summary = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        return `mean ${mean.toFixed(0)} µs, p50 ${percentile(sorted, 50).toFixed(0)}, p99 ${percentile(sorted, 99).toFixed(0)}`;
      };
      const mean = all.reduce((a, b) => a + b, 0) / all.length;
      console.log(
        `in-process page, ${name}, no HTTP, ${fmtInt(pages)} pages of the same mix: ` +
          `${summary(all)} -> ${fmtInt(1e6 / mean)} pages/s on one core\n` +
          BUCKETS.map((bucket, i) => `  ${bucket}: ${summary(buckets[i]!)}`).join('\n'),
      );
    }
    const { hits, builds } = gw.creditPages.stats;
    if (builds !== 0 || hits !== pages + 1000) {
      throw new Error(
        `kept pages: expected every kept page to be a hit, got ${hits} hits and ${builds} builds`,
      );
    }
  } finally {
    await gw.close();
  }
}

async function measure(url: string, pid: number, population: Population) {
  const credit: Route = {
    name: 'GET /public/credit/subjects/{id}',
    next() {
      const { index, bucket } = pickSubject(population);
      return { path: `/public/credit/subjects/${population.ids[index]}`, bucket };
    },
  };
  const health: Route = { name: 'GET /healthz', next: () => ({ path: '/healthz', bucket: 0 }) };

  // One look at the heaviest page first: it must answer, and say what it is about.
  const most = population.events.reduce((m, n) => Math.max(m, n), 0);
  const heaviest = population.ids[population.events.indexOf(most)]!;
  const res = await fetch(`${url}/public/credit/subjects/${heaviest}`);
  const page = await res.text();
  if (res.status !== 200) throw new Error(`the credit page answered ${res.status}: ${page.slice(0, 300)}`);
  const view = JSON.parse(page) as { subject_id: string; credit: { explanation: unknown[]; tier: string } };
  if (view.subject_id !== heaviest) throw new Error('the credit page is about another subject');
  console.log(
    `heaviest page: ${most} events, ${view.credit.explanation.length} public lines ` +
      `in the explanation, tier ${view.credit.tier}, ${fmtInt(page.length)} characters`,
  );

  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    await runSlice(pool, pid, credit, WARMUP * 1000, null, LOAD);
    await runSlice(pool, pid, health, WARMUP * 1000, null, LOAD);
    console.log(
      `warmed up (${WARMUP} s each); ${pool.stats.connected} connections open; measuring ${SECONDS} s a route ` +
        `in slices of ${SLICE} s, alternating, ${LOOP}\n`,
    );
    const stats = new Map<Route, RouteStats>([
      [credit, newStats()],
      [health, newStats()],
    ]);
    for (let round = 0, done = 0; done < SECONDS; round++) {
      const ms = Math.min(SLICE, SECONDS - done) * 1000;
      for (const route of round % 2 ? [health, credit] : [credit, health]) {
        await runSlice(pool, pid, route, ms, stats.get(route)!, LOAD);
      }
      done += ms / 1000;
    }
    return { credit: stats.get(credit)!, health: stats.get(health)!, routes: [credit, health] as const };
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  requireIntegers([
    ['--subjects', SUBJECTS, 1],
    ['--connections', CONNECTIONS, 1],
    ['--seconds', SECONDS, 1],
    ['--warmup', WARMUP, 0],
    ['--slice', SLICE, 1],
    ['--rate', RATE, 0],
  ]);
  console.log(`bench:credit on ${machine()}`);
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );

  const cacheDir = path.join(
    args.tmp ?? os.tmpdir(),
    'marketgate-bench-credit-cache',
    `s${SUBJECTS}-seed${SEED}-v${BUILD_VERSION}`,
  );
  const marker = path.join(cacheDir, 'built.json');
  let dir: string;
  let summary: BuildSummary;
  if (args.reuse && fs.existsSync(marker)) {
    dir = cacheDir;
    summary = JSON.parse(fs.readFileSync(marker, 'utf8')) as BuildSummary;
    console.log(`reusing the database built at ${summary.built_at} in ${dir}`);
  } else {
    if (args.reuse) {
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.mkdirSync(cacheDir, { recursive: true });
      dir = cacheDir;
    } else {
      dir = tempDir('credit', args.tmp);
    }
    console.log(`building ${fmtInt(SUBJECTS)} subjects (seed ${SEED}) in ${dir}`);
    summary = await buildDatabase(dir);
    if (args.reuse) fs.writeFileSync(marker, JSON.stringify(summary, null, 2));
  }
  const b = summary.seconds;
  console.log(
    `  built in ${(b.sellers + b.credit + b.rescore).toFixed(0)} s (sellers ${b.sellers.toFixed(0)}, credit ` +
      `${b.credit.toFixed(0)}, rescore ${b.rescore.toFixed(0)}); urgent crawls enterList would have started: ` +
      `${summary.crawls_not_started}`,
  );
  const keptAt = await keepPages(dir);
  const population = describe(dir);
  await viewInProcess(dir, population, 5000);

  await settle();
  const child = await startGatewayChild(dir, {
    env: {
      MARKETGATE_LOG_LEVEL: 'silent',
      MARKETGATE_PUBLIC_URL: PUBLIC_URL,
      MARKETGATE_SWEEP_MINUTES: '0',
      MARKETGATE_CRAWL_EVERY_MINUTES: '0',
      // Every connection comes from 127.0.0.1: the per-address limit of the public routes would refuse
      // nearly all of the load. Counted still (the cost measured), never reached.
      MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE: '1000000000',
    },
    nodeArgs: args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [],
  });
  let result: Awaited<ReturnType<typeof measure>>;
  let peakRss: number;
  try {
    result = await measure(child.url, child.pid, population);
    peakRss = procMemoryMiB(child.pid, 'VmHWM');
  } finally {
    const code = await child.stop();
    if (code !== 0 && code !== null) console.error(`gateway exited with ${code}:\n${child.stderr()}`);
  }

  const rebuilt = (() => {
    const db = new Database(path.join(dir, 'marketgate.db'), { readonly: true });
    try {
      return db
        .prepare('SELECT count(*) FROM credit_pages WHERE built_at > ?')
        .pluck()
        .get(keptAt.toISOString()) as number;
    } finally {
      db.close();
    }
  })();

  const rows: string[][] = [];
  const rate = (s: RouteStats) => s.latencies.length / s.seconds;
  for (const [route, s] of [
    [result.routes[0], result.credit],
    [result.routes[1], result.health],
  ] as const) {
    const sorted = [...s.latencies].sort((x, y) => x - y);
    const mean = s.latencies.reduce((sum, x) => sum + x, 0) / s.latencies.length;
    rows.push([
      route.name,
      fmtInt(s.latencies.length),
      fmtInt(rate(s)),
      fmtFixed(mean, 1),
      fmtFixed(percentile(sorted, 50), 1),
      fmtFixed(percentile(sorted, 90), 1),
      fmtFixed(percentile(sorted, 99), 1),
      fmtFixed(sorted.at(-1) ?? Number.NaN, 1),
      fmtInt(s.errors),
      fmtFixed(s.bytes / s.latencies.length / 1024, 2),
      fmtFixed((1e6 * s.gatewayCpu) / (s.latencies.length + s.errors), 0),
      `${fmtFixed((100 * s.clientCpu) / s.seconds, 0)}%`,
    ]);
  }
  console.log(
    table(
      [
        'route',
        'responses',
        'requests/s',
        'mean ms',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'errors',
        'KiB/response',
        'gateway CPU µs/request',
        'client CPU',
      ],
      rows,
    ),
  );
  const c = result.credit;
  const total = c.latencies.length;
  console.log(
    `\nthe credit page by the subject's number of credit events:\n\n${table(
      ['subject', 'responses', 'share', 'p50 ms', 'p99 ms', 'KiB/response'],
      BUCKETS.map((name, i) => {
        const sorted = [...c.buckets[i]!.latencies].sort((x, y) => x - y);
        return [
          name,
          fmtInt(sorted.length),
          `${fmtFixed((100 * sorted.length) / total, 1)}%`,
          fmtFixed(percentile(sorted, 50), 1),
          fmtFixed(percentile(sorted, 99), 1),
          fmtFixed(c.buckets[i]!.bytes / sorted.length / 1024, 2),
        ];
      }),
    )}`,
  );
  const ratio = rate(c) / rate(result.health);
  const errors = [...c.statuses, ...result.health.statuses].filter(([status]) => status !== 200);
  const p99 = percentile(
    [...c.latencies].sort((x, y) => x - y),
    99,
  );
  console.log(`
ratio            credit page requests/s / healthz requests/s, same server, same run: ${
    RATE === 0 ? ratio.toFixed(3) : 'none in an open loop (both routes are sent the same rate)'
  }
connections      ${CONNECTIONS} keep-alive, ${
    RATE === 0
      ? "closed loop: mean latency = connections / requests/s (Little's law)"
      : `open loop at ${RATE} requests/s, latency from each request's scheduled moment`
  }
gateway          peak RSS ${peakRss!.toFixed(0)} MiB; CPU per request is all its threads' user + system time
client CPU       this process (undici) as a share of one core over the slices
kept pages       ${fmtInt(rebuilt)} rebuilt during the load (nothing changes the records then: every page is served kept)
errors           ${errors.length ? errors.map(([status, n]) => `${status === -1 ? 'failed' : status}: ${n}`).join(', ') : 'none'}
`);
  console.log(
    `target: credit page p99 under ${TARGET_P99_MS} ms, ${
      RATE === 0 ? `${CONNECTIONS} connections, closed loop` : `${LOOP} over up to ${CONNECTIONS} connections`
    } -> ` + `${p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'} (p99 ${p99.toFixed(1)} ms)`,
  );
  if (args.reuse) console.log(`\nthe built database stays in ${dir} (--reuse); remove it when done`);
}

await main();
