import type { Db } from '../db/database.ts';
import type { Keyring } from '../keys/keyring.ts';
import { HASH_DOMAIN } from '../sellers/prepare.ts';
import { isoOf, type OrderColumns, type Product, statusName, unpack } from '../transactions/pack.ts';
import { productTable } from '../transactions/products.ts';
import { VISIBLE_VERSIONS } from '../transactions/store.ts';
import { type HourRow, type OrderFacts, applyOrder, emptyHour, orderFacts } from './hours.ts';
import { nameCore, normalizeAddress, normalizePersonName } from './names.ts';

type ProductOf = (key: number) => Product;

/**
 * Folds each published filing into the risk aggregates once, in publishing order (the filings table's
 * rowid: its row is written last, when the filing publishes). A transaction filing moves the store-hour
 * rows of its orders (an order's earlier version taken out, the new one put in); a seller filing
 * replaces the sellers' identity attributes. The filing is read back through the filing indexes, so the
 * cost is the filing's size, never the market's.
 */
export interface FoldReport {
  filings: number;
  orders: number;
  sellers: number;
}

const BATCH_FILINGS = 50;
/** Orders or sellers read in one batch (one transaction): what bounds the fold's memory. */
export const BATCH_RECORDS = 20_000;

interface Cursor {
  last_filing: number;
  next_seq: number;
  next_seller: string;
}

/** An order version as stored (src/transactions/pack.ts). */
export interface VersionRow extends OrderColumns {
  seq: number;
  platform_id: number;
  pack: string;
}

interface SellerVersionRow {
  platform_id: number;
  seller_id: string;
  subject_id: string;
  version: number;
  subject_type: string;
  legal_name: string;
  store_url: string;
  status: string;
  record: string;
  contact_phone_hash: Buffer | null;
  filed_at: string;
}

export function foldStore(db: Db) {
  const q = {
    products: productTable(db),
    cursor: db.prepare<[], Cursor>(
      "SELECT last_filing, next_seq, next_seller FROM risk_folds WHERE name = 'filings'",
    ),
    setCursor: db.prepare<[number, number, string, string]>(
      `INSERT INTO risk_folds (name, last_filing, next_seq, next_seller, folded_at) VALUES ('filings', ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET last_filing = excluded.last_filing, next_seq = excluded.next_seq,
         next_seller = excluded.next_seller, folded_at = excluded.folded_at`,
    ),
    filings: db.prepare<[number, number], { rowid: number; id: string; kind: string }>(
      'SELECT rowid, id, kind FROM filings WHERE rowid > ? ORDER BY rowid LIMIT ?',
    ),
    versions: db.prepare<[string, number, number], VersionRow>(
      `SELECT v.* FROM transaction_versions v
       WHERE v.filing = (SELECT key FROM transaction_filings WHERE id = ?) AND v.seq > ? ORDER BY v.seq LIMIT ?`,
    ),
    replaced: replacedVersions(db),
    // With orders in ClickHouse, transaction filings published after this one are not folded here: the
    // loader puts their part into ClickHouse's store_hour_facts (migration 035).
    movedAfter: db.prepare<[], number>('SELECT last_filing FROM risk_hours_moved').pluck(),
    hour: db.prepare<
      [number, string, string],
      { orders: number; buyers: number; top_amount_orders: number; quick_reversals: number; sketch: string }
    >(
      'SELECT orders, buyers, top_amount_orders, quick_reversals, sketch FROM risk_store_hours WHERE platform_id = ? AND seller_id = ? AND hour = ?',
    ),
    putHour: db.prepare(
      `INSERT INTO risk_store_hours (platform_id, seller_id, hour, orders, buyers, top_amount_orders, quick_reversals, sketch)
       VALUES (@platform_id, @seller_id, @hour, @orders, @buyers, @top_amount_orders, @quick_reversals, @sketch)
       ON CONFLICT (platform_id, seller_id, hour) DO UPDATE SET orders = excluded.orders, buyers = excluded.buyers,
         top_amount_orders = excluded.top_amount_orders, quick_reversals = excluded.quick_reversals, sketch = excluded.sketch`,
    ),
    dropHour: db.prepare<[number, string, string]>(
      'DELETE FROM risk_store_hours WHERE platform_id = ? AND seller_id = ? AND hour = ?',
    ),
    sellerVersions: db.prepare<[string, string, number], SellerVersionRow>(
      `SELECT platform_id, seller_id, subject_id, version, subject_type, legal_name, store_url, status, record,
              contact_phone_hash, filed_at
       FROM seller_versions WHERE filing_id = ? AND seller_id > ? ORDER BY seller_id LIMIT ?`,
    ),
    putSeller: db.prepare(
      `INSERT INTO risk_sellers (platform_id, seller_id, subject_id, version, subject_type, category, name_core, store_url,
         phone_hash, address_hash, representative_hash, status, filed_at)
       VALUES (@platform_id, @seller_id, @subject_id, @version, @subject_type, @category, @name_core, @store_url,
         @phone_hash, @address_hash, @representative_hash, @status, @filed_at)
       ON CONFLICT (platform_id, seller_id) DO UPDATE SET subject_id = excluded.subject_id, version = excluded.version,
         subject_type = excluded.subject_type, category = excluded.category, name_core = excluded.name_core,
         store_url = excluded.store_url, phone_hash = excluded.phone_hash, address_hash = excluded.address_hash,
         representative_hash = excluded.representative_hash, status = excluded.status, filed_at = excluded.filed_at
       WHERE excluded.version >= risk_sellers.version`,
    ),
  };
  return q;
}

