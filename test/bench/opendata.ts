/**
 * npm run bench:opendata [-- --subjects 100000 --compare 25000[,50000...] --seed 1 --tmp DIR]
 *
 * Builds the open data (src/opendata/build.ts) of a gateway holding the credit benchmark's population:
 * every dataset, full and changes, gzip CSV and Parquet. Measured, for each day built: wall time, per
 * dataset and file (from the files' modification times: each file is written after the one before),
 * the baseline RSS before the build, the peak RSS and heap during it (process.memoryUsage() every
 * 50 ms, and resourceUsage().maxRSS), and rows and bytes per dataset and format. Afterwards, outside
 * the measurement, each dataset's query alone (store.ts), as the build runs it four times.
 *
 * Memory must not grow with the data (the files are streamed): the same two days are built for each
 * of the --compare sizes (0: none) and for --subjects, each build in a child process of its own (a
 * clean peak RSS), and the peaks above baseline are compared with the one at --subjects. Data growing
 * 4x with the peak growing 4x would mean a dataset is held; the target is judged on the first size.
 *
 * The data folder (in this process, before anything is timed), built the way bench:credit builds its
 * own (whose builder is not exported), through the same filing path and verbs:
 * - sellers: generated (fixtures/generate/sellers.ts) and filed through the checker and the filing
 *   writer: one store per subject on platform A, 5% of the subjects filed again by platform B;
 * - verifications with recordVerification: 90% of the stores, 1-3 visits over the last 120 days, every
 *   verdict and most inconclusive reasons, some with a trust-mark violation;
 * - trust marks with issueMark after a compliant visit; some revoked by a regulator (revokeMark), others
 *   by a later failing visit or a listing;
 * - penalties (recordPenalty; most published, some overturned or repaired), abnormal-list entries
 *   (enterList, some removed) and serious-list entries on a penalty;
 * - complaints with lodgeComplaint and complaintStep through the workflow (accepted, forwarded,
 *   answered, settled or mediated and closed; some rejected, some still open), half with consent to
 *   publish, some about stores never filed;
 * - orders (fixtures/generate/transactions.ts, placed in the days before each filing) filed through the
 *   transaction checker and the filing writer every 10 days over the last year.
 * Every record goes through its verb (no INSERT of our own: 100,000 subjects take about 80 s); enterList
 * gets a crawl runner that schedules nothing: the urgent crawl of a listed subject would visit its
 * stores. Then the first day is built; a few records change during the next day (visits, penalties, a
 * withdrawal, list entries, one removed as entered in error, revoked marks, complaints, a filing); the
 * next day is built, its changes merged against the first day's full files.
 *
 * Prints only: nothing is written into the repository. The data folders go under --tmp (default: the
 * system's temp folder) and are removed at the end.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { MarkVerdict } from '../../crawlers/marks/types.ts';
import type { InconclusiveReason, Verdict } from '../../crawlers/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { generateSellers } from '../../fixtures/generate/sellers.ts';
import { generateTransactions } from '../../fixtures/generate/transactions.ts';
import { type Random, seededRandom } from '../../fixtures/generate/random.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { complaintStep, lodgeComplaint, type StepActor } from '../../src/complaints/service.ts';
import type { ComplaintAction, ComplaintCategory } from '../../src/complaints/workflow.ts';
import { loadConfig } from '../../src/config.ts';
import type { CreditSeverity } from '../../src/credit/model.ts';
import {
  type CreditGateway,
  enterList,
  overturnPenalty,
  recordPenalty,
  removeFromList,
  repairPenalty,
} from '../../src/credit/service.ts';
import type { Checked } from '../../src/filings/intake.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { issueMark, revokeMark } from '../../src/marks/service.ts';
import { buildOpenDataDay, endOfChinaDay, previousChinaDay } from '../../src/opendata/build.ts';
import type { ManifestFile } from '../../src/opendata/manifest.ts';
import { DATASETS } from '../../src/opendata/dictionary.ts';
import { openDataStore } from '../../src/opendata/store.ts';
import { sellerChecker } from '../../src/sellers/file-sellers.ts';
import { transactionChecker } from '../../src/transactions/file-transactions.ts';
import { recordVerification } from '../../src/verification/service.ts';
import type { PendingStore } from '../../src/verification/store.ts';
import { REPO_ROOT, fmtFixed, fmtInt, machine, removeDir, settle, table, tempDir } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '100000' },
    compare: { type: 'string', default: '25000' },
    seed: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    // The child process that builds one day (set by this script, not by hand).
    'child-data': { type: 'string' },
    'child-date': { type: 'string' },
    'child-now': { type: 'string' },
  },
});
const SUBJECTS = Number(args.subjects);
const COMPARE = args.compare.split(',').map(Number);
const SEED = Number(args.seed);
const DAY = 86_400_000;
const SAMPLE_MS = 50;
const RESULT = 'opendata-bench-result ';
/** Data 4x, peak above baseline at most 2x: memory bounded, not proportional (half the growth at most). */
const MAX_PEAK_RATIO = 2;
const PLATFORM_A = { slug: 'bench-mall', name: '示例商城', uscc: '91330106673959654P' };
const PLATFORM_B = { slug: 'bench-market', name: '示例集市', uscc: '91110108795101314G' };
process.umask(0o077);

