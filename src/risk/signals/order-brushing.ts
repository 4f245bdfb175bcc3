import { type RiskContext, daysBefore } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { chinaHour } from '../hours.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.order_brushing;

export interface StoreHour {
  hour: string;
  orders: number;
  buyers: number;
  top_amount_orders: number;
  quick_reversals: number;
}

export type BrushingKind = 'few_buyers' | 'burst' | 'identical_amounts' | 'quick_reversals';

export interface FlaggedHour extends StoreHour {
  kinds: BrushingKind[];
  /** The store's mean orders per active hour in the window, this hour left out. */
  baseline: number;
}

/**
 * The rule itself, on one store's hours in the window (pure). The baseline of an hour is the store's
 * mean over its other active hours, so a store that is always busy is never a burst of itself.
 */
export function flagHours(hours: readonly StoreHour[]): FlaggedHour[] {
  const total = hours.reduce((n, h) => n + h.orders, 0);
  const flagged: FlaggedHour[] = [];
  for (const h of hours) {
    const others = hours.length - 1;
    const baseline = others > 0 ? (total - h.orders) / others : 0;
    const kinds: BrushingKind[] = [];
    const { fewBuyers, burst, identicalAmounts, quickReversals } = RULE;
    if (h.orders >= fewBuyers.minOrders && h.orders >= fewBuyers.ordersPerBuyer * Math.max(1, h.buyers))
      kinds.push('few_buyers');
    if (
      h.orders >= burst.minOrders &&
      others >= burst.minActiveHours &&
      h.orders >= burst.timesBaseline * Math.max(1, baseline)
    )
      kinds.push('burst');
    if (
      h.orders >= identicalAmounts.minOrders &&
      h.top_amount_orders >= identicalAmounts.share * h.orders &&
      others >= identicalAmounts.minActiveHours &&
      h.orders >= identicalAmounts.timesBaseline * Math.max(1, baseline)
    )
      kinds.push('identical_amounts');
    if (h.orders >= quickReversals.minOrders && h.quick_reversals >= quickReversals.share * h.orders)
      kinds.push('quick_reversals');
    if (kinds.length) flagged.push({ ...h, kinds, baseline });
  }
  return flagged;
}

const KIND_WORDS: Record<BrushingKind, string> = {
  few_buyers: 'came from few buyers',
  burst: 'burst far above its own baseline',
  identical_amounts: 'had identical amounts',
  quick_reversals: 'were cancelled or refunded within 30 minutes',
};

function strength(h: FlaggedHour): number {
  let s = 0;
  if (h.kinds.includes('few_buyers')) s = Math.max(s, 55 + 5 * (h.orders / Math.max(1, h.buyers) - 3));
  if (h.kinds.includes('burst')) s = Math.max(s, 45 + 2 * (h.orders / Math.max(1, h.baseline) - 10));
  if (h.kinds.includes('identical_amounts'))
    s = Math.max(s, 50 + 30 * (h.top_amount_orders / h.orders - 0.8));
  if (h.kinds.includes('quick_reversals')) s = Math.max(s, 50 + 40 * (h.quick_reversals / h.orders - 0.5));
  return s + 10 * (h.kinds.length - 1);
}

