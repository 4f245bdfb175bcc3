/**
 * The monthly statistics' two readers, the same whichever store keeps them (issue 21): a seller's months,
 * and the over-threshold report. Each store gathers its rows (SQLite: seller_month_stats; ClickHouse:
 * the loaded filings' deltas, those not loaded yet and what SQLite held before; src/transactions/
 * clickhouse/stats.ts); what they mean is decided here, once.
 */

/** A seller's statistics for one month (China Standard Time) and currency. */
export interface MonthStats {
  month: string;
  currency: string;
  /** Orders placed, not counting cancelled ones. */
  orders: number;
  gross_minor: number;
  refunds_minor: number;
  refunded_orders: number;
}

/** What one filing changes in one seller's month: admission's sum of its versions' contributions. */
export interface StatsDelta extends MonthStats {
  platform_id: number;
  seller_id: string;
}

/** A seller's sales over a range of months in one currency: orders, and totals less refunds. */
export interface SellerSales {
  platform_id: number;
  seller_id: string;
  orders: number;
  net_minor: number;
}

/** A seller as the over-threshold report names it. */
export interface SellerHead {
  subject_id: string;
  subject_type: string;
  platform: string;
  legal_name: string;
  store_name: string;
  store_url: string;
}

export interface OverThresholdRow {
  subject_id: string;
  platform: string;
  seller_id: string;
  legal_name: string;
  store_name: string;
  store_url: string;
  orders: number;
  net_minor: number;
  subject_net_minor: number;
}

/**
 * Sums parts of the same seller's months (one part a source: the stores keep them in pieces); a month
 * with nothing left in it (its orders all cancelled) has no row.
 */
export function sumMonths(parts: Iterable<MonthStats>): MonthStats[] {
  const months = addUp(
    parts,
    (p) => `${p.month}\u0000${p.currency}`,
    (p) => ({
      month: p.month,
      currency: p.currency,
      orders: p.orders,
      gross_minor: p.gross_minor,
      refunds_minor: p.refunds_minor,
      refunded_orders: p.refunded_orders,
    }),
    ['orders', 'gross_minor', 'refunds_minor', 'refunded_orders'],
  );
  return months
    .filter((m) => m.orders || m.gross_minor || m.refunds_minor || m.refunded_orders)
    .sort((a, b) => cmp(a.month, b.month) || cmp(a.currency, b.currency));
}

/**
 * The over-threshold report: the natural persons whose sales, summed over all their stores on every
 * platform, are above `thresholdMinor`, each with every store of theirs that sold; the largest first,
 * and within a person the largest store first. `sales` may name a seller more than once (parts from
 * several sources): its parts are added.
 */
export function overThresholdOf(
  sales: Iterable<SellerSales>,
  sellerOf: (platformId: number, sellerId: string) => SellerHead | undefined,
  thresholdMinor: number,
): OverThresholdRow[] {
  const perSeller = addUp(
    sales,
    (s) => `${s.platform_id}\u0000${s.seller_id}`,
    (s) => ({ platform_id: s.platform_id, seller_id: s.seller_id, orders: s.orders, net_minor: s.net_minor }),
    ['orders', 'net_minor'],
  );
  const people = new Map<string, { net_minor: number; stores: { head: SellerHead; sales: SellerSales }[] }>();
  for (const s of perSeller) {
    const head = sellerOf(s.platform_id, s.seller_id);
    if (head?.subject_type !== 'natural_person') continue;
    let person = people.get(head.subject_id);
    if (!person) people.set(head.subject_id, (person = { net_minor: 0, stores: [] }));
    person.net_minor += s.net_minor;
    person.stores.push({ head, sales: s });
  }
  return [...people.entries()]
    .filter(([, p]) => p.net_minor > thresholdMinor)
    .sort(([a, p], [b, q]) => q.net_minor - p.net_minor || cmp(a, b))
    .flatMap(([subjectId, p]) =>
      p.stores
        .sort(
          (a, b) =>
            b.sales.net_minor - a.sales.net_minor ||
            cmp(a.head.platform, b.head.platform) ||
            cmp(a.sales.seller_id, b.sales.seller_id),
        )
        .map(({ head, sales }) => ({
          subject_id: subjectId,
          platform: head.platform,
          seller_id: sales.seller_id,
          legal_name: head.legal_name,
          store_name: head.store_name,
          store_url: head.store_url,
          orders: sales.orders,
          net_minor: sales.net_minor,
          subject_net_minor: p.net_minor,
        })),
    );
}

/** Rows of the same key added up, field by field (`copy` makes a row's sum from its first part). */
function addUp<T>(
  rows: Iterable<T>,
  keyOf: (row: T) => string,
  copy: (row: T) => T,
  fields: readonly { [K in keyof T]: T[K] extends number ? K : never }[keyof T][],
): T[] {
  const sums = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = sums.get(key);
    if (!sum) sums.set(key, copy(row));
    else for (const f of fields) (sum[f] as number) += row[f] as number;
  }
  return [...sums.values()];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
