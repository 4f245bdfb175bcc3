import { setImmediate } from 'node:timers/promises';
import type { Db } from '../../db/database.ts';
import type { StoredVersion } from '../store.ts';
import type { StatsDelta } from '../stats.ts';
import type { ClickHouse } from './client.ts';
import { keptVersions, replacedVersions, type VersionRow, versionFacts } from '../../risk/fold.ts';
import { type HourFactRow, type HourRow, hourFactRow, sketchFactRows } from '../../risk/hours.ts';
import { productTable } from '../products.ts';
import type { StoreHourRow } from '../../risk/store-hours.ts';
import {
  clickHouseTime,
  digestColumns,
  LOADED_TABLES,
  type LoadedTable,
  localTables,
  type Topology,
  watermark,
} from './schema.ts';

/**
 * Moves published filings' versions from the gateway's SQLite (the durable outbox: receipts are signed
 * there) into ClickHouse, each filing visible there at once, whole, and exactly once, whatever crashes
 * between (docs/decisions/0021-clickhouse-transactions.md):
 *
 * 1. the attempt takes a new load id in SQLite (never given twice);
 * 2. the filing's versions, and what it changed in the monthly statistics, are inserted with it (on
 *    18.16 an insert cut off may leave some of them: rows of an attempt not committed are never read);
 * 3. one row in `loads` commits the attempt: the filing is visible;
 * 4. the SQLite copy is deleted.
 *
 * A crash before 3 leaves an attempt whose rows nobody reads: the next attempt loads the filing again
 * under a new id, and `advanceWatermark` deletes the old rows. A crash between 3 and 4 leaves the filing
 * in both places: the next attempt finds it committed and only deletes the copy. Readers take a version
 * from SQLite only while its filing has no committed load, so it is never seen twice.
 */

type Row = Omit<StoredVersion, 'filing'> & { seq: number; filing: number };

const BATCH = 5_000;
/**
 * Versions an INSERT carries: one HTTP request each, so that a filing of millions is loaded in requests
 * of seconds, each well inside the client's timeout (one request for a filing of 10,000,000 orders ran
 * past it, and every attempt failed the same way). All the inserts of an attempt carry its load id, and
 * the attempt is committed by its one `loads` row as before.
 */
const INSERT_ROWS = 200_000;

export class TransactionLoader {
  private readonly q;

