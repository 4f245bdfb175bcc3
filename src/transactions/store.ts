import type { Db } from '../db/database.ts';

export interface VersionRow {
  seq: number;
  filing_id: string;
  seller_id: string;
  placed_at: string;
  status: string;
  currency: string;
  total_minor: number;
  refunded_minor: number;
  completed_at: string | null;
  month: string;
  digest: Buffer;
  record: string;
  correction_reason: string | null;
  filed_at: string;
}

export interface StatsDelta {
  platform_id: number;
  seller_id: string;
  month: string;
  currency: string;
  orders: number;
  gross_minor: number;
  refunds_minor: number;
  refunded_orders: number;
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

// A version counts once its filing row exists (see migration 002).
const VISIBLE = 'EXISTS (SELECT 1 FROM filings f WHERE f.id = v.filing_id)';

/** SQL for transaction versions, the monthly statistics and retention. */
export function transactionsStore(db: Db) {
  const q = {
    latest: db.prepare<[number, string], VersionRow & { visible: number }>(
      `SELECT v.*, ${VISIBLE} AS visible FROM transaction_versions v
       WHERE v.platform_id = ? AND v.order_id = ? ORDER BY v.seq DESC LIMIT 8`,
    ),
    history: db.prepare<[number, string], VersionRow>(
      `SELECT v.* FROM transaction_versions v
       WHERE v.platform_id = ? AND v.order_id = ? AND ${VISIBLE} ORDER BY v.seq DESC`,
    ),
    insert: db.prepare(
      `INSERT INTO transaction_versions (platform_id, order_id, filing_id, seller_id, placed_at, status, currency,
         total_minor, refunded_minor, completed_at, month, digest, record, correction_reason, filed_at)
       VALUES (@platform_id, @order_id, @filing_id, @seller_id, @placed_at, @status, @currency,
         @total_minor, @refunded_minor, @completed_at, @month, @digest, @record, @correction_reason, @filed_at)`,
    ),
    addStats: db.prepare(
      `INSERT INTO seller_month_stats (platform_id, seller_id, month, currency, orders, gross_minor, refunds_minor, refunded_orders)
       VALUES (@platform_id, @seller_id, @month, @currency, @orders, @gross_minor, @refunds_minor, @refunded_orders)
       ON CONFLICT (platform_id, seller_id, month, currency) DO UPDATE SET
         orders = orders + excluded.orders,
         gross_minor = gross_minor + excluded.gross_minor,
         refunds_minor = refunds_minor + excluded.refunds_minor,
         refunded_orders = refunded_orders + excluded.refunded_orders`,
    ),
    stats: db.prepare<[number, string], StatsDelta>(
      'SELECT * FROM seller_month_stats WHERE platform_id = ? AND seller_id = ? ORDER BY month, currency',
    ),
    deleteStaged: db.prepare<[string, number]>(
      'DELETE FROM transaction_versions WHERE seq IN (SELECT seq FROM transaction_versions WHERE filing_id = ? LIMIT ?)',
    ),
    overThreshold: db.prepare<[string, string, string, number], OverThresholdRow>(
      `WITH per_seller AS (
         SELECT st.platform_id, st.seller_id, sum(st.orders) AS orders, sum(st.gross_minor - st.refunds_minor) AS net_minor
         FROM seller_month_stats st
         WHERE st.month BETWEEN ? AND ? AND st.currency = ?
         GROUP BY st.platform_id, st.seller_id
       ), per_subject AS (
         SELECT s.subject_id, sum(p.net_minor) AS subject_net_minor
         FROM per_seller p JOIN sellers s ON s.platform_id = p.platform_id AND s.seller_id = p.seller_id
         WHERE s.subject_type = 'natural_person'
         GROUP BY s.subject_id
       )
       SELECT s.subject_id, pl.slug AS platform, s.seller_id, s.legal_name, s.store_name, s.store_url,
              p.orders, p.net_minor, ps.subject_net_minor
       FROM per_subject ps
       JOIN sellers s ON s.subject_id = ps.subject_id AND s.subject_type = 'natural_person'
       JOIN per_seller p ON p.platform_id = s.platform_id AND p.seller_id = s.seller_id
       JOIN platforms pl ON pl.id = s.platform_id
       WHERE ps.subject_net_minor > ?
       ORDER BY ps.subject_net_minor DESC, ps.subject_id, p.net_minor DESC`,
    ),
    expiredOrders: db.prepare<
      [string, number],
      { platform_id: number; order_id: string; completed_at: string }
    >(
      `SELECT v.platform_id, v.order_id, v.completed_at FROM transaction_versions v
       WHERE v.completed_at < ? AND ${VISIBLE}
         AND v.seq = (SELECT max(w.seq) FROM transaction_versions w WHERE w.platform_id = v.platform_id AND w.order_id = v.order_id)
       LIMIT ?`,
    ),
    deleteOrder: db.prepare<[number, string]>(
      'DELETE FROM transaction_versions WHERE platform_id = ? AND order_id = ?',
    ),
    expiredSummary: db.prepare<
      [string],
      { platform: string; orders: number; oldest: string; newest: string }
    >(
      `SELECT p.slug AS platform, count(*) AS orders, min(v.completed_at) AS oldest, max(v.completed_at) AS newest
       FROM transaction_versions v JOIN platforms p ON p.id = v.platform_id
       WHERE v.completed_at < ? AND ${VISIBLE}
         AND v.seq = (SELECT max(w.seq) FROM transaction_versions w WHERE w.platform_id = v.platform_id AND w.order_id = v.order_id)
       GROUP BY p.slug ORDER BY p.slug`,
    ),
  };
  return {
    /** The newest versions of an order, visible or still staged, newest first. */
    latest: (platformId: number, orderId: string) => q.latest.all(platformId, orderId),
    history: (platformId: number, orderId: string) => q.history.all(platformId, orderId),
    insertVersion: (row: Omit<VersionRow, 'seq'> & { platform_id: number; order_id: string }) =>
      q.insert.run(row),
    addStats: (delta: StatsDelta) => q.addStats.run(delta),
    stats: (platformId: number, sellerId: string) => q.stats.all(platformId, sellerId),
    /** Removes up to `limit` versions an unpublished filing staged; returns how many it removed. */
    deleteStaged: (filingId: string, limit: number) => q.deleteStaged.run(filingId, limit).changes,
    overThreshold: (fromMonth: string, toMonth: string, currency: string, thresholdMinor: number) =>
      q.overThreshold.all(fromMonth, toMonth, currency, thresholdMinor),
    expiredOrders: (before: string, limit: number) => q.expiredOrders.all(before, limit),
    deleteOrder: (platformId: number, orderId: string) => q.deleteOrder.run(platformId, orderId).changes,
    /** Per platform: the finished orders whose latest state finished before `before`. */
    expiredSummary: (before: string) => q.expiredSummary.all(before),
    transaction: <T>(fn: () => T) => db.transaction(fn).immediate(),
  };
}

export type TransactionsStore = ReturnType<typeof transactionsStore>;
