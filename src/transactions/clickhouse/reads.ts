import type { Db } from '../../db/database.ts';
import { productTable } from '../products.ts';
import { type OrderVersion, orderVersion, type TransactionsSql, type VersionRow } from '../store.ts';
import {
  askClickHouse,
  headOf,
  type Topology,
  type VersionHead,
  visibleLoads,
  WatermarkCache,
} from './schema.ts';

/**
 * An order's history when its versions are in ClickHouse (docs/decisions/0021): the loaded ones from
 * there, those of published filings not loaded yet from the SQLite outbox, merged by seq. A filing in
 * both (loaded, its SQLite copy not yet deleted) is taken from ClickHouse only. The answer is the SQLite
 * store's, field for field: the same rows, rebuilt by the same code (store.ts, pack.ts), the filing's
 * time from the gateway's filings table and the products from its product table.
 */

interface RemoteRow extends VersionHead {
  filing: string;
  completed_at: string | null;
  pack: string;
  correction_reason: string;
}

export class ClickHouseReads {
  private readonly products;
  private readonly filedAt;
  private readonly mark: WatermarkCache;

  constructor(
    private readonly t: Topology,
    db: Db,
    private readonly outbox: TransactionsSql,
    /** Told why ClickHouse did not answer a read (which is answered store_unavailable). */
    private readonly onFailure?: (err: unknown) => void,
  ) {
    this.mark = new WatermarkCache(t);
    this.products = productTable(db);
    this.filedAt = db.prepare<[string], string>('SELECT received_at FROM filings WHERE id = ?').pluck();
  }

  /** An order's visible versions, newest first: what `TransactionsSql.history` answers. */
  async history(platformId: number, orderId: string): Promise<OrderVersion[]> {
    // Without ClickHouse an order's history would be what SQLite holds of it: a part, told as the whole.
    const rows = await askClickHouse(
      this.t,
      async () =>
        this.t.ch.query<RemoteRow>(
          `SELECT seq, filing, order_id, seller_id, placed_at, status, currency, total_minor, refunded_minor,
         completed_at, digest_hi, digest_lo, pack, correction_reason
       FROM order_versions
       WHERE platform_id = {platform:UInt32} AND order_id = {order:String} AND ${visibleLoads(this.t, await this.mark.get())}
       ORDER BY seq DESC`,
          { platform: platformId, order: orderId },
        ),
      'the transactions store did not answer; try again later',
      this.onFailure,
    );
    const remote = rows.map((r) => orderVersion(this.row(platformId, r), this.products));
    const loaded = new Set(remote.map((v) => v.filing_id));
    const local = this.outbox.history(platformId, orderId).filter((v) => !loaded.has(v.filing_id));
    return [...remote, ...local].sort((a, b) => b.seq - a.seq);
  }

  private row(platformId: number, r: RemoteRow): VersionRow {
    const filedAt = this.filedAt.get(r.filing);
    if (filedAt === undefined) throw new Error(`filing ${r.filing} is in ClickHouse but not in the gateway`);
    return {
      ...headOf(r),
      platform_id: platformId,
      filing_id: r.filing,
      filed_at: filedAt,
      completed_at: r.completed_at === null ? null : Number(r.completed_at),
      pack: r.pack,
      correction_reason: r.correction_reason === '' ? null : r.correction_reason,
    };
  }
}