// ---------------------------------------------------------------------------------------------------
// Building the data folder
// ---------------------------------------------------------------------------------------------------

interface Store extends PendingStore {
  status: string;
  kind: string;
}

/** The first day built, and its end: every record of the folder is older. */
const DAY_ONE = previousChinaDay(new Date());
const END = Date.parse(endOfChinaDay(DAY_ONE));
const DAY_TWO = chinaToday(new Date(END));

/** Files sellers as an HTTP filing would be, in this process: the checker, then the filing writer. */
async function fileSellers(
  gw: Gateway,
  platform: { id: number; slug: string },
  records: Iterable<Record<string, unknown>>,
  receivedAt: Date,
) {
  const check = sellerChecker(gw.keys);
  const filingId = newId();
  const now = new Date();
  await gw.writer.begin({
    filingId,
    kind: 'sellers',
    platform,
    receivedAt: receivedAt.toISOString(),
    idempotencyKey: null,
  });
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
  return signed.counts;
}

/** One filing of `count` generated orders of `stores`, placed in the 12 days before `receivedAt`. */
async function fileOrders(
  gw: Gateway,
  platform: { id: number; slug: string },
  stores: readonly Store[],
  count: number,
  receivedAt: Date,
  prefix: string,
) {
  const check = transactionChecker();
  const r = seededRandom(receivedAt.getTime() % 1e9);
  const filingId = newId();
  await gw.writer.begin({
    filingId,
    kind: 'transactions',
    platform,
    receivedAt: receivedAt.toISOString(),
    idempotencyKey: null,
  });
  const orders = generateTransactions({
    count,
    sellerIds: stores.map((s) => s.seller_id),
    seed: r.int(1, 1e9),
    badShare: 0.005,
    idPrefix: prefix,
  });
  let batch: Checked<unknown>[] = [];
  let line = 0;
  for (const { record } of orders) {
    // Placed in the days before the filing (the generator spreads them over a year).
    const placed = receivedAt.getTime() - r.int(3600, 12 * 86_400) * 1000;
    if (record.placed_at !== undefined) record.placed_at = new Date(placed).toISOString();
    if (record.completed_at !== undefined)
      record.completed_at = new Date(Math.min(placed + 2 * DAY, receivedAt.getTime() - 60_000)).toISOString();
    batch.push(check({ position: { line: ++line }, value: record }, receivedAt));
    if (batch.length === 500) {
      await gw.writer.take(filingId, batch);
      batch = [];
    }
  }
  if (batch.length) await gw.writer.take(filingId, batch);
  const { signed } = await gw.writer.finish(filingId, { bodySha256: '0'.repeat(64), atomic: false });
  return signed.counts;
}

const INCONCLUSIVE: InconclusiveReason[] = [
  'unreachable',
  'unreachable',
  'timeout',
  'timeout',
  'blocked_by_robots',
  'http_error',
  'store_closed',
  'store_closed',
  'captcha',
  'image_only',
  'image_only',
  'legacy_registration_number',
  'too_many_redirects',
  'not_html',
];

