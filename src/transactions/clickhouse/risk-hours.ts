import type { Db } from '../../db/database.ts';
import { DomainError } from '../../errors.ts';
import { EVIDENCE_ORDERS_PER_HOUR, hourNumber, hourOfNumber } from '../../risk/hours.ts';
import { complaintsFrom } from '../../risk/signals/complaint-spike.ts';
import { storesFrom } from '../../risk/signals/filing-gap.ts';
import { brushingFrom, evidenceHours, flaggedStores } from '../../risk/signals/order-brushing.ts';
import {
  ORDERS_BEFORE_DAYS,
  type StoreHourReads,
  type StoreHourRow,
  type StoreLastHour,
} from '../../risk/store-hours.ts';
import { quote } from './sql.ts';
import { askClickHouse, type Topology, visibleLoads, watermark } from './schema.ts';

/**
 * The store-hour aggregate the order rules read, with orders in ClickHouse (issue 21): sums over the
 * visible loads' store_hour_facts (src/risk/hours.ts, HourFactRow), asked once before a risk run for
 * the rules' windows at its moment, since the rules themselves read synchronously:
 *
 * - every store-hour of the last 30 days: orders and quick reversals summed; distinct buyers as the
 *   buyers whose count sums above 0 (sumMap); the most frequent total as the largest sum of one total;
 * - each store's last hour of the last 180 days and its orders in the 30 days up to it (filing_gap);
 * - the evidence of the hours order_brushing flags (found by the same rule before the run): orders whose
 *   latest version is placed there, read from order_versions.
 *
 * What the loader has loaded is read; a filing still waiting in SQLite joins at the next run (seconds).
 * Until SQLite's own aggregate has been carried over (TransactionLoader.moveRiskHours), the store does not
 * answer: a run then would see only part of the hours.
 */
const key = (platformId: number, sellerId: string, hour = '') =>
  `${platformId}\u0000${sellerId}\u0000${hour}`;

/** The hour number (hours since 1970 in China time) of an order's placing, in SQL (placed_at in ms). */
const PLACED_HOUR = 'intDiv(placed_at, 3600000) + 8';
/** Orders of an hour looked at for its evidence: more than it keeps, in case corrections moved some away. */
const CANDIDATES_AN_HOUR = 50;

export class ClickHouseRiskHours {
  private readonly moved;

  constructor(
    private readonly t: Topology,
    db: Db,
    private readonly onFailure?: (err: unknown) => void,
  ) {
    this.moved = db.prepare<[], string | null>('SELECT moved_at FROM risk_hours_moved').pluck();
  }

  async read(now: Date): Promise<StoreHourReads> {
    if (!this.moved.get())
      throw new DomainError(
        'store_unavailable',
        'the risk aggregates are being moved to ClickHouse: the order rules run once they are there',
      );
    return askClickHouse(
      this.t,
      () => this.ask(now),
      'the risk aggregates in ClickHouse are unavailable; try again later',
      this.onFailure,
    );
  }

  /**
   * Up to EVIDENCE_ORDERS_PER_HOUR orders of each store-hour asked, by id: those whose latest visible
   * version is placed in that hour, at that store (read from the orders: the facts keep no order).
   */
  private async evidence(
    wanted: { platform_id: number; seller_id: string; hour: string }[],
    visible: string,
  ): Promise<Map<string, string[]>> {
    const evidence = new Map<string, string[]>();
    if (wanted.length === 0) return evidence;
    const hours = wanted.map((w) => hourNumber(w.hour));
    const tuples = wanted.map((w) => `(${w.platform_id}, ${quote(w.seller_id)}, ${hourNumber(w.hour)})`);
    // Orders with a version placed in an hour asked (the placing range keeps to the hours' partitions)...
    const candidates = await this.t.ch.query<{ platform_id: number; order_id: string }>(
      `SELECT platform_id, order_id FROM order_versions
       WHERE placed_at >= {from:Int64} AND placed_at < {to:Int64}
         AND (platform_id, seller_id, ${PLACED_HOUR}) IN (${tuples.join(', ')}) AND ${visible}
       GROUP BY platform_id, seller_id, ${PLACED_HOUR}, order_id
       ORDER BY platform_id, seller_id, ${PLACED_HOUR}, order_id
       LIMIT ${CANDIDATES_AN_HOUR} BY platform_id, seller_id, ${PLACED_HOUR}`,
      { from: (Math.min(...hours) - 8) * 3_600_000, to: (Math.max(...hours) - 7) * 3_600_000 },
    );
    if (candidates.length === 0) return evidence;
    // ...whose latest version is still there (a correction may have moved an order to another hour).
    const latest = await this.t.ch.query<{
      platform_id: number;
      order_id: string;
      seller_id: string;
      hour: number;
    }>(
      `SELECT platform_id, order_id, argMax(seller_id, seq) AS seller_id, argMax(${PLACED_HOUR}, seq) AS hour
       FROM order_versions
       WHERE (platform_id, order_id) IN (${candidates.map((c) => `(${Number(c.platform_id)}, ${quote(c.order_id)})`).join(', ')})
         AND ${visible}
       GROUP BY platform_id, order_id
       ORDER BY order_id`,
    );
    const asked = new Set(wanted.map((w) => key(w.platform_id, w.seller_id, w.hour)));
    for (const l of latest) {
      const k = key(Number(l.platform_id), l.seller_id, hourOfNumber(Number(l.hour)));
      if (!asked.has(k)) continue;
      const ids = evidence.get(k) ?? [];
      if (ids.length < EVIDENCE_ORDERS_PER_HOUR) evidence.set(k, [...ids, l.order_id]);
    }
    return evidence;
  }

