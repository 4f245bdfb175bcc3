import type { Db } from '../../db/database.ts';
import { DomainError } from '../../errors.ts';
import { ClickHouse, type ClickHouseOptions } from './client.ts';

/**
 * The transactions' tables in ClickHouse (docs/decisions/0021-clickhouse-transactions.md), in SQL that
 * 18.16 and current releases both take (docs/notes/clickhouse-18.16.md).
 *
 * - `order_versions`: one row a version, as in SQLite (decision 0020: integer times in ms, the status
 *   as a code, the pack), plus the load that wrote it. Month partitions by the order's placing (China
 *   time), sorted by order, so that an order's history is a range and retention drops whole months.
 *   On a cluster it is a Distributed table over `order_versions_local` on each shard, sharded by
 *   platform and seller: a seller's orders on one shard, its statistics without a cross-shard merge.
 * - `seller_month_deltas`: what each loaded filing changed in its sellers' monthly statistics (a row a
 *   seller, month and currency, as admission summed it), under the filing's load: the statistics and the
 *   over-threshold report are sums over the visible ones. Sharded like the versions.
 * - `loads`: one row a completed load (a filing's rows all inserted): what makes a filing visible.
 * - `load_watermark`: every load at or below it is committed or has had its rows deleted, so that
 *   readers only ask `loads` about newer ones.
 */

/** Where the tables are: one server, or a cluster's shards (reads, loads and the watermark on the first). */
export interface Topology {
  /** The server the gateway reads and inserts through (on a cluster, the first shard). */
  ch: ClickHouse;
  /** On a cluster: every shard (the first is `ch`), and the cluster's name in `remote_servers`. */
  cluster?: { name: string; shards: ClickHouse[] };
  /** The gateway whose database it must be (openTopology sets it; tests of the parts may leave it out). */
  owner?: Ownership;
}

const VERSION_COLUMNS = `
  platform_id UInt32,
  order_id String,
  seq UInt64,
  load UInt64,
  filing String,
  seller_id String,
  placed_at Int64,
  status UInt8,
  currency String,
  total_minor Int64,
  refunded_minor Int64,
  completed_at Nullable(Int64),
  digest_hi UInt64,
  digest_lo UInt64,
  pack String,
  correction_reason String`;

/** A version's columns as the JSON formats give them back (64-bit integers as strings). */
export interface VersionHead {
  seq: string;
  order_id: string;
  seller_id: string;
  placed_at: string;
  status: number;
  currency: string;
  total_minor: string;
  refunded_minor: string;
  digest_hi: string;
  digest_lo: string;
}

/** A version's columns as numbers and bytes, as the SQLite store has them. */
export function headOf(r: VersionHead) {
  return {
    seq: Number(r.seq),
    order_id: r.order_id,
    seller_id: r.seller_id,
    placed_at: Number(r.placed_at),
    status: r.status,
    currency: r.currency,
    total_minor: Number(r.total_minor),
    refunded_minor: Number(r.refunded_minor),
    digest: digestOf(r.digest_hi, r.digest_lo),
  };
}

/** The 16-byte digest as its two columns (ClickHouse 18.16 has no FixedString in JSON as bytes). */
export const digestColumns = (digest: Buffer) => ({
  digest_hi: digest.readBigUInt64BE(0).toString(),
  digest_lo: digest.readBigUInt64BE(8).toString(),
});

/** The digest back from its two columns. */
export function digestOf(hi: string, lo: string): Buffer {
  const digest = Buffer.alloc(16);
  digest.writeBigUInt64BE(BigInt(hi), 0);
  digest.writeBigUInt64BE(BigInt(lo), 8);
  return digest;
}

const DELTA_COLUMNS = `
  load UInt64,
  filing String,
  platform_id UInt32,
  seller_id String,
  month String,
  currency String,
  orders Int64,
  gross_minor Int64,
  refunds_minor Int64,
  refunded_orders Int64`;

// A seller's months are a range; a year's (the over-threshold report) a partition.
const DELTAS_ENGINE = `ENGINE = MergeTree
  PARTITION BY substring(month, 1, 4)
  ORDER BY (platform_id, seller_id, month, currency)`;