/** Folds every filing published since the last fold; returns what it folded. */
export function foldFilings(
  db: Db,
  keys: Keyring,
  now = new Date(),
  batchRecords = BATCH_RECORDS,
): FoldReport {
  const report: FoldReport = { filings: 0, orders: 0, sellers: 0 };
  while (foldBatch(db, keys, report, now, batchRecords));
  return report;
}

/**
 * Folds the next filings (up to BATCH_FILINGS, and no more once BATCH_ORDERS orders are read) in one
 * transaction, adding to `report`; false once there was nothing left. The server folds a batch at a time
 * between requests.
 */
export function foldBatch(
  db: Db,
  keys: Keyring,
  report: FoldReport,
  now = new Date(),
  batchRecords = BATCH_RECORDS,
): boolean {
  const q = foldStore(db);
  return db
    .transaction(() => {
      const cursor = q.cursor.get() ?? { last_filing: 0, next_seq: 0, next_seller: '' };
      const filings = q.filings.all(cursor.last_filing, BATCH_FILINGS);
      if (filings.length === 0) return false;
      const hours = new Map<string, { platform_id: number; seller_id: string; hour: string; row: HourRow }>();
      const hourOf = (platformId: number, sellerId: string, hour: string) => {
        const key = `${platformId}\u0000${sellerId}\u0000${hour}`;
        let h = hours.get(key);
        if (!h) {
          const stored = q.hour.get(platformId, sellerId, hour);
          const row = stored
            ? { ...stored, sketch: JSON.parse(stored.sketch) as HourRow['sketch'] }
            : emptyHour();
          h = { platform_id: platformId, seller_id: sellerId, hour, row };
          hours.set(key, h);
        }
        return h.row;
      };
      const move = (v: VersionRow, sign: 1 | -1) => {
        const facts = versionFacts(v, q.products.productOf);
        applyOrder(hourOf(v.platform_id, v.seller_id, facts.hour), facts, sign);
      };
      const movedAfter = q.movedAfter.get();
      // Records read in this batch: a filing larger than what is left of the batch stops part way, and
      // the next batch goes on from there (the cursor's next_seq / next_seller).
      let budget = batchRecords;
      let orders = 0;
      let next = cursor;
      for (const f of filings) {
        let finished = true;
        if (f.kind === 'transactions' && (movedAfter === undefined || f.rowid <= movedAfter)) {
          const versions = q.versions.all(f.id, next.next_seq, budget);
          for (const v of versions) {
            const before = q.replaced(v);
            if (before) move(before, -1);
            move(v, 1);
          }
          orders += versions.length;
          budget -= versions.length;
          if (versions.length && budget === 0) {
            next = { ...next, next_seq: versions.at(-1)!.seq };
            finished = false;
          }
        } else if (f.kind === 'sellers') {
          const sellers = q.sellerVersions.all(f.id, next.next_seller, budget);
          for (const s of sellers) q.putSeller.run(sellerAttributes(keys, s));
          report.sellers += sellers.length;
          budget -= sellers.length;
          if (sellers.length && budget === 0) {
            next = { ...next, next_seller: sellers.at(-1)!.seller_id };
            finished = false;
          }
        }
        if (!finished) break;
        report.filings++;
        next = { last_filing: f.rowid, next_seq: 0, next_seller: '' };
        if (budget === 0) break;
      }
      report.orders += orders;
      for (const h of hours.values()) {
        if (h.row.orders <= 0) q.dropHour.run(h.platform_id, h.seller_id, h.hour);
        else q.putHour.run({ ...h, ...h.row, sketch: JSON.stringify(h.row.sketch) });
      }
      q.setCursor.run(next.last_filing, next.next_seq, next.next_seller, now.toISOString());
      return true;
    })
    .immediate();
}

