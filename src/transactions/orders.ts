import type { Db } from '../db/database.ts';
import { type StoreHourReads, sqliteStoreHours } from '../risk/store-hours.ts';
import { type MonthStats, type OverThresholdRow, sumMonths } from './stats.ts';
import type { OrderVersion, TransactionsSql } from './store.ts';

/**
 * Where orders and their history are kept, as the gateway's readers see it (issue 21): in SQLite (the
 * default), or in ClickHouse with MARKETGATE_TRANSACTIONS_URL (src/transactions/clickhouse/orders.ts).
 * One interface, two implementations, one test suite over both (test/transactions/orders-store.test.ts).
 *
 * Filing is the same for both: records are checked, admitted and staged in SQLite, and a filing's
 * receipt is signed when it commits there; with ClickHouse, a loader then moves each published filing's
 * versions there (docs/decisions/0021). The monthly statistics (a row a seller, month and currency,
 * summed by admission) go with them: into seller_month_stats, or into ClickHouse with each filing's load.
 */
export interface TransactionsStore {
  readonly engine: 'sqlite' | 'clickhouse';
  /** Readies the store (ClickHouse: its tables) and starts its background work (the loader). */
  start(): Promise<void>;
  /** An order's visible versions, newest first (none: the platform has filed no such order). */
  history(platformId: number, orderId: string): Promise<OrderVersion[]>;
  /** A seller's monthly statistics, in order of month and currency. */
  stats(platformId: number, sellerId: string): Promise<MonthStats[]>;
  /**
   * The over-threshold report (stats.ts): natural persons whose sales in the months from `fromMonth` to
   * `toMonth`, in `currency`, summed across their stores, are above `thresholdMinor`.
   */
  overThreshold(
    fromMonth: string,
    toMonth: string,
    currency: string,
    thresholdMinor: number,
  ): Promise<OverThresholdRow[]>;
  /**
   * The per store and hour aggregate the risk signals' order rules read, as of `now` (src/risk/store-hours.ts):
   * SQLite's risk_store_hours, or what ClickHouse's store_hour_facts sum to, asked at once for the rules'
   * windows. `store_unavailable` when ClickHouse does not answer.
   */
  riskHours(now: Date): Promise<StoreHourReads>;
  /**
   * Resolves once every filing published before the call is where the store keeps orders for good
   * (ClickHouse: loaded, and its SQLite copy removed unless a filing in progress may still need it).
   */
  settled(): Promise<void>;
  /** Stops background work; what is left is picked up at the next start. */
  close(): Promise<void>;
}

/** The embedded store: everything in the gateway's SQLite (decision 0020). */
export function sqliteOrders(sql: TransactionsSql, db: Db): TransactionsStore {
  return {
    engine: 'sqlite',
    start: async () => {},
    history: async (platformId, orderId) => sql.history(platformId, orderId),
    stats: async (platformId, sellerId) => sumMonths(sql.stats(platformId, sellerId)),
    overThreshold: async (...range) => sql.overThreshold(...range),
    riskHours: async () => sqliteStoreHours(db),
    settled: async () => {},
    close: async () => {},
  };
}
