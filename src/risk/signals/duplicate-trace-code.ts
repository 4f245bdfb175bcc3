import { countSales, monthOf } from '../../trace/check.ts';
import { schemeOf, type TraceSale, traceSql } from '../../trace/store.ts';
import { type RiskContext, sellerRef } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { clampScore, RULES } from '../rules.ts';

const RULE = RULES.duplicate_trace_code;

/** A store that sold codes sold before: the later sales of duplicated codes, with the earlier ones. */
interface Resales {
  platform_id: number;
  seller_id: string;
  codes: Set<string>;
  orders: Set<string>;
  /** The orders that sold the same codes before, anywhere. */
  earlierOrders: Set<string>;
  earlierStores: Set<string>;
  /** Of the codes, those this store had sold itself before without a refund between. */
  ownRepeats: number;
  lastMonth: string;
}

/**
 * duplicate_trace_code (issue 23): a code printed on one box, sold in two or more orders, across any
 * platforms. Each sale after the first is a resale of that unit, or a counterfeit with a copied code:
 * the warning goes to the store that made it, with the orders as evidence. A refund followed by a sale
 * of the same store (a return and a resale) is explained and not counted (src/trace/check.ts).
 */
export function duplicateTraceCode(ctx: RiskContext): Finding[] {
  const trace = traceSql(ctx.db);
  const stores = new Map<string, Resales>();
  const ref = (s: TraceSale) => `${ctx.platforms.get(s.platform_id) ?? s.platform_id}/${s.order_id}`;
  for (const { scheme, code } of trace.candidates()) {
    const { result, sold } = countSales(trace.sales(scheme, code, RULE.salesReadPerCode));
    if (result !== 'sold_more_than_once') continue;
    const label = `${schemeOf(scheme)}:${code}`;
    for (const [i, s] of sold.entries()) {
      if (i === 0) continue;
      const key = `${s.platform_id}\u0000${s.seller_id}`;
      let r = stores.get(key);
      if (!r) {
        r = {
          platform_id: s.platform_id,
          seller_id: s.seller_id,
          codes: new Set(),
          orders: new Set(),
          earlierOrders: new Set(),
          earlierStores: new Set(),
          ownRepeats: 0,
          lastMonth: '',
        };
        stores.set(key, r);
      }
      r.codes.add(label);
      r.orders.add(ref(s));
      const earlier = sold.slice(0, i);
      for (const e of earlier) {
        r.earlierOrders.add(ref(e));
        if (e.platform_id !== s.platform_id || e.seller_id !== s.seller_id)
          r.earlierStores.add(sellerRef(ctx, e.platform_id, e.seller_id));
      }
      if (earlier.some((e) => e.platform_id === s.platform_id && e.seller_id === s.seller_id)) r.ownRepeats++;
      const month = monthOf(s.placed_at);
      if (month > r.lastMonth) r.lastMonth = month;
    }
  }
  const subjectOf = ctx.db
    .prepare<[number, string], string>(
      'SELECT subject_id FROM sellers WHERE platform_id = ? AND seller_id = ?',
    )
    .pluck();
  return [...stores.values()].map((r) =>
    resalesFinding(ctx, r, subjectOf.get(r.platform_id, r.seller_id) ?? null),
  );
}

function resalesFinding(ctx: RiskContext, r: Resales, subjectId: string | null): Finding {
  const codes = r.codes.size;
  const others = r.earlierStores.size;
  const score = clampScore(RULE.base + RULE.perCode * (codes - 1) + (others > 0 ? RULE.otherStores : 0));
  const whoBefore =
    others === 0
      ? 'this store itself, without a refund between'
      : `${others} other store${others === 1 ? '' : 's'}` +
        (r.ownRepeats ? ` (and, for ${r.ownRepeats}, this store itself without a refund between)` : '');
  return {
    signal: 'duplicate_trace_code',
    version: RULE.version,
    target: { kind: 'store', platform_id: r.platform_id, seller_id: r.seller_id },
    subject_id: subjectId,
    score,
    explanation: {
      text:
        `This store sold ${codes} unit${codes === 1 ? '' : 's'} whose trace code${codes === 1 ? ' was' : 's were'} sold before by ${whoBefore}, ` +
        `last in ${r.lastMonth}. A trace code is printed on one box: a second sale is a box sold again, or a counterfeit with a copied code. ` +
        'A refund followed by a sale of the same store (a return and a resale) is not counted.',
      rule: RULE.version,
      threshold: { sales_of_one_code: 2 },
      found: { codes, orders: r.orders.size, earlier_stores: others, own_repeats: r.ownRepeats },
      comparison: 'the earlier sales of the same codes, on every platform',
    },
    evidence: {
      orders: capped([...r.orders, ...[...r.earlierOrders].filter((o) => !r.orders.has(o))]),
      sellers: capped([sellerRef(ctx, r.platform_id, r.seller_id), ...r.earlierStores]),
    },
  };
}
