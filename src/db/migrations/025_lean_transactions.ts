/**
 * The TypeScript step of migration 025 (docs/decisions/0020-lean-transactions.md), run right after
 * 025_lean_transactions.sql in the same transaction: every order version moves to the lean table, a
 * batch at a time (memory stays flat whatever the number of orders), keeping its seq; the record is
 * packed (its items' products by key), and a record whose pack does not rebuild it exactly is kept whole
 * (pack.ts), so nothing the API showed changes. Then the old table goes, the new one takes its name, and the indexes are built
 * (once, after the copy: faster than keeping them up to date row by row).
 */
import type Database from 'better-sqlite3';
import { keyedPack, type OrderRecord, pack, statusCode } from '../../transactions/pack.ts';
import { productTable } from '../../transactions/products.ts';

interface OldVersion {
  seq: number;
  platform_id: number;
  order_id: string;
  filing_id: string;
  seller_id: string;
  placed_at: string;
  status: string;
  currency: string;
  total_minor: number;
  refunded_minor: number;
  completed_at: string | null;
  digest: Buffer;
  record: string;
  correction_reason: string | null;
}

const BATCH = 5_000;

export function leanTransactions(db: Database.Database): void {
  // Every filing that staged a version, in the order it first did: published or not (a stage cut off
  // before this upgrade is discarded at start, as before).
  db.exec(`INSERT INTO transaction_filings (id)
    SELECT filing_id FROM transaction_versions GROUP BY filing_id ORDER BY min(seq)`);
  const keys = new Map(
    db
      .prepare<[], { key: number; id: string }>('SELECT key, id FROM transaction_filings')
      .all()
      .map((r) => [r.id, r.key]),
  );
  const read = db.prepare<[number, number], OldVersion>(
    'SELECT * FROM transaction_versions WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const write = db.prepare(
    `INSERT INTO transaction_versions_lean (seq, platform_id, order_id, filing, seller_id, placed_at, status,
       currency, total_minor, refunded_minor, completed_at, digest, pack, correction_reason)
     VALUES (@seq, @platform_id, @order_id, @filing, @seller_id, @placed_at, @status,
       @currency, @total_minor, @refunded_minor, @completed_at, @digest, @pack, @correction_reason)`,
  );
  const products = productTable(db);
  for (let after = 0; ;) {
    const batch = read.all(after, BATCH);
    if (batch.length === 0) break;
    for (const v of batch) {
      const columns = {
        order_id: v.order_id,
        seller_id: v.seller_id,
        placed_at: Date.parse(v.placed_at),
        status: statusCode(v.status),
        currency: v.currency,
        total_minor: v.total_minor,
        refunded_minor: v.refunded_minor,
        completed_at: v.completed_at === null ? null : Date.parse(v.completed_at),
      };
      write.run({
        ...columns,
        seq: v.seq,
        platform_id: v.platform_id,
        filing: keys.get(v.filing_id)!,
        digest: v.digest.subarray(0, 16),
        pack: keyedPack(pack(JSON.parse(v.record) as OrderRecord, columns, v.record), (product) =>
          products.keyOf(v.platform_id, product),
        ),
        correction_reason: v.correction_reason,
      });
    }
    after = batch.at(-1)!.seq;
  }
  db.exec(`
    DROP TABLE transaction_versions;
    ALTER TABLE transaction_versions_lean RENAME TO transaction_versions;
    -- serves: an order's current state and history (the rowid, seq, ends every entry: newest first),
    -- and the look-up of each filed record
    CREATE INDEX transaction_versions_order ON transaction_versions (platform_id, order_id);
    -- serves: removing what an abandoned filing staged; a filing's versions in arrival order (risk fold)
    CREATE INDEX transaction_versions_filing ON transaction_versions (filing);
    -- serves: retention (orders finished before a date)
    CREATE INDEX transaction_versions_completed ON transaction_versions (completed_at) WHERE completed_at IS NOT NULL;
  `);
}
