import { afterAll, expect, test } from 'vitest';
import { enterprise, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/** A filing cut off before publishing leaves no trace code behind (src/transactions/store.ts deleteStaged). */
const t = testGateway();
afterAll(() => t.close());

test("a cut-off filing's staged codes go with its versions, in chunks; published codes stay", async () => {
  await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'S' })]);
  const published = order('S', {
    items: [
      {
        sku: 'M',
        name: 'm',
        quantity: 1,
        unit_price: '1.00',
        trace_codes: [{ scheme: 'drug', code: '81234560000000000001' }],
      },
    ],
    total: '1.00',
  });
  await t.fileTransactions([published]);
  const { gw } = t;
  const platformId = gw.accounts.platformBySlug(t.platformA.slug)!.id;
  // What a filing cut off by a crash leaves: a stage row, staged versions (some with codes), no filing row.
  gw.filings.insertStage({
    id: 'CUT',
    platform_id: platformId,
    kind: 'transactions',
    idempotency_key: 'k',
    started_at: 'now',
  });
  const filing = gw.transactions.filingKey('CUT');
  let seq = gw.transactions.nextSeq();
  for (let i = 0; i < 25; i++) {
    const withCode = i % 2 === 0;
    gw.transactions.insertVersion({
      seq,
      platform_id: platformId,
      order_id: `CUT-${i}`,
      filing,
      seller_id: 'S',
      placed_at: Date.parse('2026-01-01T00:00:00.000Z'),
      status: 1,
      currency: 'CNY',
      total_minor: 100,
      refunded_minor: 0,
      completed_at: null,
      digest: Buffer.alloc(16),
      pack: withCode ? '{"record":{}}' : '[[],"b"]',
      correction_reason: null,
    });
    if (withCode)
      gw.transactions.trace.stage(
        {
          platform_id: platformId,
          order_id: `CUT-${i}`,
          seq,
          filing,
          seller_id: 'S',
          placed_at: Date.parse('2026-01-01T00:00:00.000Z'),
          status: 1,
        },
        [[0, `8123456${String(1000 + i).padStart(13, '0')}`, '']],
      );
    seq++;
  }
  gw.transactions.trace.addReplaced(filing, platformId, published.order_id, seq);
  const rows = () => gw.db.prepare('SELECT order_id FROM trace_sales ORDER BY order_id').pluck().all();
  expect(rows()).toHaveLength(14);
  // Chunks of 10: the first removes the first 10 versions and their 5 codes only.
  expect(gw.transactions.deleteStaged('CUT', 10)).toBe(10);
  expect(rows()).toHaveLength(9);
  expect(rows()).not.toContain('CUT-8');
  expect(rows()).toContain('CUT-10');
  while (gw.transactions.deleteStaged('CUT', 10) === 10);
  expect(rows()).toEqual([published.order_id]);
  const versions = gw.db.prepare('SELECT order_id FROM trace_orders').pluck().all();
  expect(versions).toEqual([published.order_id]);
  expect(gw.db.prepare('SELECT count(*) FROM trace_replaced').pluck().get()).toBe(0);
  expect(gw.db.prepare("SELECT count(*) FROM transaction_filings WHERE id = 'CUT'").pluck().get()).toBe(0);
  const check = await t.call('GET', '/public/trace/drug/81234560000000000001');
  expect(check.json.result).toBe('sold_once');
});
