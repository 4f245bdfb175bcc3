import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.ts';
import type { Keyring } from '../../keys/keyring.ts';
import { type FoldReport, foldBatch } from '../../risk/fold.ts';
import { LOCK_GAP_MS } from '../../risk/run.ts';
import type { TransactionsStore } from '../orders.ts';
import type { TransactionsSql } from '../store.ts';
import { TransactionLoader } from './loader.ts';
import { ClickHouseReads } from './reads.ts';
import { ClickHouseStats } from './stats.ts';
import { createSchema, openTopology, type TransactionsConnection } from './schema.ts';

/**
 * Orders in ClickHouse (MARKETGATE_TRANSACTIONS_URL, docs/decisions/0021): filings are staged and signed
 * in SQLite as ever; this store's loader moves each published filing's versions to ClickHouse, and reads
 * merge what is there with what SQLite still holds.
 *
 * A loaded filing's SQLite copy is removed only once nothing may still need it there:
 * - the risk fold has read it (the fold reads a filing's versions from SQLite; the loader runs the fold
 *   up to the filing itself, in small paced batches, rather than wait for the hourly risk run);
 * - no transaction filing that began before the load committed is still open: its admission may have
 *   asked ClickHouse for its orders before the load and SQLite after the removal, and found neither.
 */

const IDLE_MS = 1_000;
/** How long close waits for a pass in flight. */
const CLOSE_WAIT_MS = 500;
/** After a failure (ClickHouse away), the loader waits this long, doubling up to RETRY_MAX_MS. */
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/**
 * Orders folded a step: small while a transaction filing is open (its writer waits for the lock), ten
 * times more while none is. The lock is left free between steps either way, so a filing that begins
 * waits at most one step (about half a second).
 */
const FOLD_RECORDS = 2_000;
const IDLE_FOLD_RECORDS = 20_000;

interface Loaded {
  key: number;
  /** The filing's rowid in `filings` (publishing order: what the risk fold's cursor counts). */
  rowid: number;
  committedAt: string;
}

export interface ClickHouseOrdersOptions {
  connection: TransactionsConnection;
  /**
   * The file `marketgate restore` leaves in the data folder it restores: ClickHouse is then made to hold
   * only what the restored gateway knows of (TransactionLoader.reconcile), and the file removed.
   */
  restoredMarker: string;
  db: Db;
  keys: Keyring;
  sql: TransactionsSql;
  logger: Logger;
}