// toYYYYMM of the placing in China time; a smaller index granularity than the default (8,192) so that
// looking an order up reads 1,024 rows, not 8,192.
const VERSIONS_ENGINE = `ENGINE = MergeTree
  PARTITION BY toYYYYMM(toDateTime(intDiv(placed_at, 1000), 'Asia/Shanghai'))
  ORDER BY (platform_id, order_id, seq)
  SETTINGS index_granularity = 1024`;

/**
 * Each version's part of its store and hour (src/risk/hours.ts, HourFactRow): what the risk rules sum.
 * A version puts its part in (sign 1) and takes out the part of the version it replaced (-1); a change
 * that leaves the part as it was writes nothing. The hour is a number (hours since 1970 in China time).
 * Month partitions of placing, as the versions: retention drops the same months.
 */
const FACT_COLUMNS = `
  load UInt64,
  platform_id UInt32,
  seller_id String,
  hour UInt32,
  orders Int32,
  quick Int32,
  buyer UInt32,
  buyer_n Int32,
  amount Int64,
  amount_n Int32`;

/** The month partition of an hour number: the same YYYYMM as the versions' (placing, China time). */
const FACT_MONTH = `toYYYYMM(toDateTime(hour * 3600, 'UTC'))`;

const FACTS_ENGINE = `ENGINE = MergeTree
  PARTITION BY ${FACT_MONTH}
  ORDER BY (platform_id, seller_id, hour)`;

/** The tables a load writes a filing's rows to, with their columns and engine. */
export const LOADED_TABLES = ['order_versions', 'seller_month_deltas', 'store_hour_facts'] as const;
export type LoadedTable = (typeof LOADED_TABLES)[number];

const TABLES: Record<LoadedTable, { columns: string; engine: string }> = {
  order_versions: { columns: VERSION_COLUMNS, engine: VERSIONS_ENGINE },
  seller_month_deltas: { columns: DELTA_COLUMNS, engine: DELTAS_ENGINE },
  store_hour_facts: { columns: FACT_COLUMNS, engine: FACTS_ENGINE },
};

export async function createSchema(t: Topology): Promise<void> {
  for (const name of LOADED_TABLES) {
    const { columns, engine } = TABLES[name];
    if (t.cluster) {
      for (const shard of t.cluster.shards)
        await shard.command(`CREATE TABLE IF NOT EXISTS ${name}_local (${columns}) ${engine}`);
      await t.ch.command(
        `CREATE TABLE IF NOT EXISTS ${name} AS ${name}_local
         ENGINE = Distributed(${t.cluster.name}, ${t.ch.database}, ${name}_local, cityHash64(platform_id, seller_id))`,
      );
    } else {
      await t.ch.command(`CREATE TABLE IF NOT EXISTS ${name} (${columns}) ${engine}`);
    }
  }
  await t.ch.command(
    `CREATE TABLE IF NOT EXISTS loads (load UInt64, filing String, rows UInt64, loaded_at DateTime)
     ENGINE = MergeTree ORDER BY load`,
  );
  await t.ch.command(
    `CREATE TABLE IF NOT EXISTS load_watermark (load UInt64, moved_at DateTime)
     ENGINE = MergeTree ORDER BY load`,
  );
  await t.ch.command(
    `CREATE TABLE IF NOT EXISTS gateway (id String, claimed_at DateTime) ENGINE = MergeTree ORDER BY id`,
  );
}

/** The gateway's identity (migration 030): what it claims a ClickHouse database with. */
export const gatewayIdentity = (db: Db) =>
  db.prepare<[], string>('SELECT id FROM gateway_identity').pluck().get()!;

/**
 * One gateway a database (docs/decisions/0021): load ids, the watermark and the removal of what a
 * restored gateway does not know are the gateway's own, so a second gateway writing there would corrupt
 * both. The first gateway to use the database claims it (a row in `gateway`; of rows written at once by
 * two, the earliest, then the smaller id, wins); any other is refused. The database must also hold no
 * load the gateway does not know of (after a restore: the loader's `reconcile` removes them first).
 * Confirmed once, then remembered.
 */
export class Ownership {
  private claimed = false;
  private confirmed = false;
  private readonly lastLoad;

