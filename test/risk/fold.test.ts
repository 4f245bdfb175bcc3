import { afterEach, describe, expect, it } from 'vitest';
import { foldFilings } from '../../src/risk/fold.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const t of gateways.splice(0)) await t.close();
});

// One start for every gateway of a test, on a whole hour five hours ago: the orders fall in the same
// hours whichever gateway they are filed to, however long the test takes (it failed once under load, when
// each gateway took its own start from the clock and a minute passed between them).
const BASE = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000;

/** Two gateways filed the same: sellers, then orders in two filings, the second updating some of the first. */
async function filed() {
  const t = testGateway();
  gateways.push(t);
  const sellers = [
    enterprise({ seller_id: 'S-1' }),
    enterprise({ seller_id: 'S-2', contact_phone: '13912345678' }),
  ];
  expect((await t.fileSellers(t.platformA.key, sellers)).status).toBe(201);
  const at = (m: number) => new Date(BASE + m * 60_000).toISOString();
  const first = Array.from({ length: 13 }, (_, i) =>
    order(i % 2 ? 'S-1' : 'S-2', { order_id: `F-${i}`, placed_at: at(i * 7), buyer_ref: `b-${i % 3}` }),
  );
  const second = first.slice(0, 4).map((o, i) => ({
    ...o,
    status: 'cancelled',
    updated_at: at(i * 7 + 10),
  }));
  for (const body of [first, second]) {
    const res = await t.call('POST', '/v1/transactions', {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: ndjson(body),
    });
    expect(res.status, res.text).toBe(201);
  }
  return t;
}

const hours = (t: TestGateway) =>
  t.gw.db
    .prepare(
      'SELECT seller_id, hour, orders, buyers, top_amount_orders, quick_reversals, sketch FROM risk_store_hours ORDER BY seller_id, hour',
    )
    .all()
    .map((r) => {
      const row = r as { sketch: string; orders: number; quick_reversals: number };
      // The evidence ids are kept in the order the batches met them: compared as a set.
      const sketch = JSON.parse(row.sketch) as { b: object; a: object; o: string[] };
      return { ...row, sketch: { ...sketch, o: [...sketch.o].sort() } };
    });

describe('the fold', () => {
  it('gives the same aggregates folding a record at a time, three at a time, or all at once', async () => {
    const results = [];
    for (const batch of [1, 3, 20_000]) {
      const t = await filed();
      const report = foldFilings(t.gw.db, t.gw.keys, new Date(), batch);
      expect(report).toEqual({ filings: 3, orders: 17, sellers: 2 });
      results.push(hours(t));
      const sellers = t.gw.db
        .prepare('SELECT seller_id, phone_hash IS NOT NULL AS phone FROM risk_sellers ORDER BY seller_id')
        .all();
      expect(sellers).toEqual([
        { seller_id: 'S-1', phone: 1 },
        { seller_id: 'S-2', phone: 1 },
      ]);
      // Nothing new: a second fold reads nothing.
      expect(foldFilings(t.gw.db, t.gw.keys, new Date(), batch)).toEqual({
        filings: 0,
        orders: 0,
        sellers: 0,
      });
    }
    expect(results[0]!.reduce((n, h) => n + (h as { orders: number }).orders, 0)).toBe(13);
    expect(results[0]!.reduce((n, h) => n + (h as { quick_reversals: number }).quick_reversals, 0)).toBe(4);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
