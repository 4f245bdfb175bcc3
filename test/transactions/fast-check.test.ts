import { describe, expect, test } from 'vitest';
import { generateTransactions } from '../../fixtures/generate/transactions.ts';
import { withoutAbsent } from '../../src/filings/problems.ts';
import { fastTransaction } from '../../src/transactions/fast-check.ts';
import { TransactionRecordSchema } from '../../src/transactions/record.ts';

/**
 * The fast path (fast-check.ts) against the schema it writes out: never accepting what the schema
 * refuses, never giving another output (byte for byte, key order included), and taking every valid
 * order the generator makes.
 */
function compare(raw: Record<string, unknown>) {
  const record = withoutAbsent(raw);
  const fast = fastTransaction(record);
  const schema = TransactionRecordSchema.safeParse(record);
  if (fast !== undefined) {
    expect(schema.success, JSON.stringify(raw)).toBe(true);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
  }
  return { fast: fast !== undefined, schema: schema.success };
}

const orders = [
  ...generateTransactions({ count: 300, sellerIds: ['S-1', 'S-2'], seed: 5, idPrefix: 'F' }),
].map((g) => g.record as Record<string, unknown>);

const WRONG: unknown[] = [
  null,
  '',
  '   ',
  42,
  -1,
  0,
  1.5,
  true,
  [],
  {},
  ['x'],
  'x'.repeat(600),
  ' padded value ',
  'tab\there',
  'nul\u0000here',
  'line\nfeed',
  '\ud800',
  '2026-02-30T10:00:00+08:00',
  '2026-03-01T10:00:00+08:00',
  '2026-03-01t10:00:00z',
  '2026-03-01T10:00:00.123456789-05:30',
  '2026-03-01T23:59:59.9999+08:00',
  '0099-12-31T23:59:59.5-00:30',
  '0000-01-01T00:00:00+00:01',
  '9999-12-31T23:59:59Z',
  'CNY',
  'RMB',
  'usd',
  '129.90',
  '129.9',
  '-1.00',
  '1e3',
  '330106',
  '990000',
  '33010',
  '13812345678',
  'a@b.cn',
  '11010519491231002X',
  'completed',
  'lost',
  'O-1',
  'has space',
];

describe('the fast order check', () => {
  test('takes every generated order, with the schema’s output', () => {
    for (const order of orders) expect(compare(order)).toEqual({ fast: true, schema: true });
  });

  test('agrees with the schema when any one field takes any of many values, valid or not', () => {
    let refused = 0;
    let accepted = 0;
    for (const order of orders.slice(0, 40)) {
      const fields = [...Object.keys(TransactionRecordSchema.shape), 'unknown_field', '__proto__'];
      for (const field of fields) {
        for (const value of WRONG) {
          const mutated = JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
          if (field === '__proto__') Object.defineProperty(mutated, field, { value, enumerable: true });
          else mutated[field] = value;
          const r = compare(mutated);
          if (r.schema) accepted++;
          else refused++;
        }
      }
    }
    // Both kinds were asked: the comparison is not vacuous.
    expect(refused).toBeGreaterThan(1_000);
    expect(accepted).toBeGreaterThan(100);
  });

  test('agrees on trace codes: valid ones taken on the fast path, each way of being wrong left to the schema', () => {
    const drug = (n: number) => ({ scheme: 'drug', code: `8123456${String(n).padStart(13, '0')}` });
    const base = orders.find((o) => (o.items as unknown[]).length >= 2)!;
    const withCodes = (codes: unknown[][], quantity = 3) => {
      const o = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      o.items = (o.items as Record<string, unknown>[]).map((item, i) =>
        codes[i] === undefined ? item : { ...item, quantity, trace_codes: codes[i] },
      );
      return o;
    };
    const cases: [unknown[][], number?][] = [
      [[[drug(1)], [drug(2), drug(3)]]],
      [
        [
          [{ scheme: 'gs1', code: '(01)16291041500210(21)A1-7/x' }],
          [{ scheme: 'other', code: 'LOT-2026-0001' }],
        ],
      ],
      [[[drug(1)], [drug(1)]]], // one code on two items
      [[[drug(1), drug(1)]]], // twice in one item
      [[[drug(1), drug(2), drug(3), drug(4)]]], // more codes than units
      [[[drug(1), drug(2)]], 1],
      [[[]]],
      [[[{ scheme: 'drug', code: drug(1).code, extra: 1 }]]],
      [[[{ code: drug(1).code, scheme: 'drug' }]]], // keys in another order: the output's order is the schema's
      [[[{ scheme: 'drug' }]]],
      [[[{ scheme: 1, code: drug(1).code }]]],
      [[[{ scheme: 'x'.repeat(17), code: drug(1).code }]]],
      [[[{ scheme: 'other', code: 'A'.repeat(65) }]]],
      [[[{ scheme: 'gs1', code: '4006381333931' }]]],
      [[[{ scheme: 'drug', code: '８１２３４５６００１２３４５６７８９０１' }]]],
      [[['81234560012345678901']]],
      [[[null]]],
    ];
    let fast = 0;
    for (const [codes, quantity] of cases) {
      const result = compare(withCodes(codes, quantity));
      if (result.fast) fast++;
    }
    // The first two and the one with its keys in another order are sound: each taken on the fast path.
    expect(fast).toBe(3);
  });

  test('agrees on items: any one field of an item, their count, an unknown field', () => {
    const order = orders.find((o) => (o.items as unknown[]).length >= 2)!;
    const traceCodes = [
      [{ scheme: 'gs1', code: '(01)04006381333931(21)7' }],
      [{ scheme: 'gs1', code: '4006381333932' }],
      [{ scheme: 'gs1', code: '4006381333931' }],
    ];
    for (const field of ['sku', 'name', 'category', 'quantity', 'unit_price', 'trace_codes', 'extra']) {
      for (const value of [...WRONG, 1_000_000, 1_000_001, 7, ...traceCodes]) {
        const mutated = JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
        (mutated.items as Record<string, unknown>[])[1]![field] = value;
        compare(mutated);
      }
    }
    const item = (order.items as unknown[])[0];
    for (const items of [[], Array(500).fill(item), Array(501).fill(item), [item, null], [item, []], 'x'])
      compare({ ...order, items });
  });
});