  constructor(
    private readonly t: Topology,
    private readonly db: Db,
    private readonly insertRows = INSERT_ROWS,
  ) {
    this.q = {
      key: db.prepare<[string], number>('SELECT key FROM transaction_filings WHERE id = ?').pluck(),
      published: db.prepare<[string], number>('SELECT 1 FROM filings WHERE id = ?').pluck(),
      begin: db.prepare<[string, string]>('INSERT INTO clickhouse_loads (filing, started_at) VALUES (?, ?)'),
      end: db.prepare<[string, number]>('UPDATE clickhouse_loads SET outcome = ? WHERE load = ?'),
      versions: db.prepare<[number, number, number], Row>(
        'SELECT * FROM transaction_versions WHERE filing = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      // Before any of a filing's versions goes: their seqs are never given again (migration 027).
      floor: db.prepare<[number]>(
        `INSERT INTO transaction_seq_floor (id, seq)
         SELECT 1, max(seq) FROM transaction_versions WHERE filing = ? HAVING max(seq) IS NOT NULL
         ON CONFLICT (id) DO UPDATE SET seq = max(seq, excluded.seq)`,
      ),
      deltas: db.prepare<[number], StatsDelta>(
        `SELECT platform_id, seller_id, month, currency, orders, gross_minor, refunds_minor, refunded_orders
         FROM transaction_stat_deltas WHERE filing = ?`,
      ),
      dropDeltas: db.prepare<[number]>('DELETE FROM transaction_stat_deltas WHERE filing = ?'),
      dropFoldPrevious: db.prepare<[number]>('DELETE FROM transaction_fold_previous WHERE filing = ?'),
      drop: db.prepare<[number, number]>(
        'DELETE FROM transaction_versions WHERE seq IN (SELECT seq FROM transaction_versions WHERE filing = ? LIMIT ?)',
      ),
      open: db.prepare<[], { load: number; filing: string }>(
        'SELECT load, filing FROM clickhouse_loads WHERE outcome IS NULL ORDER BY load',
      ),
      last: db.prepare<[], number | null>('SELECT max(load) FROM clickhouse_loads').pluck(),
      rowid: db.prepare<[string], number>('SELECT rowid FROM filings WHERE id = ?').pluck(),
      movedAfter: db.prepare<[], number>('SELECT last_filing FROM risk_hours_moved').pluck(),
    };
    this.products = productTable(db);
    this.replaced = replacedVersions(db);
    this.kept = keptVersions(db);
  }

  private readonly products;
  /** The version a version replaced: in SQLite or as kept (filings staged before orders moved here). */
  private readonly replaced;
  /** The same, as kept: what every filing staged with orders in ClickHouse has (fold.ts, keptVersions). */
  private readonly kept;

  /** The id of the filing's committed load, if it has one. */
  private async committed(filingId: string): Promise<bigint | null> {
    const rows = await this.t.ch.query<{ load: string }>(
      'SELECT load FROM loads WHERE filing = {filing:String} LIMIT 1',
      { filing: filingId },
    );
    return rows[0] ? BigInt(rows[0].load) : null;
  }

  /**
   * Loads one published filing; returns how many versions it moved (0 when it was loaded before). An
   * error (ClickHouse down, a crash of its server) leaves the filing in SQLite, to be loaded again.
   */
  async load(
    filingId: string,
    options: { keepLocal?: boolean } = {},
  ): Promise<{ load: bigint; rows: number }> {
    // Only a published filing (its receipt signed): a filing still streaming in, or cut off, is nobody's.
    if (this.q.published.get(filingId) === undefined)
      throw new Error(`filing ${filingId} is not published: it cannot be loaded`);
    const key = this.q.key.get(filingId);
    const done = await this.committed(filingId);
    if (done !== null) {
      if (key !== undefined && !options.keepLocal) await this.dropLocal(key);
      return { load: done, rows: 0 };
    }
    const load = BigInt(this.q.begin.run(filingId, new Date().toISOString()).lastInsertRowid);
    let rows = 0;
    if (key !== undefined) {
      await this.insertInChunks('order_versions', (after, seen) =>
        this.versionsOf(key, filingId, load, after, this.insertRows, (seq) => {
          rows++;
          seen(seq);
        }),
      );
      // Each version's part of its store-hour (the risk aggregates), unless the filing was folded into
      // SQLite's before the aggregates moved here (they came with them: moveRiskHours).
      const movedAfter = this.q.movedAfter.get();
      if (movedAfter === undefined || this.q.rowid.get(filingId)! > movedAfter)
        await this.insertInChunks('store_hour_facts', (after, seen) =>
          this.factsOf(
            key,
            load,
            after,
            this.insertRows,
            seen,
            movedAfter === undefined ? this.replaced : this.kept,
          ),
        );
      // A row a seller, month and currency of the filing: thousands at most, one INSERT.
      const deltas = this.q.deltas.all(key);
      if (deltas.length)
        await this.insertInto(
          'seller_month_deltas',
          deltas.map((d) => ({ ...d, load: String(load), filing: filingId })),
        );
    }
    await this.commit(load, filingId, rows);
    if (key !== undefined && !options.keepLocal) await this.dropLocal(key);
    return { load, rows };
  }

  /** Inserts rows into a loaded table (on a cluster: returning once every shard has its rows, not when they are queued). */
  private insertInto(table: LoadedTable, rows: Iterable<object> | AsyncIterable<object>): Promise<void> {
    return this.t.ch.insert(table, rows, {
      format: 'JSONEachRow',
      settings: this.t.cluster ? { insert_distributed_sync: 1 } : {},
    });
  }

  /**
   * Inserts the rows made of a filing's versions, an INSERT a chunk of `insertRows` versions: `chunk` gives
   * those after a seq, telling `seen` each version's seq; a chunk with fewer versions is the last.
   */
  private async insertInChunks(
    table: LoadedTable,
    chunk: (after: number, seen: (seq: number) => void) => Iterable<object> | AsyncIterable<object>,
  ): Promise<void> {
    for (let after = 0; ;) {
      let inChunk = 0;
      await this.insertInto(
        table,
        chunk(after, (seq) => {
          inChunk++;
          after = seq;
        }),
      );
      if (inChunk < this.insertRows) return;
    }
  }

  /** Up to `limit` of the filing's versions after seq `from`, as rows to insert; `seen` gets each one's seq. */
  private async *versionsOf(
    key: number,
    filingId: string,
    load: bigint,
    from: number,
    limit: number,
    seen: (seq: number) => void,
  ) {
    for (const v of this.staged(key, from, limit)) {
      seen(v.seq);
      yield {
        platform_id: v.platform_id,
        order_id: v.order_id,
        seq: v.seq,
        load: String(load),
        filing: filingId,
        seller_id: v.seller_id,
        placed_at: v.placed_at,
        status: v.status,
        currency: v.currency,
        total_minor: v.total_minor,
        refunded_minor: v.refunded_minor,
        completed_at: v.completed_at,
        ...digestColumns(v.digest),
        pack: v.pack,
        correction_reason: v.correction_reason ?? '',
      };
    }
  }

  /** Up to `limit` of the filing's versions after seq `from`, read from SQLite a batch at a time. */
  private *staged(key: number, from: number, limit: number): Generator<Row> {
    let left = limit;
    for (let after = from; left > 0;) {
      const batch = this.q.versions.all(key, after, Math.min(BATCH, left));
      if (batch.length === 0) return;
      left -= batch.length;
      yield* batch;
      after = batch.at(-1)!.seq;
    }
  }

  /**
   * The store_hour_facts rows of up to `limit` of the filing's versions after seq `from`: each version's
   * part put in, the part of the version it replaced taken out; nothing for a version whose part is the
   * same as the one it replaced (a status that changes no count). `seen` gets each version's seq.
   */
  private *factsOf(
    key: number,
    load: bigint,
    from: number,
    limit: number,
    seen: (seq: number) => void,
    replaced: (v: VersionRow) => VersionRow | undefined,
  ) {
    const loadId = String(load);
    for (const v of this.staged(key, from, limit)) {
      seen(v.seq);
      const now = hourFactRow(v.platform_id, v.seller_id, versionFacts(v, this.products.productOf), 1);
      const before = replaced(v);
      if (before) {
        const was = hourFactRow(
          before.platform_id,
          before.seller_id,
          versionFacts(before, this.products.productOf),
          -1,
        );
        if (samePart(was, now)) continue;
        yield { load: loadId, ...was };
      }
      yield { load: loadId, ...now };
    }
  }

  /**
   * Carries SQLite's risk_store_hours (what the fold summed before orders moved to ClickHouse) into
   * store_hour_facts, once, as a load of its own: its rows inserted under a new load id, committed by its
   * `loads` row, then removed from SQLite with the move recorded. A crash before the commit leaves rows
   * nobody reads (the watermark's advance removes them); after it, the next call only removes them here.
   * The hours must be frozen first (risk_hours_moved: no filing folds into them any more).
   */
  async moveRiskHours(): Promise<{ hours: number; rows: number }> {
    const frozen = this.db
      .prepare<[], { moved_at: string | null }>('SELECT moved_at FROM risk_hours_moved')
      .get();
    if (!frozen) throw new Error('the risk hours are not frozen: fold and freeze them before moving them');
    if (frozen.moved_at !== null) return { hours: 0, rows: 0 };
    const finish = this.db.transaction(() => {
      const hours = this.db.prepare('DELETE FROM risk_store_hours').run().changes;
      this.db.prepare('UPDATE risk_hours_moved SET moved_at = ?').run(new Date().toISOString());
      return hours;
    });
    if ((await this.committed(RISK_HOURS_LOAD)) !== null) return { hours: finish(), rows: 0 };
    const load = BigInt(this.q.begin.run(RISK_HOURS_LOAD, new Date().toISOString()).lastInsertRowid);
    const stored = this.db.prepare<[], StoreHourRow & { sketch: string }>(
      'SELECT * FROM risk_store_hours ORDER BY platform_id, seller_id, hour',
    );
    let rows = 0;
    const loadId = String(load);
    const facts = function* () {
      for (const h of stored.iterate())
        for (const r of sketchFactRows(h.platform_id, h.seller_id, h.hour, {
          ...h,
          sketch: JSON.parse(h.sketch) as HourRow['sketch'],
        })) {
          rows++;
          yield { load: loadId, ...r };
        }
    };
    await this.insertInto('store_hour_facts', facts());
    await this.commit(load, RISK_HOURS_LOAD, rows);
    return { hours: finish(), rows };
  }

  /** Commits an attempt: its one `loads` row makes its rows visible; SQLite records the outcome. */
  private async commit(load: bigint, filing: string, rows: number): Promise<void> {
    await this.t.ch.insert(
      'loads',
      [{ load: String(load), filing, rows, loaded_at: clickHouseTime(new Date()) }],
      { format: 'JSONEachRow' },
    );
    this.q.end.run('committed', Number(load));
  }

  /**
   * Removes a loaded filing's SQLite copy (`load` with `keepLocal` leaves it, for the caller to remove
   * once nothing may still need it there).
   */
  async deleteLocal(filingId: string, pause: () => Promise<void> = nextTurn): Promise<void> {
    const key = this.q.key.get(filingId);
    if (key !== undefined) await this.dropLocal(key, pause);
  }

  /**
   * The versions go DROP_ROWS a step, `pause` between steps: removing a filing of 10,000,000 orders in
   * one go held the event loop (every request) for over a minute (docs/benchmarks.md). A removal cut off
   * is taken up by the next pass (the filing is loaded: only its copy is removed).
   */
  private async dropLocal(key: number, pause: () => Promise<void> = nextTurn): Promise<void> {
    this.q.floor.run(key);
    this.q.dropDeltas.run(key);
    this.q.dropFoldPrevious.run(key);
    while (this.q.drop.run(key, DROP_ROWS).changes === DROP_ROWS) await pause();
  }

  /**
   * Moves the watermark past every attempt that ended: committed ones as they are, ones cut off after
   * deleting their rows (a mutation on each shard, waited for). Stops at the first attempt that may
   * still be running (`running`: the loads in progress in this process). Returns the new watermark.
   */
  async advanceWatermark(running: ReadonlySet<bigint> = new Set()): Promise<bigint> {
    let mark = await watermark(this.t);
    const committed = new Set(
      (
        await this.t.ch.query<{ load: string }>('SELECT load FROM loads WHERE load > {mark:UInt64}', {
          mark,
        })
      ).map((r) => BigInt(r.load)),
    );
    for (const attempt of this.q.open.all()) {
      const load = BigInt(attempt.load);
      if (load <= mark) continue;
      if (running.has(load)) break;
      if (committed.has(load)) this.q.end.run('committed', attempt.load);
      else {
        await this.removeRows(load);
        this.q.end.run('removed', attempt.load);
      }
    }
    // Every attempt up to the first still open has ended: the watermark may stand just below it.
    const open = this.q.open.all()[0];
    const next = open ? BigInt(open.load) - 1n : BigInt(this.q.last.get() ?? 0);
    if (next > mark) {
      await this.t.ch.insert(
        'load_watermark',
        [{ load: String(next), moved_at: clickHouseTime(new Date()) }],
        { format: 'JSONEachRow' },
      );
      mark = next;
    }
    return mark;
  }

  /** Deletes an uncommitted attempt's rows on every shard, and waits until the deletion is done. */
  private async removeRows(load: bigint): Promise<void> {
    for (const { ch, table } of LOADED_TABLES.flatMap((name) => localTables(this.t, name)))
      await deleteWhere(ch, table, 'load = {load:UInt64}', { load });
  }

  /**
   * Makes ClickHouse hold no load this gateway does not know of (decision 0021, restores). After the
   * gateway's SQLite is restored from a backup older than ClickHouse's data, the loads above the
   * gateway's last attempt are of filings made after the backup, which the restored gateway does not
   * have: they are removed (their rows, commits and the watermark above), so that no order is read or
   * compared from a filing the gateway has not got, and the attempt ids it gives next are never taken
   * for theirs. Platforms file those filings again, as after any restore. Found through `loads` and the
   * watermark; `restored` (a restore left its marker) removes in any case, which also takes the rows of
   * an attempt above that never committed (only a scan of the rows would find those). Returns the ids
   * of the filings whose loads went.
   */
  async reconcile(restored: boolean): Promise<string[]> {
    const last = BigInt(this.q.last.get() ?? 0);
    const beyond = await this.t.ch.query<{ filing: string }>(
      'SELECT DISTINCT filing FROM loads WHERE load > {last:UInt64}',
      { last },
    );
    const [marks] = await this.t.ch.query<{ n: string }>(
      'SELECT count() AS n FROM load_watermark WHERE load > {last:UInt64}',
      { last },
    );
    if (!restored && beyond.length === 0 && Number(marks?.n ?? 0) === 0) return [];
    for (const { ch, table } of LOADED_TABLES.flatMap((name) => localTables(this.t, name)))
      await deleteWhere(ch, table, 'load > {last:UInt64}', { last });
    // The commits last: rows of a load whose commit is still there are never left behind unread.
    await deleteWhere(this.t.ch, 'loads', 'load > {last:UInt64}', { last });
    await deleteWhere(this.t.ch, 'load_watermark', 'load > {last:UInt64}', { last });
    return beyond.map((b) => b.filing);
  }
}

/** Versions removed from SQLite in one statement when a loaded filing's copy goes (a few tens of ms). */
const DROP_ROWS = 5_000;

/** Lets the event loop in, and nothing more. */
const nextTurn = () => setImmediate();

/** The `filing` of the load that carried SQLite's risk_store_hours into ClickHouse (no filing has this id). */
export const RISK_HOURS_LOAD = 'risk_store_hours';

/** Two fact rows that are the same part of the same store-hour (one taken out, one put in: nothing changes). */
function samePart(a: HourFactRow, b: HourFactRow): boolean {
  return (
    a.platform_id === b.platform_id &&
    a.seller_id === b.seller_id &&
    a.hour === b.hour &&
    a.quick === -b.quick &&
    a.buyer === b.buyer &&
    a.amount === b.amount
  );
}

/** Deletes the rows of `table` that match (a mutation), and waits until the deletion is done. */
async function deleteWhere(ch: ClickHouse, table: string, where: string, params: Record<string, bigint>) {
  await ch.command(`ALTER TABLE ${table} DELETE WHERE ${where}`, params);
  for (let i = 0; ; i++) {
    const [left] = await ch.query<{ n: string }>(
      `SELECT count() AS n FROM system.mutations WHERE table = {table:String} AND database = {db:String} AND is_done = 0`,
      { table, db: ch.database },
    );
    if (Number(left?.n ?? 0) === 0) return;
    if (i > 600) throw new Error(`the deletion from ${table} where ${where} did not finish in a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
