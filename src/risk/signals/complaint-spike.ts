import { type RiskContext, daysBefore } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { chinaHour } from '../hours.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.complaint_spike;
/** Complaints that count: not rejected, not withdrawn by the consumer. */
const COUNTED = `status <> 'rejected' AND coalesce(json_extract(state, '$.outcome'), '') <> 'withdrawn'`;

/** P(X ≥ k) for X ~ Poisson(λ), in log space: exp(-λ) underflows (or turns subnormal) for large λ. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  const step = (t: number, i: number) => t + Math.log(lambda) - Math.log(i); // log P(X=i) from log P(X=i-1)
  if (k > lambda) {
    // Above the mean the tail is summed itself (one minus the head would cancel to 0 below 1e-16); its
    // terms fall, and stop mattering once they are a 1e-17th of the sum.
    let first = -lambda;
    for (let i = 1; i <= k; i++) first = step(first, i);
    let t = first;
    let sum = 0;
    for (let i = k; ;) {
      const term = Math.exp(t - first);
      sum += term;
      if (term < sum * 1e-17) break;
      t = step(t, ++i);
    }
    return Math.min(1, Math.exp(first + Math.log(sum)));
  }
  // At or below the mean the tail is large: one minus the head.
  let t = -lambda;
  let head = 0;
  for (let i = 0; i < k; i++) {
    head += Math.exp(t);
    t = step(t, i + 1);
  }
  return Math.max(0, 1 - head);
}

export interface StoreComplaints {
  platform_id: number;
  seller_id: string;
  subject_id: string | null;
  category: string;
  orders: number;
  complaints: number;
}

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A category's figures, from which each store's baseline is taken with that store left out. */
export interface CategoryStats {
  /** Rates (per thousand orders) of the stores with enough orders to have one, ascending. */
  rates: number[];
  stores: number;
  orders: number;
  complaints: number;
}

export function categoryStats(stores: readonly StoreComplaints[]): Map<string, CategoryStats> {
  const out = new Map<string, CategoryStats>();
  for (const s of stores) {
    let c = out.get(s.category);
    if (!c) out.set(s.category, (c = { rates: [], stores: 0, orders: 0, complaints: 0 }));
    c.stores++;
    c.orders += s.orders;
    c.complaints += s.complaints;
    if (s.orders >= RULE.baselineMinOrders) c.rates.push((1000 * s.complaints) / s.orders);
  }
  for (const c of out.values()) c.rates.sort((a, b) => a - b);
  return out;
}

/**
 * The baseline, complaints per thousand orders (pure): the median over the category's stores with
 * enough orders to have a rate; where that median is 0 (most stores have no complaint), the category's
 * pooled rate; never below the floor. With `without`, that store is left out: a store is not its own
 * comparison (a category's only busy store could otherwise never stand out).
 */
export function baselineOf(
  c: CategoryStats,
  without?: StoreComplaints,
): { perThousand: number; basis: string } {
  let rates = c.rates;
  if (without && without.orders >= RULE.baselineMinOrders) {
    const i = rates.indexOf((1000 * without.complaints) / without.orders);
    if (i >= 0) rates = [...rates.slice(0, i), ...rates.slice(i + 1)];
  }
  const others = without ? ' other' : '';
  const orders = c.orders - (without?.orders ?? 0);
  const complaints = c.complaints - (without?.complaints ?? 0);
  let perThousand = median(rates);
  let basis = `median of ${rates.length}${others} stores with ≥ ${RULE.baselineMinOrders} orders`;
  if (perThousand === 0) {
    perThousand = orders > 0 ? (1000 * complaints) / orders : 0;
    basis = `pooled rate of ${c.stores - (without ? 1 : 0)}${others} stores (their median is 0)`;
  }
  if (perThousand < RULE.baselineFloor) {
    perThousand = RULE.baselineFloor;
    basis = `floor of ${RULE.baselineFloor} per thousand`;
  }
  return { perThousand, basis };
}

/** Each category's baseline over all its stores (pure). */
export function categoryBaselines(
  stores: readonly StoreComplaints[],
): Map<string, { perThousand: number; basis: string }> {
  return new Map([...categoryStats(stores)].map(([category, c]) => [category, baselineOf(c)]));
}

