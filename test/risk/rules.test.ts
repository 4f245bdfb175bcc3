import { describe, expect, it } from 'vitest';
import {
  EVIDENCE_ORDERS_PER_HOUR,
  type FiledOrder,
  type HourRow,
  type OrderFacts,
  applyOrder,
  chinaHour,
  emptyHour,
  hourStart,
  orderFacts,
} from '../../src/risk/hours.ts';
import { nameCore, nameSimilarity, normalizeAddress, normalizePersonName } from '../../src/risk/names.ts';
import { RULES, clampScore, severityOf } from '../../src/risk/rules.ts';
import {
  type StoreComplaints,
  categoryBaselines,
  poissonUpperTail,
  spikeFinding,
} from '../../src/risk/signals/complaint-spike.ts';
import {
  type PlatformFilings,
  type StoppedStore,
  halfYear,
  platformGap,
  storeGap,
} from '../../src/risk/signals/filing-gap.ts';
import { type StoreHour, brushingFinding, flagHours } from '../../src/risk/signals/order-brushing.ts';
import {
  type LinkAttribute,
  type LinkRecord,
  linkThreshold,
  pairWeights,
} from '../../src/risk/signals/relisted-offender.ts';
import {
  type SharedGroup,
  commonNameLimit,
  minSubjects,
  sharedContactFindings,
} from '../../src/risk/signals/shared-contact.ts';
import { sporadicFinding } from '../../src/risk/signals/sporadic-threshold.ts';

/**
 * The pure parts of the risk engine (issue 15): the store-hour sketch, names, and each signal's rule on
 * hand-made inputs, each threshold probed just beyond it (fires) and just inside it (does not).
 */

// ---------------------------------------------------------------------------------------------------
// hours.ts
// ---------------------------------------------------------------------------------------------------

