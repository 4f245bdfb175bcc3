import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { rebuildViolationEpisodes } from './migrations/011_violation_episodes.ts';
import { leanTransactions } from './migrations/025_lean_transactions.ts';

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens <data>/marketgate.db. WAL lets readers run while one writer commits; synchronous=FULL makes
 * every commit fsync the WAL before it returns, so a receipt is only ever given for data that survives
 * a power cut (NORMAL would be faster and may lose the last commits: see docs/decisions/0002).
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, 'marketgate.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 4 MiB of page cache per connection: the gateway holds two (main and writer), and the operating
  // system's file cache stands behind them. 16 MiB made the writer no faster and the gateway 16 MiB
  // larger by the end of a large filing (docs/benchmarks.md, transaction filings).
  db.pragma('cache_size = -4096');
  // Checkpoints fsync the database file even at synchronous=NORMAL: every 4 MiB of WAL (the default)
  // that is an fsync every few thousand staged records. Every 64 MiB keeps the WAL bounded for less.
  db.pragma('wal_autocheckpoint = 16384');
  migrate(db);
  return db;
}

/**
 * A connection to <data>/marketgate.db for what is only a cache (kept credit pages, credit/pages.ts).
 * It reads through a memory map: a kept page is one of hundreds of thousands, asked for at random, and
 * the map turns the two page reads of each lookup from system calls into memory reads (the mapped file
 * counts in the process's resident memory as it is touched, as file cache the system can take back).
 * It writes without waiting for the lock (busy_timeout 0: the caller tries again later), its commits do
 * not fsync (synchronous=NORMAL: WAL stays consistent, a power cut may lose the last pages, which are
 * rebuilt), and it leaves checkpoints to the main and writer connections. Open it after openDatabase.
 */
export function openCacheConnection(dataDir: string): Db {
  const db = new Database(path.join(dataDir, 'marketgate.db'));
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('cache_size = -1024');
  db.pragma(`mmap_size = ${CACHE_MMAP_BYTES}`);
  return db;
}

/** How much of the database file the cache connection maps; the rest it reads as any connection does. */
const CACHE_MMAP_BYTES = 1024 * 1024 * 1024;

/**
 * Steps in TypeScript that a migration needs beside its SQL (data that SQL alone cannot rework): run
 * right after the SQL of their version, in its transaction, so a version is applied whole or not at all.
 * Every process that opens the database runs them, as it runs the SQL.
 */
const STEPS: Readonly<Record<number, (db: Db) => unknown>> = {
  11: (db) => rebuildViolationEpisodes(db),
  25: (db) => leanTransactions(db),
};

/**
 * Applies the numbered migrations (NNN_name.sql, and the step of the same version in STEPS) that this
 * database has not seen, each in a transaction. `upTo` stops after that version (tests build a database
 * as an older gateway left it).
 */
export function migrate(db: Db, options: { upTo?: number } = {}): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (applied.has(version) || version > (options.upTo ?? Infinity)) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      STEPS[version]?.(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        file,
        new Date().toISOString(),
      );
    })();
  }
}