/** The test of one store against its category's baseline (pure): the finding, or null. */
export function spikeFinding(
  s: StoreComplaints,
  baseline: { perThousand: number; basis: string },
  complaintIds: string[],
  sellerRef: string,
): Finding | null {
  // A store with no filed order in the window has no rate: complaints about it are a lead for
  // filing_gap or for the complaint itself, not a rate against its category.
  if (s.complaints < RULE.minComplaints || s.orders === 0) return null;
  const orders = s.orders;
  const rate = (1000 * s.complaints) / orders;
  const lambda = (orders * baseline.perThousand) / 1000;
  const p = poissonUpperTail(s.complaints, lambda);
  const times = rate / baseline.perThousand;
  if (times < RULE.timesBaseline || p >= RULE.pValue) return null;
  const score =
    40 + 5 * Math.min(8, -Math.log10(Math.max(p, 1e-300)) - 3) + Math.min(15, Math.log2(times) * 3);
  return {
    signal: 'complaint_spike',
    version: RULE.version,
    target: { kind: 'store', platform_id: s.platform_id, seller_id: s.seller_id },
    subject_id: s.subject_id,
    score: clampScore(score),
    explanation: {
      text:
        `${s.complaints} complaints on ${s.orders} filed orders in the last ${RULE.windowDays} days: ${rate.toFixed(1)} per thousand, ` +
        `${times.toFixed(1)} times the ${s.category} baseline of ${baseline.perThousand.toFixed(2)} (${baseline.basis}). ` +
        `A one-sided Poisson test puts the chance of that many at that baseline at p = ${p.toExponential(1)}; the rule needs ` +
        `≥ ${RULE.minComplaints} complaints, ≥ ${RULE.timesBaseline}× the baseline and p < ${RULE.pValue}.`,
      rule: RULE.version,
      threshold: {
        min_complaints: RULE.minComplaints,
        times_baseline: RULE.timesBaseline,
        p_value: RULE.pValue,
      },
      found: {
        complaints: s.complaints,
        orders: s.orders,
        per_thousand: Number(rate.toFixed(2)),
        times_baseline: Number(times.toFixed(2)),
        p_value: Number(p.toPrecision(3)),
      },
      comparison: `category ${s.category}: ${baseline.perThousand.toFixed(2)} per thousand (${baseline.basis})`,
    },
    evidence: { complaints: capped(complaintIds, s.complaints), sellers: capped([sellerRef]) },
  };
}

/** The first hour of the rule's window at `now`. */
export const complaintsFrom = (now: Date) => chinaHour(daysBefore(now, RULE.windowDays).toISOString());

export function complaintSpike(ctx: RiskContext): Finding[] {
  const since = daysBefore(ctx.now, RULE.windowDays);
  const orders = ctx.storeHours.ordersByStore(complaintsFrom(ctx.now));
  const complaints = ctx.db
    .prepare<[string, string], { platform_id: number; seller_id: string; n: number }>(
      `SELECT platform_id, seller_id, count(*) AS n FROM complaints
       WHERE seller_id IS NOT NULL AND submitted_at >= ? AND submitted_at <= ? AND ${COUNTED}
       GROUP BY platform_id, seller_id`,
    )
    .all(since.toISOString(), ctx.now.toISOString());
  const info = ctx.db.prepare<[number, string], { subject_id: string; category: string | null }>(
    `SELECT s.subject_id, r.category FROM sellers s LEFT JOIN risk_sellers r ON r.platform_id = s.platform_id AND r.seller_id = s.seller_id
     WHERE s.platform_id = ? AND s.seller_id = ?`,
  );
  const stores = new Map<string, StoreComplaints>();
  const storeOf = (platformId: number, sellerId: string) => {
    const key = `${platformId}/${sellerId}`;
    let s = stores.get(key);
    if (!s) {
      const i = info.get(platformId, sellerId);
      s = {
        platform_id: platformId,
        seller_id: sellerId,
        subject_id: i?.subject_id ?? null,
        category: i?.category ?? 'uncategorised',
        orders: 0,
        complaints: 0,
      };
      stores.set(key, s);
    }
    return s;
  };
  for (const o of orders) storeOf(o.platform_id, o.seller_id).orders = o.orders;
  for (const c of complaints) storeOf(c.platform_id, c.seller_id).complaints = c.n;
  const categories = categoryStats([...stores.values()]);
  const ids = ctx.db.prepare<[number, string, string], { id: string }>(
    `SELECT id FROM complaints WHERE platform_id = ? AND seller_id = ? AND submitted_at >= ? AND ${COUNTED}
     ORDER BY submitted_at DESC LIMIT 20`,
  );
  const findings: Finding[] = [];
  for (const s of stores.values()) {
    if (s.complaints < RULE.minComplaints) continue;
    const ref = `${ctx.platforms.get(s.platform_id) ?? s.platform_id}/${s.seller_id}`;
    const complaintIds = ids.all(s.platform_id, s.seller_id, since.toISOString()).map((r) => r.id);
    const f = spikeFinding(s, baselineOf(categories.get(s.category)!, s), complaintIds, ref);
    if (f) findings.push(f);
  }
  return findings;
}
