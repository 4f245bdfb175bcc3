import { chinaMonthOf } from '../lib/dates.ts';
import { statusCode } from '../transactions/pack.ts';
import type { TraceSale } from './store.ts';

const CANCELLED = statusCode('cancelled');
const REFUNDED = statusCode('refunded');

export const TRACE_RESULTS = ['not_found', 'sold_once', 'sold_more_than_once'] as const;
export type TraceResult = (typeof TRACE_RESULTS)[number];

/** A code's sales as they count (docs/trace-codes.md, "Counting sales"). */
export interface CountedSales {
  result: TraceResult;
  /** The sales that count, oldest first. */
  sold: TraceSale[];
  /** Sales refunded and followed by a sale of the same store: the unit came back and was sold again. */
  returned: TraceSale[];
}

const sameStore = (a: TraceSale, b: TraceSale) =>
  a.platform_id === b.platform_id && a.seller_id === b.seller_id;

/**
 * What a code's sales (oldest first) say: a cancelled order sold nothing; a refunded order followed by
 * a sale of the same store is a return and a resale, one unit sold once and explained; every other sale
 * counts. Two or more that count: the code was sold more than once.
 */
export function countSales(sales: readonly TraceSale[]): CountedSales {
  const live = sales.filter((s) => s.status !== CANCELLED);
  const sold: TraceSale[] = [];
  const returned: TraceSale[] = [];
  for (const [i, s] of live.entries()) {
    const next = live[i + 1];
    if (s.status === REFUNDED && next && sameStore(s, next)) returned.push(s);
    else sold.push(s);
  }
  const result = sold.length === 0 ? 'not_found' : sold.length === 1 ? 'sold_once' : 'sold_more_than_once';
  return { result, sold, returned };
}

export const monthOf = (placedAt: number) => chinaMonthOf(placedAt);
