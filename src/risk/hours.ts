/**
 * The per store and hour aggregate the order rules read (risk_store_hours, migration 014), and how one
 * filed version of an order moves it. Pure: the fold (fold.ts) reads and writes the rows.
 *
 * Distinct buyers and the most frequent total are not sums, so each hour keeps the counts they are made
 * of (its sketch): a later version of an order (cancelled, refunded, corrected) takes its earlier
 * version's part out and puts its own in, and the counts stay exact.
 */
export const QUICK_REVERSAL_MS = 30 * 60_000;
export const EVIDENCE_ORDERS_PER_HOUR = 10;
const CST_MS = 8 * 3_600_000;

export interface HourSketch {
  /** Orders per buyer: a 32-bit FNV-1a hash of the platform's pseudonym, in hexadecimal. */
  b: Record<string, number>;
  /** Orders per total, in minor units. */
  a: Record<string, number>;
  /** Up to EVIDENCE_ORDERS_PER_HOUR order ids of the hour. */
  o: string[];
}

export interface HourRow {
  orders: number;
  buyers: number;
  top_amount_orders: number;
  quick_reversals: number;
  sketch: HourSketch;
}

/** What one version of an order contributes to its store's hour. */
export interface OrderFacts {
  hour: string;
  buyer: string;
  amount: string;
  quick: boolean;
  orderId: string;
}

/** YYYY-MM-DDTHH of an instant in China Standard Time. */
export function chinaHour(iso: string): string {
  return new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 13);
}

/** The instant an hour key starts at. */
export function hourStart(hour: string): number {
  return Date.parse(`${hour}:00:00.000Z`) - CST_MS;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

export interface FiledOrder {
  order_id: string;
  placed_at: string;
  status: string;
  total_minor: number;
  /** The normalised record as stored (buyer_ref, updated_at). */
  record: { buyer_ref?: string; updated_at?: string; completed_at?: string };
}

/** A cancellation or refund the record dates within QUICK_REVERSAL_MS of placing. */
function quickReversal(o: FiledOrder): boolean {
  if (o.status !== 'cancelled' && o.status !== 'refunded') return false;
  const at = o.record.updated_at ?? o.record.completed_at;
  if (!at) return false;
  const after = Date.parse(at) - Date.parse(o.placed_at);
  return after >= 0 && after <= QUICK_REVERSAL_MS;
}

export function orderFacts(o: FiledOrder): OrderFacts {
  return {
    hour: chinaHour(o.placed_at),
    buyer: fnv1a(o.record.buyer_ref ?? ''),
    amount: String(o.total_minor),
    quick: quickReversal(o),
    orderId: o.order_id,
  };
}

export const emptyHour = (): HourRow => ({
  orders: 0,
  buyers: 0,
  top_amount_orders: 0,
  quick_reversals: 0,
  sketch: { b: {}, a: {}, o: [] },
});

/** Moves one count of the sketch by `by`; returns the count after (0: the key is gone). */
function bump(counts: Record<string, number>, key: string, by: number): number {
  const n = (counts[key] ?? 0) + by;
  if (n > 0) counts[key] = n;
  else delete counts[key];
  return Math.max(0, n);
}

/** Adds (sign 1) or takes out (sign -1) one order's part of its hour, in place. */
export function applyOrder(row: HourRow, facts: OrderFacts, sign: 1 | -1): void {
  const { sketch } = row;
  row.orders += sign;
  if (facts.quick) row.quick_reversals += sign;
  // The distinct buyers and the most frequent total follow each change, without going over the sketch:
  // a store selling tens of thousands of orders in an hour made every order cost as much as the hour's
  // buyers, and folding the hour took seconds a batch (docs/benchmarks.md, issue 21).
  const buyersBefore = sketch.b[facts.buyer] ?? 0;
  const buyersAfter = bump(sketch.b, facts.buyer, sign);
  if (buyersBefore === 0 && buyersAfter > 0) row.buyers++;
  else if (buyersBefore > 0 && buyersAfter === 0) row.buyers--;
  const amountBefore = sketch.a[facts.amount] ?? 0;
  const amountAfter = bump(sketch.a, facts.amount, sign);
  if (amountAfter > row.top_amount_orders) row.top_amount_orders = amountAfter;
  else if (amountBefore === row.top_amount_orders && amountAfter < amountBefore) {
    // The top total lost an order: another total may be the top now (only then are they all looked at).
    let top = 0;
    for (const n of Object.values(sketch.a)) if (n > top) top = n;
    row.top_amount_orders = top;
  }
  const listed = sketch.o.indexOf(facts.orderId);
  if (sign < 0 && listed >= 0) sketch.o.splice(listed, 1);
  if (sign > 0 && listed < 0 && sketch.o.length < EVIDENCE_ORDERS_PER_HOUR) sketch.o.push(facts.orderId);
}

/** An hour key as a number: hours since 1970-01-01T00 China Standard Time (ClickHouse's store_hour_facts). */
export const hourNumber = (hour: string) => (hourStart(hour) + CST_MS) / 3_600_000;

/** The hour key of an hour number. */
export const hourOfNumber = (n: number) => new Date(n * 3_600_000).toISOString().slice(0, 13);

/**
 * One order version's part of its store-hour as a row of ClickHouse's store_hour_facts (sign 1: put in;
 * -1: taken out). The hour's aggregate is their sums: orders and quick reversals, the buyers with a
 * positive count, the largest count of one total (src/transactions/clickhouse/risk-hours.ts). The order
 * itself is not kept: the evidence is read from the orders (its bytes would be a fifth of an order's).
 */
export interface HourFactRow {
  platform_id: number;
  seller_id: string;
  hour: number;
  orders: number;
  quick: number;
  buyer: number;
  buyer_n: number;
  amount: string;
  amount_n: number;
}

export function hourFactRow(
  platformId: number,
  sellerId: string,
  facts: OrderFacts,
  sign: 1 | -1,
): HourFactRow {
  return {
    platform_id: platformId,
    seller_id: sellerId,
    hour: hourNumber(facts.hour),
    orders: sign,
    quick: facts.quick ? sign : 0,
    buyer: Number.parseInt(facts.buyer, 16),
    buyer_n: sign,
    amount: facts.amount,
    amount_n: sign,
  };
}

/**
 * A sketched hour (risk_store_hours) as store_hour_facts rows: what the fold had summed in SQLite before
 * orders moved to ClickHouse, carried over whole (its counts per buyer and per total, its orders and quick
 * reversals), so that later versions of those orders take their part out exactly.
 */
export function sketchFactRows(
  platformId: number,
  sellerId: string,
  hour: string,
  row: HourRow,
): HourFactRow[] {
  const base = { platform_id: platformId, seller_id: sellerId, hour: hourNumber(hour) };
  const zero = { orders: 0, quick: 0, buyer: 0, buyer_n: 0, amount: '0', amount_n: 0 };
  return [
    { ...base, ...zero, orders: row.orders, quick: row.quick_reversals },
    ...Object.entries(row.sketch.b).map(([b, n]) => ({
      ...base,
      ...zero,
      buyer: Number.parseInt(b, 16),
      buyer_n: n,
    })),
    ...Object.entries(row.sketch.a).map(([a, n]) => ({ ...base, ...zero, amount: a, amount_n: n })),
  ];
}
