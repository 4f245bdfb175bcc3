import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runRisk } from '../../src/risk/run.ts';
import { brushingFrom } from '../../src/risk/signals/order-brushing.ts';
import { type StoreHourReads, sqliteStoreHours } from '../../src/risk/store-hours.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { ClickHouseRiskHours } from '../../src/transactions/clickhouse/risk-hours.ts';
import { gatewayIdentity, openTopology } from '../../src/transactions/clickhouse/schema.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { STORES, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';

let server: TestClickHouse | undefined;
afterAll(async () => {
  await server?.close();
});

/**
 * The store-hour aggregate over both stores (issue 21): a new version of an order takes the earlier one
 * out of its store-hour, also when the earlier one was loaded into ClickHouse and its SQLite copy removed
 * (with ClickHouse, each filing is loaded and removed from SQLite before the next request: test/helpers).
 * SQLite's is folded by the risk run; ClickHouse's summed from the facts the loader put there.
 */
describe.each(STORES)('the store-hour aggregates, with orders in %s', (store) => {
  let t: TestGateway;
  let url: string | undefined;
  beforeAll(async () => {
    if (store === 'clickhouse') server ??= await startClickHouse();
    url = store === 'clickhouse' ? await server!.newDatabase() : undefined;
    t = testGateway({ transactionsUrl: url });
    await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'S' })]);
  });
  afterAll(() => t.close());

  // The order rules' view (SQLite: folded by the risk run; ClickHouse: summed from store_hour_facts).
  const NOW = new Date('2026-04-15T00:00:00Z');
  const hours = async () => {
    if (store === 'sqlite') runRisk(t.gw, { signals: [] });
    const reads = await t.gw.orders.riskHours(NOW);
    return [...reads.hours(brushingFrom(NOW))].map(({ platform_id: _p, seller_id: _s, ...h }) => h);
  };

  test('an order filed again (a status, a correction) counts once in its hour; one moved to another hour leaves the first', async () => {
    const o = order('S', { placed_at: '2026-03-20T10:05:00+08:00', buyer_ref: 'buyer-1' });
    const other = order('S', { placed_at: '2026-03-20T10:30:00+08:00', buyer_ref: 'buyer-2' });
    await t.fileTransactions([o, other]);
    expect(await hours()).toEqual([
      { hour: '2026-03-20T10', orders: 2, buyers: 2, top_amount_orders: 2, quick_reversals: 0 },
    ]);
    // Cancelled within 30 minutes: still one order, now a quick reversal.
    await t.fileTransactions([{ ...o, status: 'cancelled', updated_at: '2026-03-20T10:20:00+08:00' }]);
    expect(await hours()).toEqual([
      { hour: '2026-03-20T10', orders: 2, buyers: 2, top_amount_orders: 2, quick_reversals: 1 },
    ]);
    // Moved to another hour by a correction: the first hour keeps the other order only.
    await t.fileTransactions([
      { ...o, placed_at: '2026-03-20T12:00:00+08:00', status: 'paid', correction_reason: 'placed at noon' },
    ]);
    expect(await hours()).toEqual([
      { hour: '2026-03-20T10', orders: 1, buyers: 1, top_amount_orders: 1, quick_reversals: 0 },
      { hour: '2026-03-20T12', orders: 1, buyers: 1, top_amount_orders: 1, quick_reversals: 0 },
    ]);
    // Nothing is left behind for the fold once the filings are folded (and, with ClickHouse, removed).
    if (store === 'clickhouse')
      expect(t.gw.db.prepare('SELECT count(*) FROM transaction_fold_previous').pluck().get()).toBe(0);
  });

  test('an order filed again while its first filing was in SQLite counts once, though that copy went before its part was taken out', async () => {
    // The gateway's loader stopped, so that this test moves the filings itself: the first loaded with its
    // SQLite copy kept, the second staged (admission keeps the version it replaces), the first's copy then
    // removed, and only then the second loaded (its part of the hour made without the first in SQLite).
    await t.gw.orders.close();
    const o = order('S', { placed_at: '2026-04-01T09:10:00+08:00', buyer_ref: 'buyer-9' });
    const file = async (records: unknown[]) => {
      const res = await t.app.request('/v1/transactions', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/x-ndjson' },
        body: records.map((r) => `${JSON.stringify(r)}\n`).join(''),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { filing_id: string }).filing_id;
    };
    const first = await file([o]);
    let reads: StoreHourReads;
    if (store === 'clickhouse') {
      const topology = openTopology({ url: url!, gateway: gatewayIdentity(t.gw.db) }, t.gw.db);
      const loader = new TransactionLoader(topology, t.gw.db);
      await loader.load(first, { keepLocal: true });
      const second = await file([{ ...o, status: 'shipped', buyer_ref: 'buyer-10' }]);
      await loader.deleteLocal(first);
      await loader.load(second);
      reads = await new ClickHouseRiskHours(topology, t.gw.db).read(NOW);
      await topology.close();
    } else {
      runRisk(t.gw, { signals: [] }); // the first filing folded
      await file([{ ...o, status: 'shipped', buyer_ref: 'buyer-10' }]);
      runRisk(t.gw, { signals: [] });
      reads = sqliteStoreHours(t.gw.db);
    }
    const hour = [...reads.hours(brushingFrom(NOW))].find((h) => h.hour === '2026-04-01T09');
    // One order, its buyer the second version's only.
    expect(hour).toMatchObject({ orders: 1, buyers: 1 });
  });
});
