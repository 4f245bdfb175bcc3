import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { ClickHouseReads } from '../../src/transactions/clickhouse/reads.ts';
import { createSchema, type Topology } from '../../src/transactions/clickhouse/schema.ts';
import { clickHouseMissing, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/**
 * An order's history read with its versions in ClickHouse (some loaded, some still in the SQLite
 * outbox) is the SQLite store's answer, field for field.
 */
describe.skipIf(clickHouseMissing)('order history from ClickHouse and the outbox', () => {
  let t: TestGateway;
  let server: TestClickHouse;
  let ch: ClickHouse;
  let topology: Topology;

  beforeAll(async () => {
    t = testGateway();
    const sellers = ['H-1', 'H-2'].map((s) => enterprise({ seller_id: s }));
    expect((await t.fileSellers(t.platformA.key, sellers)).status).toBe(201);
    server = await startClickHouse();
    ch = new ClickHouse(server.url);
    topology = { ch };
    await createSchema(topology);
  });
  afterAll(async () => {
    await ch?.close();
    await server?.close();
    await t?.close();
  });

  async function file(records: unknown[]): Promise<string> {
    const res = await t.fileTransactions(records);
    expect(res.status, res.text).toBe(201);
    return res.json.filing_id as string;
  }

  it('answers every order as the SQLite store did, whichever of its filings are loaded', async () => {
    const orders = Array.from({ length: 40 }, (_, i) =>
      order(i % 2 ? 'H-1' : 'H-2', {
        items: [
          { sku: 'TEA-1', name: '龙井', category: '茶叶', quantity: 1, unit_price: '64.95' },
          { sku: 'CUP-2', name: 'Cup "blue"', quantity: 1, unit_price: '64.95' },
        ],
        ...(i % 3 ? { payment_method: 'alipay' } : { ship_to_region: '330106' }),
      }),
    );
    const filings = [
      await file(orders),
      await file(orders.slice(0, 20).map((o) => ({ ...o, status: 'shipped' }))),
      await file(
        orders.slice(0, 5).map((o) => ({
          ...o,
          status: 'shipped',
          placed_at: '2026-02-27T23:30:00+08:00',
          correction_reason: '下单时间更正',
        })),
      ),
      await file(orders.slice(10, 15).map((o) => ({ ...o, status: 'refunded', total: '129.9' }))),
    ];
    const ids = orders.map((o) => o.order_id);
    const expected = ids.map((id) => t.gw.transactions.history(1, id));
    expect(expected.filter((h) => h.length > 1).length).toBe(20);

    const loader = new TransactionLoader(topology, t.gw.db);
    const reads = new ClickHouseReads(topology, t.gw.db, t.gw.transactions);
    // The first three filings loaded, the last still in the outbox.
    for (const filing of filings.slice(0, 3)) await loader.load(filing);
    expect(t.gw.db.prepare('SELECT count(*) FROM transaction_versions').pluck().get()).toBe(5);
    for (const [i, id] of ids.entries()) {
      const history = await reads.history(1, id);
      expect(history, id).toEqual(expected[i]);
      expect(JSON.stringify(history), id).toBe(JSON.stringify(expected[i]));
    }
    // And once every filing is loaded.
    await loader.load(filings[3]!);
    for (const [i, id] of ids.entries()) expect(await reads.history(1, id), id).toEqual(expected[i]);
    expect(await reads.history(1, 'no-such-order')).toEqual([]);
  });
});
