import { afterAll, expect, test } from 'vitest';
import { runRisk } from '../../src/risk/run.ts';
import { enterprise, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/** The duplicate_trace_code risk signal (issue 23, docs/risk-model.md). */
const t = testGateway();
afterAll(() => t.close());

const sale = (sellerId: string, codes: string[], overrides: Record<string, unknown> = {}) =>
  order(sellerId, {
    items: [
      {
        sku: 'MED-1',
        name: '阿莫西林胶囊',
        quantity: codes.length,
        unit_price: '1.00',
        trace_codes: codes.map((code) => ({ scheme: 'drug', code })),
      },
    ],
    total: `${codes.length}.00`,
    ...overrides,
  });
const code = (n: number) => `8123456${String(n).padStart(13, '0')}`;

test('later sales of a code are warned on, per store, with the orders; a return and a resale by the same store is not', async () => {
  await t.fileSellers(
    t.platformA.key,
    ['A-1', 'A-2', 'A-3'].map((id) => enterprise({ seller_id: id })),
  );
  await t.fileSellers(t.platformB.key, [enterprise({ seller_id: 'B-1' })]);
  // Codes 1-3 sold by A-1, then 1 and 2 again by B-1 (another platform): B-1 resold two units.
  const first = sale('A-1', [code(1), code(2), code(3)]);
  await t.fileTransactions([first]);
  const copied = [
    sale('B-1', [code(1)], { placed_at: '2026-04-01T10:00:00+08:00' }),
    sale('B-1', [code(2)], { placed_at: '2026-05-01T10:00:00+08:00' }),
  ];
  await t.fileTransactions(copied, t.platformB.key);
  // Code 4: sold by A-2, refunded, sold again by A-2: explained.
  const returned = sale('A-2', [code(4)]);
  await t.fileTransactions([returned]);
  await t.fileTransactions([{ ...returned, status: 'refunded' }]);
  await t.fileTransactions([sale('A-2', [code(4)], { placed_at: '2026-04-01T10:00:00+08:00' })]);
  // Code 5: sold twice by A-3 without a refund: its own repeat.
  await t.fileTransactions([
    sale('A-3', [code(5)]),
    sale('A-3', [code(5)], { placed_at: '2026-03-02T10:00:00+08:00' }),
  ]);
  // Code 6: two orders, one cancelled: sold once.
  await t.fileTransactions([sale('A-1', [code(6)], { status: 'cancelled' }), sale('A-2', [code(6)])]);

  const report = runRisk(t.gw, { signals: ['duplicate_trace_code'] });
  expect(report.signals[0]).toMatchObject({ signal: 'duplicate_trace_code', fired: 2, new: 2 });
  const warnings = await t.call('GET', '/v1/regulator/risk/warnings?signal=duplicate_trace_code', {
    key: t.regulator.token,
  });
  const byStore = Object.fromEntries(
    warnings.json.warnings.map((w: { seller_id: string }) => [w.seller_id, w]),
  ) as Record<
    string,
    {
      score: number;
      explanation: { found: Record<string, number>; text: string };
      evidence: { orders: { ids: string[] } };
    }
  >;
  expect(Object.keys(byStore).sort()).toEqual(['A-3', 'B-1']);
  expect(byStore['B-1']!.score).toBe(65); // 50 + 5 (a second code) + 10 (another store sold them first)
  expect(byStore['B-1']!.explanation.found).toMatchObject({
    codes: 2,
    orders: 2,
    earlier_stores: 1,
    own_repeats: 0,
  });
  expect(byStore['B-1']!.explanation.text).toMatch(/1 other store/);
  expect(byStore['B-1']!.evidence.orders.ids.sort()).toEqual(
    [
      ...copied.map((o) => `${t.platformB.slug}/${o.order_id}`),
      `${t.platformA.slug}/${first.order_id}`,
    ].sort(),
  );
  expect(byStore['A-3']!.score).toBe(50);
  expect(byStore['A-3']!.explanation.found).toMatchObject({ codes: 1, earlier_stores: 0, own_repeats: 1 });

  // A correction that fixes B-1's second code ends that duplicate: the warning is updated to one code.
  await t.fileTransactions(
    [
      {
        ...copied[1]!,
        ...sale('B-1', [code(7)]),
        order_id: copied[1]!.order_id,
        placed_at: copied[1]!.placed_at,
      },
    ],
    t.platformB.key,
  );
  const again = runRisk(t.gw, { signals: ['duplicate_trace_code'] });
  expect(again.signals[0]).toMatchObject({ fired: 2, updated: 1, unchanged: 1 });
  const b1 = await t.call('GET', '/v1/regulator/risk/warnings?signal=duplicate_trace_code', {
    key: t.regulator.token,
  });
  const w = b1.json.warnings.find((x: { seller_id: string }) => x.seller_id === 'B-1');
  expect(w.explanation.found.codes).toBe(1);
  expect(w.score).toBe(60);
});