/** What a stored version contributes to its store-hour. */
export function versionFacts(v: VersionRow, productOf: ProductOf): OrderFacts {
  return orderFacts({
    order_id: v.order_id,
    placed_at: isoOf(v.placed_at),
    status: statusName(v.status),
    total_minor: v.total_minor,
    record: unpack(v.pack, v, productOf),
  });
}

/**
 * The version a stored one replaced, whose part of its store-hour the new one takes out: in SQLite, or
 * (with orders in ClickHouse, its copy perhaps removed) as the staged version kept it (migration 034); the
 * newer of the two if both. What the fold and ClickHouse's loader both take out.
 */
export function replacedVersions(db: Db): (v: VersionRow) => VersionRow | undefined {
  const local = db.prepare<[number, string, number], VersionRow>(
    `SELECT v.* FROM ${VISIBLE_VERSIONS}
     WHERE v.platform_id = ? AND v.order_id = ? AND v.seq < ?
     ORDER BY v.seq DESC LIMIT 1`,
  );
  const kept = keptVersions(db);
  return (v) => {
    const here = local.get(v.platform_id, v.order_id, v.seq);
    const loaded = kept(v);
    return loaded && (!here || loaded.seq > here.seq) ? loaded : here;
  };
}

/**
 * The version a staged one replaced as admission kept it (migration 034), when it replaced one. With
 * orders in ClickHouse every staged version that replaces one keeps it: the latest, staged or visible,
 * when it was staged (the writer stages one filing's batch at a time), so for a filing staged then this
 * alone answers, without a look-up in SQLite (half of the loader's time per version, measured).
 */
export function keptVersions(db: Db): (v: VersionRow) => VersionRow | undefined {
  const kept = db.prepare<[number], VersionRow & { prev_seq: number }>(
    'SELECT * FROM transaction_fold_previous WHERE seq = ?',
  );
  return (v) => {
    const row = kept.get(v.seq);
    return row && { ...row, seq: row.prev_seq };
  };
}

function sellerAttributes(keys: Keyring, s: SellerVersionRow) {
  const record = JSON.parse(s.record) as {
    address?: string;
    legal_representative?: string;
    category?: string;
  };
  const hash = (domain: string, value: string | undefined, normalize: (v: string) => string) => {
    const normalized = value === undefined ? '' : normalize(value);
    return normalized ? keys.keyedHash(domain, normalized) : null;
  };
  return {
    platform_id: s.platform_id,
    seller_id: s.seller_id,
    subject_id: s.subject_id,
    version: s.version,
    subject_type: s.subject_type,
    category: record.category ?? null,
    name_core: nameCore(s.legal_name),
    store_url: s.store_url,
    phone_hash: s.contact_phone_hash,
    address_hash: hash(HASH_DOMAIN.address, record.address, normalizeAddress),
    representative_hash: hash(
      HASH_DOMAIN.legalRepresentative,
      record.legal_representative,
      normalizePersonName,
    ),
    status: s.status,
    filed_at: s.filed_at,
  };
}
