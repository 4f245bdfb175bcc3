import type { Db } from '../db/database.ts';
import { chinaHour, hourStart } from './hours.ts';

/**
 * What the order rules read of the per store and hour aggregate (order_brushing, complaint_spike,
 * filing_gap): in SQLite's risk_store_hours (folded there), or with orders in ClickHouse (issue 21) in its
 * store_hour_facts, asked before the run (src/transactions/clickhouse/risk-hours.ts). Hours are keys
 * `YYYY-MM-DDTHH` in China Standard Time; a store-hour is listed while it has an order.
 */
export interface StoreHourRow {
  platform_id: number;
  seller_id: string;
  hour: string;
  orders: number;
  buyers: number;
  top_amount_orders: number;
  quick_reversals: number;
}

export interface StoreLastHour {
  platform_id: number;
  seller_id: string;
  /** The store's latest hour with an order, from the hour asked. */
  last_hour: string;
}

/** The days before a store's last hour whose orders filing_gap counts (its "orders before"). */
export const ORDERS_BEFORE_DAYS = 30;

export interface StoreHourReads {
  /** Every store-hour from `fromHour` on, by store, then hour. */
  hours(fromHour: string): Iterable<StoreHourRow>;
  /** Up to 10 order ids of a store-hour: the evidence. */
  evidence(platformId: number, sellerId: string, hour: string): string[];
  /** Each store's orders from `fromHour` on. */
  ordersByStore(fromHour: string): { platform_id: number; seller_id: string; orders: number }[];
  /** Each store's latest hour with an order, from `fromHour` on. */
  lastHours(fromHour: string): StoreLastHour[];
  /** A store's orders in the ORDERS_BEFORE_DAYS up to and including its hour `lastHour`. */
  ordersBefore(platformId: number, sellerId: string, lastHour: string): number;
}

/** The hour key ORDERS_BEFORE_DAYS before `hour` (the window's open end). */
export const hoursBefore = (hour: string) =>
  chinaHour(new Date(hourStart(hour) - ORDERS_BEFORE_DAYS * 86_400_000).toISOString());

/** The embedded store's aggregate: risk_store_hours, as the fold keeps it (fold.ts). */
export function sqliteStoreHours(db: Db): StoreHourReads {
  const q = {
    hours: db.prepare<[string], StoreHourRow>(
      `SELECT platform_id, seller_id, hour, orders, buyers, top_amount_orders, quick_reversals
       FROM risk_store_hours WHERE hour >= ? ORDER BY platform_id, seller_id, hour`,
    ),
    sketch: db
      .prepare<[number, string, string], string>(
        'SELECT sketch FROM risk_store_hours WHERE platform_id = ? AND seller_id = ? AND hour = ?',
      )
      .pluck(),
    ordersByStore: db.prepare<[string], { platform_id: number; seller_id: string; orders: number }>(
      'SELECT platform_id, seller_id, sum(orders) AS orders FROM risk_store_hours WHERE hour >= ? GROUP BY platform_id, seller_id',
    ),
    lastHours: db.prepare<[string], StoreLastHour>(
      'SELECT platform_id, seller_id, max(hour) AS last_hour FROM risk_store_hours WHERE hour >= ? GROUP BY platform_id, seller_id',
    ),
    before: db
      .prepare<[number, string, string, string], number>(
        'SELECT coalesce(sum(orders), 0) FROM risk_store_hours WHERE platform_id = ? AND seller_id = ? AND hour > ? AND hour <= ?',
      )
      .pluck(),
  };
  return {
    hours: (fromHour) => q.hours.iterate(fromHour),
    evidence: (platformId, sellerId, hour) =>
      (JSON.parse(q.sketch.get(platformId, sellerId, hour) ?? '{"o":[]}') as { o: string[] }).o,
    ordersByStore: (fromHour) => q.ordersByStore.all(fromHour),
    lastHours: (fromHour) => q.lastHours.all(fromHour),
    ordersBefore: (platformId, sellerId, lastHour) =>
      q.before.get(platformId, sellerId, hoursBefore(lastHour), lastHour) ?? 0,
  };
}
