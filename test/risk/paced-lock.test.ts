import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runRiskPaced } from '../../src/risk/run.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/**
 * The server's risk run folds beside streaming filings, whose writer (another thread, another
 * connection) waits for the write lock with a busy timeout. SQLite's waiting connection sleeps and tries
 * again, up to 100 ms apart: fold batches separated by a mere turn of the event loop took the lock back
 * before it woke, until its timeout ran out (a 10,000,000-order filing failed with "database is locked").
 * Here a connection on another thread writes again and again, each time waiting at most 100 ms for the
 * lock, while a paced run folds 10,000 orders in ten batches: it must never be refused.
 */

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// CommonJS: an eval'd worker has `require`, resolved from the working directory (the repository).
const PROBE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 100');
const insert = db.prepare('INSERT INTO lock_probe (at) VALUES (?)');
const stop = new Int32Array(workerData.stop);
let written = 0, refused = 0;
parentPort.postMessage('ready');
while (Atomics.load(stop, 0) === 0) {
  try { insert.run(Date.now()); written++; }
  catch (err) { if (err.code === 'SQLITE_BUSY') refused++; else throw err; }
  Atomics.wait(stop, 0, 0, 5);
}
db.close();
parentPort.postMessage({ written, refused });
`;

describe('a paced risk run beside another writer', () => {
  it('leaves the write lock free often enough for a connection that waits at most 100 ms', async () => {
    t = testGateway();
    const sellers = [enterprise({ seller_id: 'S-1' }), enterprise({ seller_id: 'S-2' })];
    expect((await t.fileSellers(t.platformA.key, sellers)).status).toBe(201);
    const placed = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const orders = Array.from({ length: 10_000 }, (_, i) =>
      order(i % 2 ? 'S-1' : 'S-2', { order_id: `P-${i}`, placed_at: placed, buyer_ref: `b-${i % 50}` }),
    );
    const filed = await t.fileTransactions(orders);
    expect(filed.status, filed.text).toBe(201);
    t.gw.db.exec('CREATE TABLE lock_probe (at INTEGER NOT NULL)');

    const stop = new SharedArrayBuffer(4);
    const probe = new Worker(PROBE, {
      eval: true,
      workerData: { file: path.join(t.dataDir, 'marketgate.db'), stop },
    });
    const finished = new Promise<{ written: number; refused: number }>((resolve, reject) => {
      probe.on('message', (m) => m !== 'ready' && resolve(m));
      probe.on('error', reject);
    });
    await new Promise<void>((resolve) => probe.once('message', () => resolve()));

    const report = await runRiskPaced(t.gw, { foldRecords: 1_000, signals: [] });
    Atomics.store(new Int32Array(stop), 0, 1);
    Atomics.notify(new Int32Array(stop), 0);
    const outcome = await finished;

    expect(report.fold.orders).toBe(10_000);
    expect(outcome.written).toBeGreaterThan(0);
    expect(outcome.refused).toBe(0);
  });
});
