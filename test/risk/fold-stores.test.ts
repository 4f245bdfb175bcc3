import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runRisk } from '../../src/risk/run.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { STORES, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';

let server: TestClickHouse | undefined;
afterAll(async () => {
  await server?.close();
});

/**
 * The risk fold over both stores (issue 21): a new version of an order takes the earlier one out of its
 * store-hour, also when the earlier one was loaded into ClickHouse and its SQLite copy removed (with
 * ClickHouse, each filing is loaded and removed from SQLite before the next request: test/helpers).
 */
describe.each(STORES)('the store-hour aggregates, with orders in %s', (store) => {
  let t: TestGateway;
  beforeAll(async () => {
    if (store === 'clickhouse') server ??= await startClickHouse();
    t = testGateway({ transactionsUrl: store === 'clickhouse' ? await server!.newDatabase() : undefined });
    await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'S' })]);
  });
  afterAll(() => t.close());

  const hours = () =>
    t.gw.db
      .prepare('SELECT hour, orders, buyers, top_amount_orders, quick_reversals FROM risk_store_hours')
      .all();

  test('an order filed again (a status, a correction) counts once in its hour; one moved to another hour leaves the first', async () => {
    const o = order('S', { placed_at: '2026-03-01T10:05:00+08:00', buyer_ref: 'buyer-1' });
    const other = order('S', { placed_at: '2026-03-01T10:30:00+08:00', buyer_ref: 'buyer-2' });
    await t.fileTransactions([o, other]);
    runRisk(t.gw, { signals: [] });
    expect(hours()).toEqual([
      { hour: '2026-03-01T10', orders: 2, buyers: 2, top_amount_orders: 2, quick_reversals: 0 },
    ]);
    // Cancelled within 30 minutes: still one order, now a quick reversal.
    await t.fileTransactions([{ ...o, status: 'cancelled', updated_at: '2026-03-01T10:20:00+08:00' }]);
    runRisk(t.gw, { signals: [] });
    expect(hours()).toEqual([
      { hour: '2026-03-01T10', orders: 2, buyers: 2, top_amount_orders: 2, quick_reversals: 1 },
    ]);
    // Moved to another hour by a correction: the first hour keeps the other order only.
    await t.fileTransactions([
      { ...o, placed_at: '2026-03-01T12:00:00+08:00', status: 'paid', correction_reason: 'placed at noon' },
    ]);
    runRisk(t.gw, { signals: [] });
    expect(hours()).toEqual([
      { hour: '2026-03-01T10', orders: 1, buyers: 1, top_amount_orders: 1, quick_reversals: 0 },
      { hour: '2026-03-01T12', orders: 1, buyers: 1, top_amount_orders: 1, quick_reversals: 0 },
    ]);
    // Nothing is left behind for the fold once the filings are folded (and, with ClickHouse, removed).
    if (store === 'clickhouse')
      expect(t.gw.db.prepare('SELECT count(*) FROM transaction_fold_previous').pluck().get()).toBe(0);
  });

  test('an order filed again while its first filing was in SQLite counts once, though that copy went before the fold', async () => {
    // The loader stopped (the last test of the file), so that this test removes the first filing's SQLite
    // copy itself, as the loader would once it had loaded it, before the second filing is folded.
    await t.gw.orders.close();
    const o = order('S', { placed_at: '2026-04-01T09:10:00+08:00', buyer_ref: 'buyer-9' });
    const file = (records: unknown[]) =>
      t.app.request('/v1/transactions', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/x-ndjson' },
        body: records.map((r) => `${JSON.stringify(r)}\n`).join(''),
      });
    expect((await file([o])).status).toBe(201);
    runRisk(t.gw, { signals: [] }); // the first filing folded, as the loader does before removing its copy
    expect((await file([{ ...o, status: 'shipped' }])).status).toBe(201);
    if (store === 'clickhouse') {
      const first = t.gw.db
        .prepare<[string], number>('SELECT min(seq) FROM transaction_versions WHERE order_id = ?')
        .pluck()
        .get(o.order_id)!;
      t.gw.db.prepare('DELETE FROM transaction_versions WHERE seq = ?').run(first);
    }
    runRisk(t.gw, { signals: [] });
    const hour = t.gw.db
      .prepare("SELECT orders, buyers FROM risk_store_hours WHERE hour = '2026-04-01T09'")
      .get();
    expect(hour).toEqual({ orders: 1, buyers: 1 });
  });
});
