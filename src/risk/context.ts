import type { Db } from '../db/database.ts';
import type { OverThresholdRow } from '../transactions/stats.ts';
import type { Finding } from './finding.ts';
import type { StoreHourReads } from './store-hours.ts';

/** What a signal reads: the database (aggregates and records), the moment, and the gateway's settings. */
export interface RiskContext {
  db: Db;
  now: Date;
  /** Platform slugs by id: evidence names a seller as `<platform>/<seller id>`. */
  platforms: Map<number, string>;
  sporadicThresholdCny: number;
  /**
   * The over-threshold rows sporadic_threshold reads, asked of the transactions store before the run
   * (with ClickHouse they cannot be asked synchronously); without them, SQLite's monthly statistics.
   */
  sales?: readonly OverThresholdRow[] | undefined;
  /** The per store and hour aggregate the order rules read (SQLite's, or ClickHouse's asked before). */
  storeHours: StoreHourReads;
}

export type SignalRule = (ctx: RiskContext) => Finding[];

export const sellerRef = (ctx: RiskContext, platformId: number, sellerId: string) =>
  `${ctx.platforms.get(platformId) ?? platformId}/${sellerId}`;

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