  private async ask(now: Date): Promise<StoreHourReads> {
    const visible = visibleLoads(this.t, await watermark(this.t));
    const hoursFrom = [brushingFrom(now), complaintsFrom(now)].sort()[0]!;
    const storesFromHour = storesFrom(now);
    // Per store-hour: the sums, from the hour on (inner query of both questions).
    const storeHours = (from: string) =>
      `SELECT platform_id, seller_id, hour, sum(orders) AS orders, sum(quick) AS quick_reversals,
         arrayCount(n -> n > 0, tupleElement(sumMap([buyer], [buyer_n]), 2)) AS buyers,
         arrayReduce('max', arrayConcat([toInt64(0)], arrayMap(n -> toInt64(n), tupleElement(sumMap([amount], [amount_n]), 2)))) AS top_amount_orders
       FROM store_hour_facts
       WHERE hour >= ${hourNumber(from)} AND ${visible}
       GROUP BY platform_id, seller_id, hour
       HAVING orders > 0`;
    const hours = (
      await this.t.ch.query<{
        platform_id: number;
        seller_id: string;
        hour: number;
        orders: string;
        quick_reversals: string;
        buyers: string;
        top_amount_orders: string;
      }>(`${storeHours(hoursFrom)} ORDER BY platform_id, seller_id, hour`)
    ).map((r): StoreHourRow => ({
      platform_id: Number(r.platform_id),
      seller_id: r.seller_id,
      hour: hourOfNumber(Number(r.hour)),
      orders: Number(r.orders),
      buyers: Number(r.buyers),
      top_amount_orders: Number(r.top_amount_orders),
      quick_reversals: Number(r.quick_reversals),
    }));
    const last = await this.t.ch.query<{
      platform_id: number;
      seller_id: string;
      last_hour: number;
      orders_before: string;
    }>(
      `SELECT platform_id, seller_id, last_hour,
         arraySum(arrayMap((h, n) -> if(h > last_hour - ${ORDERS_BEFORE_DAYS * 24}, n, 0), hs, ns)) AS orders_before
       FROM (
         SELECT platform_id, seller_id, max(hour) AS last_hour, groupArray(hour) AS hs, groupArray(orders) AS ns
         FROM (${storeHours(storesFromHour)})
         GROUP BY platform_id, seller_id
       )`,
    );
    const before = new Map(
      last.map((l) => [
        key(Number(l.platform_id), l.seller_id, hourOfNumber(Number(l.last_hour))),
        Number(l.orders_before),
      ]),
    );
    // The evidence of the hours order_brushing will flag: the same rule, over the same rows.
    const wanted = [...flaggedStores(hours)].flatMap((s) =>
      evidenceHours(s.flagged).map((h) => ({
        platform_id: s.platform_id,
        seller_id: s.seller_id,
        hour: h.hour,
      })),
    );
    const evidence = await this.evidence(wanted, visible);
    const asked = (what: string, from: string, fetched: string) => {
      if (from < fetched)
        throw new Error(`${what} from ${from} asked of ClickHouse's store-hours, read from ${fetched} only`);
    };
    return {
      hours: (from) => {
        asked('hours', from, hoursFrom);
        return hours.filter((h) => h.hour >= from);
      },
      evidence: (platformId, sellerId, hour) => evidence.get(key(platformId, sellerId, hour)) ?? [],
      ordersByStore: (from) => {
        asked('orders by store', from, hoursFrom);
        const sums = new Map<string, { platform_id: number; seller_id: string; orders: number }>();
        for (const h of hours) {
          if (h.hour < from) continue;
          const k = key(h.platform_id, h.seller_id);
          const s = sums.get(k) ?? { platform_id: h.platform_id, seller_id: h.seller_id, orders: 0 };
          s.orders += h.orders;
          sums.set(k, s);
        }
        return [...sums.values()];
      },
      lastHours: (from): StoreLastHour[] => {
        if (from !== storesFromHour)
          throw new Error(
            `last hours from ${from} asked of ClickHouse's store-hours, read from ${storesFromHour}`,
          );
        return last.map((l) => ({
          platform_id: Number(l.platform_id),
          seller_id: l.seller_id,
          last_hour: hourOfNumber(Number(l.last_hour)),
        }));
      },
      ordersBefore: (platformId, sellerId, lastHour) => {
        const n = before.get(key(platformId, sellerId, lastHour));
        if (n === undefined)
          throw new Error(`no orders before ${lastHour} read for store ${platformId}/${sellerId}`);
        return n;
      },
    };
  }
}
