import type { Db } from '../db/database.ts';
import { TRACE_SCHEMES, type TraceScheme } from './codes.ts';

/** A code of a version's item: its scheme's key, the code and the item's category ('' if none). */
export type VersionCode = readonly [scheme: number, code: string, category: string];

/** A code on a staged version, as the filing stages it (migrations 031 and 033). */
export interface TraceRow {
  scheme: number;
  code: string;
  platform_id: number;
  order_id: string;
  seq: number;
  filing: number;
  seller_id: string;
  placed_at: number;
  status: number;
  category: string;
}

/** A recall as stored (migration 031). */
export interface RecallRow {
  id: string;
  scheme: number;
  code_prefix: string | null;
  reason: string;
  legal_basis: string;
  recalled_at: string;
  recalled_by: string;
  codes: number;
  codes_sold: number;
  orders: number;
  platforms: number;
}

/** A sale of a code as the check, the signal and recalls read it: a published order's current version. */
export interface TraceSale {
  platform_id: number;
  order_id: string;
  seq: number;
  seller_id: string;
  placed_at: number;
  status: number;
  category: string;
}

const CST_MS = 8 * 3_600_000;

export const schemeKey = (scheme: TraceScheme) => TRACE_SCHEMES.indexOf(scheme);
export const schemeOf = (key: number): TraceScheme => TRACE_SCHEMES[key]!;

// A row is seen once its filing is published (its row in `filings`), as versions are.
const PUBLISHED = 'JOIN transaction_filings k ON k.key = t.filing JOIN filings f ON f.id = k.id';
const SALE = 't.platform_id, t.order_id, t.seq, t.seller_id, t.placed_at, t.status, t.category';

/**
 * The one string above every code starting with `prefix` (codes are ASCII): its last character moved
 * one up. The range [prefix, upper) holds exactly the codes with the prefix.
 */
