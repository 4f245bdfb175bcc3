import type { LoadedVersions } from '../file-transactions.ts';
import type { RecentVersion } from '../store.ts';
import { quote } from './sql.ts';
import {
  askClickHouse,
  headOf,
  type Topology,
  type VersionHead,
  visibleLoads,
  WatermarkCache,
} from './schema.ts';

/**
 * What a filing compares its orders with in ClickHouse (docs/decisions/0021): the latest loaded version
 * of each order of a batch, in one query a batch, asked by the writer as the batch arrives. Versions the
 * loader has not removed from SQLite yet are found there too; the filing takes the newer by seq.
 */

type Row = VersionHead & { completed_at: string | null; pack: string };

export function loadedVersions(t: Topology): LoadedVersions {
  const mark = new WatermarkCache(t);
  return async (platformId, orderIds) => {
    // Without the orders' loaded versions no order can be compared with what was filed: refused whole
    // (the loader logs the outage).
    const rows = await askClickHouse(
      t,
      async () =>
        t.ch.query<Row>(
          `SELECT order_id, seq, seller_id, placed_at, status, currency, total_minor, refunded_minor, digest_hi, digest_lo,
             completed_at, pack
           FROM order_versions
           WHERE platform_id = {platform:UInt32} AND order_id IN (${orderIds.map(quote).join(', ')}) AND ${visibleLoads(t, await mark.get())}
           ORDER BY order_id, seq DESC
           LIMIT 1 BY order_id`,
          { platform: platformId },
        ),
      'the transactions store did not answer, so filed orders could not be compared with their history: nothing was filed; try again later',
    );
    const found = new Map<string, RecentVersion>();
    for (const r of rows) {
      const { order_id, ...head } = headOf(r);
      const loaded = { completed_at: r.completed_at === null ? null : Number(r.completed_at), pack: r.pack };
      found.set(order_id, { ...head, filing: -1, visible: 1, loaded });
    }
    return found;
  };
}
