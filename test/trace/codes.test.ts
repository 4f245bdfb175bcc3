import { describe, expect, test } from 'vitest';
import { gs1CheckDigit, traceCodeProblem } from '../../src/trace/codes.ts';
import { enterprise, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/** Trace codes on filed order items (issue 23, docs/trace-codes.md). */
describe('trace code schemes', () => {
  test('the GS1 check digit, as the General Specifications work it (7.9.1: 629104150021 → 3)', () => {
    expect(gs1CheckDigit('629104150021')).toBe(3);
    // GTIN-13 of a book (ISBN 978-0-306-40615-7) and of a product on sale (4006381333931), GTIN-8,
    // GTIN-12 (UPC-A 036000291452), GTIN-14: valid identifiers, but of products, not of units.
    for (const gtin of ['9780306406157', '4006381333931', '96385074', '036000291452', '16291041500210'])
      expect(traceCodeProblem('gs1', gtin)).toMatch(/names a product, not one unit/);
    // The unit: (01) GTIN-14 and (21) its serial.
    expect(traceCodeProblem('gs1', '(01)16291041500210(21)A1-7/x')).toBeUndefined();
    expect(traceCodeProblem('gs1', '(01)09780306406157(21)000123')).toBeUndefined();
    expect(traceCodeProblem('gs1', '(01)16291041500210')).toMatch(/add \(21\) and its serial/);
  });

  test('what each scheme refuses', () => {
    expect(traceCodeProblem('gs1', '4006381333932')).toMatch(/check digit/);
    expect(traceCodeProblem('gs1', '(01)16291041500211')).toMatch(/check digit/);
    expect(traceCodeProblem('gs1', '400638133393')).toMatch(/check digit/); // 12 digits, wrong check
    expect(traceCodeProblem('gs1', '40063813339311')).toMatch(/check digit/);
    expect(traceCodeProblem('gs1', '123456789')).toMatch(/\(01\) and a GTIN-14/);
    expect(traceCodeProblem('gs1', '(01)16291041500210(21)')).toMatch(/GTIN/);
    expect(traceCodeProblem('gs1', '(01)16291041500210(21)with space')).toMatch(/GTIN/);
    expect(traceCodeProblem('drug', '81234560012345678901')).toBeUndefined();
    expect(traceCodeProblem('drug', '8123456001234567890')).toMatch(/20 digits/);
    expect(traceCodeProblem('drug', '8123456001234567890A')).toMatch(/20 digits/);
    expect(traceCodeProblem('drug', '８１２３４５６００１２３４５６７８９０１')).toMatch(/20 digits/); // full-width
    expect(traceCodeProblem('other', 'LOT-2026-0001')).toBeUndefined();
    expect(traceCodeProblem('other', 'short')).toMatch(/8 to 64/);
    expect(traceCodeProblem('other', 'has space 123')).toMatch(/8 to 64/);
    expect(traceCodeProblem('other', 'x'.repeat(65))).toMatch(/8 to 64/);
    expect(traceCodeProblem('ean', '4006381333931')).toMatch(/scheme must be one of drug, gs1, other/);
  });
});

describe('filing orders with trace codes', () => {
  const t = testGateway();
  const item = (quantity: number, trace_codes: unknown) => ({
    sku: 'MED-1',
    name: '阿莫西林胶囊 0.25g×24粒',
    quantity,
    unit_price: '12.50',
    trace_codes,
  });
  const withItems = (items: unknown[], total: string) => order('TR-1', { items, total });

  test('valid codes are filed, kept in the order history, and answered as filed', async () => {
    expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'TR-1' })])).status).toBe(201);
    const codes = [
      { scheme: 'drug', code: '81234560012345678901' },
      { scheme: 'drug', code: '81234560012345678902' },
    ];
    const o = withItems([item(2, codes)], '25.00');
    const res = await t.fileTransactions([o]);
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ created: 1, rejected: 0 });
    const got = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(got.json.current.record.items[0].trace_codes).toEqual(codes);
    // A correction that removes a code is kept in the history like any change.
    const corrected = { ...o, items: [item(2, [codes[0]])], correction_reason: 'one box was mislabelled' };
    expect((await t.fileTransactions([corrected])).json.counts).toMatchObject({ updated: 1 });
    const history = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(
      history.json.history.map(
        (v: { record: { items: { trace_codes: unknown[] }[] } }) => v.record.items[0]!.trace_codes,
      ),
    ).toEqual([[codes[0]], codes]);
  });

  test('a code its scheme refuses, more codes than units, or one code twice: invalid_trace_code', async () => {
    const bad = [
      withItems([item(1, [{ scheme: 'gs1', code: '4006381333932' }])], '12.50'),
      withItems([item(1, [{ scheme: 'rfid', code: 'ABCDEFGH' }])], '12.50'),
      withItems(
        [
          item(1, [
            { scheme: 'drug', code: '81234560012345678901' },
            { scheme: 'drug', code: '81234560012345678903' },
          ]),
        ],
        '12.50',
      ),
      withItems(
        [
          item(2, [
            { scheme: 'other', code: 'LOT-00000001' },
            { scheme: 'other', code: 'LOT-00000001' },
          ]),
        ],
        '25.00',
      ),
    ];
    const res = await t.fileTransactions([
      ...bad,
      withItems([item(1, [{ scheme: 'gs1', code: '(01)04006381333931(21)7' }])], '12.50'),
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ created: 1, rejected: 4 });
    const codes = res.json.errors.map((e: { line: number; code: string; field: string }) => [
      e.line,
      e.code,
      e.field,
    ]);
    expect(codes).toEqual([
      [1, 'invalid_trace_code', 'items.0.trace_codes.0'],
      [2, 'invalid_trace_code', 'items.0.trace_codes.0'],
      [3, 'invalid_trace_code', 'items.0.trace_codes'],
      [4, 'invalid_trace_code', 'items.0.trace_codes.1'],
    ]);
  });
});
