import type { Db } from '../db/database.ts';
import { type ProductTable, productTable } from './products.ts';
import { chinaMonth } from '../lib/dates.ts';
import { traceSql } from '../trace/store.ts';
import {
  type MonthStats,
  overThresholdOf,
  type SellerHead,
  type SellerSales,
  type StatsDelta,
} from './stats.ts';
import {
  isoOf,
  keyedPack,
  type PackParts,
  type OrderColumns,
  type OrderRecord,
  statusName,
  unpack,
} from './pack.ts';

/** A version as stored: the columns, with the rest of the record packed (src/transactions/pack.ts). */
export interface StoredVersion extends OrderColumns {
  platform_id: number;
  /** The filing's key in transaction_filings. */
  filing: number;
  /** The first 16 bytes of the SHA-256 of the normalised record. */
  digest: Buffer;
  pack: string;
  correction_reason: string | null;
}

/** A version as readers see it: its filing, times as RFC 3339, the status by name, the record rebuilt. */
export interface OrderVersion {
  seq: number;
  platform_id: number;
  order_id: string;
  filing_id: string;
  filed_at: string;
  seller_id: string;
  placed_at: string;
  status: string;
  currency: string;
  total_minor: number;
  refunded_minor: number;
  completed_at: string | null;
  /** The month (China Standard Time) the order was placed in: its statistics' month. */
  month: string;
  record: OrderRecord;
  correction_reason: string | null;
}

/** What the filing of an order compares it with: a recent version, visible or still staged. */
export interface RecentVersion {
  seq: number;
  /** The filing's key; -1 for a version read from ClickHouse (never the filing in progress). */
  filing: number;
  visible: number;
  seller_id: string;
  placed_at: number;
  status: number;
  currency: string;
  total_minor: number;
  refunded_minor: number;
  digest: Buffer;
  /** Read from ClickHouse: the rest the risk fold needs to take this version out (its SQLite copy is gone). */
  loaded?: { completed_at: number | null; pack: string };
}

/** A version a staged one replaces, kept for the risk fold when it is in ClickHouse only (migration 034). */
export interface FoldPrevious extends OrderColumns {
  seq: number;
  filing: number;
  prev_seq: number;
  platform_id: number;
  pack: string;
}

export type VersionRow = Omit<StoredVersion, 'filing'> & { seq: number; filing_id: string; filed_at: string };

/** Rebuilds what readers see from a stored row. */
export function orderVersion(row: VersionRow, products: ProductTable): OrderVersion {
  const placedAt = isoOf(row.placed_at);
  return {
    seq: row.seq,
    platform_id: row.platform_id,
    order_id: row.order_id,
    filing_id: row.filing_id,
    filed_at: row.filed_at,
    seller_id: row.seller_id,
    placed_at: placedAt,
    status: statusName(row.status),
    currency: row.currency,
    total_minor: row.total_minor,
    refunded_minor: row.refunded_minor,
    completed_at: row.completed_at === null ? null : isoOf(row.completed_at),
    month: chinaMonth(placedAt),
    record: unpack(row.pack, row, products.productOf),
    correction_reason: row.correction_reason,
  };
}

// A version is visible once its filing's row exists in `filings` (written last, with the receipt).
const PUBLISHED = `transaction_filings k JOIN filings f ON f.id = k.id`;
/** A visible version with its filing's id and time: `v` joined with `k` and `f`. */
export const VISIBLE_VERSIONS =
  'transaction_versions v JOIN transaction_filings k ON k.key = v.filing JOIN filings f ON f.id = k.id';

