import { type RiskContext, daysBefore } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { chinaHour } from '../hours.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.complaint_spike;

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so that large λ does not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda); // P(X = 0)
  let below = term;
  if (term === 0) {
    // exp(-λ) underflows for λ > ~745: go through logs.
    let logTerm = -lambda;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      if (i > 0) logTerm += Math.log(lambda) - Math.log(i);
      sum += Math.exp(logTerm);
    }
    return Math.max(0, 1 - sum);
  }
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
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

/**
 * Each category's baseline, complaints per thousand orders (pure): the median over its stores with
 * enough orders to have a rate; where that median is 0 (most stores have no complaint), the category's
 * pooled rate; never below the floor.
 */
export function categoryBaselines(
  stores: readonly StoreComplaints[],
): Map<string, { perThousand: number; basis: string }> {
  const byCategory = new Map<string, StoreComplaints[]>();
  for (const s of stores) {
    const members = byCategory.get(s.category);
    if (members) members.push(s);
    else byCategory.set(s.category, [s]);
  }
  const out = new Map<string, { perThousand: number; basis: string }>();
  for (const [category, members] of byCategory) {
    const rated = members.filter((s) => s.orders >= RULE.baselineMinOrders);
    const med = median(rated.map((s) => (1000 * s.complaints) / s.orders));
    const orders = members.reduce((n, s) => n + s.orders, 0);
    const complaints = members.reduce((n, s) => n + s.complaints, 0);
    const pooled = orders > 0 ? (1000 * complaints) / orders : 0;
    let basis = `median of ${rated.length} stores with ≥ ${RULE.baselineMinOrders} orders`;
    let perThousand = med;
    if (med === 0) {
      perThousand = pooled;
      basis = `pooled rate of ${members.length} stores (their median is 0)`;
    }
    if (perThousand < RULE.baselineFloor) {
      perThousand = RULE.baselineFloor;
      basis = `floor of ${RULE.baselineFloor} per thousand`;
    }
    out.set(category, { perThousand, basis });
  }
  return out;
}

/** The test of one store against its category's baseline (pure): the finding, or null. */
export function spikeFinding(
  s: StoreComplaints,
  baseline: { perThousand: number; basis: string },
  complaintIds: string[],
  sellerRef: string,
): Finding | null {
  if (s.complaints < RULE.minComplaints) return null;
  const orders = Math.max(1, s.orders);
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

export function complaintSpike(ctx: RiskContext): Finding[] {
  const since = daysBefore(ctx.now, RULE.windowDays);
  const orders = ctx.db
    .prepare<[string], { platform_id: number; seller_id: string; orders: number }>(
      'SELECT platform_id, seller_id, sum(orders) AS orders FROM risk_store_hours WHERE hour >= ? GROUP BY platform_id, seller_id',
    )
    .all(chinaHour(since.toISOString()));
  const complaints = ctx.db
    .prepare<[string, string], { platform_id: number; seller_id: string; n: number }>(
      `SELECT platform_id, seller_id, count(*) AS n FROM complaints
       WHERE seller_id IS NOT NULL AND submitted_at >= ? AND submitted_at <= ? GROUP BY platform_id, seller_id`,
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
  const baselines = categoryBaselines([...stores.values()]);
  const ids = ctx.db.prepare<[number, string, string], { id: string }>(
    'SELECT id FROM complaints WHERE platform_id = ? AND seller_id = ? AND submitted_at >= ? ORDER BY submitted_at DESC LIMIT 20',
  );
  const findings: Finding[] = [];
  for (const s of stores.values()) {
    if (s.complaints < RULE.minComplaints) continue;
    const ref = `${ctx.platforms.get(s.platform_id) ?? s.platform_id}/${s.seller_id}`;
    const complaintIds = ids.all(s.platform_id, s.seller_id, since.toISOString()).map((r) => r.id);
    const f = spikeFinding(s, baselines.get(s.category)!, complaintIds, ref);
    if (f) findings.push(f);
  }
  return findings;
}