describe('hours: the store-hour sketch', () => {
  const facts = (orderId: string, buyer: string, amount: string, quick = false): OrderFacts => ({
    hour: '2026-11-24T10',
    buyer,
    amount,
    quick,
    orderId,
  });

  /** The row the orders make when counted from scratch. */
  function fromScratch(orders: OrderFacts[]): Omit<HourRow, 'sketch'> {
    const amounts = new Map<string, number>();
    for (const o of orders) amounts.set(o.amount, (amounts.get(o.amount) ?? 0) + 1);
    return {
      orders: orders.length,
      buyers: new Set(orders.map((o) => o.buyer)).size,
      top_amount_orders: Math.max(0, ...amounts.values()),
      quick_reversals: orders.filter((o) => o.quick).length,
    };
  }
  const counts = (row: HourRow) => ({
    orders: row.orders,
    buyers: row.buyers,
    top_amount_orders: row.top_amount_orders,
    quick_reversals: row.quick_reversals,
  });

  it('adding and taking out orders keeps orders, distinct buyers, the top amount and quick reversals exact', () => {
    // A deterministic mix: 40 orders over 7 buyers and 5 amounts, some quick reversals.
    const all = Array.from({ length: 40 }, (_, i) =>
      facts(`O${i}`, `b${(i * 3) % 7}`, `${1000 + ((i * 7) % 5) * 100}`, i % 6 === 0),
    );
    const row = emptyHour();
    const live: OrderFacts[] = [];
    for (const o of all) {
      applyOrder(row, o, 1);
      live.push(o);
      expect(counts(row)).toEqual(fromScratch(live));
    }
    // Take out every third, then put half of them back: the counts follow at every step.
    for (const o of all.filter((_, i) => i % 3 === 0)) {
      applyOrder(row, o, -1);
      live.splice(live.indexOf(o), 1);
      expect(counts(row)).toEqual(fromScratch(live));
    }
    for (const o of all.filter((_, i) => i % 6 === 0)) {
      applyOrder(row, o, 1);
      live.push(o);
      expect(counts(row)).toEqual(fromScratch(live));
    }
    // Every order out: nothing is left in the sketch (the fold then drops the row).
    for (const o of [...live]) applyOrder(row, o, -1);
    expect(counts(row)).toEqual({ orders: 0, buyers: 0, top_amount_orders: 0, quick_reversals: 0 });
    expect(row.sketch.b).toEqual({});
    expect(row.sketch.a).toEqual({});
  });

  it('a buyer who leaves the hour stops counting once their last order goes, not before', () => {
    const row = emptyHour();
    applyOrder(row, facts('A', 'x', '100'), 1);
    applyOrder(row, facts('B', 'x', '200'), 1);
    applyOrder(row, facts('C', 'y', '200'), 1);
    expect(counts(row)).toMatchObject({ buyers: 2, top_amount_orders: 2 });
    applyOrder(row, facts('A', 'x', '100'), -1);
    expect(counts(row)).toMatchObject({ orders: 2, buyers: 2, top_amount_orders: 2 });
    applyOrder(row, facts('B', 'x', '200'), -1);
    expect(counts(row)).toMatchObject({ orders: 1, buyers: 1, top_amount_orders: 1 });
  });

  it(`keeps up to ${EVIDENCE_ORDERS_PER_HOUR} order ids as evidence, each once, and drops an order taken out`, () => {
    const row = emptyHour();
    for (let i = 0; i < 15; i++) applyOrder(row, facts(`O${i}`, `b${i}`, '1'), 1);
    expect(row.sketch.o).toHaveLength(EVIDENCE_ORDERS_PER_HOUR);
    expect(new Set(row.sketch.o).size).toBe(EVIDENCE_ORDERS_PER_HOUR);
    applyOrder(row, facts('O3', 'b3', '1'), -1);
    expect(row.sketch.o).not.toContain('O3');
    // A later version of an order already listed (out, then in) is not listed twice.
    applyOrder(row, facts('O4', 'b4', '1'), -1);
    applyOrder(row, facts('O4', 'b4', '1'), 1);
    expect(row.sketch.o.filter((o) => o === 'O4')).toHaveLength(1);
  });

  describe('a quick reversal: cancelled or refunded within 30 minutes of placing, by updated_at', () => {
    const placed = '2026-11-24T02:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(placed) + ms).toISOString();
    const filed = (status: string, record: FiledOrder['record']): FiledOrder => ({
      order_id: 'O1',
      placed_at: placed,
      status,
      total_minor: 12990,
      record: { buyer_ref: 'b1', ...record },
    });

    it('cancelled or refunded at 30 minutes is quick; a millisecond later is not', () => {
      for (const status of ['cancelled', 'refunded']) {
        expect(orderFacts(filed(status, { updated_at: after(30 * 60_000) })).quick, status).toBe(true);
        expect(orderFacts(filed(status, { updated_at: after(30 * 60_000 + 1) })).quick, status).toBe(false);
        expect(orderFacts(filed(status, { updated_at: after(0) })).quick, status).toBe(true);
      }
    });

    it('falls back on completed_at; without either time it is not quick', () => {
      expect(orderFacts(filed('refunded', { completed_at: after(10 * 60_000) })).quick).toBe(true);
      expect(orderFacts(filed('refunded', {})).quick).toBe(false);
    });

    it('an order in any other state is never a reversal, however soon it was updated', () => {
      for (const status of ['created', 'paid', 'shipped', 'delivered', 'completed', 'partially_refunded'])
        expect(orderFacts(filed(status, { updated_at: after(60_000) })).quick, status).toBe(false);
    });

    it('an updated_at before placed_at is not a reversal', () => {
      expect(orderFacts(filed('cancelled', { updated_at: after(-60_000) })).quick).toBe(false);
    });

    it('the facts name the China Standard Time hour, the total and a stable buyer key', () => {
      const f = orderFacts(filed('paid', {}));
      expect(f).toMatchObject({ hour: '2026-11-24T10', amount: '12990', orderId: 'O1' });
      expect(orderFacts(filed('paid', {})).buyer).toBe(f.buyer);
      expect(orderFacts({ ...filed('paid', {}), record: { buyer_ref: 'b2' } }).buyer).not.toBe(f.buyer);
    });
  });

  describe('chinaHour and hourStart', () => {
    it('name hours in China Standard Time (UTC+8), across a day and a year', () => {
      expect(chinaHour('2026-06-30T15:59:59.999Z')).toBe('2026-06-30T23');
      expect(chinaHour('2026-06-30T16:00:00.000Z')).toBe('2026-07-01T00');
      expect(chinaHour('2026-12-31T16:30:00+00:00')).toBe('2027-01-01T00');
      expect(chinaHour('2026-03-01T10:00:00+08:00')).toBe('2026-03-01T10');
      expect(hourStart('2026-07-01T00')).toBe(Date.parse('2026-06-30T16:00:00Z'));
    });

    it('round trip: an hour starts at or before every instant in it, and an hour key comes back from its start', () => {
      const start = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < 500; i++) {
        // Instants spread over more than a year, not on hour boundaries.
        const at = start + i * 79_321_123;
        const hour = chinaHour(new Date(at).toISOString());
        expect(hourStart(hour)).toBeLessThanOrEqual(at);
        expect(at - hourStart(hour)).toBeLessThan(3_600_000);
        expect(chinaHour(new Date(hourStart(hour)).toISOString())).toBe(hour);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// names.ts
// ---------------------------------------------------------------------------------------------------

describe('names', () => {
  it('a new vest that changes the city and the form keeps the core: 杭州鑫源商贸有限公司 and 宁波鑫源贸易有限公司', () => {
    expect(nameCore('杭州鑫源商贸有限公司')).toBe('鑫源');
    expect(nameCore('宁波鑫源贸易有限公司')).toBe(nameCore('杭州鑫源商贸有限公司'));
    expect(nameCore('浙江杭州鑫源科技有限责任公司')).toBe('鑫源');
    expect(nameCore('杭州市鑫源电子商务有限公司')).toBe('鑫源');
    // Full-width brackets and spaces do not matter.
    expect(nameCore('鑫源（杭州）商贸 有限公司')).toBe(nameCore('鑫源(杭州)商贸有限公司'));
  });

  it('a name written with its province (浙江省杭州市…) or its place in brackets (鑫源（杭州）…) has the same core', () => {
    // nameCore (names.ts) strips places only at the start and only as bare names: "浙江省杭州市鑫源商贸有限
    // 公司" loses 浙江, then stops at 省 (the forms loop later removes 省 and 市, leaving 杭州鑫源), and
    // the common "字号（行政区划）" form "鑫源（杭州）商贸有限公司" keeps 杭州 (鑫源杭州). Both are the
    // same trade name as 杭州鑫源商贸有限公司 (鑫源), and relisted_offender blocks on the core.
    expect(nameCore('浙江省杭州市鑫源商贸有限公司')).toBe('鑫源');
    expect(nameCore('鑫源（杭州）商贸有限公司')).toBe('鑫源');
  });

  it('different trade names have different cores; a name that is all form keeps itself', () => {
    expect(nameCore('杭州鑫源商贸有限公司')).not.toBe(nameCore('杭州示例商贸有限公司'));
    expect(nameCore('杭州商贸有限公司')).toBe('杭州商贸有限公司');
    expect(nameCore('王小明')).toBe('王小明');
  });

  it('nameSimilarity: 1 for equal names (after normalising), 0 for names with no bigram in common, symmetric', () => {
    expect(nameSimilarity('杭州鑫源商贸有限公司', '杭州鑫源商贸有限公司')).toBe(1);
    expect(nameSimilarity('杭州鑫源商贸有限公司', '杭州鑫源商贸有限公司 ')).toBe(1);
    expect(nameSimilarity('ＡＢＣ', 'abc')).toBe(1);
    expect(nameSimilarity('鑫源', '示例')).toBe(0);
    expect(nameSimilarity('', '')).toBe(0);
    expect(nameSimilarity('鑫源商贸', '鑫源贸易')).toBeCloseTo(nameSimilarity('鑫源贸易', '鑫源商贸'), 12);
    // Dice of bigrams: 鑫源 商贸 贸有 ... — 2 shared of 3 + 3.
    expect(nameSimilarity('鑫源商贸', '鑫源商行')).toBeCloseTo((2 * 2) / 6, 12);
  });

  it('addresses and person names compare without width, white space and punctuation', () => {
    expect(normalizeAddress('杭州市 西湖区，文三路１号')).toBe(normalizeAddress('杭州市西湖区文三路1号'));
    expect(normalizeAddress('Room 5A')).toBe('room5a');
    expect(normalizePersonName('阿卜杜 · 热合曼')).toBe(normalizePersonName('阿卜杜热合曼'));
  });
});

// ---------------------------------------------------------------------------------------------------
// order_brushing
// ---------------------------------------------------------------------------------------------------

describe('order_brushing: flagHours', () => {
  const RULE = RULES.order_brushing;
  let n = 0;
  /** An hour of `orders` orders, each from its own buyer and of its own amount, none reversed. */
  const hour = (orders: number, over: Partial<StoreHour> = {}): StoreHour => ({
    hour: `2026-11-${String(1 + Math.floor(n / 24)).padStart(2, '0')}T${String(n++ % 24).padStart(2, '0')}`,
    orders,
    buyers: orders,
    top_amount_orders: Math.min(orders, 1),
    quick_reversals: 0,
    ...over,
  });
  const kindsOf = (hours: StoreHour[], target: StoreHour) =>
    flagHours(hours).find((h) => h.hour === target.hour)?.kinds ?? [];

  describe(`few_buyers: ≥ ${RULE.fewBuyers.minOrders} orders and ≥ ${RULE.fewBuyers.ordersPerBuyer} per distinct buyer`, () => {
    it('fires at exactly 3 orders per buyer with 10 orders, and with 12 orders from 4 buyers', () => {
      const a = hour(10, { buyers: 3 }); // 10 ≥ 9
      const b = hour(12, { buyers: 4 }); // 12 ≥ 12
      const c = hour(12, { buyers: 1 });
      expect(kindsOf([a], a)).toEqual(['few_buyers']);
      expect(kindsOf([b], b)).toEqual(['few_buyers']);
      expect(kindsOf([c], c)).toEqual(['few_buyers']);
    });
    it('does not fire just inside: 11 orders from 4 buyers, or 9 orders from one buyer', () => {
      const a = hour(11, { buyers: 4 }); // 11 < 12
      const b = hour(9, { buyers: 1 }); // under the minimum of orders
      expect(flagHours([a, b])).toEqual([]);
    });
  });

  describe(`burst: ≥ ${RULE.burst.minOrders} orders, ≥ ${RULE.burst.timesBaseline}× the store's mean over ≥ ${RULE.burst.minActiveHours} other active hours`, () => {
    const quiet = (count: number, orders = 1) => Array.from({ length: count }, () => hour(orders));

    it('fires for 30 orders in an hour of a store with 24 other hours of one order', () => {
      const peak = hour(30);
      const hours = [...quiet(24), peak];
      expect(kindsOf(hours, peak)).toEqual(['burst']);
      expect(flagHours(hours)).toHaveLength(1);
      expect(flagHours(hours)[0]!.baseline).toBe(1);
    });

    it('does not fire for 29 orders (under the minimum), nor with only 23 other active hours', () => {
      const low = hour(29);
      expect(flagHours([...quiet(24), low])).toEqual([]);
      const young = hour(30);
      expect(flagHours([...quiet(23), young])).toEqual([]);
    });

    it('measures against the mean: 30 orders over a mean of 3.04 (needs 30.4) does not fire, 31 does', () => {
      const others = () => [...quiet(23, 3), hour(4)]; // 73 orders over 24 hours
      const at30 = hour(30);
      expect(kindsOf([...others(), at30], at30)).toEqual([]);
      const at31 = hour(31);
      expect(kindsOf([...others(), at31], at31)).toEqual(['burst']);
    });

    it('an always-busy store is not a burst of itself: 48 hours of 40 orders flag nothing', () => {
      const busy = Array.from({ length: 48 }, () => hour(40));
      expect(flagHours(busy)).toEqual([]);
      // Its busiest hour, well above its ordinary ones but under 10× their mean, neither.
      const busiest = hour(120);
      expect(kindsOf([...busy, busiest], busiest)).toEqual([]);
    });

    it("the hour itself is left out of its baseline: the store's mean over its other hours", () => {
      const peak = hour(300);
      const [flagged] = flagHours([...quiet(24, 2), peak]);
      expect(flagged!.baseline).toBe(2);
    });
  });

  describe(`identical_amounts: ≥ ${RULE.identicalAmounts.minOrders} orders, ≥ ${RULE.identicalAmounts.share * 100}% of one total, ≥ ${RULE.identicalAmounts.timesBaseline}× the mean over ≥ ${RULE.identicalAmounts.minActiveHours} other hours`, () => {
    const history = (orders: number, count: number = RULE.identicalAmounts.minActiveHours) =>
      Array.from({ length: count }, () => hour(orders));
    it('fires at 16 of 20 orders of one total in an hour 20× the mean', () => {
      const h = hour(20, { top_amount_orders: 16 });
      expect(kindsOf([...history(1), h], h)).toEqual(['identical_amounts']);
    });
    it('does not fire at 15 of 20, nor 19 of 19, nor in an hour under 3× the mean', () => {
      const a = hour(20, { top_amount_orders: 15 });
      const b = hour(19, { top_amount_orders: 19 });
      expect(flagHours([...history(1), a])).toEqual([]);
      expect(flagHours([...history(1), b])).toEqual([]);
      // Mean of the other hours 7: 20 < 21.
      const c = hour(20, { top_amount_orders: 20 });
      expect(kindsOf([...history(7), c], c)).toEqual([]);
      const d = hour(21, { top_amount_orders: 21 });
      expect(kindsOf([...history(7), d], d)).toEqual(['identical_amounts']);
    });
    it('does not fire without a history to compare with: a new store selling its one product', () => {
      const first = hour(20, { top_amount_orders: 20 });
      expect(flagHours([...history(1, RULE.identicalAmounts.minActiveHours - 1), first])).toEqual([]);
    });
  });

  describe(`quick_reversals: ≥ ${RULE.quickReversals.minOrders} orders, ≥ ${RULE.quickReversals.share * 100}% reversed within 30 minutes`, () => {
    it('fires at 5 of 10', () => {
      const h = hour(10, { quick_reversals: 5 });
      expect(kindsOf([h], h)).toEqual(['quick_reversals']);
    });
    it('does not fire at 4 of 10, nor 9 of 9', () => {
      expect(flagHours([hour(10, { quick_reversals: 4 }), hour(9, { quick_reversals: 9 })])).toEqual([]);
    });
  });

  it('an hour can fire several rules; the finding names them all, with the worst hour and the numbers', () => {
    const h = hour(40, { buyers: 2, top_amount_orders: 40, quick_reversals: 30 });
    const hours = [...Array.from({ length: 24 }, () => hour(1)), h];
    const flagged = flagHours(hours);
    expect(flagged[0]!.kinds).toEqual(['few_buyers', 'burst', 'identical_amounts', 'quick_reversals']);
    const f = brushingFinding({ platform_id: 1, seller_id: 'S1', subject_id: 'X' }, flagged, ['O1'], 'p/S1');
    expect(f.target).toEqual({ kind: 'store', platform_id: 1, seller_id: 'S1' });
    expect(f.score).toBe(100);
    expect(f.explanation.found).toMatchObject({
      hours_flagged: 1,
      worst_orders: 40,
      worst_buyers: 2,
      worst_orders_per_buyer: 20,
      worst_top_amount_orders: 40,
      worst_quick_reversals: 30,
      rules_fired: 'few_buyers, burst, identical_amounts, quick_reversals',
    });
    expect(f.evidence.orders).toEqual({ ids: ['O1'], total: 40 });
    expect(f.evidence.hours).toEqual([h.hour]);
  });

  it('a just-firing hour scores medium, not high', () => {
    const h = hour(10, { buyers: 3 });
    const f = brushingFinding(
      { platform_id: 1, seller_id: 'S', subject_id: null },
      flagHours([h]),
      [],
      'p/S',
    );
    expect(severityOf(f.score)).toBe('medium');
  });
});

// ---------------------------------------------------------------------------------------------------
// shared_contact
// ---------------------------------------------------------------------------------------------------

describe('shared_contact', () => {
  it('minSubjects: 3 on a phone, 4 on an address, 3 on a legal representative', () => {
    expect(minSubjects('phone')).toBe(3);
    expect(minSubjects('address')).toBe(4);
    expect(minSubjects('legal_representative')).toBe(3);
  });

  it('commonNameLimit: at least 20 subjects, or 0.1% of all subjects in a large market', () => {
    expect(commonNameLimit(0)).toBe(20);
    expect(commonNameLimit(20_000)).toBe(20);
    expect(commonNameLimit(20_999)).toBe(20);
    expect(commonNameLimit(100_000)).toBe(100);
    expect(commonNameLimit(1_000_000)).toBe(1000);
  });

  const phoneGroup: SharedGroup = {
    attribute: 'phone',
    subjects: ['S1', 'S2', 'S3'],
    sellers: ['a/1', 'a/2', 'b/3'],
  };
  const addressGroup: SharedGroup = {
    attribute: 'address',
    subjects: ['S1', 'S4', 'S5', 'S6'],
    sellers: ['a/1', 'a/4', 'b/5', 'b/6'],
  };

  it('one finding per subject, naming the others and their stores', () => {
    const findings = sharedContactFindings([phoneGroup]);
    expect(findings.map((f) => f.subject_id).sort()).toEqual(['S1', 'S2', 'S3']);
    const s2 = findings.find((f) => f.subject_id === 'S2')!;
    expect(s2.target).toEqual({ kind: 'subject', subject_id: 'S2' });
    expect(s2.evidence.subjects).toEqual({ ids: ['S1', 'S3'], total: 2 });
    expect(s2.evidence.sellers).toEqual({ ids: ['a/1', 'a/2', 'b/3'], total: 3 });
    expect(s2.explanation.found).toMatchObject({ subjects_sharing_phone: 3, other_subjects: 2 });
    expect(s2.explanation.text).toContain('one phone number with 2 other subjects (3 in all)');
  });

  it('a subject in two groups gets one finding with both, scored higher than either', () => {
    const findings = sharedContactFindings([phoneGroup, addressGroup]);
    expect(findings).toHaveLength(6);
    const s1 = findings.filter((f) => f.subject_id === 'S1');
    expect(s1).toHaveLength(1);
    expect(s1[0]!.explanation.found).toMatchObject({
      subjects_sharing_phone: 3,
      subjects_sharing_address: 4,
      other_subjects: 5,
    });
    const s2 = findings.find((f) => f.subject_id === 'S2')!;
    expect(s1[0]!.score).toBeGreaterThan(s2.score);
  });

  it('the explanation and evidence hold no value: only counts, subject ids and store references', () => {
    const findings = sharedContactFindings([phoneGroup, addressGroup]);
    for (const f of findings) {
      const text = JSON.stringify([f.explanation, f.evidence]);
      // No phone-like run of digits, no address words.
      expect(text).not.toMatch(/\d{7,}/);
      expect(text).not.toMatch(/[路街号]/);
      expect(f.explanation.text).toContain('never shown');
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// relisted_offender
// ---------------------------------------------------------------------------------------------------

describe('relisted_offender: Fellegi-Sunter weights', () => {
  const M = RULES.relisted_offender.m;
  const record = (over: Partial<LinkRecord>): LinkRecord => ({
    subject_id: 'S',
    platform_id: 1,
    seller_id: 'x',
    legal_name: '杭州鑫源商贸有限公司',
    name_core: '鑫源',
    store_url: 'https://a.example/1',
    phone: 'p1',
    address: null,
    legal_representative: null,
    ...over,
  });
  const offender = record({ subject_id: 'O', seller_id: 'o' });
  const byAttribute = (weights: ReturnType<typeof pairWeights>) =>
    Object.fromEntries(weights.map((w) => [w.attribute, w]));

  it('agreement weighs log2(m/u), disagreement log2((1-m)/(1-u)); u is the share of subjects holding the value', () => {
    const candidate = record({
      subject_id: 'C',
      legal_name: '宁波鑫源贸易有限公司',
      store_url: 'https://b.example/9',
    });
    const holders = (a: LinkAttribute) => ({ phone: 2, name: 4, store_url: 1 })[a as 'phone'] ?? 1;
    const w = byAttribute(pairWeights(offender, candidate, holders, 1000));
    expect(Object.keys(w).sort()).toEqual(['name', 'phone', 'store_url']);
    expect(w.phone).toMatchObject({ agrees: true, u: 0.002 });
    expect(w.phone!.weight).toBeCloseTo(Math.log2(M.phone / 0.002), 12);
    expect(w.name).toMatchObject({ agrees: true, u: 0.004 });
    expect(w.name!.weight).toBeCloseTo(Math.log2(M.name / 0.004), 12);
    expect(w.store_url).toMatchObject({ agrees: false, u: 0.001 });
    expect(w.store_url!.weight).toBeCloseTo(Math.log2((1 - M.store_url) / (1 - 0.001)), 12);
  });

  it('an attribute either record lacks weighs nothing; u is at least 1 holder and at most 0.5', () => {
    const candidate = record({
      subject_id: 'C',
      phone: null,
      address: 'a1',
      store_url: 'https://b.example/9',
    });
    const w = byAttribute(pairWeights(offender, candidate, () => 0, 10));
    expect(w.phone).toBeUndefined();
    expect(w.address).toBeUndefined();
    expect(w.name!.u).toBe(0.1);
    const crowded = byAttribute(pairWeights(offender, record({ subject_id: 'C' }), () => 900, 1000));
    expect(crowded.phone!.u).toBe(0.5);
    expect(crowded.store_url).toMatchObject({ agrees: true, u: 0.5 });
  });

  it('a disagreeing attribute weighs against the link', () => {
    const candidate = record({ subject_id: 'C', phone: 'p2', store_url: 'https://b.example/9' });
    const w = byAttribute(pairWeights(offender, candidate, () => 1, 1000));
    expect(w.phone!.agrees).toBe(false);
    expect(w.phone!.weight).toBeLessThan(0);
    expect(w.phone!.weight).toBeCloseTo(Math.log2(0.1 / 0.999), 12);
  });

  it('linkThreshold is log2(subjects) - 2 (at least 2 subjects)', () => {
    expect(linkThreshold(1024)).toBe(8);
    expect(linkThreshold(4)).toBe(0);
    expect(linkThreshold(0)).toBe(-1);
  });

  it('a shared phone with a new vest of the same trade name reaches the threshold; the phone alone does not', () => {
    const subjects = 20_000;
    const total = (c: LinkRecord) =>
      pairWeights(offender, c, () => 2, subjects).reduce((n, w) => n + w.weight, 0);
    const vest = record({
      subject_id: 'C',
      legal_name: '宁波鑫源贸易有限公司',
      store_url: 'https://b.example/9',
    });
    expect(total(vest)).toBeGreaterThanOrEqual(linkThreshold(subjects));
    const other = record({
      subject_id: 'D',
      legal_name: '上海华东五金机电',
      name_core: '华东五金机电',
      store_url: 'https://b.example/10',
    });
    expect(total(other)).toBeLessThan(linkThreshold(subjects));
  });

  it('names agree on their trade name, not on the legal form every company has (杭州示例商贸有限公司 is no vest of 杭州鑫源商贸有限公司)', () => {
    // pairWeights compares the full legal names by bigrams (relisted-offender.ts, the `agrees` of
    // 'name'): "商贸有限公司" alone gives 5 shared bigrams, so any two X商贸有限公司 score ≥ 0.5 and
    // "agree", weighed with the u of the offender's exact core (1 holder): a strong false match. The
    // similarity should be of the cores (names.ts says the core is "compared by bigrams").
    const unrelated = record({
      subject_id: 'D',
      legal_name: '杭州示例商贸有限公司',
      name_core: nameCore('杭州示例商贸有限公司'),
      store_url: 'https://b.example/10',
    });
    expect(nameCore('杭州示例商贸有限公司')).not.toBe(nameCore('杭州鑫源商贸有限公司'));
    const w = byAttribute(pairWeights(offender, unrelated, () => 1, 20_000));
    expect(w.name!.agrees).toBe(false);
    // And so a phone shared with an unrelated company (a family member, an agent) is not a new vest.
    const total = pairWeights(offender, unrelated, () => 2, 20_000).reduce((n, x) => n + x.weight, 0);
    expect(total).toBeLessThan(linkThreshold(20_000));
  });
});

// ---------------------------------------------------------------------------------------------------
// sporadic_threshold
// ---------------------------------------------------------------------------------------------------

describe('sporadic_threshold: sporadicFinding', () => {
  const person = (net: number) => ({
    subject_id: 'P',
    net_minor: net,
    stores: [
      { ref: 'alpha/1', net_minor: net / 2, orders: 3 },
      { ref: 'beta/2', net_minor: net / 2, orders: 4 },
    ],
  });

  it('at 80% it warns medium, counting platforms; past 100% it is high and says so', () => {
    const at80 = sporadicFinding(person(8_000_000), '2026', 10_000_000);
    expect(at80.score).toBe(40);
    expect(at80.explanation.found).toMatchObject({ share: 0.8, platforms: 2, year: '2026' });
    expect(at80.explanation.text).toContain('80%');
    expect(at80.explanation.text).not.toContain('passed');
    const over = sporadicFinding(person(12_000_000), '2026', 10_000_000);
    expect(over.score).toBe(82);
    expect(severityOf(over.score)).toBe('high');
    expect(over.explanation.text).toContain('(it is passed)');
    expect(over.evidence.sellers!.ids).toEqual(['alpha/1', 'beta/2']);
  });
});

// ---------------------------------------------------------------------------------------------------
// complaint_spike
// ---------------------------------------------------------------------------------------------------

describe('complaint_spike', () => {
  describe('poissonUpperTail: P(X ≥ k), X ~ Poisson(λ)', () => {
    // Reference values from mpmath at 50 digits (and scipy.stats.poisson.sf(k - 1, λ)).
    const KNOWN: [number, number, number][] = [
      [3, 0.5, 0.0143876779669707],
      [1, 0.5, 0.393469340287367],
      [5, 0.45, 0.000105904769283483],
      [10, 0.5, 1.7096700293489e-10],
      [3, 0.001, 1.66541716652781e-10],
      [700, 700, 0.505026240055682],
      [1000, 1000, 0.504205244180216],
      [800, 800, 0.504701612421641],
      [1100, 1000, 0.000962630405866557],
    ];

    it.each(KNOWN)('P(X ≥ %d | λ = %d) = %d', (k, lambda, p) => {
      const got = poissonUpperTail(k, lambda);
      expect(Math.abs(got - p) / p).toBeLessThan(1e-6);
    });

    it('P(X ≥ 3 | λ = 0.5) = 0.01438...', () => {
      expect(poissonUpperTail(3, 0.5)).toBeCloseTo(0.0143876779669707, 14);
    });

    it('edges: k ≤ 0 is certain, λ = 0 never reaches k ≥ 1; large λ does not underflow to 0 or 1', () => {
      expect(poissonUpperTail(0, 5)).toBe(1);
      expect(poissonUpperTail(1, 0)).toBe(0);
      expect(poissonUpperTail(10, 5000)).toBe(1);
      const p = poissonUpperTail(5000, 5000);
      expect(p).toBeGreaterThan(0.49);
      expect(p).toBeLessThan(0.51);
      expect(poissonUpperTail(5400, 5000)).toBeGreaterThan(0);
      expect(poissonUpperTail(5400, 5000)).toBeLessThan(1e-7);
    });

    it('exp(-λ) is subnormal for 708 < λ < 745 and the tail loses its precision (P(X ≥ 820 | λ = 740) = 0.0020, not 0)', () => {
      // complaint-spike.ts poissonUpperTail takes the direct sum whenever exp(-λ) is not exactly 0; for
      // λ in (708, 745) it is a subnormal number with only a few significant digits, and the product
      // recursion carries that error: P(X ≥ 740 | 740) comes out 0.5036 (0.5049), P(X ≥ 760 | 740)
      // 0.2338 (0.2358), P(X ≥ 820 | 740) exactly 0 (0.0020, which is not significant at p < 0.001).
      // The test should switch to logs below the smallest normal number (about λ > 708).
      expect(poissonUpperTail(740, 740)).toBeCloseTo(0.504888506554875, 6);
      expect(poissonUpperTail(760, 740)).toBeCloseTo(0.235817543379246, 6);
      expect(poissonUpperTail(820, 740)).toBeGreaterThan(0.0019);
    });

    it('a tail under 1e-16 is reported as p = 0 (1 minus the sum cancels), P(X ≥ 20 | λ = 0.5) = 2.4e-25', () => {
      // The explanation then reads "p = 0.0e+0". The decision and the score are unaffected (the score
      // stops at p = 1e-11); summing the upper terms when k > λ would keep it exact.
      const p = poissonUpperTail(20, 0.5);
      expect(p).toBeGreaterThan(0);
      expect(Math.abs(p - 2.43546542992531e-25) / 2.43546542992531e-25).toBeLessThan(1e-6);
    });
  });

  const store = (id: string, orders: number, complaints: number, category = 'tea'): StoreComplaints => ({
    platform_id: 1,
    seller_id: id,
    subject_id: `subject-${id}`,
    category,
    orders,
    complaints,
  });

  describe('categoryBaselines', () => {
    it('the median per thousand over stores with at least 100 orders; small stores do not shape it', () => {
      const b = categoryBaselines([
        store('a', 1000, 1), // 1
        store('b', 1000, 2), // 2
        store('c', 100, 1), // 10
        store('d', 99, 50), // left out of the median
        store('e', 500, 5, 'toys'), // 10
        store('f', 500, 1, 'toys'), // 2
      ]);
      expect(b.get('tea')!.perThousand).toBe(2);
      expect(b.get('tea')!.basis).toBe('median of 3 stores with ≥ 100 orders');
      expect(b.get('toys')!.perThousand).toBe(6);
    });

    it('where the median is 0, the pooled rate of all the category’s stores', () => {
      const b = categoryBaselines([
        store('a', 1000, 0),
        store('b', 1000, 0),
        store('c', 1000, 6),
        store('d', 10, 3),
      ]);
      expect(b.get('tea')!.perThousand).toBeCloseTo((1000 * 9) / 3010, 12);
      expect(b.get('tea')!.basis).toBe('pooled rate of 4 stores (their median is 0)');
    });

    it(`never below the floor of ${RULES.complaint_spike.baselineFloor} per thousand`, () => {
      const b = categoryBaselines([store('a', 1000, 0), store('b', 20, 0)]);
      expect(b.get('tea')).toEqual({ perThousand: 0.1, basis: 'floor of 0.1 per thousand' });
      const tiny = categoryBaselines([store('a', 100_000, 1), store('b', 100_000, 1)]);
      expect(tiny.get('tea')!.perThousand).toBe(0.1);
    });
  });

  describe('spikeFinding', () => {
    const baseline = { perThousand: 2, basis: 'median of 9 stores with ≥ 100 orders' };

    it('a small store with one complaint never fires, whatever its rate and however low the baseline', () => {
      for (const orders of [0, 1, 5, 50])
        expect(
          spikeFinding(store('s', orders, 1), { perThousand: 0.1, basis: 'floor' }, ['C1'], 'a/s'),
        ).toBeNull();
      expect(spikeFinding(store('s', 5, 2), { perThousand: 0.1, basis: 'floor' }, [], 'a/s')).toBeNull();
    });

    it('fires for 4 complaints on 100 orders against 2 per thousand (p = 5.7e-5), not for 3 (p = 0.0012)', () => {
      expect(spikeFinding(store('s', 100, 3), baseline, [], 'a/s')).toBeNull();
      const f = spikeFinding(store('s', 100, 4), baseline, ['C1', 'C2', 'C3', 'C4'], 'a/s')!;
      expect(f).not.toBeNull();
      expect(f.explanation.found).toMatchObject({
        complaints: 4,
        orders: 100,
        per_thousand: 40,
        times_baseline: 20,
      });
      expect(f.explanation.found.p_value).toBe(Number(poissonUpperTail(4, 0.2).toPrecision(3)));
      expect(f.explanation.text).toContain('Poisson');
      expect(f.explanation.comparison).toContain('category tea');
      expect(f.evidence.complaints).toEqual({ ids: ['C1', 'C2', 'C3', 'C4'], total: 4 });
    });

    it('does not fire under 3× the baseline, nor when the Poisson test is not significant', () => {
      // 5 complaints on 1000 orders against 2 per thousand: 2.5×.
      expect(spikeFinding(store('s', 1000, 5), baseline, [], 'a/s')).toBeNull();
      // 3 on 500 orders against 2 per thousand: exactly 3×, but P(X ≥ 3 | 1) = 0.08.
      expect(spikeFinding(store('s', 500, 3), baseline, [], 'a/s')).toBeNull();
      // 12 on 1000 orders: 6×, p = P(X ≥ 12 | 2) ≈ 1e-6: fires.
      expect(spikeFinding(store('s', 1000, 12), baseline, [], 'a/s')).not.toBeNull();
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// filing_gap
// ---------------------------------------------------------------------------------------------------

describe('filing_gap', () => {
  describe('halfYear (China Standard Time)', () => {
    it('2026-06-30T16:00Z is already the second half-year; a millisecond before is the first', () => {
      expect(halfYear(new Date('2026-06-30T15:59:59.999Z'))).toEqual({
        start: '2025-12-31T16:00:00.000Z',
        dueBy: '2026-01-31T16:00:00.000Z',
        previousStart: '2025-06-30T16:00:00.000Z',
        label: '2026-H1',
      });
      expect(halfYear(new Date('2026-06-30T16:00:00.000Z'))).toEqual({
        start: '2026-06-30T16:00:00.000Z',
        dueBy: '2026-07-31T16:00:00.000Z',
        previousStart: '2025-12-31T16:00:00.000Z',
        label: '2026-H2',
      });
    });

    it('the new year starts at 16:00 UTC on 31 December', () => {
      expect(halfYear(new Date('2026-12-31T15:59:59.999Z')).label).toBe('2026-H2');
      expect(halfYear(new Date('2026-12-31T16:00:00.000Z'))).toMatchObject({
        label: '2027-H1',
        previousStart: '2026-06-30T16:00:00.000Z',
      });
    });
  });

  describe('platformGap', () => {
    const platform = (over: Partial<PlatformFilings>): PlatformFilings => ({
      platform_id: 7,
      slug: 'alpha',
      created_at: '2026-03-01T00:00:00.000Z',
      last_sellers_filing: '2026-09-01T02:00:00.000Z',
      last_sellers_filing_id: 'F1',
      ...over,
    });

    it('is not due during the filing month (January): no finding', () => {
      expect(platformGap(platform({}), new Date('2027-01-20T00:00:00Z'))).toBeNull();
      expect(platformGap(platform({}), new Date('2027-01-31T15:59:59.999Z'))).toBeNull();
    });

    it('is due once January is over (CST): the last filing of the previous half-year scores 60', () => {
      const f = platformGap(platform({}), new Date('2027-01-31T16:00:00.000Z'))!;
      expect(f).not.toBeNull();
      expect(f.target).toEqual({ kind: 'platform', platform_id: 7 });
      expect(f.subject_id).toBeNull();
      expect(f.score).toBe(60);
      expect(f.explanation.text).toContain('2027-H1');
      expect(f.explanation.found).toEqual({
        last_sellers_filing: '2026-09-01T02:00:00.000Z',
        previous_half_year_missed: 'no',
      });
      expect(f.evidence.filings).toEqual({ ids: ['F1'], total: 1 });
    });

    it('a platform that never filed, or missed the previous half-year too, scores 80', () => {
      const now = new Date('2027-02-15T00:00:00Z');
      const never = platformGap(platform({ last_sellers_filing: null, last_sellers_filing_id: null }), now)!;
      expect(never.score).toBe(80);
      expect(never.explanation.text).toContain('it never has');
      expect(never.evidence).toEqual({});
      expect(platformGap(platform({ last_sellers_filing: '2026-05-01T00:00:00.000Z' }), now)!.score).toBe(80);
    });

    it('a filing in the half-year, or a platform that joined in it, is no gap', () => {
      const now = new Date('2027-02-15T00:00:00Z');
      expect(platformGap(platform({ last_sellers_filing: '2026-12-31T16:00:00.000Z' }), now)).toBeNull();
      expect(
        platformGap(platform({ created_at: '2027-01-10T00:00:00.000Z', last_sellers_filing: null }), now),
      ).toBeNull();
      // 2026-12-31T15:59Z is still 2026 in China: a gap.
      expect(platformGap(platform({ last_sellers_filing: '2026-12-31T15:59:00.000Z' }), now)).not.toBeNull();
    });
  });

  describe('storeGap', () => {
    const stopped: StoppedStore = {
      platform_id: 1,
      seller_id: 'S1',
      subject_id: 'X',
      last_hour: '2026-11-01T10',
      orders_before: 25,
      platform_last_hour: '2026-11-12T10',
      verification_id: 'V1',
      verified_at: '2026-11-05T00:00:00.000Z',
      verdict: 'compliant',
    };

    it('says how long the store was silent while its platform filed on, and the verification that saw it open', () => {
      const f = storeGap(stopped, 'alpha/S1');
      expect(f.target).toEqual({ kind: 'store', platform_id: 1, seller_id: 'S1' });
      expect(f.score).toBe(56);
      expect(f.explanation.found).toEqual({
        last_order_hour: '2026-11-01T10',
        orders_before: 25,
        silent_days: 11,
        verdict: 'compliant',
      });
      expect(f.explanation.text).toContain('2026-11-01 10:00 CST');
      expect(f.evidence).toEqual({
        verifications: { ids: ['V1'], total: 1 },
        sellers: { ids: ['alpha/S1'], total: 1 },
      });
    });

    it('the score stops at 75', () => {
      expect(storeGap({ ...stopped, platform_last_hour: '2027-03-01T00' }, 'alpha/S1').score).toBe(75);
    });
  });
});

describe('rules', () => {
  it('severity: high from 70, medium from 40; scores are clamped to 0-100', () => {
    expect([severityOf(39), severityOf(40), severityOf(69), severityOf(70)]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
    ]);
    expect([clampScore(-5), clampScore(55.5), clampScore(140)]).toEqual([0, 56, 100]);
  });
});

describe('an hour moved order by order', () => {
  it('keeps its distinct buyers and most frequent total equal to what its sketch holds', () => {
    // A seeded walk of adds and removals over few buyers and totals: ties, a top total losing orders,
    // buyers leaving and coming back. After every step the counts are those of the sketch itself.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const row = emptyHour();
    const live: { buyer: string; amount: string; orderId: string }[] = [];
    for (let step = 0; step < 5_000; step++) {
      if (live.length > 0 && next(3) === 0) {
        const [gone] = live.splice(next(live.length), 1);
        applyOrder(row, { hour: 'h', quick: false, ...gone! }, -1);
      } else {
        const o = { buyer: `b${next(40)}`, amount: String(100 * next(6)), orderId: `o${step}` };
        live.push(o);
        applyOrder(row, { hour: 'h', quick: false, ...o }, 1);
      }
      expect(row.orders).toBe(live.length);
      expect(row.buyers).toBe(Object.keys(row.sketch.b).length);
      expect(row.top_amount_orders).toBe(Math.max(0, ...Object.values(row.sketch.a)));
    }
  });
});