  constructor(
    private readonly ch: ClickHouse,
    readonly gateway: string,
    db: Db,
  ) {
    this.lastLoad = db.prepare<[], number>('SELECT coalesce(max(load), 0) FROM clickhouse_loads').pluck();
  }

  /** The database is the gateway's own and holds no load it does not know of. */
  async confirm(): Promise<void> {
    if (this.confirmed) return;
    await this.claim();
    const [beyond] = await this.ch.query<{ n: string }>(
      'SELECT count() AS n FROM loads WHERE load > {last:UInt64}',
      { last: this.lastLoad.get()! },
    );
    if (Number(beyond?.n ?? 0) > 0)
      throw new Error(
        `ClickHouse holds ${beyond!.n} load(s) this gateway does not know of (restored from a backup?): the loader removes them before the store is used`,
      );
    this.confirmed = true;
  }

  /** The database is the gateway's own: claimed now if no gateway has claimed it. */
  async claim(): Promise<void> {
    if (this.claimed) return;
    let owner = await this.owner();
    if (owner === undefined) {
      await this.ch.insert('gateway', [{ id: this.gateway, claimed_at: clickHouseTime(new Date()) }], {
        format: 'JSONEachRow',
      });
      owner = await this.owner();
    }
    if (owner !== this.gateway)
      throw new Error(
        `the ClickHouse database ${this.ch.database} holds the orders of another gateway (${owner}); this gateway (${this.gateway}) needs a database of its own`,
      );
    this.claimed = true;
  }

  private async owner(): Promise<string | undefined> {
    const [row] = await this.ch.query<{ id: string }>(
      'SELECT id FROM gateway ORDER BY claimed_at, id LIMIT 1',
    );
    return row?.id;
  }
}

/** Resolves once the topology's database is the gateway's own (at once without an owner to check). */
export const confirmOwner = async (t: Topology) => t.owner?.confirm();

/** A DateTime as ClickHouse's JSON input takes it: `YYYY-MM-DD hh:mm:ss`, UTC here. */
export const clickHouseTime = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

/** Where a loaded table's rows are: each shard's local table, or the one table of a single server. */
export function localTables(
  t: Topology,
  name: LoadedTable = 'order_versions',
): { ch: ClickHouse; table: string }[] {
  return t.cluster
    ? t.cluster.shards.map((ch) => ({ ch, table: `${name}_local` }))
    : [{ ch: t.ch, table: name }];
}

/** The watermark: every load at or below it is committed or has had its rows deleted. */
export async function watermark(t: Topology): Promise<bigint> {
  const [row] = await t.ch.query<{ load: string }>('SELECT max(load) AS load FROM load_watermark');
  return BigInt(row?.load ?? 0);
}

/** How long a watermark read is used: an older one is still right (readers only ask `loads` about more). */
const WATERMARK_MS = 5_000;

/** The watermark as readers use it: read at most every few seconds; it only rises, and a lower one is never wrong. */
export class WatermarkCache {
  private mark: { value: bigint; at: number } | undefined;
  constructor(private readonly t: Topology) {}

  async get(): Promise<bigint> {
    const now = performance.now();
    if (!this.mark || now - this.mark.at > WATERMARK_MS)
      this.mark = { value: await watermark(this.t), at: now };
    return this.mark.value;
  }
}

/**
 * What ClickHouse answers, or `store_unavailable` (503) when it does not: for what a request must not
 * answer without it (an order's history, the comparison of filed orders with theirs). Asked only once
 * the database is the gateway's own (Ownership). Its own error goes to `onFailure`, never into the
 * answer (it may name the server).
 */
export async function askClickHouse<T>(
  t: Topology,
  ask: () => Promise<T>,
  detail: string,
  onFailure?: (err: unknown) => void,
): Promise<T> {
  try {
    await confirmOwner(t);
    return await ask();
  } catch (err) {
    onFailure?.(err);
    throw new DomainError('store_unavailable', detail);
  }
}

/**
 * The condition a version row must meet to be seen: its load committed. Loads at or below the watermark
 * (read first, and written in as a number: a shard has no watermark table) need no look-up; newer ones
 * are looked up in `loads` (GLOBAL on a cluster: the set is made once, where `loads` is, and sent to the
 * shards).
 */