/** A plausible stored verification: what the crawler would record for one static visit. */
function verificationOf(
  r: Random,
  store: Store,
  verdict: Verdict,
  finishedAt: Date,
  badMark?: MarkVerdict,
): Verification {
  const started = new Date(finishedAt.getTime() - r.int(800, 6000));
  const filed = { name: store.legal_name, uscc: store.uscc };
  const shows = verdict === 'compliant';
  const other = verdict === 'identity_mismatch' ? '91110108795101314G' : null;
  const size = r.int(19_000, 60_000);
  return {
    url: store.store_url,
    final_url: verdict === 'inconclusive' ? null : store.store_url,
    status: verdict === 'inconclusive' ? null : 200,
    verdict,
    ...(verdict === 'inconclusive' ? { reason: r.pick(INCONCLUSIVE) } : {}),
    detail: `The page was judged ${verdict}.`,
    mode: 'static',
    found: {
      names: shows ? [store.legal_name] : other ? ['某某商贸有限公司'] : [],
      usccs: shows && store.uscc ? [{ code: store.uscc, valid: true, source: 'text' }] : [],
      registration_numbers: [],
      license_links: [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison: {
      name: shows ? 'match' : other ? 'mismatch' : 'absent',
      uscc: !store.uscc ? 'not_filed' : shows ? 'match' : other ? 'mismatch' : 'absent',
      filed,
      shown: {
        name: shows ? store.legal_name : other ? '某某商贸有限公司' : null,
        uscc: shows ? store.uscc : other,
      },
    },
    trust_marks: [],
    marks: badMark
      ? [{ verdict: badMark, issuer: 'trust.example.org', id: 'TM-2041', reason: `The mark is ${badMark}.` }]
      : [],
    marks_violation: badMark !== undefined,
    evidence: {
      raw: {
        sha256: createHash('sha256').update(`${store.seller_id}${finishedAt.toISOString()}`).digest('hex'),
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
        started_at: started.toISOString(),
        timings_ms: { total: r.int(400, 1500) },
      },
    ],
    crawler: { name: 'marketgate-crawler', version: '0.1.0', user_agent: 'marketgate-crawler/0.1' },
    started_at: started.toISOString(),
    finished_at: finishedAt.toISOString(),
  };
}

const AUTHORITIES = [
  ['杭州市市场监督管理局', '杭市监'],
  ['上海市市场监督管理局', '沪市监'],
  ['广州市市场监督管理局', '穗市监'],
  ['深圳市市场监督管理局', '深市监'],
] as const;
const PENALTY_CASES = [
  [
    '在其网店首页未持续公示营业执照信息',
    '《中华人民共和国电子商务法》第十五条、第七十六条',
    '责令限期改正，罚款人民币五千元',
  ],
  [
    '在网店商品详情页对商品的功效作虚假的商业宣传',
    '《中华人民共和国反不正当竞争法》第八条、第二十条',
    '罚款人民币二十万元',
  ],
  [
    '以虚构交易、编造用户评价等方式进行虚假宣传',
    '《中华人民共和国电子商务法》第十七条、第八十一条',
    '警告，罚款人民币十万元',
  ],
] as const;
const CATEGORIES: ComplaintCategory[] = [
  'quality',
  'quality',
  'non_delivery',
  'refund_refused',
  'false_advertising',
  'counterfeit',
  'other',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳'];

/** The verbs of the credit, mark and complaint services, each with its time and a seeded random. */
function writers(gw: Gateway, actor: string, r: Random, limit: number, numbersFrom = 0) {
  // enterList sends the listed subject's stores to the front of the crawl schedule: not here.
  const cg: CreditGateway = { ...gw, crawls: { schedule: () => {} } as unknown as Gateway['crawls'] };
  const regulator: StepActor = { role: 'regulator', id: actor };
  // Decision numbers and phone numbers unique across calls (`numbersFrom`): both must be.
  let decision = numbersFrom;
  let phone = numbersFrom;
  const later = (t: Date, days: number) => new Date(t.getTime() + days * DAY + r.int(0, 36_000) * 1000);
  const before = (t: Date) => t.getTime() < limit;

  return {
    later,
    visit(store: Store, verdict: Verdict, when: Date) {
      const badMark =
        verdict !== 'compliant' && r.chance(0.05)
          ? r.pick(['forged', 'copied', 'expired'] as const)
          : undefined;
      recordVerification(gw, null, store, verificationOf(r, store, verdict, when, badMark), when);
    },
    mark(store: Store, when: Date) {
      return issueMark(
        gw,
        { platformId: store.platform_id, sellerId: store.seller_id, days: 365, issuedBy: actor },
        when,
      );
    },
    revoke(markId: string, when: Date) {
      revokeMark(
        gw,
        markId,
        actor,
        r.pick(['核验发现网店未持续公示营业执照', '经营者申请注销', '投诉查实']),
        when,
      );
    },
    penalty(store: Store, when: Date, severity: CreditSeverity, publish: boolean) {
      const [authority, short] = r.pick(AUTHORITIES);
      const [facts, basis, penalty] = r.pick(PENALTY_CASES);
      return recordPenalty(
        cg,
        {
          decision_number: `${short}罚〔${when.getUTCFullYear()}〕${++decision}号`,
          subject_id: store.subject_id,
          store: r.chance(0.8) ? { platform_id: store.platform_id, seller_id: store.seller_id } : undefined,
          authority,
          facts: `当事人${store.legal_name}经营的网店“${store.store_url}”${facts}。`,
          legal_basis: basis,
          penalty,
          severity,
          sector: r.pick(['general', 'general', 'food', 'drugs'] as const),
          decided_on: chinaToday(new Date(when.getTime() - r.int(2, 20) * DAY)),
          publish,
        },
        actor,
        when,
      );
    },
    overturn(penaltyId: string, when: Date) {
      overturnPenalty(
        cg,
        penaltyId,
        { overturned_on: chinaToday(when), reason: '行政复议决定撤销原处罚决定' },
        actor,
        when,
      );
    },
    repair(penaltyId: string, when: Date) {
      repairPenalty(cg, penaltyId, { reason: '已履行行政处罚决定并完成整改，申请信用修复' }, actor, when);
    },
    /** Null when the subject is on that list already. */
    enter(list: 'abnormal' | 'serious', subjectId: string, when: Date, penaltyId?: string) {
      if (gw.creditRecords.openEntry(subjectId, list)) return null;
      return enterList(
        cg,
        list,
        list === 'abnormal'
          ? {
              subject_id: subjectId,
              reason: r.pick(['通过登记的住所或者经营场所无法联系', '未按照规定期限公示年度报告']),
              legal_basis: '《企业经营异常名录管理暂行办法》第四条',
            }
          : {
              subject_id: subjectId,
              reason: '因虚假宣传受到较重行政处罚',
              legal_basis: '《市场监督管理严重违法失信名单管理办法》第九条',
              penalty_id: penaltyId,
            },
        actor,
        when,
      ).entry;
    },
    remove(entryId: string, reason: 'repaired' | 'error', when: Date) {
      removeFromList(
        cg,
        entryId,
        { reason, note: reason === 'error' ? '列入依据有误' : '已补报年度报告并公示' },
        actor,
        when,
      );
    },
    /**
     * A complaint, lodged at `when` about a filed store (or one never filed), taken through the workflow
     * as far as the time before `limit` allows.
     */
    complaint(platform: string, store: Store | null, when: Date) {
      const name = r.pick(SURNAMES) + r.pick(GIVEN) + r.pick(GIVEN);
      const tel = `139${String(++phone).padStart(8, '0')}`;
      const { row } = lodgeComplaint(
        gw,
        {
          platform,
          ...(store
            ? { seller_id: store.seller_id }
            : { store_url: `https://unfiled.example.cn/shop/${phone}` }),
          category: r.pick(CATEGORIES),
          description: `我是${name}，电话${tel}。在该店购买的商品与页面描述不符，联系客服多次未果，要求退款。`,
          amount_minor: r.int(1_000, 200_000),
          currency: 'CNY',
          complainant: { name, phone: tel },
          publish_consent: r.chance(0.5),
        },
        when,
      );
      const steps: [ComplaintAction, StepActor][] = [];
      const platformActor: StepActor = { role: 'platform', id: `platform:${platform}` };
      const consumer: StepActor = { role: 'consumer', id: null };
      const roll = r.next();
      if (roll < 0.1)
        steps.push([
          { type: 'reject', reason: 'insufficient_information', message: '投诉材料不全' },
          regulator,
        ]);
      else if (roll < 0.9) {
        steps.push([{ type: 'accept', message: '予以受理' }, regulator], [{ type: 'forward' }, regulator]);
        const settles = r.chance(0.7);
        const kind = settles
          ? r.pick(['refund', 'replacement'] as const)
          : r.pick(['explanation', 'decline'] as const);
        steps.push([{ type: 'respond', kind, message: '已与消费者联系处理' }, platformActor]);
        if (settles) steps.push([{ type: 'consumer_accept' }, consumer]);
        else {
          steps.push([{ type: 'consumer_reject', message: '不接受平台的答复' }, consumer]);
          if (r.chance(0.4)) steps.push([{ type: 'substantiate', message: '经查投诉属实' }, regulator]);
          steps.push([
            {
              type: 'close',
              outcome: r.pick(['mediation_failed', 'partially_resolved'] as const),
              message: '调解结束',
            },
            regulator,
          ]);
        }
      }
      let at = when;
      for (const [action, by] of steps) {
        at = later(at, r.int(1, 12));
        if (!before(at)) break;
        complaintStep(gw, row.id, action, by, at);
      }
    },
  };
}

interface Built {
  seconds: number;
  stores: number;
  counts: Record<string, number>;
}

/** Opens the gateway of `dir` for writing records; the stores as the verbs take them. */
function openForWriting(dir: string) {
  const gw = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  const stores = gw.db
    .prepare<[], Store>(
      `SELECT 0 AS ord, s.platform_id, p.slug AS platform, s.seller_id, s.subject_id, s.version AS seller_version,
              s.store_url, s.legal_name, sub.uscc, s.status, sub.kind
       FROM sellers s JOIN platforms p ON p.id = s.platform_id JOIN subjects sub ON sub.id = s.subject_id
       ORDER BY s.platform_id, s.seller_id`,
    )
    .all();
  const regulator = gw.accounts.regulatorByName('bench-inspector');
  return { gw, stores, actor: `regulator:${regulator?.id}` };
}

async function buildDataFolder(dir: string, subjects: number): Promise<Built> {
  const started = performance.now();
  const setup = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  addPlatform(setup.accounts, PLATFORM_A);
  addPlatform(setup.accounts, PLATFORM_B);
  addRegulator(setup.accounts, { name: 'bench-inspector' });
  const platformOf = (slug: string) => ({ id: setup.accounts.platformBySlug(slug)!.id, slug });
  const copies: Record<string, unknown>[] = [];
  const pick = seededRandom(SEED + 101);
  function* sellersA() {
    for (const { record } of generateSellers({ count: subjects, seed: SEED, idPrefix: 'A' })) {
      if (pick.chance(0.05)) {
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
  await fileSellers(setup, platformOf(PLATFORM_A.slug), sellersA(), new Date(END - 400 * DAY));
  await fileSellers(setup, platformOf(PLATFORM_B.slug), copies, new Date(END - 390 * DAY));
  await setup.close();

  const { gw, stores, actor } = openForWriting(dir);
  try {
    const r = seededRandom(SEED * 7919 + 19);
    const w = writers(gw, actor, r, END);
    const at = (daysAgo: number) => new Date(END - daysAgo * DAY - r.int(60, 86_000) * 1000);
    const verdict = (): Verdict => {
      const x = r.next();
      return x < 0.72
        ? 'compliant'
        : x < 0.8
          ? 'identity_missing'
          : x < 0.85
            ? 'identity_mismatch'
            : 'inconclusive';
    };
    type Action = { at: Date; run: () => void };
    const bySubject = new Map<string, Store[]>();
    for (const s of stores) bySubject.set(s.subject_id, [...(bySubject.get(s.subject_id) ?? []), s]);

    const actionsOf = (own: Store[]): Action[] => {
      const actions: Action[] = [];
      const main = own[0]!;
      for (const store of own) {
        if (!r.chance(0.9)) continue;
        const times = Array.from({ length: r.chance(0.6) ? 1 : r.int(2, 3) }, () => at(r.int(1, 120))).sort(
          (x, y) => +x - +y,
        );
        for (const t of times) {
          const v = verdict();
          actions.push({ at: t, run: () => w.visit(store, v, t) });
          if (v === 'compliant' && store.status === 'active' && r.chance(0.2)) {
            const issued = new Date(t.getTime() + 60_000);
            const revoke = r.chance(0.15) ? w.later(issued, r.int(1, 60)) : null;
            actions.push({
              at: issued,
              run: () => {
                // A later failing visit or a listing may have come first, or the mark may be active still.
                try {
                  const mark = w.mark(store, issued);
                  if (revoke && revoke.getTime() < END) w.revoke(mark.id, revoke);
                } catch {
                  // not eligible any more: the verbs' own refusals
                }
              },
            });
          }
        }
      }
      if (r.chance(0.08))
        for (let i = r.int(1, 2); i > 0; i--) {
          const t = at(r.int(20, 700));
          const severity = r.pick(['minor', 'moderate', 'moderate', 'serious'] as const);
          actions.push({
            at: t,
            run: () => {
              const p = w.penalty(main, t, severity, r.chance(0.9));
              if (!p.published_at) return;
              if (r.chance(0.04)) {
                const when = w.later(t, r.int(10, 90));
                if (when.getTime() < END) w.overturn(p.id, when);
              } else if (severity !== 'minor' && r.chance(0.1)) {
                const when = w.later(t, r.int(380, 500));
                if (when.getTime() < END) w.repair(p.id, when);
              } else if (severity !== 'minor' && r.chance(0.08)) {
                const when = w.later(t, r.int(1, 30));
                if (when.getTime() < END) w.enter('serious', main.subject_id, when, p.id);
              }
            },
          });
        }
      if (r.chance(0.03)) {
        const t = at(r.int(1, 700));
        actions.push({
          at: t,
          run: () => {
            const entry = w.enter('abnormal', main.subject_id, t);
            const removed = w.later(t, r.int(30, 300));
            if (entry && r.chance(0.1) && removed.getTime() < END) w.remove(entry.id, 'repaired', removed);
          },
        });
      }
      if (r.chance(0.06))
        for (let i = r.int(1, 3); i > 0; i--) {
          const store = r.pick(own);
          const t = at(r.int(1, 365));
          actions.push({ at: t, run: () => w.complaint(store.platform, r.chance(0.03) ? null : store, t) });
        }
      return actions.sort((x, y) => +x.at - +y.at);
    };
    const groups = [...bySubject.values()];
    for (let from = 0; from < groups.length; from += 500)
      gw.db.transaction(() => {
        for (const own of groups.slice(from, from + 500))
          for (const action of actionsOf(own)) {
            try {
              action.run();
            } catch (err) {
              throw new Error(`building subject ${own[0]!.subject_id}: ${(err as Error).message}`, {
                cause: err,
              });
            }
          }
      })();

    // Orders every 10 days over the last year; platform B files a twentieth of A's.
    for (const [platform, prefix, share] of [
      [PLATFORM_A.slug, 'A', 1],
      [PLATFORM_B.slug, 'B', 0.05],
    ] as const) {
      const own = stores.filter((s) => s.platform === platform);
      for (let k = 0; k < 36; k++)
        await fileOrders(
          gw,
          { id: own[0]!.platform_id, slug: platform },
          own,
          Math.max(1, Math.round((subjects * share) / 36)),
          new Date(END - (36 - k) * 10 * DAY + 3 * 3_600_000),
          `${prefix}${String(k).padStart(2, '0')}-`,
        );
    }
    gw.db.pragma('wal_checkpoint(TRUNCATE)');
    return { seconds: (performance.now() - started) / 1000, stores: stores.length, counts: countRecords(gw) };
  } finally {
    await gw.close();
  }
}

function countRecords(gw: Gateway): Record<string, number> {
  const count = (sql: string) => gw.db.prepare(sql).pluck().get() as number;
  return {
    subjects: count('SELECT count(*) FROM subjects'),
    verifications: count('SELECT count(*) FROM verifications'),
    penalties_published: count('SELECT count(*) FROM penalties WHERE published_at IS NOT NULL'),
    list_entries: count('SELECT count(*) FROM list_entries'),
    marks: count('SELECT count(*) FROM marks'),
    marks_revoked: count('SELECT count(*) FROM marks WHERE revoked_at IS NOT NULL'),
    complaints: count('SELECT count(*) FROM complaints'),
    complaints_closed: count("SELECT count(*) FROM complaints WHERE status = 'closed'"),
    orders: count('SELECT count(*) FROM transaction_versions'),
    filings: count('SELECT count(*) FROM filings'),
  };
}

/**
 * What happens during the second day: visits of 1 store in 200 (some verdicts change, marks go with
 * them), new and overturned penalties, list entries (one removed as entered in error: a correction),
 * revoked marks, complaints lodged and closed, a filing of orders.
 */
async function changeNextDay(dir: string, subjects: number): Promise<number> {
  const { gw, stores, actor } = openForWriting(dir);
  try {
    const r = seededRandom(SEED * 31 + 7);
    const w = writers(gw, actor, r, END + DAY, 50_000_000);
    const few = Math.max(5, Math.round(subjects / 2000));
    const at = () => new Date(END + r.int(3_600, 80_000) * 1000);
    const ids = (sql: string) => gw.db.prepare(sql).pluck().all(few) as string[];
    let changed = 0;
    gw.db.transaction(() => {
      for (let i = 0; i < stores.length / 200; i++) {
        const store = stores[r.int(0, stores.length - 1)]!;
        w.visit(
          store,
          r.chance(0.7) ? 'compliant' : r.pick(['identity_missing', 'inconclusive'] as const),
          at(),
        );
        changed++;
      }
      for (const id of ids(
        'SELECT id FROM penalties WHERE published_at IS NOT NULL AND withdrawn_at IS NULL ORDER BY id LIMIT ?',
      )) {
        w.overturn(id, at());
        changed++;
      }
      for (const id of ids('SELECT id FROM list_entries WHERE removed_at IS NULL ORDER BY id LIMIT ?')) {
        w.remove(id, 'error', at());
        changed++;
      }
      for (const id of ids('SELECT id FROM marks WHERE revoked_at IS NULL ORDER BY id LIMIT ?')) {
        w.revoke(id, at());
        changed++;
      }
      // Lodged today: no step of theirs comes before the day ends.
      for (let i = 0; i < few * 4; i++) {
        const store = stores[r.int(0, stores.length - 1)]!;
        w.penalty(store, at(), 'moderate', true);
        w.complaint(store.platform, store, at());
        changed += 2;
      }
      const answered = ids("SELECT id FROM complaints WHERE status = 'answered' ORDER BY id LIMIT ?");
      for (const id of answered)
        complaintStep(gw, id, { type: 'consumer_accept' }, { role: 'consumer', id: null }, at());
      changed += answered.length;
    })();
    const own = stores.filter((s) => s.platform === PLATFORM_A.slug);
    await fileOrders(
      gw,
      { id: own[0]!.platform_id, slug: PLATFORM_A.slug },
      own,
      Math.round(subjects / 36),
      at(),
      'D2-',
    );
    gw.db.pragma('wal_checkpoint(TRUNCATE)');
    return changed + 1;
  } finally {
    await gw.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// One day built, measured in a child process of its own
// ---------------------------------------------------------------------------------------------------

interface BuiltFile extends ManifestFile {
  /** Since the file before it was last written (the first: since the build started). */
  seconds: number;
}

interface DayMeasure {
  date: string;
  previousDay: string | null;
  seconds: number;
  samples: number;
  /** MiB. */
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  peakExternal: number;
  /** resourceUsage().maxRSS (the process's high-water mark) before and after the build, MiB. */
  maxRssBefore: number;
  maxRssAfter: number;
  files: BuiltFile[];
  changes: Record<string, { added: number; changed: number; removed: number; corrected: number }>;
  corrections: number;
  /** Each dataset's query alone, after the build, rows counted and thrown away. */
  queries: Record<string, { rows: number; seconds: number }>;
}

const MiB = 1024 * 1024;

/** The child: builds the day given, measures, and prints the measure as one line of JSON. */
async function buildOneDay(dataDir: string, date: string, now: Date): Promise<void> {
  const keys = openKeyring(dataDir);
  await settle();
  const base = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS / 1024;
  const peak = { rss: base.rss, heapUsed: base.heapUsed, heapTotal: base.heapTotal, external: base.external };
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.external = Math.max(peak.external, m.external);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const startedAt = Date.now();
  const t0 = performance.now();
  const built = await buildOpenDataDay({ dataDir, keys }, date, { now });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  sample();
  const maxRssAfter = process.resourceUsage().maxRSS / 1024;

  // The manifest lists the files in the order they were written.
  const dayDir = path.join(dataDir, 'open-data', date);
  let last = startedAt;
  const files = built.manifest.files.map((f): BuiltFile => {
    const written = fs.statSync(path.join(dayDir, f.path)).mtimeMs;
    const spent = (written - last) / 1000;
    last = written;
    return { ...f, seconds: spent };
  });

  const queries: DayMeasure['queries'] = {};
  const store = openDataStore(dataDir);
  try {
    store.begin();
    const params = { day: date, cutoff: endOfChinaDay(date) };
    for (const { name } of DATASETS) {
      const t = performance.now();
      let rows = 0;
      for (const _row of store.rows(name, params)) rows++;
      queries[name] = { rows, seconds: (performance.now() - t) / 1000 };
    }
  } finally {
    store.close();
  }
  const measure: DayMeasure = {
    date,
    previousDay: built.previousDay,
    seconds,
    samples,
    baselineRss: base.rss / MiB,
    baselineHeap: base.heapUsed / MiB,
    peakRss: peak.rss / MiB,
    peakHeapUsed: peak.heapUsed / MiB,
    peakHeapTotal: peak.heapTotal / MiB,
    peakExternal: peak.external / MiB,
    maxRssBefore,
    maxRssAfter,
    files,
    changes: built.changes,
    corrections: built.manifest.corrections.length,
    queries,
  };
  process.stdout.write(`${RESULT}${JSON.stringify(measure)}\n`);
}

/** Runs buildOneDay in a child process (`node --import tsx` this file) and returns its measure. */
function buildDayInChild(dataDir: string, date: string, now: Date): Promise<DayMeasure> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'test/bench/opendata.ts'),
      '--child-data',
      dataDir,
      '--child-date',
      date,
      '--child-now',
      now.toISOString(),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`the build of ${date} exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line.slice(RESULT.length)) as DayMeasure);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------

interface Run {
  subjects: number;
  built: Built;
  databaseBytes: number;
  changed: number;
  first: DayMeasure;
  second: DayMeasure;
}

const mb = (bytes: number) => fmtFixed(bytes / 1e6, 2);
const perRow = (bytes: number, rows: number) => (rows ? fmtInt(bytes / rows) : '-');

function fileOf(day: DayMeasure, dataset: string, kind: 'full' | 'changes', format: 'csv.gz' | 'parquet') {
  const f = day.files.find((x) => x.dataset === dataset && x.kind === kind && x.format === format);
  if (!f) throw new Error(`no ${dataset} ${kind} ${format} in ${day.date}`);
  return f;
}

function datasetTable(day: DayMeasure): string {
  const rows = DATASETS.map(({ name }) => {
    const csv = fileOf(day, name, 'full', 'csv.gz');
    const parquet = fileOf(day, name, 'full', 'parquet');
    const changes = [fileOf(day, name, 'changes', 'csv.gz'), fileOf(day, name, 'changes', 'parquet')];
    const c = day.changes[name]!;
    return [
      name,
      fmtInt(csv.rows),
      fmtInt(csv.bytes),
      perRow(csv.bytes, csv.rows),
      fmtInt(parquet.bytes),
      perRow(parquet.bytes, parquet.rows),
      `${c.added}/${c.changed}/${c.removed}/${c.corrected}`,
      fmtInt(changes[0]!.bytes),
      fmtInt(changes[1]!.bytes),
      fmtFixed(csv.seconds, 2),
      fmtFixed(parquet.seconds, 2),
      fmtFixed(changes[0]!.seconds + changes[1]!.seconds, 2),
      fmtFixed(day.queries[name]!.seconds, 2),
    ];
  });
  const sum = (kind: 'full' | 'changes', format: 'csv.gz' | 'parquet') =>
    day.files.filter((f) => f.kind === kind && f.format === format).reduce((n, f) => n + f.bytes, 0);
  const seconds = (kind: 'full' | 'changes', format?: string) =>
    day.files
      .filter((f) => f.kind === kind && (!format || f.format === format))
      .reduce((n, f) => n + f.seconds, 0);
  rows.push([
    'all',
    '',
    fmtInt(sum('full', 'csv.gz')),
    '',
    fmtInt(sum('full', 'parquet')),
    '',
    '',
    fmtInt(sum('changes', 'csv.gz')),
    fmtInt(sum('changes', 'parquet')),
    fmtFixed(seconds('full', 'csv.gz'), 2),
    fmtFixed(seconds('full', 'parquet'), 2),
    fmtFixed(seconds('changes'), 2),
    fmtFixed(
      Object.values(day.queries).reduce((n, q) => n + q.seconds, 0),
      2,
    ),
  ]);
  return table(
    [
      'dataset',
      'rows',
      'full csv.gz B',
      'B/row',
      'full parquet B',
      'B/row',
      'changes a/c/r/corr',
      'changes csv.gz B',
      'changes parquet B',
      'csv.gz s',
      'parquet s',
      'changes s',
      'query alone s',
    ],
    rows,
  );
}

function memoryTable(runs: Run[]): string {
  return table(
    [
      'subjects',
      'day',
      'build s',
      'baseline RSS',
      'peak RSS',
      'above baseline',
      'peak heap used',
      'heap above baseline',
      'peak external',
      'maxRSS before/after',
      'samples',
    ],
    runs.flatMap((run) =>
      [run.first, run.second].map((d) => [
        fmtInt(run.subjects),
        `${d.date}${d.previousDay ? ' (changes)' : ' (first)'}`,
        fmtFixed(d.seconds, 1),
        fmtFixed(d.baselineRss, 0),
        fmtFixed(d.peakRss, 0),
        fmtFixed(d.peakRss - d.baselineRss, 0),
        fmtFixed(d.peakHeapUsed, 0),
        fmtFixed(d.peakHeapUsed - d.baselineHeap, 0),
        fmtFixed(d.peakExternal, 0),
        `${fmtFixed(d.maxRssBefore, 0)}/${fmtFixed(d.maxRssAfter, 0)}`,
        fmtInt(d.samples),
      ]),
    ),
  );
}

function report(runs: Run[]): void {
  const full = runs.at(-1)!;
  for (const day of [full.first, full.second])
    console.log(
      `\n${fmtInt(full.subjects)} subjects, ${day.date} (${day.previousDay ? `changes against ${day.previousDay}` : 'the first day: every row added'}), built in ${fmtFixed(day.seconds, 1)} s; ${day.corrections} correction(s) in the manifest:\n\n${datasetTable(day)}`,
    );
  console.log(
    '\nbytes are the files as published; B/row = bytes / rows of the full file; changes a/c/r/corr = added/changed/removed/corrected; ' +
      "the s columns are each file's share of the build's wall time (from the files' modification times: the full csv.gz, the full parquet, both changes files); " +
      'the build runs each query four times (full csv.gz, full parquet, and the two changes files); "query alone" is one run of it, rows counted and dropped, after the build',
  );
  console.log(
    `\nmemory during each build (MiB; sampled every ${SAMPLE_MS} ms in the building process):\n\n${memoryTable(runs)}`,
  );
  if (runs.length < 2) return;
  console.log('');
  for (const [i, small] of runs.slice(0, -1).entries())
    for (const which of ['first', 'second'] as const) {
      const above = (run: Run) => run[which].peakRss - run[which].baselineRss;
      const heap = (run: Run) => run[which].peakHeapUsed - run[which].baselineHeap;
      const rows = (run: Run) =>
        run[which].files.reduce((n, f) => n + (f.kind === 'full' ? f.rows : 0), 0) / 2;
      const ratio = above(full) / Math.max(above(small), 1);
      console.log(
        `${fmtInt(small.subjects)} -> ${fmtInt(full.subjects)} subjects, ${which} day: ${fmtFixed(rows(full) / rows(small), 2)}x the rows ` +
          `(${fmtInt(rows(small))} -> ${fmtInt(rows(full))}), peak RSS above baseline ${fmtFixed(above(small), 0)} -> ` +
          `${fmtFixed(above(full), 0)} MiB: ratio ${fmtFixed(ratio, 2)} (heap used above baseline ${fmtFixed(heap(small), 0)} -> ` +
          `${fmtFixed(heap(full), 0)} MiB); build time ratio ${fmtFixed(full[which].seconds / small[which].seconds, 2)}`,
      );
      if (i === 0)
        console.log(
          `target: peak RSS above baseline at ${fmtInt(full.subjects)} subjects under ${MAX_PEAK_RATIO}x that at ` +
            `${fmtInt(small.subjects)} (proportional: ${fmtFixed(full.subjects / small.subjects, 1)}x) -> ` +
            `${ratio < MAX_PEAK_RATIO ? 'MET' : 'NOT MET'} (${fmtFixed(ratio, 2)})`,
        );
    }
}

async function main() {
  for (const [name, value, min] of [
    ['--subjects', SUBJECTS, 1],
    ...COMPARE.map((n) => ['--compare', n, 0] as const),
  ] as const)
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be integers >= ${min}`);
  console.log(`bench:opendata on ${machine()}`);
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`days built: ${DAY_ONE} (the first) and ${DAY_TWO} (its changes against the first)`);
  const sizes = [...COMPARE.filter((n) => n > 0 && n !== SUBJECTS), SUBJECTS];
  const runs: Run[] = [];
  for (const subjects of sizes) {
    const dir = tempDir(`opendata-${subjects}`, args.tmp);
    try {
      console.log(`\n${fmtInt(subjects)} subjects: building the data folder in ${dir}`);
      const built = await buildDataFolder(dir, subjects);
      const databaseBytes = fs.statSync(path.join(dir, 'marketgate.db')).size;
      console.log(
        `  built in ${fmtFixed(built.seconds, 0)} s: ${fmtInt(built.stores)} stores; ` +
          `${Object.entries(built.counts)
            .map(([k, v]) => `${k} ${fmtInt(v)}`)
            .join(', ')}; database ${mb(databaseBytes)} MB`,
      );
      const first = await buildDayInChild(dir, DAY_ONE, new Date(END + 3_600_000));
      console.log(
        `  ${DAY_ONE} built in ${fmtFixed(first.seconds, 1)} s (load average ${os.loadavg()[0]!.toFixed(2)})`,
      );
      const changed = await changeNextDay(dir, subjects);
      const second = await buildDayInChild(dir, DAY_TWO, new Date(END + DAY + 3_600_000));
      console.log(
        `  ${fmtInt(changed)} records changed on ${DAY_TWO}; built in ${fmtFixed(second.seconds, 1)} s (load average ${os.loadavg()[0]!.toFixed(2)})`,
      );
      runs.push({ subjects, built, databaseBytes, changed, first, second });
    } finally {
      removeDir(dir);
    }
  }
  report(runs);
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

if (args['child-data'])
  await buildOneDay(args['child-data'], args['child-date']!, new Date(args['child-now']!));
else await main();