export function clickHouseOrders(options: ClickHouseOrdersOptions): TransactionsStore {
  const t = openTopology(options.connection, options.db);
  const { db, logger } = options;
  const loader = new TransactionLoader(t, db);
  const reads = new ClickHouseReads(t, db, options.sql, (err) =>
    logger.warn({ err }, 'reading an order from ClickHouse failed'),
  );
  const stats = new ClickHouseStats(t, options.sql, (err) =>
    logger.warn({ err }, 'reading the monthly statistics from ClickHouse failed'),
  );
  const q = {
    nextKey: db
      .prepare<[number], number | null>('SELECT min(filing) FROM transaction_versions WHERE filing > ?')
      .pluck(),
    published: db.prepare<[number], { id: string; rowid: number }>(
      'SELECT f.id, f.rowid FROM transaction_filings k JOIN filings f ON f.id = k.id WHERE k.key = ?',
    ),
    foldedUpTo: db
      .prepare<[], number>("SELECT coalesce(max(last_filing), 0) FROM risk_folds WHERE name = 'filings'")
      .pluck(),
    openSince: db
      .prepare<[], string | null>("SELECT min(started_at) FROM filing_stages WHERE kind = 'transactions'")
      .pluck(),
  };
  const loaded = new Map<string, Loaded>();
  let running: Promise<{ loaded: number; removed: number }> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let settling = false;
  let failures = 0;

  /** Loads every published filing with versions in SQLite that is not loaded yet. */
  async function loadPublished(): Promise<number> {
    let count = 0;
    for (let key = q.nextKey.get(0) ?? null; key !== null; key = q.nextKey.get(key) ?? null) {
      const filing = q.published.get(key);
      if (!filing || loaded.has(filing.id)) continue; // still streaming in, or loaded already
      await loader.load(filing.id, { keepLocal: true });
      loaded.set(filing.id, { key, rowid: filing.rowid, committedAt: new Date().toISOString() });
      count++;
    }
    if (count) await loader.advanceWatermark();
    return count;
  }

  /** Removes the SQLite copies nothing needs any more, folding into the risk aggregates first. */
  async function removeLoaded(): Promise<number> {
    let removed = 0;
    for (const [id, f] of loaded) {
      const openSince = q.openSince.get() ?? null;
      if (openSince !== null && openSince <= f.committedAt) break;
      const report: FoldReport = { filings: 0, orders: 0, sellers: 0 };
      while (
        (q.foldedUpTo.get() ?? 0) < f.rowid &&
        foldBatch(
          db,
          options.keys,
          report,
          new Date(),
          q.openSince.get() == null ? IDLE_FOLD_RECORDS : FOLD_RECORDS,
        )
      ) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_GAP_MS));
        if (stopped && !settling) return removed;
      }
      loader.deleteLocal(id);
      loaded.delete(id);
      removed++;
    }
    return removed;
  }

  /**
   * Once a process, before anything is loaded: the tables, the database claimed as this gateway's, and
   * the loads of filings it does not have removed (after a restore from a backup).
   */
  let prepared = false;
  async function prepare(): Promise<void> {
    if (prepared) return;
    await createSchema(t);
    await t.owner!.claim();
    const restored = fs.existsSync(options.restoredMarker);
    const removed = await loader.reconcile(restored);
    if (removed.length)
      logger.warn(
        { filings: removed.length },
        'removed from ClickHouse the filings this gateway does not have (its data folder was restored from an older backup): their platforms file them again',
      );
    if (restored) fs.rmSync(options.restoredMarker, { force: true });
    await t.owner!.confirm();
    prepared = true;
  }

  const pass = () => {
    running ??= (async () => {
      try {
        await prepare();
        return { loaded: await loadPublished(), removed: await removeLoaded() };
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      pass().then(
        (r) => {
          if (failures) logger.info('ClickHouse answers again: loading filings');
          failures = 0;
          schedule(r.loaded || r.removed ? 0 : IDLE_MS);
        },
        (err: unknown) => {
          // A pass cut off by close (its connections and database closed under it) is no outage.
          if (stopped && !settling) return;
          // Logged once an outage; the filings wait in SQLite, readers find them there.
          if (failures++ === 0)
            logger.error(
              { err },
              'loading filings into ClickHouse failed; they wait in SQLite and are retried',
            );
          schedule(Math.min(RETRY_MAX_MS, RETRY_MS * 2 ** Math.min(failures, 5)));
        },
      );
    }, ms);
    timer.unref();
  };

  return {
    engine: 'clickhouse',
    // Makes the tables, then loads in the background (the gateway listens meanwhile). ClickHouse away at
    // the start is an outage like any other (logged; the passes make the tables once it answers): the
    // gateway starts, and answers transaction filings and order reads with store_unavailable until then.
    async start() {
      stopped = false;
      try {
        await prepare();
        schedule(0);
      } catch (err) {
        failures = 1;
        logger.error(
          { err },
          'ClickHouse (MARKETGATE_TRANSACTIONS_URL) does not answer, or is not this gateway’s to use; retrying',
        );
        schedule(RETRY_MS);
      }
    },
    history: (platformId, orderId) => reads.history(platformId, orderId),
    stats: (platformId, sellerId) => stats.stats(platformId, sellerId),
    overThreshold: (...range) => stats.overThreshold(...range),
    // Passes until one finds nothing to load and nothing it may remove (a pass already running may
    // have begun before the last filing published: it does not count).
    async settled() {
      settling = true;
      try {
        await running?.catch(() => {});
        for (;;) {
          const r = await pass();
          if (r.loaded === 0 && r.removed === 0) return;
        }
      } finally {
        settling = false;
      }
    },
    // A pass in flight is given a moment, not waited for: a shutdown has seconds (MARKETGATE_SHUTDOWN_SECONDS),
    // a load of millions of orders minutes, and a load cut off is taken up at the next start (decision 0021).
    async close() {
      stopped = true;
      clearTimeout(timer);
      await Promise.race([
        running?.catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref()),
      ]);
      await t.close();
    },
  };
}