/** SQL for transaction versions, the monthly statistics and retention. */
export function transactionsSql(db: Db) {
  const products = productTable(db);
  const trace = traceSql(db);
  const q = {
    filingKey: db.prepare<[string], number>('SELECT key FROM transaction_filings WHERE id = ?').pluck(),
    addFiling: db.prepare<[string]>('INSERT INTO transaction_filings (id) VALUES (?)'),
    dropFiling: db.prepare<[string]>('DELETE FROM transaction_filings WHERE id = ?'),
    latest: db.prepare<[number, string], RecentVersion>(
      `SELECT v.seq, v.filing, v.seller_id, v.placed_at, v.status, v.currency, v.total_minor, v.refunded_minor, v.digest,
         EXISTS (SELECT 1 FROM ${PUBLISHED} WHERE k.key = v.filing) AS visible
       FROM transaction_versions v
       WHERE v.platform_id = ? AND v.order_id = ? ORDER BY v.seq DESC LIMIT 8`,
    ),
    history: db.prepare<[number, string], VersionRow>(
      `SELECT v.*, k.id AS filing_id, f.received_at AS filed_at FROM ${VISIBLE_VERSIONS}
       WHERE v.platform_id = ? AND v.order_id = ? ORDER BY v.seq DESC`,
    ),
    insert: db.prepare(
      `INSERT INTO transaction_versions (seq, platform_id, order_id, filing, seller_id, placed_at, status, currency,
         total_minor, refunded_minor, completed_at, digest, pack, correction_reason)
       VALUES (@seq, @platform_id, @order_id, @filing, @seller_id, @placed_at, @status, @currency,
         @total_minor, @refunded_minor, @completed_at, @digest, @pack, @correction_reason)`,
    ),
    nextSeq: db
      .prepare<[], number>(
        `SELECT max(coalesce((SELECT max(seq) FROM transaction_versions), 0),
                    coalesce((SELECT seq FROM transaction_seq_floor), 0)) + 1`,
      )
      .pluck(),
    addStats: db.prepare(
      `INSERT INTO seller_month_stats (platform_id, seller_id, month, currency, orders, gross_minor, refunds_minor, refunded_orders)
       VALUES (@platform_id, @seller_id, @month, @currency, @orders, @gross_minor, @refunds_minor, @refunded_orders)
       ON CONFLICT (platform_id, seller_id, month, currency) DO UPDATE SET
         orders = orders + excluded.orders,
         gross_minor = gross_minor + excluded.gross_minor,
         refunds_minor = refunds_minor + excluded.refunds_minor,
         refunded_orders = refunded_orders + excluded.refunded_orders`,
    ),
    addFilingCounts: db.prepare<[string, number, number]>(
      'INSERT INTO transaction_filing_counts (filing, first_filed, on_time) VALUES (?, ?, ?)',
    ),
    stats: db.prepare<[number, string], MonthStats>(
      `SELECT month, currency, orders, gross_minor, refunds_minor, refunded_orders
       FROM seller_month_stats WHERE platform_id = ? AND seller_id = ? ORDER BY month, currency`,
    ),
    addStatDelta: db.prepare(
      `INSERT INTO transaction_stat_deltas (filing, platform_id, seller_id, month, currency, orders, gross_minor,
         refunds_minor, refunded_orders)
       VALUES (@filing, @platform_id, @seller_id, @month, @currency, @orders, @gross_minor, @refunds_minor,
         @refunded_orders)`,
    ),
    pendingStats: db.prepare<[number, string], MonthStats & { filing: string }>(
      `SELECT k.id AS filing, d.month, d.currency, d.orders, d.gross_minor, d.refunds_minor, d.refunded_orders
       FROM transaction_stat_deltas d JOIN transaction_filings k ON k.key = d.filing
       WHERE d.platform_id = ? AND d.seller_id = ?`,
    ),
    addOrders: db.prepare<[number, string, number]>(
      `INSERT INTO seller_order_counts (platform_id, seller_id, orders) VALUES (?, ?, ?)
       ON CONFLICT (platform_id, seller_id) DO UPDATE SET orders = orders + excluded.orders`,
    ),
    ordersOf: db
      .prepare<[number, string], number>(
        'SELECT orders FROM seller_order_counts WHERE platform_id = ? AND seller_id = ?',
      )
      .pluck(),
    // A chunk of a filing's staged versions: those up to the seq of its `limit`th (in seq order).
    chunkEnd: db
      .prepare<[number, number], number>(
        'SELECT seq FROM transaction_versions WHERE filing = ? ORDER BY seq LIMIT 1 OFFSET ?',
      )
      .pluck(),
    // Only an order kept whole can have trace codes (pack.ts): its pack is {"record": ...}.
    stagedWithCodes: db.prepare<[number, number], { seq: number; platform_id: number; order_id: string }>(
      `SELECT seq, platform_id, order_id FROM transaction_versions WHERE filing = ? AND seq <= ? AND pack LIKE '{%'`,
    ),
    versionRest: db.prepare<[number], { completed_at: number | null; pack: string }>(
      'SELECT completed_at, pack FROM transaction_versions WHERE seq = ?',
    ),
    addFoldPrevious: db.prepare<[FoldPrevious]>(
      `INSERT INTO transaction_fold_previous (seq, filing, prev_seq, platform_id, order_id, seller_id, placed_at, status,
         currency, total_minor, refunded_minor, completed_at, pack)
       VALUES (@seq, @filing, @prev_seq, @platform_id, @order_id, @seller_id, @placed_at, @status, @currency,
         @total_minor, @refunded_minor, @completed_at, @pack)`,
    ),
    dropFoldPrevious: db.prepare<[number, number]>(
      'DELETE FROM transaction_fold_previous WHERE filing = ? AND seq <= ?',
    ),
    deleteStaged: db.prepare<[number, number]>(
      'DELETE FROM transaction_versions WHERE filing = ? AND seq <= ?',
    ),
    sales: db.prepare<[string, string, string], SellerSales>(
      `SELECT platform_id, seller_id, sum(orders) AS orders, sum(gross_minor - refunds_minor) AS net_minor
       FROM seller_month_stats WHERE month BETWEEN ? AND ? AND currency = ?
       GROUP BY platform_id, seller_id`,
    ),
    pendingSales: db.prepare<[string, string, string], SellerSales & { filing: string }>(
      `SELECT k.id AS filing, d.platform_id, d.seller_id, sum(d.orders) AS orders,
         sum(d.gross_minor - d.refunds_minor) AS net_minor
       FROM transaction_stat_deltas d JOIN transaction_filings k ON k.key = d.filing
       WHERE d.month BETWEEN ? AND ? AND d.currency = ?
       GROUP BY d.filing, d.platform_id, d.seller_id`,
    ),
    sellerHead: db.prepare<[number, string], SellerHead>(
      `SELECT s.subject_id, s.subject_type, pl.slug AS platform, s.legal_name, s.store_name, s.store_url
       FROM sellers s JOIN platforms pl ON pl.id = s.platform_id
       WHERE s.platform_id = ? AND s.seller_id = ?`,
    ),
    // An order's latest state decides: its versions go together once the latest finished long enough ago.
    expiredOrders: db.prepare<[number, number], { platform_id: number; order_id: string }>(
      `SELECT v.platform_id, v.order_id FROM ${VISIBLE_VERSIONS}
       WHERE v.completed_at < ?
         AND v.seq = (SELECT max(w.seq) FROM transaction_versions w WHERE w.platform_id = v.platform_id AND w.order_id = v.order_id)
       LIMIT ?`,
    ),
    deleteOrder: db.prepare<[number, string]>(
      'DELETE FROM transaction_versions WHERE platform_id = ? AND order_id = ?',
    ),
    expiredSummary: db.prepare<
      [number],
      { platform: string; orders: number; oldest: number; newest: number }
    >(
      `SELECT p.slug AS platform, count(*) AS orders, min(v.completed_at) AS oldest, max(v.completed_at) AS newest
       FROM ${VISIBLE_VERSIONS} JOIN platforms p ON p.id = v.platform_id
       WHERE v.completed_at < ?
         AND v.seq = (SELECT max(w.seq) FROM transaction_versions w WHERE w.platform_id = v.platform_id AND w.order_id = v.order_id)
       GROUP BY p.slug ORDER BY p.slug`,
    ),
  };
  return {
    /** The trace codes sold: staged beside the versions, changed on publishing (src/trace/store.ts). */
    trace,
    /** The key a filing's versions name it by, made when it stages its first (in the writer's transaction). */
    filingKey(filingId: string): number {
      return q.filingKey.get(filingId) ?? Number(q.addFiling.run(filingId).lastInsertRowid);
    },
    /** The newest versions of an order, visible or still staged, newest first. */
    latest: (platformId: number, orderId: string) => q.latest.all(platformId, orderId),
    /** An order's visible versions, newest first. */
    history: (platformId: number, orderId: string) =>
      q.history.all(platformId, orderId).map((row) => orderVersion(row, products)),
    insertVersion: (row: StoredVersion & { seq: number }) => q.insert.run(row),
    /** What a version's columns do not say (its completion and pack), while SQLite holds it. */
    versionRest: (seq: number) => q.versionRest.get(seq),
    /** Keeps the version a staged one replaces, with orders in ClickHouse, for the risk fold (migration 034). */
    addFoldPrevious: (row: FoldPrevious) => q.addFoldPrevious.run(row),
    /**
     * The seq of the next version (in the writer's transaction): above every version SQLite holds and
     * every one the ClickHouse loader removed from it (transaction_seq_floor), so never given twice.
     */
    nextSeq: () => q.nextSeq.get()!,
    /** At the start of each staging transaction: see productTable. */
    settleProducts: () => products.settle(),
    /** The pack to store: its items' products by key, made for the platform on first sight. */
    keyedPack: (platformId: number, parts: PackParts) =>
      keyedPack(parts, (product) => products.keyOf(platformId, product)),
    /**
     * What a published filing changes in its sellers' months: added to seller_month_stats, or with orders
     * in ClickHouse (`filingKey` given) kept beside the filing's versions for the loader to move there.
     * The store's count of orders is kept here either way.
     */
    addStats(delta: StatsDelta, filingKey?: number) {
      if (filingKey === undefined) q.addStats.run(delta);
      else q.addStatDelta.run({ ...delta, filing: filingKey });
      if (delta.orders !== 0) q.addOrders.run(delta.platform_id, delta.seller_id, delta.orders);
    },
    /** What a filing filed for the first time (open data's filing statistics; migration 028). */
    addFilingCounts: (filingId: string, firstFiled: number, onTime: number) =>
      q.addFilingCounts.run(filingId, firstFiled, onTime),
    /** A seller's months as seller_month_stats has them (with ClickHouse: what it had before). */
    stats: (platformId: number, sellerId: string) => q.stats.all(platformId, sellerId),
    /** With ClickHouse: the seller's deltas of filings published and not loaded yet, each with its filing. */
    pendingStats: (platformId: number, sellerId: string) => q.pendingStats.all(platformId, sellerId),
    /** The orders a store has filed, all months together (not counting cancelled ones). */
    ordersOf: (platformId: number, sellerId: string) => q.ordersOf.get(platformId, sellerId) ?? 0,
    /** Per seller, its sales in the months from `fromMonth` to `toMonth` as seller_month_stats has them. */
    sales: (fromMonth: string, toMonth: string, currency: string) =>
      q.sales.all(fromMonth, toMonth, currency),
    /** With ClickHouse: the sales of filings published and not loaded yet, a row per filing and seller. */
    pendingSales: (fromMonth: string, toMonth: string, currency: string) =>
      q.pendingSales.all(fromMonth, toMonth, currency),
    /** A seller as the over-threshold report names it. */
    sellerHead: (platformId: number, sellerId: string) => q.sellerHead.get(platformId, sellerId),
    /**
     * Removes up to `limit` versions an unpublished filing staged; returns how many it removed. Once
     * none is left, its key goes too.
     */
    deleteStaged(filingId: string, limit: number) {
      const key = q.filingKey.get(filingId);
      if (key === undefined) return 0;
      const last = q.chunkEnd.get(key, limit - 1) ?? Number.MAX_SAFE_INTEGER;
      for (const v of q.stagedWithCodes.all(key, last))
        trace.discardVersion(v.platform_id, v.order_id, v.seq);
      q.dropFoldPrevious.run(key, last);
      const removed = q.deleteStaged.run(key, last).changes;
      if (removed < limit) {
        trace.discardFiling(key);
        q.dropFiling.run(filingId);
      }
      return removed;
    },
    /** The over-threshold report from seller_month_stats (the embedded store's; stats.ts). */
    overThreshold: (fromMonth: string, toMonth: string, currency: string, thresholdMinor: number) =>
      overThresholdOf(
        q.sales.all(fromMonth, toMonth, currency),
        (p, s) => q.sellerHead.get(p, s),
        thresholdMinor,
      ),
    expiredOrders: (before: string, limit: number) => q.expiredOrders.all(Date.parse(before), limit),
    deleteOrder(platformId: number, orderId: string) {
      trace.deleteOrder(platformId, orderId);
      return q.deleteOrder.run(platformId, orderId).changes;
    },
    /** Per platform: the finished orders whose latest state finished before `before`. */
    expiredSummary: (before: string) =>
      q.expiredSummary
        .all(Date.parse(before))
        .map((r) => ({ ...r, oldest: isoOf(r.oldest), newest: isoOf(r.newest) })),
    transaction: <T>(fn: () => T) => db.transaction(fn).immediate(),
  };
}

export type TransactionsSql = ReturnType<typeof transactionsSql>;
