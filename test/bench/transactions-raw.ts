import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import Database from 'better-sqlite3';

/**
 * Issue 21's baseline for the filing rate: the same orders written as plainly as SQLite allows — each
 * NDJSON line parsed (JSON.parse) and inserted as one row (its order id, seller id and the line), with
 * the gateway's durability (WAL, synchronous FULL) and commits of 1,000 rows, no checks, no index but
 * the row id. HTTP filing's rate over this one is the ratio the issue asks to raise to 0.5.
 */
export async function rawInsertRun(
  ordersFile: string,
  dir: string,
): Promise<{ seconds: number; orders: number }> {
  const db = new Database(path.join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(
      'CREATE TABLE orders (order_id TEXT NOT NULL, seller_id TEXT NOT NULL, record TEXT NOT NULL) STRICT',
    );
    const insert = db.prepare('INSERT INTO orders (order_id, seller_id, record) VALUES (?, ?, ?)');
    const commit = db.transaction((rows: [string, string, string][]) => {
      for (const row of rows) insert.run(row);
    });
    const started = performance.now();
    let rows: [string, string, string][] = [];
    let orders = 0;
    const lines = readline.createInterface({ input: fs.createReadStream(ordersFile), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const order = JSON.parse(line) as { order_id: string; seller_id: string };
      rows.push([order.order_id, order.seller_id, line]);
      if (rows.length === 1000) {
        commit(rows);
        orders += rows.length;
        rows = [];
      }
    }
    if (rows.length) commit(rows);
    orders += rows.length;
    return { seconds: (performance.now() - started) / 1000, orders };
  } finally {
    db.close();
  }
}