/** One store's finding from its flagged hours (pure). */
export function brushingFinding(
  store: { platform_id: number; seller_id: string; subject_id: string | null },
  flagged: readonly FlaggedHour[],
  orderIds: readonly string[],
  sellerRef: string,
): Finding {
  const worst = flagged.reduce((a, b) => (strength(b) > strength(a) ? b : a));
  const kinds = [...new Set(flagged.flatMap((h) => h.kinds))];
  const ordersFlagged = flagged.reduce((n, h) => n + h.orders, 0);
  const score = clampScore(strength(worst) + Math.min(20, 2 * (flagged.length - 1)));
  const at = `${worst.hour.replace('T', ' ')}:00 CST`;
  const text =
    `In ${flagged.length} hour${flagged.length === 1 ? '' : 's'} of the last ${RULE.windowDays} days, this store's orders ` +
    `${kinds.map((k) => KIND_WORDS[k]).join('; ')}. Worst: ${worst.orders} orders from ${worst.buyers} buyer${worst.buyers === 1 ? '' : 's'} ` +
    `at ${at}, ${worst.top_amount_orders} of one amount, ${worst.quick_reversals} reversed within 30 minutes, ` +
    `against the store's own mean of ${worst.baseline.toFixed(1)} orders per active hour.`;
  return {
    signal: 'order_brushing',
    version: RULE.version,
    target: { kind: 'store', platform_id: store.platform_id, seller_id: store.seller_id },
    subject_id: store.subject_id,
    score,
    explanation: {
      text,
      rule: RULE.version,
      threshold: {
        few_buyers: `≥ ${RULE.fewBuyers.ordersPerBuyer} orders per buyer with ≥ ${RULE.fewBuyers.minOrders} orders in an hour`,
        burst: `≥ ${RULE.burst.timesBaseline}× the store's mean with ≥ ${RULE.burst.minOrders} orders in an hour`,
        identical_amounts: `≥ ${RULE.identicalAmounts.share * 100}% of one amount with ≥ ${RULE.identicalAmounts.minOrders} orders, ≥ ${RULE.identicalAmounts.timesBaseline}× the mean`,
        quick_reversals: `≥ ${RULE.quickReversals.share * 100}% reversed within 30 minutes with ≥ ${RULE.quickReversals.minOrders} orders`,
      },
      found: {
        hours_flagged: flagged.length,
        orders_in_flagged_hours: ordersFlagged,
        worst_hour: at,
        worst_orders: worst.orders,
        worst_buyers: worst.buyers,
        worst_orders_per_buyer: Number((worst.orders / Math.max(1, worst.buyers)).toFixed(2)),
        worst_top_amount_orders: worst.top_amount_orders,
        worst_quick_reversals: worst.quick_reversals,
        rules_fired: kinds.join(', '),
      },
      comparison: `the store's own mean of ${worst.baseline.toFixed(2)} orders per active hour in the window`,
    },
    evidence: {
      orders: capped(orderIds, ordersFlagged),
      sellers: capped([sellerRef]),
      hours: flagged.slice(0, 20).map((h) => h.hour),
    },
  };
}

/** The first hour of the rule's window at `now`. */
export const brushingFrom = (now: Date) => chinaHour(daysBefore(now, RULE.windowDays).toISOString());

/**
 * Each store's flagged hours in the window, the stores read one at a time (bounded memory): `rows` by
 * store, then hour. Also what the ClickHouse store asks evidence for, before the run.
 */
export function* flaggedStores(
  rows: Iterable<StoreHour & { platform_id: number; seller_id: string }>,
): Generator<{ platform_id: number; seller_id: string; flagged: FlaggedHour[] }> {
  let store: { platform_id: number; seller_id: string } | null = null;
  let hours: StoreHour[] = [];
  for (const r of rows) {
    if (!store || store.platform_id !== r.platform_id || store.seller_id !== r.seller_id) {
      if (store && hours.length) {
        const flagged = flagHours(hours);
        if (flagged.length) yield { ...store, flagged };
      }
      store = { platform_id: r.platform_id, seller_id: r.seller_id };
      hours = [];
    }
    hours.push(r);
  }
  if (store && hours.length) {
    const flagged = flagHours(hours);
    if (flagged.length) yield { ...store, flagged };
  }
}

/** The hours whose orders are a finding's evidence: the worst five. */
export const evidenceHours = (flagged: FlaggedHour[]) =>
  [...flagged].sort((a, b) => strength(b) - strength(a)).slice(0, 5);

/** Every store's hours in the window: the stores that fire. */
export function orderBrushing(ctx: RiskContext): Finding[] {
  const subject = ctx.db.prepare<[number, string], { subject_id: string }>(
    'SELECT subject_id FROM sellers WHERE platform_id = ? AND seller_id = ?',
  );
  const findings: Finding[] = [];
  for (const { platform_id, seller_id, flagged } of flaggedStores(
    ctx.storeHours.hours(brushingFrom(ctx.now)),
  )) {
    // The evidence: orders of the worst hours first.
    const ids = evidenceHours(flagged).flatMap((h) =>
      ctx.storeHours.evidence(platform_id, seller_id, h.hour),
    );
    findings.push(
      brushingFinding(
        { platform_id, seller_id, subject_id: subject.get(platform_id, seller_id)?.subject_id ?? null },
        flagged,
        ids,
        `${ctx.platforms.get(platform_id) ?? platform_id}/${seller_id}`,
      ),
    );
  }
  return findings;
}