export function visibleLoads(t: Topology, below: bigint): string {
  const inLoads = t.cluster ? 'GLOBAL IN' : 'IN';
  return `(load <= ${below} OR load ${inLoads} (SELECT load FROM loads WHERE load > ${below}))`;
}

/** What retention did to the month partitions of `order_versions` (decision 0021). */
export interface PartitionRetention {
  /** Months (YYYYMM of placing, China time) dropped: every order in them finished before the cutoff. */
  dropped: string[];
  /** Months before the cutoff kept, and how many of their orders had not finished before it. */
  kept: { month: string; open_orders: number }[];
}

/**
 * Drops the month partitions whose orders all finished (their latest version in the month has a
 * completion time) before `cutoff`: retention by month (E-Commerce Law art. 31: three years from
 * completion). Only months wholly before the cutoff's month are looked at; a month with an order still
 * open, or finished later, is kept whole and reported. On a cluster each shard decides for its own part
 * of the month (its orders are its own: a seller's orders are on one shard).
 */
export async function dropExpiredMonths(
  t: Topology,
  cutoff: Date,
  options: { dryRun?: boolean } = {},
): Promise<PartitionRetention> {
  const cutoffMs = cutoff.getTime();
  const cutoffMonth = Number(new Date(cutoffMs + 8 * 3600_000).toISOString().slice(0, 7).replace('-', ''));
  const result: PartitionRetention = { dropped: [], kept: [] };
  const factTables = localTables(t, 'store_hour_facts');
  for (const [shard, { ch, table }] of localTables(t).entries()) {
    // The partition expression itself (18.16 has no _partition_id); a version without a completion time
    // counts as -1 (argMax would skip a NULL and take an older version's time).
    const months = await ch.query<{ partition: number; open_orders: string }>(
      `SELECT partition, countIf(done < 0 OR done >= {cutoff:Int64}) AS open_orders
       FROM (
         SELECT toYYYYMM(toDateTime(intDiv(placed_at, 1000), 'Asia/Shanghai')) AS partition,
                argMax(ifNull(completed_at, toInt64(-1)), seq) AS done
         FROM ${table}
         WHERE partition < {month:UInt32}
         GROUP BY partition, platform_id, order_id
       )
       GROUP BY partition ORDER BY partition`,
      { cutoff: cutoffMs, month: cutoffMonth },
    );
    for (const m of months) {
      const month = String(m.partition);
      if (Number(m.open_orders) > 0) {
        result.kept.push({ month, open_orders: Number(m.open_orders) });
        continue;
      }
      if (!options.dryRun) {
        await ch.command(`ALTER TABLE ${table} DROP PARTITION {month:UInt32}`, { month: m.partition });
        // The month's part of the store-hours goes with its orders (the same shard holds both).
        await ch.command(`ALTER TABLE ${factTables[shard]!.table} DROP PARTITION {month:UInt32}`, {
          month: m.partition,
        });
      }
      result.dropped.push(month);
    }
  }
  return result;
}

/** Where the gateway's orders are in ClickHouse, as configured (MARKETGATE_TRANSACTIONS_URL and the cluster). */
export interface TransactionsConnection {
  url: string;
  cluster?: { name: string; shards: string[] } | undefined;
  /** The gateway's identity (gatewayIdentity): the database must be its own. */
  gateway: string;
}

/** Connections for a configured topology (none opened until used); `close` ends them all. */
export function openTopology(
  c: TransactionsConnection,
  db: Db,
  options: ClickHouseOptions = {},
): Topology & { close(): Promise<void> } {
  if (!c.cluster) {
    const ch = new ClickHouse(c.url, options);
    return { ch, owner: new Ownership(ch, c.gateway, db), close: () => ch.close() };
  }
  const shards = c.cluster.shards.map((url) => new ClickHouse(url, options));
  return {
    ch: shards[0]!,
    owner: new Ownership(shards[0]!, c.gateway, db),
    cluster: { name: c.cluster.name, shards },
    close: async () => void (await Promise.all(shards.map((s) => s.close()))),
  };
}
