import { afterAll, afterEach, beforeAll, describe, expect, it, test } from 'vitest';
import { loadedVersions } from '../../src/transactions/clickhouse/admission.ts';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { KnownOrders } from '../../src/transactions/clickhouse/known-orders.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { clickHouseMissing, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * Admission's filter of the orders a gateway took (issue 21): ClickHouse is asked only about orders it
 * may hold, and never not asked about one it holds.
 */

describe('the filter', () => {
  test('never forgets an order, past its first layer, and says "maybe" for few others', () => {
    const known = new KnownOrders();
    const n = 1_500_000; // past the first layer's 1,048,576
    for (let i = 0; i < n; i++) known.add(1 + (i % 3), `O-${i}`);
    expect(known.bytes).toBeGreaterThan(2 << 20); // a second layer
    let forgotten = 0;
    for (let i = 0; i < n; i++) if (!known.mayHold(1 + (i % 3), `O-${i}`)) forgotten++;
    expect(forgotten).toBe(0);
    let maybe = 0;
    for (let i = 0; i < 200_000; i++) if (known.mayHold(1 + (i % 3), `N-${i}`)) maybe++;
    // The same ids on another platform are other orders.
    for (let i = 0; i < 200_000; i++) if (known.mayHold(4, `O-${i}`)) maybe++;
    expect(maybe / 400_000).toBeLessThan(0.01);
  });
});

let server: TestClickHouse;
beforeAll(async () => {
  if (!clickHouseMissing) server = await startClickHouse();
});
afterAll(() => server?.close());
const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const t of gateways.splice(0)) await t.close();
});

describe.skipIf(clickHouseMissing)('admission with the filter', () => {
  it('asks ClickHouse only about orders it may hold, and finds every one it holds, the outbox’s too', async () => {
    const t = testGateway({ transactionsUrl: await server.newDatabase() });
    gateways.push(t);
    expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'K-S' })])).status).toBe(201);
    const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
    const loadedOrders = Array.from({ length: 300 }, () => order('K-S'));
    expect((await t.fileTransactions(loadedOrders)).status).toBe(201);
    await t.gw.orders.settled();
    // The gateway's loader stopped: one more filing stays in the outbox until this test loads it.
    await t.gw.orders.close();
    const inOutbox = order('K-S');
    const res = await t.app.request('/v1/transactions', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/x-ndjson' },
      body: ndjson([inOutbox]),
    });
    expect(res.status, await res.text()).toBe(201);
    const ch = new ClickHouse(t.config.transactionsUrl!);
    try {
      const topology = { ch };
      // A start of the writer: its filter made from the outbox and ClickHouse.
      const admission = loadedVersions(topology, t.gw.db);
      await admission.filterReady();
      // Then the outbox's filing is loaded and leaves SQLite: only ClickHouse has that order now.
      const filingId = t.gw.db
        .prepare("SELECT id FROM filings WHERE kind = 'transactions' ORDER BY received_at DESC LIMIT 1")
        .pluck()
        .get() as string;
      const loader = new TransactionLoader(topology, t.gw.db);
      await loader.load(filingId);
      expect(
        t.gw.db.prepare('SELECT count(*) FROM transaction_versions').pluck().get(),
        'the outbox is empty',
      ).toBe(0);

      const fresh = Array.from({ length: 300 }, (_, i) => `NEW-${i}`);
      const held = [...loadedOrders.map((o) => o.order_id), inOutbox.order_id];
      const found = await admission.versions(platformId, [...held, ...fresh]);
      expect([...found.keys()].sort()).toEqual([...held].sort());
      // Every held order asked about; of the new ones, only the filter's few "maybe"s.
      expect(admission.counts.asked).toBeGreaterThanOrEqual(held.length);
      expect(admission.counts.asked).toBeLessThan(held.length + 10);
      expect(admission.counts.spared).toBeGreaterThan(fresh.length - 10);
      // Asked about once, the new orders are orders it may hold: a correction of one is looked up.
      const again = await admission.versions(platformId, fresh.slice(0, 5));
      expect(again.size).toBe(0);
      expect(admission.counts.asked).toBeGreaterThanOrEqual(held.length + 5);
    } finally {
      await ch.close();
    }
  });

  it('finds an order filed twice in a filing, across a staging, the filter knowing it new', async () => {
    const t = testGateway({ transactionsUrl: await server.newDatabase() });
    gateways.push(t);
    expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'K-S' })])).status).toBe(201);
    const before = Array.from({ length: 250 }, () => order('K-S'));
    expect((await t.fileTransactions(before)).status).toBe(201);
    // The filter is made at the first filing; a small one more, so that it is whole for the next.
    expect((await t.fileTransactions([order('K-S')])).status).toBe(201);
    // The writer stages every 1,000 records taken (and the 250 unchanged ones are not): the third batch
    // of 500 is staged after its 250th record, between the two records of order X, both of which the
    // filter knew new when the batch arrived.
    const x = order('K-S');
    const lines = [...before, ...Array.from({ length: 1_250 }, () => order('K-S'))];
    lines[1_199] = x;
    lines[1_299] = { ...x, status: 'shipped' };
    const res = await t.fileTransactions(lines);
    expect(res.status, res.text).toBe(201);
    const receipt = res.json as { counts: object; errors: { line: number; code: string }[] };
    expect(receipt.counts).toMatchObject({ unchanged: 250, created: 1_249, updated: 0 });
    expect(receipt.errors).toMatchObject([{ line: 1_300, code: 'duplicate_in_filing' }]);
  });

  it('asks about every order until its filter is made', async () => {
    const t = testGateway({ transactionsUrl: await server.newDatabase() });
    gateways.push(t);
    // One filing, so that the gateway has made its tables in ClickHouse.
    expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'K-S' })])).status).toBe(201);
    expect((await t.fileTransactions([order('K-S')])).status).toBe(201);
    const ch = new ClickHouse(t.config.transactionsUrl!);
    try {
      const admission = loadedVersions({ ch }, t.gw.db);
      const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
      await admission.versions(platformId, ['A-1', 'A-2']);
      expect(admission.counts).toEqual({ asked: 2, spared: 0 });
      await admission.filterReady();
      await admission.versions(platformId, ['A-3']);
      expect(admission.counts.spared).toBe(1);
    } finally {
      await ch.close();
    }
  });
});
