import type { Db } from '../../db/database.ts';
import { productTable } from '../products.ts';
import { type OrderVersion, orderVersion, type TransactionsStore, type VersionRow } from '../store.ts';
import { type Topology, visibleLoads, watermark } from './schema.ts';

/**
 * An order's history when its versions are in ClickHouse (docs/decisions/0021): the loaded ones from
 * there, those of published filings not loaded yet from the SQLite outbox, merged by seq. A filing in
 * both (loaded, its SQLite copy not yet deleted) is taken from ClickHouse only. The answer is the SQLite
 * store's, field for field: the same rows, rebuilt by the same code (store.ts, pack.ts), the filing's
 * time from the gateway's filings table and the products from its product table.
 */

interface RemoteRow {
  seq: string;
  filing: string;
  order_id: string;
  seller_id: string;
  placed_at: string;
  status: number;
  currency: string;
  total_minor: string;
  refunded_minor: string;
  completed_at: string | null;
  digest_hi: string;
  digest_lo: string;
  pack: string;
  correction_reason: string;
}

/** How long a watermark read is used: an older one is still right (it only asks `loads` about more). */
const WATERMARK_MS = 5_000;

export class ClickHouseReads {
  private readonly products;
  private readonly filedAt;
  private mark: { value: bigint; at: number } | undefined;

  constructor(
    private readonly t: Topology,
    db: Db,
    private readonly outbox: TransactionsStore,
  ) {
    this.products = productTable(db);
    this.filedAt = db.prepare<[string], string>('SELECT received_at FROM filings WHERE id = ?').pluck();
  }

  /** An order's visible versions, newest first: what `TransactionsStore.history` answers. */
  async history(platformId: number, orderId: string): Promise<OrderVersion[]> {
    const mark = await this.watermark();
    const rows = await this.t.ch.query<RemoteRow>(
      `SELECT seq, filing, order_id, seller_id, placed_at, status, currency, total_minor, refunded_minor,
         completed_at, digest_hi, digest_lo, pack, correction_reason
       FROM order_versions
       WHERE platform_id = {platform:UInt32} AND order_id = {order:String} AND ${visibleLoads(this.t, mark)}
       ORDER BY seq DESC`,
      { platform: platformId, order: orderId },
    );
    const remote = rows.map((r) => orderVersion(this.row(platformId, r), this.products));
    const loaded = new Set(remote.map((v) => v.filing_id));
    const local = this.outbox.history(platformId, orderId).filter((v) => !loaded.has(v.filing_id));
    return [...remote, ...local].sort((a, b) => b.seq - a.seq);
  }

  /** The watermark, read at most every few seconds: it only rises, and a lower one is never wrong. */
  private async watermark(): Promise<bigint> {
    const now = performance.now();
    if (!this.mark || now - this.mark.at > WATERMARK_MS)
      this.mark = { value: await watermark(this.t), at: now };
    return this.mark.value;
  }

  private row(platformId: number, r: RemoteRow): VersionRow {
    const digest = Buffer.alloc(16);
    digest.writeBigUInt64BE(BigInt(r.digest_hi), 0);
    digest.writeBigUInt64BE(BigInt(r.digest_lo), 8);
    const filedAt = this.filedAt.get(r.filing);
    if (filedAt === undefined) throw new Error(`filing ${r.filing} is in ClickHouse but not in the gateway`);
    return {
      seq: Number(r.seq),
      platform_id: platformId,
      order_id: r.order_id,
      filing_id: r.filing,
      filed_at: filedAt,
      seller_id: r.seller_id,
      placed_at: Number(r.placed_at),
      status: r.status,
      currency: r.currency,
      total_minor: Number(r.total_minor),
      refunded_minor: Number(r.refunded_minor),
      completed_at: r.completed_at === null ? null : Number(r.completed_at),
      digest,
      pack: r.pack,
      correction_reason: r.correction_reason === '' ? null : r.correction_reason,
    };
  }
}
