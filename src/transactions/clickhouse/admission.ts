import type { Db } from '../../db/database.ts';
import type { LoadedVersions } from '../file-transactions.ts';
import type { RecentVersion } from '../store.ts';
import { KnownOrders } from './known-orders.ts';
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
 *
 * Only orders ClickHouse may hold are asked about: a filter of every order this gateway took (known-
 * orders.ts) answers for the others, a filing's new orders. It is made at the first filing after a
 * start: the orders in the outbox, then every order in ClickHouse; until it is whole every order is
 * asked about. Orders filed meanwhile are added as they come, so none taken after the outbox was read
 * is missed (ClickHouse's orders all came through this gateway's outbox: one gateway a database).
 */

type Row = VersionHead & { completed_at: string | null; pack: string };

/** The filter and how many orders it spared a look-up (for tests and the benchmark). */
export interface Admission {
  versions: LoadedVersions;
  /** Orders asked about in ClickHouse, and orders not asked about because the filter knew them new. */
  readonly counts: { asked: number; spared: number };
  /** Resolves when the filter is whole (made at the first filing; this starts it). */
  filterReady(): Promise<void>;
}

export function loadedVersions(t: Topology, db: Db): Admission {
  const mark = new WatermarkCache(t);
  const known = new KnownOrders();
  const counts = { asked: 0, spared: 0 };
  let ready = false;
  let making: Promise<void> | undefined;
  const make = () => {
    making ??= (async () => {
      // The outbox first: an order loaded from it while ClickHouse is read below is in one or the other.
      for (const [platformId, orderId] of db
        .prepare<[], [number, string]>('SELECT platform_id, order_id FROM transaction_versions')
        .raw()
        .iterate())
        known.add(platformId, orderId);
      await t.ch.eachLine('SELECT platform_id, order_id FROM order_versions', {}, (line) => {
        const tab = line.indexOf('\t');
        known.add(Number(line.slice(0, tab)), line.slice(tab + 1));
      });
      ready = true;
    })().catch((err: unknown) => {
      // Made again at the next filing; until then every order is asked about.
      making = undefined;
      throw err;
    });
    return making;
  };

  const versions: LoadedVersions = async (platformId, orderIds) => {
    make().catch(() => {});
    const asked = ready ? orderIds.filter((id) => known.mayHold(platformId, id)) : orderIds;
    for (const id of orderIds) known.add(platformId, id);
    counts.asked += asked.length;
    counts.spared += orderIds.length - asked.length;
    if (asked.length === 0) return new Map();
    // Without the orders' loaded versions no order can be compared with what was filed: refused whole
    // (the loader logs the outage).
    const rows = await askClickHouse(
      t,
      async () =>
        t.ch.query<Row>(
          `SELECT order_id, seq, seller_id, placed_at, status, currency, total_minor, refunded_minor, digest_hi, digest_lo,
             completed_at, pack
           FROM order_versions
           WHERE platform_id = {platform:UInt32} AND order_id IN (${asked.map(quote).join(', ')}) AND ${visibleLoads(t, await mark.get())}
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
  return { versions, counts, filterReady: make };
}