export const prefixUpper = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** The trace codes sold (issue 23): SQL over trace_sales and the recalls. */
export function traceSql(db: Db) {
  const q = {
    insert: db.prepare<[TraceRow]>(
      `INSERT INTO trace_sales (scheme, code, platform_id, order_id, seq, filing, seller_id, placed_at, status, category)
       VALUES (@scheme, @code, @platform_id, @order_id, @seq, @filing, @seller_id, @placed_at, @status, @category)`,
    ),
    insertOrder: db.prepare<[number, string, number, number, string]>(
      'INSERT INTO trace_orders (platform_id, order_id, seq, placed_at, codes) VALUES (?, ?, ?, ?, ?)',
    ),
    hasRows: db
      .prepare<[number, string], number>(
        'SELECT 1 FROM trace_orders WHERE platform_id = ? AND order_id = ? LIMIT 1',
      )
      .pluck(),
    addReplaced: db.prepare<[number, number, string, number]>(
      'INSERT OR REPLACE INTO trace_replaced (filing, platform_id, order_id, seq) VALUES (?, ?, ?, ?)',
    ),
    replaced: db.prepare<[number], { platform_id: number; order_id: string; seq: number }>(
      'SELECT platform_id, order_id, seq FROM trace_replaced WHERE filing = ?',
    ),
    olderVersions: db.prepare<[number, string, number], { seq: number; codes: string }>(
      'SELECT seq, codes FROM trace_orders WHERE platform_id = ? AND order_id = ? AND seq < ?',
    ),
    orderVersions: db.prepare<[number, string], { seq: number; codes: string }>(
      'SELECT seq, codes FROM trace_orders WHERE platform_id = ? AND order_id = ?',
    ),
    versionCodes: db
      .prepare<[number, string, number], string>(
        'SELECT codes FROM trace_orders WHERE platform_id = ? AND order_id = ? AND seq = ?',
      )
      .pluck(),
    dropCode: db.prepare<[number, string, number, string, number]>(
      'DELETE FROM trace_sales WHERE scheme = ? AND code = ? AND platform_id = ? AND order_id = ? AND seq = ?',
    ),
    dropVersionRow: db.prepare<[number, string, number]>(
      'DELETE FROM trace_orders WHERE platform_id = ? AND order_id = ? AND seq = ?',
    ),
    dropReplaced: db.prepare<[number]>('DELETE FROM trace_replaced WHERE filing = ?'),
    sales: db.prepare<[number, string, number], TraceSale>(
      `SELECT ${SALE} FROM trace_sales t ${PUBLISHED}
       WHERE t.scheme = ? AND t.code = ? ORDER BY t.placed_at, t.seq LIMIT ?`,
    ),
    salesSummary: db.prepare<[number, string], { sales: number; first: number; last: number }>(
      `SELECT count(*) AS sales, min(t.placed_at) AS first, max(t.placed_at) AS last FROM trace_sales t ${PUBLISHED}
       WHERE t.scheme = ? AND t.code = ?`,
    ),
    // Rows staged and not published yet are counted here too: candidates, each read again as published.
    candidates: db.prepare<[], { scheme: number; code: string }>(
      'SELECT scheme, code FROM trace_sales GROUP BY scheme, code HAVING count(*) > 1',
    ),
    underPrefix: db.prepare<[number, string, string], TraceSale & { code: string }>(
      `SELECT t.code, ${SALE} FROM trace_sales t ${PUBLISHED}
       WHERE t.scheme = ? AND t.code >= ? AND t.code < ?`,
    ),
    recallOfCode: db.prepare<
      [number, string, number, string],
      { id: string; reason: string; legal_basis: string; recalled_at: string }
    >(
      `SELECT r.id, r.reason, r.legal_basis, r.recalled_at FROM recall_codes c JOIN recalls r ON r.id = c.recall_id
       WHERE c.scheme = ? AND c.code = ?
       UNION ALL
       SELECT id, reason, legal_basis, recalled_at FROM recalls
       WHERE scheme = ? AND code_prefix IS NOT NULL AND substr(?, 1, length(code_prefix)) = code_prefix
       ORDER BY recalled_at LIMIT 1`,
    ),
    dropPlaced: db.prepare<[number, number]>(
      'DELETE FROM trace_sales WHERE placed_at >= ? AND placed_at < ?',
    ),
    dropPlacedOrders: db.prepare<[number, number]>(
      'DELETE FROM trace_orders WHERE placed_at >= ? AND placed_at < ?',
    ),
    storeHead: db.prepare<
      [string, number],
      { platform: string; platform_name: string; store_name: string; store_url: string; subject_id: string }
    >(
      `SELECT p.slug AS platform, p.name AS platform_name, s.store_name, s.store_url, s.subject_id
       FROM platforms p LEFT JOIN sellers s ON s.platform_id = p.id AND s.seller_id = ? WHERE p.id = ?`,
    ),
    addRecall: db.prepare<[RecallRow]>(
      `INSERT INTO recalls (id, scheme, code_prefix, reason, legal_basis, recalled_at, recalled_by, codes, codes_sold,
         orders, platforms)
       VALUES (@id, @scheme, @code_prefix, @reason, @legal_basis, @recalled_at, @recalled_by, @codes, @codes_sold,
         @orders, @platforms)`,
    ),
    addRecallCode: db.prepare<[number, string, string]>(
      'INSERT INTO recall_codes (scheme, code, recall_id) VALUES (?, ?, ?)',
    ),
  };
  /** Removes a version's codes (`codes` as trace_orders keeps them) and its row. */
  const dropVersion = (platformId: number, orderId: string, seq: number, codes: string) => {
    for (const entry of codes.split(' ')) {
      const colon = entry.indexOf(':');
      q.dropCode.run(Number(entry.slice(0, colon)), entry.slice(colon + 1), platformId, orderId, seq);
    }
    q.dropVersionRow.run(platformId, orderId, seq);
  };
  return {
    /** A store as the check names it: its platform, and its name and address if the platform filed it. */
    storeHead: (platformId: number, sellerId: string) => q.storeHead.get(sellerId, platformId),
    /** Writes a recall and the codes it names (none for a prefix). */
    addRecall(row: RecallRow, codes: readonly string[]) {
      q.addRecall.run(row);
      for (const code of codes) q.addRecallCode.run(row.scheme, code, row.id);
    },
    /** Stages the codes of a version (in the writer's transaction): a row a code, and the version's row. */
    stage(version: Omit<TraceRow, 'scheme' | 'code' | 'category'>, codes: readonly VersionCode[]) {
      for (const [scheme, code, category] of codes) q.insert.run({ ...version, scheme, code, category });
      const list = codes.map(([scheme, code]) => `${scheme}:${code}`).join(' ');
      q.insertOrder.run(version.platform_id, version.order_id, version.seq, version.placed_at, list);
    },
    /** Whether the order has rows, published or staged: a new version of it replaces them. */
    hasRows: (platformId: number, orderId: string) => q.hasRows.get(platformId, orderId) !== undefined,
    /** Notes that version `seq` of the order, staged by `filing`, replaces its earlier rows. */
    addReplaced: (filing: number, platformId: number, orderId: string, seq: number) =>
      q.addReplaced.run(filing, platformId, orderId, seq),
    /**
     * On publishing `filing` (in its transaction): the rows of the versions its versions replaced go.
     * Older rows of an order only: a newer version, staged by a filing not published yet, keeps its own.
     */
    publish(filing: number): void {
      for (const r of q.replaced.all(filing))
        for (const v of q.olderVersions.all(r.platform_id, r.order_id, r.seq))
          dropVersion(r.platform_id, r.order_id, v.seq, v.codes);
      q.dropReplaced.run(filing);
    },
    /** A cut-off filing's version goes: its codes with it (and, once all went, its notes). */
    discardVersion(platformId: number, orderId: string, seq: number) {
      const codes = q.versionCodes.get(platformId, orderId, seq);
      if (codes !== undefined) dropVersion(platformId, orderId, seq, codes);
    },
    discardFiling: (filing: number) => q.dropReplaced.run(filing),
    /**
     * Retention with orders in ClickHouse: the codes of orders placed in `month` (YYYYMM, China Standard
     * Time) go once the month's orders went there. One pass over the codes, one transaction.
     */
    dropMonth(month: string): number {
      const y = Number(month.slice(0, 4));
      const m = Number(month.slice(4)) - 1;
      const start = Date.UTC(y, m, 1) - CST_MS;
      const end = Date.UTC(y, m + 1, 1) - CST_MS;
      return db
        .transaction(() => {
          q.dropPlacedOrders.run(start, end);
          return q.dropPlaced.run(start, end).changes;
        })
        .immediate();
    },
    /** Retention: an order's codes go with its versions. */
    deleteOrder(platformId: number, orderId: string) {
      for (const v of q.orderVersions.all(platformId, orderId))
        dropVersion(platformId, orderId, v.seq, v.codes);
    },
    /** The published sales of a code, oldest first, at most `limit`. */
    sales: (scheme: number, code: string, limit: number) => q.sales.all(scheme, code, limit),
    /** How many published sales a code has, and the first and last placing. */
    summary: (scheme: number, code: string) => q.salesSummary.get(scheme, code)!,
    /** Codes with more than one row (published or not): what the duplicate signal reads again. */
    candidates: () => q.candidates.iterate(),
    /** The published sales of the codes starting with `prefix`, read one at a time (finish before writing). */
    underPrefix: (scheme: number, prefix: string) =>
      q.underPrefix.iterate(scheme, prefix, prefixUpper(prefix)),
    /** The first recall naming the code, by the code or a prefix of it. */
    recallOf: (scheme: number, code: string) => q.recallOfCode.get(scheme, code, scheme, code),
  };
}

export type TraceSql = ReturnType<typeof traceSql>;
