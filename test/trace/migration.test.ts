import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { migrate } from '../../src/db/database.ts';
import { traceSql } from '../../src/trace/store.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * A data folder from before the codes' index (migrations 031 and 033): the codes of each order's latest
 * published version are indexed, a version's row lists them, and replacing it removes them.
 */
test('orders filed with trace codes before migration 031 are indexed by it, and 033 lists each version', () => {
  const db = new Database(path.join(tempDir(), 'marketgate.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, { upTo: 30 });
  db.prepare(
    "INSERT INTO platforms (id, slug, name, uscc, created_at) VALUES (1, 'old-shop', 'Old Shop', '91330106673959654P', '2026-01-01T00:00:00Z')",
  ).run();
  const filing = (key: number, id: string, published: boolean) => {
    db.prepare('INSERT INTO transaction_filings (key, id) VALUES (?, ?)').run(key, id);
    if (published)
      db.prepare(
        `INSERT INTO filings (id, platform_id, kind, received_at, body_sha256, receipt)
         VALUES (?, 1, 'transactions', '2026-03-02T00:00:00Z', 'x', '{}')`,
      ).run(id);
  };
  filing(1, 'F1', true);
  filing(2, 'F2', true);
  filing(3, 'F3', false); // cut off: never published
  const whole = (codes: string[][]) =>
    JSON.stringify({
      record: {
        items: codes.map((c, i) => ({
          sku: `S${i}`,
          name: 'n',
          ...(i === 0 ? { category: '药品' } : {}),
          quantity: c.length,
          unit_price: '1.00',
          trace_codes: c.map((code) => ({ scheme: 'drug', code })),
        })),
      },
    });
  const version = (seq: number, orderId: string, key: number, pack: string) =>
    db
      .prepare(
        `INSERT INTO transaction_versions (seq, platform_id, order_id, filing, seller_id, placed_at, status, currency,
           total_minor, refunded_minor, completed_at, digest, pack, correction_reason)
         VALUES (?, 1, ?, ?, 'S', 1772330400000, 1, 'CNY', 100, 0, NULL, zeroblob(16), ?, NULL)`,
      )
      .run(seq, orderId, key, pack);
  const code = (n: number) => `8123456${String(n).padStart(13, '0')}`;
  version(1, 'A', 1, whole([[code(1)], [code(2), code(3)]]));
  version(2, 'A', 2, whole([[code(4)]])); // A's correction: only code 4 now
  version(3, 'B', 1, whole([[code(5)]]));
  version(4, 'B', 3, whole([[code(6)]])); // staged by a filing cut off: not B's current version
  version(5, 'C', 1, '[[[1,1,100]],"buyer"]'); // packed: no codes

  migrate(db);
  const sales = db.prepare('SELECT order_id, seq, code, category FROM trace_sales ORDER BY code').all();
  expect(sales).toEqual([
    { order_id: 'A', seq: 2, code: code(4), category: '药品' },
    { order_id: 'B', seq: 3, code: code(5), category: '药品' },
  ]);
  expect(db.prepare('SELECT order_id, seq, codes FROM trace_orders ORDER BY order_id').all()).toEqual([
    { order_id: 'A', seq: 2, codes: `0:${code(4)}` },
    { order_id: 'B', seq: 3, codes: `0:${code(5)}` },
  ]);
  // Removing A's version removes its code and its row, through what 033 listed.
  traceSql(db).deleteOrder(1, 'A');
  expect(db.prepare('SELECT order_id FROM trace_sales').pluck().all()).toEqual(['B']);
  expect(db.prepare('SELECT order_id FROM trace_orders').pluck().all()).toEqual(['B']);
  db.close();
});
