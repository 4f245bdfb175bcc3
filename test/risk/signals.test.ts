import { afterEach, describe, expect, it, vi } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { maskPhone } from '../../src/lib/mask.ts';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import { runRisk } from '../../src/risk/run.ts';
import { transactionChecker, transactionIntake } from '../../src/transactions/file-transactions.ts';
import { recordVerification } from '../../src/verification/service.ts';
import type { VerifiedStore } from '../../src/verification/store.ts';
import { enterprise, naturalPerson, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * Each signal end to end (issue 15): sellers and orders filed through the HTTP API, complaints lodged,
 * penalties and list entries recorded and verifications recorded through their verbs; then runRisk and
 * GET /v1/regulator/risk/warnings. Beside each case that must fire is a look-alike that must not.
 *
 * Orders cannot be in the future when filed, so they are placed some hours or days before the real
 * clock, and each run's `now` is a little after them.
 */

let t: TestGateway;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
});

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** The start of the clock hour `hours` hours ago (UTC and China Standard Time hours begin together). */
const hourAgo = (hours: number) => {
  const at = Date.now() - hours * HOUR;
  return at - (at % HOUR);
};
/** A run's moment: a minute after the real clock, after every order filed. */
const soon = () => new Date(Date.now() + MIN);

let serial = 0;
const uscc = () => {
  const first17 = `91330106${String(++serial + 400_000).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const idNumber = () => {
  const first17 = `11010519900101${String(++serial % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};
const phone = () => `139${String(++serial).padStart(8, '0')}`;
const TRADE = [
  '青松',
  '白云',
  '远帆',
  '晨曦',
  '瑞丰',
  '宏图',
  '金桥',
  '碧水',
  '德润',
  '嘉禾',
  '华泰',
  '新程',
];
/** An enterprise of its own: its own USCC (so its own subject), phone and trade name. */
const company = (over: Record<string, unknown> = {}) => {
  const n = ++serial;
  return enterprise({
    uscc: uscc(),
    contact_phone: phone(),
    legal_name: `上海${TRADE[n % TRADE.length]}${n}五金有限公司`,
    ...over,
  });
};

/** An order of one item whose total is `total`. */
const buy = (sellerId: string, at: number, over: Record<string, unknown> = {}) => {
  const total = (over.total as string | undefined) ?? '129.90';
  return order(sellerId, {
    placed_at: iso(at),
    items: [{ sku: 'SKU-1', name: '龙井', quantity: 1, unit_price: total }],
    ...over,
    total,
  });
};
/** A different total for each i. */
const amount = (i: number) => `${(20 + i * 1.37).toFixed(2)}`;

async function fileSellers(key: string, records: unknown[]) {
  const res = await t.fileSellers(key, records);
  expect(res.status, res.text).toBe(201);
  expect(res.json.counts.rejected, res.text).toBe(0);
  return res;
}
async function fileOrders(key: string, records: unknown[]) {
  const res = await t.call('POST', '/v1/transactions', {
    key,
    type: 'application/x-ndjson',
    body: ndjson(records),
  });
  expect(res.status, res.text).toBe(201);
  expect(res.json.counts.rejected, res.text).toBe(0);
  return res;
}

interface Warning {
  warning_id: string;
  signal: string;
  rule_version: string;
  subject_id: string | null;
  platform: string | null;
  seller_id: string | null;
  store_url: string | null;
  severity: string;
  score: number;
  status: string;
  first_seen: string;
  last_seen: string;
  explanation: {
    text: string;
    rule: string;
    threshold: Record<string, unknown>;
    found: Record<string, any>;
    comparison: string | null;
  };
  evidence: Record<string, any>;
}

async function warningsRaw(signal: string) {
  const res = await t.call('GET', `/v1/regulator/risk/warnings?signal=${signal}&limit=500`, {
    key: t.regulator.token,
  });
  expect(res.status, res.text).toBe(200);
  return res;
}
async function warnings(signal: string): Promise<Warning[]> {
  return (await warningsRaw(signal)).json.warnings as Warning[];
}
async function warning(id: string): Promise<Warning> {
  const res = await t.call('GET', `/v1/regulator/risk/warnings/${id}`, { key: t.regulator.token });
  expect(res.status, res.text).toBe(200);
  return res.json as Warning;
}

const platformId = (slug: string) => t.gw.accounts.platformBySlug(slug)!.id;
const subjectOf = (slug: string, sellerId: string) =>
  t.gw.sellers.seller(platformId(slug), sellerId)!.subject_id;
const hoursOf = (slug: string, sellerId: string) =>
  t.gw.db
    .prepare<[number, string], { hour: string; orders: number; buyers: number; quick_reversals: number }>(
      'SELECT hour, orders, buyers, quick_reversals FROM risk_store_hours WHERE platform_id = ? AND seller_id = ? ORDER BY hour',
    )
    .all(platformId(slug), sellerId);

/** A well-formed finding first: the rule's version, the numbers, the target as the API names it. */
function expectWellFormed(w: Warning, signal: string) {
  expect(w.signal).toBe(signal);
  expect(w.rule_version).toBe(`${signal}/1`);
  expect(w.explanation.rule).toBe(`${signal}/1`);
  expect(w.explanation.text.length).toBeGreaterThan(40);
  expect(Object.keys(w.explanation.threshold).length).toBeGreaterThan(0);
  expect(Object.keys(w.explanation.found).length).toBeGreaterThan(0);
  expect(w.status).toBe('open');
  expect(w.score).toBeGreaterThanOrEqual(0);
  expect(w.score).toBeLessThanOrEqual(100);
  expect(['low', 'medium', 'high']).toContain(w.severity);
}

// ---------------------------------------------------------------------------------------------------

describe('order_brushing', () => {
  it('few_buyers: 12 orders in an hour from 2 buyers fire; 12 from 5 buyers, or 31 days ago, do not', async () => {
    t = testGateway();
    const [fake, honest, old] = [company(), company(), company()];
    await fileSellers(t.platformA.key, [fake, honest, old]);
    const h = hourAgo(5);
    const fakeOrders = range(12).map((i) =>
      buy(fake.seller_id, h + i * 4 * MIN, { buyer_ref: `fb-${i % 2}`, total: amount(i) }),
    );
    await fileOrders(t.platformA.key, [
      ...fakeOrders,
      ...range(12).map((i) =>
        buy(honest.seller_id, h + i * 4 * MIN, { buyer_ref: `hb-${i % 5}`, total: amount(i) }),
      ),
      // Out of the 30-day window.
      ...range(12).map((i) =>
        buy(old.seller_id, hourAgo(31 * 24) + i * 4 * MIN, { buyer_ref: `ob-${i % 2}`, total: amount(i) }),
      ),
    ]);
    const report = runRisk(t.gw, { now: soon() });
    expect(report.fold.orders).toBe(36);
    const ws = await warnings('order_brushing');
    expect(ws.map((w) => w.seller_id)).toEqual([fake.seller_id]);
    const [w] = ws;
    expectWellFormed(w!, 'order_brushing');
    expect(w).toMatchObject({
      platform: t.platformA.slug,
      subject_id: subjectOf(t.platformA.slug, fake.seller_id),
      store_url: fake.store_url,
    });
    expect(w!.explanation.found).toMatchObject({
      rules_fired: 'few_buyers',
      hours_flagged: 1,
      worst_orders: 12,
      worst_buyers: 2,
      worst_orders_per_buyer: 6,
    });
    expect(w!.explanation.text).toContain('came from few buyers');
    expect(w!.evidence.orders.total).toBe(12);
    expect(w!.evidence.orders.ids).toHaveLength(10);
    for (const id of w!.evidence.orders.ids) expect(fakeOrders.map((o) => o.order_id)).toContain(id);
    expect(w!.evidence.sellers.ids).toEqual([`${t.platformA.slug}/${fake.seller_id}`]);
    expect(await warning(w!.warning_id)).toEqual(w);
  });

  it('burst: 30 orders in an hour against one an hour for 24 hours fire; 30 against four an hour do not', async () => {
    t = testGateway();
    const [burst, busy] = [company(), company()];
    await fileSellers(t.platformA.key, [burst, busy]);
    const peak = hourAgo(3);
    const quietHours = range(24).map((k) => hourAgo(6 + k));
    const records = [
      ...quietHours.map((at, k) => buy(burst.seller_id, at + 5 * MIN, { total: amount(k) })),
      ...range(30).map((i) => buy(burst.seller_id, peak + i * 2 * MIN, { total: amount(i) })),
      ...quietHours.flatMap((at, k) =>
        range(4).map((i) => buy(busy.seller_id, at + i * 10 * MIN, { total: amount(k * 4 + i) })),
      ),
      ...range(30).map((i) => buy(busy.seller_id, peak + i * 2 * MIN, { total: amount(i) })),
    ];
    await fileOrders(t.platformA.key, records);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('order_brushing');
    expect(ws.map((w) => w.seller_id)).toEqual([burst.seller_id]);
    expectWellFormed(ws[0]!, 'order_brushing');
    expect(ws[0]!.explanation.found).toMatchObject({
      rules_fired: 'burst',
      worst_orders: 30,
      worst_buyers: 30,
    });
    expect(ws[0]!.explanation.comparison).toContain('1.00 orders per active hour');
    expect(ws[0]!.evidence.hours).toHaveLength(1);
  });

  it('identical_amounts: 20 orders of one total in a busy hour fire; 15 of 20 do not', async () => {
    t = testGateway();
    const [same, mixed] = [company(), company()];
    await fileSellers(t.platformA.key, [same, mixed]);
    const h = hourAgo(3);
    const before = range(24).map((k) => hourAgo(8 + k)); // the 24 active hours the rule compares with
    await fileOrders(t.platformA.key, [
      ...before.map((at, k) => buy(same.seller_id, at, { total: amount(k) })),
      ...range(20).map((i) => buy(same.seller_id, h + i * 2 * MIN, { total: '99.00' })),
      ...before.map((at, k) => buy(mixed.seller_id, at, { total: amount(k) })),
      ...range(20).map((i) => buy(mixed.seller_id, h + i * 2 * MIN, { total: i < 15 ? '99.00' : amount(i) })),
    ]);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('order_brushing');
    expect(ws.map((w) => w.seller_id)).toEqual([same.seller_id]);
    expect(ws[0]!.explanation.found).toMatchObject({
      rules_fired: 'identical_amounts',
      worst_orders: 20,
      worst_top_amount_orders: 20,
    });
  });

  it('quick_reversals: 5 of 10 orders cancelled 10 minutes after placing fire; cancelled after 45 minutes do not', async () => {
    t = testGateway();
    const [quick, slow] = [company(), company()];
    await fileSellers(t.platformA.key, [quick, slow]);
    const h = hourAgo(5);
    const hourOf = (sellerId: string, reversedAfter: number) =>
      range(10).map((i) => {
        const at = h + i * 5 * MIN;
        return buy(sellerId, at, {
          total: amount(i),
          ...(i % 2 === 0 ? { status: 'cancelled', updated_at: iso(at + reversedAfter) } : {}),
        });
      });
    await fileOrders(t.platformA.key, [
      ...hourOf(quick.seller_id, 10 * MIN),
      ...hourOf(slow.seller_id, 45 * MIN),
    ]);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('order_brushing');
    expect(ws.map((w) => w.seller_id)).toEqual([quick.seller_id]);
    expect(ws[0]!.explanation.found).toMatchObject({
      rules_fired: 'quick_reversals',
      worst_orders: 10,
      worst_quick_reversals: 5,
    });
    expect(ws[0]!.explanation.text).toContain('cancelled or refunded within 30 minutes');
  });
});

describe('the fold and the warnings over time', () => {
  it('running twice updates the warning instead of adding one: same id, first_seen kept, last_seen moves', async () => {
    t = testGateway();
    const s = company();
    await fileSellers(t.platformA.key, [s]);
    const h = hourAgo(5);
    await fileOrders(
      t.platformA.key,
      range(12).map((i) => buy(s.seller_id, h + i * 4 * MIN, { buyer_ref: `b-${i % 2}`, total: amount(i) })),
    );
    const first = new Date(Date.now() + MIN);
    const r1 = runRisk(t.gw, { now: first });
    expect(r1.signals.find((x) => x.signal === 'order_brushing')).toMatchObject({ fired: 1, new: 1 });
    const [w1] = await warnings('order_brushing');
    expect(w1).toMatchObject({ first_seen: first.toISOString(), last_seen: first.toISOString() });

    const second = new Date(first.getTime() + 10 * MIN);
    const r2 = runRisk(t.gw, { now: second });
    expect(r2.fold.orders).toBe(0);
    expect(r2.signals.find((x) => x.signal === 'order_brushing')).toMatchObject({ fired: 1, new: 0 });
    const after = await warnings('order_brushing');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      warning_id: w1!.warning_id,
      first_seen: first.toISOString(),
      last_seen: second.toISOString(),
    });

    // New orders in the hour (a third buyer's) change its numbers: the same warning, updated.
    await fileOrders(
      t.platformA.key,
      range(3).map((i) => buy(s.seller_id, h + (50 + i) * MIN, { buyer_ref: 'b-2', total: amount(20 + i) })),
    );
    const third = new Date(second.getTime() + 10 * MIN);
    const r3 = runRisk(t.gw, { now: third });
    expect(r3.fold.orders).toBe(3);
    expect(r3.signals.find((x) => x.signal === 'order_brushing')).toMatchObject({ new: 0, updated: 1 });
    const updated = await warnings('order_brushing');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ warning_id: w1!.warning_id, last_seen: third.toISOString() });
    expect(updated[0]!.explanation.found).toMatchObject({ worst_orders: 15, worst_buyers: 3 });
  });

  it("an order's later version, refunded within minutes, moves the hour's reversals (and not its order count)", async () => {
    t = testGateway();
    const s = company();
    await fileSellers(t.platformA.key, [s]);
    const h = hourAgo(5);
    const placed = range(10).map((i) => buy(s.seller_id, h + i * 5 * MIN, { total: amount(i) }));
    await fileOrders(t.platformA.key, placed);
    runRisk(t.gw, { now: soon() });
    expect(await warnings('order_brushing')).toEqual([]);
    expect(hoursOf(t.platformA.slug, s.seller_id)).toEqual([
      expect.objectContaining({ orders: 10, buyers: 10, quick_reversals: 0 }),
    ]);

    // The platform files six of them again: refunded 5 minutes after placing.
    const refunded = placed.slice(0, 6).map((o) => ({
      ...o,
      status: 'refunded',
      updated_at: iso(Date.parse(o.placed_at) + 5 * MIN),
    }));
    const res = await fileOrders(t.platformA.key, refunded);
    expect(res.json.counts).toMatchObject({ updated: 6, created: 0 });
    const report = runRisk(t.gw, { now: soon() });
    expect(report.fold.orders).toBe(6);
    expect(hoursOf(t.platformA.slug, s.seller_id)).toEqual([
      expect.objectContaining({ orders: 10, buyers: 10, quick_reversals: 6 }),
    ]);
    const ws = await warnings('order_brushing');
    expect(ws).toHaveLength(1);
    expect(ws[0]!.explanation.found).toMatchObject({
      rules_fired: 'quick_reversals',
      worst_orders: 10,
      worst_quick_reversals: 6,
    });
  });

  it('a correction of placed_at moves the order to another hour: out of the old one, into the new', async () => {
    t = testGateway();
    const s = company();
    await fileSellers(t.platformA.key, [s]);
    const h = hourAgo(5);
    const moved = buy(s.seller_id, hourAgo(8) + 10 * MIN, { buyer_ref: 'b-0', total: amount(99) });
    await fileOrders(t.platformA.key, [
      ...range(9).map((i) =>
        buy(s.seller_id, h + i * 5 * MIN, { buyer_ref: `b-${i % 2}`, total: amount(i) }),
      ),
      moved,
    ]);
    runRisk(t.gw, { now: soon() });
    // 9 orders from 2 buyers: under the minimum of 10.
    expect(await warnings('order_brushing')).toEqual([]);
    expect(hoursOf(t.platformA.slug, s.seller_id).map((r) => r.orders)).toEqual([1, 9]);

    await fileOrders(t.platformA.key, [
      { ...moved, placed_at: iso(h + 50 * MIN), correction_reason: 'placed_at was filed in the wrong zone' },
    ]);
    runRisk(t.gw, { now: soon() });
    // The old hour is gone, the new one has 10 orders from 2 buyers.
    expect(hoursOf(t.platformA.slug, s.seller_id)).toEqual([
      expect.objectContaining({ orders: 10, buyers: 2 }),
    ]);
    const ws = await warnings('order_brushing');
    expect(ws).toHaveLength(1);
    expect(ws[0]!.explanation.found).toMatchObject({
      rules_fired: 'few_buyers',
      worst_orders: 10,
      worst_buyers: 2,
    });
    expect(ws[0]!.evidence.orders.ids).toContain(moved.order_id);
  });

  it('the fold never counts an unpublished (staged) filing, nor takes out a published version for a staged one', async () => {
    t = testGateway();
    const s = company();
    await fileSellers(t.platformA.key, [s]);
    const h = hourAgo(5);
    const published = range(4).map((i) => buy(s.seller_id, h + i * 5 * MIN, { total: amount(i) }));
    await fileOrders(t.platformA.key, published);

    // A filing that staged its orders and never published (its client went away): 12 orders from 2
    // buyers in the same hour, and a quick refund of a published order. Staged as the writer stages.
    const pid = platformId(t.platformA.slug);
    const stagedId = newId();
    const at = new Date().toISOString();
    t.gw.filings.insertStage({
      id: stagedId,
      platform_id: pid,
      kind: 'transactions',
      idempotency_key: null,
      started_at: at,
    });
    const intake = transactionIntake(t.gw.transactions, pid, () => true);
    const check = transactionChecker();
    const staged = [
      ...range(12).map((i) =>
        buy(s.seller_id, h + (20 + i) * MIN, { buyer_ref: `x-${i % 2}`, total: amount(50 + i) }),
      ),
      { ...published[0]!, status: 'refunded', updated_at: iso(Date.parse(published[0]!.placed_at) + MIN) },
    ];
    staged.forEach((value, index) => {
      const checked = check({ position: { index }, value }, new Date());
      expect(checked.ok).toBe(true);
      expect(intake.admit(checked, stagedId).errors).toEqual([]);
    });
    t.gw.db.transaction(() => intake.stage(stagedId, at))();
    expect(
      t.gw.db
        .prepare(
          'SELECT count(*) AS n FROM transaction_versions WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?)',
        )
        .get(stagedId),
    ).toEqual({ n: 13 });

    const report = runRisk(t.gw, { now: soon() });
    expect(report.fold.orders).toBe(4);
    expect(hoursOf(t.platformA.slug, s.seller_id)).toEqual([
      expect.objectContaining({ orders: 4, buyers: 4, quick_reversals: 0 }),
    ]);
    expect(await warnings('order_brushing')).toEqual([]);

    // A later published filing folds just its own orders; its new version of the order the staged
    // filing had refunded replaces the published version, not the staged one.
    await fileOrders(t.platformA.key, [
      buy(s.seller_id, h + 55 * MIN, { total: amount(90) }),
      {
        ...published[1]!,
        status: 'cancelled',
        updated_at: iso(Date.parse(published[1]!.placed_at) + 2 * MIN),
      },
      { ...published[0]!, status: 'shipped' },
    ]);
    const later = runRisk(t.gw, { now: soon() });
    expect(later.fold).toMatchObject({ filings: 1, orders: 3 });
    expect(hoursOf(t.platformA.slug, s.seller_id)).toEqual([
      expect.objectContaining({ orders: 5, buyers: 5, quick_reversals: 1 }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('shared_contact', () => {
  it("one phone behind 3 subjects on two platforms warns each of them; 2 subjects on one address, or one subject's own stores, do not", async () => {
    t = testGateway();
    const PHONE = '13907550123';
    const ADDRESS = '浙江省杭州市西湖区文三路100号';
    const [x, y] = [company({ contact_phone: PHONE }), company({ contact_phone: PHONE })];
    const z = company({ contact_phone: PHONE });
    // Two subjects at one address (a family, a shared office): below the 4 the rule needs.
    const [u, v] = [company({ address: ADDRESS }), company({ address: `${ADDRESS} ` })];
    // One subject with a store on each platform, the same phone on both: one subject, not two.
    const ownPhone = phone();
    const sameUscc = uscc();
    const own1 = company({ uscc: sameUscc, contact_phone: ownPhone });
    const own2 = company({ uscc: sameUscc, contact_phone: ownPhone, legal_name: own1.legal_name });
    await fileSellers(t.platformA.key, [x, y, u, own1]);
    await fileSellers(t.platformB.key, [z, v, own2]);
    // One finding a transaction: the findings of a signal are recorded in parts, and sum up the same.
    const report = runRisk(t.gw, { now: soon(), findingsPerTransaction: 1 });
    expect(report.signals.find((s) => s.signal === 'shared_contact')).toMatchObject({ fired: 3, new: 3 });

    const raw = await warningsRaw('shared_contact');
    const ws = raw.json.warnings as Warning[];
    const subjects = [
      subjectOf(t.platformA.slug, x.seller_id),
      subjectOf(t.platformA.slug, y.seller_id),
      subjectOf(t.platformB.slug, z.seller_id),
    ];
    expect(new Set(subjects).size).toBe(3);
    expect(ws.map((w) => w.subject_id).sort()).toEqual([...subjects].sort());
    for (const w of ws) {
      expectWellFormed(w, 'shared_contact');
      expect(w).toMatchObject({ platform: null, seller_id: null, store_url: null });
      expect(w.explanation.found).toMatchObject({ subjects_sharing_phone: 3, other_subjects: 2 });
      expect(w.explanation.text).toContain('one phone number with 2 other subjects (3 in all)');
      expect(w.evidence.subjects.ids.sort()).toEqual(subjects.filter((s) => s !== w.subject_id).sort());
      expect(w.evidence.sellers.ids.sort()).toEqual(
        [
          `${t.platformA.slug}/${x.seller_id}`,
          `${t.platformA.slug}/${y.seller_id}`,
          `${t.platformB.slug}/${z.seller_id}`,
        ].sort(),
      );
    }
    // The number is never in the answer: not whole, not masked; nor the address.
    for (const text of [
      raw.text,
      ...(await Promise.all(ws.map((w) => warning(w.warning_id)))).map((w) => JSON.stringify(w)),
    ]) {
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(maskPhone(PHONE));
      expect(text).not.toContain('文三路');
    }
  });

  it('4 subjects at one address (written differently) warn; a legal representative shared by 3 warns', async () => {
    t = testGateway();
    const at = [
      '杭州市西湖区文三路 100 号',
      '杭州市西湖区文三路１００号',
      '杭州市西湖区，文三路100号',
      '杭州市西湖区文三路100号',
    ];
    const office = at.map((address) => company({ address }));
    const reps = range(3).map(() => company({ legal_representative: '欧阳 · 娜娜' }));
    await fileSellers(t.platformA.key, [...office, ...reps]);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('shared_contact');
    expect(ws).toHaveLength(7);
    const byAddress = ws.filter((w) => w.explanation.found.subjects_sharing_address === 4);
    const byRep = ws.filter((w) => w.explanation.found.subjects_sharing_legal_representative === 3);
    expect(byAddress).toHaveLength(4);
    expect(byRep).toHaveLength(3);
    for (const w of ws) {
      expect(JSON.stringify(w)).not.toContain('文三路');
      expect(JSON.stringify(w)).not.toContain('欧阳');
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe('relisted_offender', () => {
  /** Fillers: subjects unrelated to anything, so that u and the threshold are those of a market. */
  const fillers = (n: number) => range(n).map(() => company());

  async function publishPenalty(subjectId: string) {
    const res = await t.call('POST', '/v1/regulator/penalties', {
      key: t.regulator.token,
      type: 'application/json',
      body: JSON.stringify({
        decision_number: `杭市监罚〔2026〕${++serial}号`,
        subject_id: subjectId,
        authority: '杭州市市场监督管理局',
        facts: '销售假冒注册商标的商品',
        legal_basis: '《中华人民共和国商标法》第六十条',
        penalty: '罚款人民币五万元',
        severity: 'moderate',
        decided_on: chinaToday(),
        publish: true,
      }),
    });
    expect(res.status, res.text).toBe(201);
    return res.json as { id: string };
  }

  it('a new subject on another platform with the offender’s phone and trade name fires; one with only a similar common name does not', async () => {
    t = testGateway();
    const PHONE = phone();
    const offender = company({ legal_name: '杭州鑫源商贸有限公司', contact_phone: PHONE });
    const vest = company({ legal_name: '宁波鑫源贸易有限公司', contact_phone: PHONE });
    const namesake = company({ legal_name: '深圳鑫源科技有限公司' });
    await fileSellers(t.platformA.key, [offender, ...fillers(3)]);
    await fileSellers(t.platformB.key, [vest, namesake, ...fillers(3)]);
    const offenderSubject = subjectOf(t.platformA.slug, offender.seller_id);

    // Before any offence there is nothing to relist.
    runRisk(t.gw, { now: soon() });
    expect(await warnings('relisted_offender')).toEqual([]);

    const penalty = await publishPenalty(offenderSubject);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('relisted_offender');
    expect(ws.map((w) => w.subject_id)).toEqual([subjectOf(t.platformB.slug, vest.seller_id)]);
    const [w] = ws;
    expectWellFormed(w!, 'relisted_offender');
    expect(w!.explanation.found).toMatchObject({
      matched: 'phone, name',
      offender: offenderSubject,
      offence: `penalty ${penalty.id}`,
      links: 1,
    });
    expect(w!.explanation.found.weight).toBeGreaterThanOrEqual(w!.explanation.threshold.weight as number);
    expect(w!.explanation.found.weight_phone).toBeGreaterThan(0);
    expect(w!.explanation.found.weight_store_url).toBeLessThan(0);
    expect(w!.explanation.text).toContain('with a published penalty');
    expect(w!.explanation.text).toContain('Fellegi-Sunter');
    expect(w!.evidence.subjects.ids).toEqual([offenderSubject]);
    expect(w!.evidence.sellers.ids).toEqual([
      `${t.platformB.slug}/${vest.seller_id}`,
      `${t.platformA.slug}/${offender.seller_id}`,
    ]);
    expect(JSON.stringify(w)).not.toContain(PHONE);
  });

  it('an offender on the abnormal list is relisted the same way', async () => {
    t = testGateway();
    const PHONE = phone();
    // Suspended: listing sends a subject's active stores to be crawled, which this test does not need.
    const offender = company({
      legal_name: '杭州鑫源商贸有限公司',
      contact_phone: PHONE,
      status: 'suspended',
    });
    const vest = company({ legal_name: '宁波鑫源贸易有限公司', contact_phone: PHONE });
    await fileSellers(t.platformA.key, [offender, ...fillers(3)]);
    await fileSellers(t.platformB.key, [vest, ...fillers(3)]);
    const offenderSubject = subjectOf(t.platformA.slug, offender.seller_id);
    const res = await t.call('POST', '/v1/regulator/lists/abnormal/entries', {
      key: t.regulator.token,
      type: 'application/json',
      body: JSON.stringify({
        subject_id: offenderSubject,
        reason: '通过登记的住所无法联系',
        legal_basis: '《企业经营异常名录管理暂行办法》第四条',
      }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.crawl_id).toBeNull();
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('relisted_offender');
    expect(ws.map((w) => w.subject_id)).toEqual([subjectOf(t.platformB.slug, vest.seller_id)]);
    expect(ws[0]!.explanation.found.offence).toBe(`abnormal_list ${res.json.entry.id}`);
    expect(ws[0]!.explanation.text).toContain('on the abnormal list');
  });

  it('a phone shared with an unrelated company of the same legal form (杭州示例商贸有限公司) is not a new vest', async () => {
    // pairWeights (relisted-offender.ts) lets names "agree" on the bigram similarity of the full legal
    // names, and "…商贸有限公司" alone makes any two such names ≥ 0.5 similar. The phone (which alone is
    // deliberately not enough) plus this spurious name agreement then passes the threshold.
    t = testGateway();
    const PHONE = phone();
    const offender = company({ legal_name: '杭州鑫源商贸有限公司', contact_phone: PHONE });
    const relative = company({ legal_name: '杭州示例商贸有限公司', contact_phone: PHONE });
    await fileSellers(t.platformA.key, [offender, ...fillers(3)]);
    await fileSellers(t.platformB.key, [relative, ...fillers(3)]);
    await publishPenalty(subjectOf(t.platformA.slug, offender.seller_id));
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('relisted_offender');
    expect(ws.map((w) => [w.subject_id, w.explanation.found.matched])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('sporadic_threshold', () => {
  it('a natural person whose sales on two platforms together reach 80% of the threshold warns; 79.99% does not; an enterprise never does', async () => {
    t = testGateway();
    t.gw.config.sporadicThresholdCny = 1000; // warns from CNY 800.00
    const id = idNumber();
    const personA = naturalPerson({ id_number: id, contact_phone: phone() });
    const personB = naturalPerson({ id_number: id, contact_phone: phone() });
    const otherId = idNumber();
    const belowA = naturalPerson({ id_number: otherId, legal_name: '李四', contact_phone: phone() });
    const belowB = naturalPerson({ id_number: otherId, legal_name: '李四', contact_phone: phone() });
    const firm = company();
    await fileSellers(t.platformA.key, [personA, belowA, firm]);
    await fileSellers(t.platformB.key, [personB, belowB]);
    const at = hourAgo(30);
    await fileOrders(t.platformA.key, [
      buy(personA.seller_id, at, { total: '250.00' }),
      buy(personA.seller_id, at + HOUR, { total: '150.00' }),
      // A cancelled order is no sale.
      buy(personA.seller_id, at + 2 * HOUR, { total: '500.00', status: 'cancelled' }),
      buy(belowA.seller_id, at, { total: '400.00' }),
      buy(firm.seller_id, at, { total: '5000.00' }),
    ]);
    await fileOrders(t.platformB.key, [
      buy(personB.seller_id, at, { total: '400.00' }),
      buy(belowB.seller_id, at, { total: '399.99' }),
    ]);
    runRisk(t.gw, { now: soon() });
    const ws = await warnings('sporadic_threshold');
    const subject = subjectOf(t.platformA.slug, personA.seller_id);
    expect(subjectOf(t.platformB.slug, personB.seller_id)).toBe(subject);
    expect(ws.map((w) => w.subject_id)).toEqual([subject]);
    const [w] = ws;
    expectWellFormed(w!, 'sporadic_threshold');
    expect(w).toMatchObject({ platform: null, seller_id: null, severity: 'medium', score: 40 });
    expect(w!.explanation.found).toMatchObject({ net_sales_cny: '800.00', share: 0.8, platforms: 2 });
    expect(w!.explanation.text).toContain('80%');
    expect(w!.evidence.sellers.ids.sort()).toEqual(
      [`${t.platformA.slug}/${personA.seller_id}`, `${t.platformB.slug}/${personB.seller_id}`].sort(),
    );

    // Past the threshold: the same warning, now high.
    await fileOrders(t.platformB.key, [buy(personB.seller_id, at + HOUR, { total: '300.00' })]);
    runRisk(t.gw, { now: soon() });
    const [over] = await warnings('sporadic_threshold');
    expect(over).toMatchObject({ warning_id: w!.warning_id, severity: 'high' });
    expect(over!.explanation.found).toMatchObject({ net_sales_cny: '1100.00', share: 1.1 });
    expect(over!.explanation.text).toContain('(it is passed)');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('complaint_spike', () => {
  it('6 complaints on 20 orders against a quiet category fire; a small store with one complaint does not', async () => {
    t = testGateway();
    for (const config of new Set([t.config, t.gw.config])) {
      config.publicRequestsPerMinute = 1000;
      config.complaints.perAddressPerHour = 1000;
    }
    const [spiky, small, steady] = [
      company({ category: '茶叶' }),
      company({ category: '茶叶' }),
      company({ category: '茶叶' }),
    ];
    await fileSellers(t.platformA.key, [spiky, small, steady]);
    const start = hourAgo(24 * 6);
    const spread = (sellerId: string, n: number) =>
      range(n).map((i) => buy(sellerId, start + i * 17 * MIN, { total: amount(i % 40) }));
    await fileOrders(t.platformA.key, [
      ...spread(spiky.seller_id, 20),
      ...spread(small.seller_id, 3),
      ...spread(steady.seller_id, 200),
    ]);

    const lodge = async (sellerId: string, i: number) => {
      const res = await t.call('POST', '/public/complaints', {
        type: 'application/json',
        body: JSON.stringify({
          platform: t.platformA.slug,
          seller_id: sellerId,
          category: 'quality',
          description: `收到的茶叶发霉了，第${i}次投诉。`,
          complainant: { name: `顾客${i}`, phone: `1370000${String(i).padStart(4, '0')}` },
        }),
      });
      expect(res.status, res.text).toBe(201);
      return res.json;
    };
    for (const i of range(6)) await lodge(spiky.seller_id, i);
    await lodge(small.seller_id, 100);

    runRisk(t.gw, { now: soon() });
    const ws = await warnings('complaint_spike');
    expect(ws.map((w) => w.seller_id)).toEqual([spiky.seller_id]);
    const [w] = ws;
    expectWellFormed(w!, 'complaint_spike');
    expect(w).toMatchObject({ platform: t.platformA.slug, store_url: spiky.store_url });
    expect(w!.explanation.found).toMatchObject({ complaints: 6, orders: 20, per_thousand: 300 });
    expect(w!.explanation.found.times_baseline).toBeGreaterThanOrEqual(3);
    expect(w!.explanation.found.p_value).toBeLessThan(0.001);
    // The category's median is 0 (its big store has no complaint): the pooled rate of the other stores,
    // the store itself left out: 1 complaint in 203 orders.
    expect(w!.explanation.comparison).toContain('category 茶叶');
    expect(w!.explanation.comparison).toContain('4.93 per thousand (pooled rate of 2 other stores');
    expect(w!.explanation.text).toContain('Poisson');
    expect(w!.evidence.complaints.total).toBe(6);
    expect(w!.evidence.complaints.ids).toHaveLength(6);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('filing_gap', () => {
  it('a platform without a seller filing in the half-year warns once January is over, not during it', async () => {
    t = testGateway();
    await fileSellers(t.platformA.key, [company()]);
    // In the half-year the platforms were created in, nothing is due yet.
    runRisk(t.gw, { now: soon() });
    expect(await warnings('filing_gap')).toEqual([]);
    // The next half-year's filing month: still not due.
    runRisk(t.gw, { now: new Date('2027-01-20T04:00:00Z') });
    expect(await warnings('filing_gap')).toEqual([]);

    runRisk(t.gw, { now: new Date('2027-02-15T04:00:00Z') });
    const ws = await warnings('filing_gap');
    const bySlug = new Map(ws.map((w) => [w.platform, w]));
    expect([...bySlug.keys()].sort()).toEqual([t.platformA.slug, t.platformB.slug].sort());
    const a = bySlug.get(t.platformA.slug)!;
    expectWellFormed(a, 'filing_gap');
    expect(a).toMatchObject({ subject_id: null, seller_id: null, store_url: null, score: 60 });
    expect(a.explanation.found).toMatchObject({ previous_half_year_missed: 'no' });
    expect(a.explanation.text).toContain('2027-H1');
    expect(a.evidence.filings.ids).toHaveLength(1);
    const b = bySlug.get(t.platformB.slug)!;
    expect(b).toMatchObject({ score: 80, severity: 'high' });
    expect(b.explanation.found).toMatchObject({ last_sellers_filing: 'never' });
  });

  it('a store whose orders stop while its platform files on, and a verification shows it open, warns; look-alikes do not', async () => {
    t = testGateway();
    const [stopped, unseen, closedByCrawl, thin, live] = [
      company(),
      company(),
      company(),
      company(),
      company(),
    ];
    const closed = company({ status: 'closed', closed_at: chinaToday() });
    await fileSellers(t.platformA.key, [stopped, unseen, closedByCrawl, thin, live, closed]);
    // Orders from 20 to 12 days ago for the stores that stop; the platform files on until yesterday.
    const from = hourAgo(20 * 24);
    const until = (sellerId: string, n: number) =>
      range(n).map((i) => buy(sellerId, from + i * 8 * HOUR, { total: amount(i) }));
    const stopping = [stopped, unseen, closedByCrawl, closed].flatMap((s) => until(s.seller_id, 25));
    await fileOrders(t.platformA.key, [
      ...stopping,
      ...until(thin.seller_id, 10),
      ...range(20).map((i) => buy(live.seller_id, hourAgo(24 * (20 - i)), { total: amount(i) })),
    ]);
    const lastOrder = from + 24 * 8 * HOUR;

    // Crawled 5 days ago: open (compliant), open but inconclusive (store_closed), open (thin, closed).
    const seen = Date.now() - 5 * DAY;
    const visit = (sellerId: string, verdict: Verification['verdict']) => {
      const s = t.gw.sellers.seller(platformId(t.platformA.slug), sellerId)!;
      const store: VerifiedStore = {
        platform_id: s.platform_id,
        seller_id: sellerId,
        subject_id: s.subject_id,
        seller_version: s.version,
        store_url: s.store_url,
      };
      return recordVerification(
        t.gw,
        null,
        store,
        verificationOf(store.store_url, verdict, seen),
        new Date(seen),
      ).verification_id;
    };
    const vid = visit(stopped.seller_id, 'compliant');
    visit(closedByCrawl.seller_id, 'inconclusive');
    visit(thin.seller_id, 'compliant');
    visit(closed.seller_id, 'compliant');

    runRisk(t.gw, { now: soon() });
    const ws = (await warnings('filing_gap')).filter((w) => w.seller_id !== null);
    expect(ws.map((w) => w.seller_id)).toEqual([stopped.seller_id]);
    const [w] = ws;
    expectWellFormed(w!, 'filing_gap');
    expect(w).toMatchObject({ platform: t.platformA.slug, store_url: stopped.store_url });
    expect(w!.explanation.found).toMatchObject({ orders_before: 25, verdict: 'compliant' });
    expect(w!.explanation.found.last_order_hour).toBe(
      new Date(lastOrder + 8 * HOUR).toISOString().slice(0, 13),
    );
    expect(w!.explanation.found.silent_days).toBeGreaterThanOrEqual(7);
    expect(w!.evidence.verifications.ids).toEqual([vid]);
  });

  it('a seller filing refused as a whole (atomic, every record rejected) does not count as the half-year’s filing', async () => {
    // platformGap's query (filing-gap.ts, last_sellers_filing) takes any row of kind 'sellers' in
    // filings: a filing that was refused as a whole (applied: false), or whose every record was
    // rejected, still has a filing row and hides the gap, though it filed no one's identity.

    // The platforms joined in an earlier half-year (200 days ago).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 200 * DAY));
    t = testGateway();
    vi.useRealTimers();
    await fileSellers(t.platformA.key, [company()]);
    const gaps = () => runRisk(t.gw, { now: soon(), signals: ['filing_gap'] }).signals[0]!.fired;
    // Platform B has not filed in this half-year: a gap (A has).
    expect(gaps()).toBe(1);
    expect((await warnings('filing_gap')).map((w) => w.platform)).toEqual([t.platformB.slug]);

    const refused = await t.fileSellers(t.platformB.key, [company(), { ...company(), uscc: 'not-a-code' }], {
      query: '?atomic=true',
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.receipt).toMatchObject({ applied: false, counts: { created: 0 } });
    // Still a gap: no identity was filed.
    expect(gaps()).toBe(1);
  });
});

/** A verification as the crawler records it, with the verdict given. */
function verificationOf(url: string, verdict: Verification['verdict'], at: number): Verification {
  const filed = { name: '杭州示例商贸有限公司', uscc: '91330106673959654P' };
  return {
    url,
    final_url: url,
    status: verdict === 'inconclusive' ? 404 : 200,
    verdict,
    ...(verdict === 'inconclusive' ? { reason: 'store_closed' as const } : {}),
    detail: 'recorded by the test',
    mode: 'static',
    found: {
      names: [],
      usccs: [],
      registration_numbers: [],
      license_links: [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison:
      verdict === 'inconclusive'
        ? { name: 'absent', uscc: 'absent', filed, shown: { name: null, uscc: null } }
        : { name: 'match', uscc: 'match', filed, shown: filed },
    trust_marks: [],
    marks: [],
    marks_violation: false,
    evidence: {},
    truncated: false,
    retries: 0,
    visits: [],
    crawler: { name: 'test', version: '0', user_agent: 'test' },
    started_at: iso(at - 1000),
    finished_at: iso(at),
  };
}
