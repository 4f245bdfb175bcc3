import {
  type MonthStats,
  type OverThresholdRow,
  overThresholdOf,
  type SellerSales,
  sumMonths,
} from '../stats.ts';
import type { TransactionsSql } from '../store.ts';
import { quote } from './sql.ts';
import { askClickHouse, type Topology, visibleLoads, WatermarkCache } from './schema.ts';

/**
 * The monthly statistics when orders are in ClickHouse (docs/decisions/0021): each published filing's
 * deltas (what it changed per seller, month and currency) go there with its versions, under its load.
 * A seller's months are the sum of three parts:
 *
 * - the deltas of the visible loads, in ClickHouse;
 * - those of filings published and not loaded yet, in SQLite's outbox (transaction_stat_deltas), unless
 *   their load committed meanwhile (a filing is in both until its SQLite copy goes);
 * - seller_month_stats, what SQLite summed before the gateway was moved to ClickHouse (never written
 *   after: new filings' statistics go to the outbox).
 *
 * The outbox is read first, ClickHouse second, and the outbox's filings then looked up in `loads`: a
 * filing whose load committed after the outbox was read is in the ClickHouse sum and is taken from there.
 */
export class ClickHouseStats {
  private readonly mark: WatermarkCache;

  constructor(
    private readonly t: Topology,
    private readonly sql: TransactionsSql,
    /** Told why ClickHouse did not answer (the request is answered store_unavailable). */
    private readonly onFailure?: (err: unknown) => void,
  ) {
    this.mark = new WatermarkCache(t);
  }

  /** A seller's months, in order of month and currency. */
  async stats(platformId: number, sellerId: string): Promise<MonthStats[]> {
    const pending = this.sql.pendingStats(platformId, sellerId);
    const loaded = await this.ask(async () =>
      this.t.ch.query<Record<keyof MonthStats, string>>(
        `SELECT month, currency, sum(orders) AS orders, sum(gross_minor) AS gross_minor,
           sum(refunds_minor) AS refunds_minor, sum(refunded_orders) AS refunded_orders
         FROM seller_month_deltas
         WHERE platform_id = {platform:UInt32} AND seller_id = {seller:String} AND ${visibleLoads(this.t, await this.mark.get())}
         GROUP BY month, currency`,
        { platform: platformId, seller: sellerId },
      ),
    );
    const committed = await this.committed(pending.map((p) => p.filing));
    return sumMonths([
      ...this.sql.stats(platformId, sellerId),
      ...loaded.map((m) => ({
        month: m.month,
        currency: m.currency,
        orders: Number(m.orders),
        gross_minor: Number(m.gross_minor),
        refunds_minor: Number(m.refunds_minor),
        refunded_orders: Number(m.refunded_orders),
      })),
      ...pending.filter((p) => !committed.has(p.filing)),
    ]);
  }

  /** The over-threshold report (stats.ts) over the months from `fromMonth` to `toMonth`. */
  async overThreshold(
    fromMonth: string,
    toMonth: string,
    currency: string,
    thresholdMinor: number,
  ): Promise<OverThresholdRow[]> {
    const pending = this.sql.pendingSales(fromMonth, toMonth, currency);
    // A row a seller that sold in the range: the sellers' subjects are in SQLite, so the sum per person
    // is made here (stats.ts), over every seller's row.
    const loaded = await this.ask(async () =>
      this.t.ch.query<{ platform_id: number; seller_id: string; orders: string; net_minor: string }>(
        `SELECT platform_id, seller_id, sum(orders) AS orders, sum(gross_minor - refunds_minor) AS net_minor
         FROM seller_month_deltas
         WHERE month >= {from:String} AND month <= {to:String} AND currency = {currency:String}
           AND ${visibleLoads(this.t, await this.mark.get())}
         GROUP BY platform_id, seller_id`,
        { from: fromMonth, to: toMonth, currency },
      ),
    );
    const committed = await this.committed(pending.map((p) => p.filing));
    const sales: SellerSales[] = [
      ...this.sql.sales(fromMonth, toMonth, currency),
      ...loaded.map((r) => ({
        platform_id: r.platform_id,
        seller_id: r.seller_id,
        orders: Number(r.orders),
        net_minor: Number(r.net_minor),
      })),
      ...pending.filter((p) => !committed.has(p.filing)),
    ];
    return overThresholdOf(sales, (p, s) => this.sql.sellerHead(p, s), thresholdMinor);
  }

  /** Which of these filings have a committed load. */
  private async committed(filings: string[]): Promise<Set<string>> {
    const unique = [...new Set(filings)];
    if (unique.length === 0) return new Set();
    const rows = await this.ask(() =>
      this.t.ch.query<{ filing: string }>(
        `SELECT DISTINCT filing FROM loads WHERE filing IN (${unique.map(quote).join(', ')})`,
      ),
    );
    return new Set(rows.map((r) => r.filing));
  }

  private ask<T>(ask: () => Promise<T>): Promise<T> {
    return askClickHouse(
      this.t,
      ask,
      'the transactions store did not answer; try again later',
      this.onFailure,
    );
  }
}
