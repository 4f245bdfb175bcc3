import fs from 'node:fs';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
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
import { ClickHouseRiskHours } from './risk-hours.ts';
import { createSchema, openTopology, type TransactionsConnection } from './schema.ts';

/**
 * Orders in ClickHouse (MARKETGATE_TRANSACTIONS_URL, docs/decisions/0021): filings are staged and signed
 * in SQLite as ever; this store's loader moves each published filing's versions to ClickHouse, and reads
 * merge what is there with what SQLite still holds.
 *
 * A loaded filing's SQLite copy is removed once no transaction filing that began before the load
 * committed is still open: its admission may have asked ClickHouse for its orders before the load and
 * SQLite after the removal, and found neither. The risk aggregates need no copy: the loader puts each
 * version's part of its store-hour into ClickHouse with the filing (store_hour_facts).
 */

const IDLE_MS = 1_000;
/** How long close waits for a pass in flight. */
const CLOSE_WAIT_MS = 500;
/** After a failure (ClickHouse away), the loader waits this long, doubling up to RETRY_MAX_MS. */
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/**
 * Orders folded a step when the risk aggregates move to ClickHouse (once, at the first start): the lock
 * is left free between steps, so a filing that begins waits at most one step (about half a second).
 */
const FOLD_RECORDS = 20_000;

interface Loaded {
  key: number;
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
  const riskHours = new ClickHouseRiskHours(t, db, (err) =>
    logger.warn({ err }, 'reading the risk aggregates from ClickHouse failed'),
  );
  const q = {
    nextKey: db
      .prepare<[number], number | null>('SELECT min(filing) FROM transaction_versions WHERE filing > ?')
      .pluck(),
    published: db.prepare<[number], { id: string }>(
      'SELECT f.id FROM transaction_filings k JOIN filings f ON f.id = k.id WHERE k.key = ?',
    ),
    frozen: db.prepare<[], number>('SELECT last_filing FROM risk_hours_moved').pluck(),
    freeze: db.prepare<[string]>(
      `INSERT INTO risk_hours_moved (id, last_filing, frozen_at)
       SELECT 1, coalesce((SELECT last_filing FROM risk_folds WHERE name = 'filings'), 0), ?`,
    ),
    anyOpen: db.prepare<[], number>('SELECT 1 FROM filing_stages LIMIT 1').pluck(),
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
      loaded.set(filing.id, { key, committedAt: new Date().toISOString() });
      count++;
    }
    if (count) await loader.advanceWatermark();
    return count;
  }

  /** Removes the SQLite copies nothing needs any more. */
  async function removeLoaded(): Promise<number> {
    let removed = 0;
    for (const [id, f] of loaded) {
      const openSince = q.openSince.get() ?? null;
      if (openSince !== null && openSince <= f.committedAt) break;
      // While a filing is open, the lock is left free between steps as the risk run leaves it (its writer
      // waits for it); otherwise only the event loop is let in.
      await loader.deleteLocal(id, () => (q.anyOpen.get() === undefined ? nextTurn() : sleep(LOCK_GAP_MS)));
      loaded.delete(id);
      removed++;
    }
    return removed;
  }

  /**
   * Once, before the first load: SQLite's risk aggregate moves to ClickHouse (migration 035). Every
   * published filing is folded into it (paced: the lock is left free between steps), then, in one
   * transaction, the last of them and the hours frozen (from then on the loader puts each filing's part
   * into store_hour_facts, the fold no longer), then the hours carried over (moveRiskHours).
   */
  async function moveRiskHours(): Promise<void> {
    if (q.frozen.get() === undefined) {
      const report: FoldReport = { filings: 0, orders: 0, sellers: 0 };
      while (foldBatch(db, options.keys, report, new Date(), FOLD_RECORDS)) {
        await sleep(LOCK_GAP_MS);
        if (stopped && !settling) throw new Error('the gateway is closing');
      }
      db.transaction(() => {
        while (foldBatch(db, options.keys, report));
        q.freeze.run(new Date().toISOString());
      }).immediate();
    }
    const moved = await loader.moveRiskHours();
    if (moved.hours) logger.info(moved, 'moved the risk aggregates (store-hours) from SQLite to ClickHouse');
  }

  /**
   * Once a process, before anything is loaded: the tables, the database claimed as this gateway's, the
   * loads of filings it does not have removed (after a restore from a backup), and the risk aggregates
   * moved there the first time.
   */
  let prepared: Promise<void> | undefined;
  // One preparation at a time (the start's and a pass's may overlap: two would move the risk hours twice);
  // one that failed is tried again by the next.
  const prepare = () =>
    (prepared ??= prepareOnce().catch((err: unknown) => {
      prepared = undefined;
      throw err;
    }));
  async function prepareOnce(): Promise<void> {
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
    await moveRiskHours();
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
    riskHours: (now) => riskHours.read(now),
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
