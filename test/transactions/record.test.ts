import { describe, expect, test } from 'vitest';
import type { FieldProblem } from '../../src/filings/problems.ts';
import { looksLikePersonalData, MAX_ITEMS, ORDER_STATUSES } from '../../src/transactions/record.ts';
import { type TransactionRecord, validateTransactionRecord } from '../../src/transactions/validate.ts';

// A fixed clock: every "future" and "past" below is relative to this instant.
const NOW = new Date('2026-11-24T12:00:00.000Z');

let counter = 0;

function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sku: 'SKU-1', name: '龙井茶 250g', quantity: 1, unit_price: '129.90', ...overrides };
}

/** A valid paid order in CNY with one item whose price is the total, and a unique order_id. */
function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    order_id: `O-20261124-${String(counter).padStart(4, '0')}`,
    seller_id: 'S-1001',
    placed_at: '2026-11-24T10:15:00+08:00',
    status: 'paid',
    total: '129.90',
    currency: 'CNY',
    items: [item()],
    buyer_ref: 'b7f3c2a9',
    ...overrides,
  };
}

function without(raw: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...raw };
  delete copy[field];
  return copy;
}

function accepted(
  raw: Record<string, unknown>,
  now: Date = NOW,
): { record: TransactionRecord; warnings: FieldProblem[] } {
  const result = validateTransactionRecord(raw, now);
  if (!result.ok) throw new Error(`expected the order to pass, got ${JSON.stringify(result.problems)}`);
  return result;
}

function problemsOf(raw: Record<string, unknown>, now: Date = NOW): FieldProblem[] {
  const result = validateTransactionRecord(raw, now);
  if (result.ok) throw new Error(`expected problems, the order passed as ${JSON.stringify(result)}`);
  expect(result.problems.length, 'a rejected order names at least one problem').toBeGreaterThan(0);
  return result.problems;
}

/** The problems as [field, code] pairs. */
function codes(raw: Record<string, unknown>, now: Date = NOW): [string, string][] {
  return problemsOf(raw, now).map((p) => [p.field, p.code]);
}

const REQUIRED = [
  'order_id',
  'seller_id',
  'placed_at',
  'status',
  'total',
  'currency',
  'items',
  'buyer_ref',
] as const;

describe('a valid order', () => {
  test('passes with its money in minor units and no warnings', () => {
    const { record, warnings } = accepted(order({ order_id: 'O-20261124-0001' }));
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      order_id: 'O-20261124-0001',
      seller_id: 'S-1001',
      placed_at: '2026-11-24T02:15:00.000Z',
      status: 'paid',
      total: '129.90',
      currency: 'CNY',
      items: [{ sku: 'SKU-1', name: '龙井茶 250g', quantity: 1, unit_price: '129.90' }],
      buyer_ref: 'b7f3c2a9',
      totalMinor: 12990,
      refundedMinor: 0,
      itemsMinor: 12990,
    });
  });

  test('passes with every optional field given', () => {
    const { record } = accepted(
      order({
        status: 'completed',
        payment_method: 'alipay',
        ship_to_region: '330106',
        updated_at: '2026-11-24T11:00:00+08:00',
        completed_at: '2026-11-24T11:30:00+08:00',
        correction_reason: '下单时间录入错误',
        items: [item({ category: '茶叶' })],
      }),
    );
    expect(record.updated_at).toBe('2026-11-24T03:00:00.000Z');
    expect(record.completed_at).toBe('2026-11-24T03:30:00.000Z');
    expect(record.ship_to_region).toBe('330106');
    expect(record.items[0]?.category).toBe('茶叶');
  });

  test('does not change the object it was given', () => {
    const raw = order({ payment_method: null, placed_at: '2026-11-24T10:15:00+08:00' });
    const before = structuredClone(raw);
    accepted(raw);
    expect(raw).toEqual(before);
  });

  test('trims the buyer_ref and the item texts', () => {
    const { record } = accepted(
      order({ buyer_ref: '  b7f3c2a9 ', items: [item({ sku: ' SKU-1 ', name: ' 茶 ' })] }),
    );
    expect(record.buyer_ref).toBe('b7f3c2a9');
    expect(record.items[0]).toMatchObject({ sku: 'SKU-1', name: '茶' });
  });
});

describe('required fields', () => {
  test.each(REQUIRED)('%s missing -> missing_field', (field) => {
    expect(problemsOf(without(order(), field))).toEqual([
      { field, code: 'missing_field', message: `${field} is required` },
    ]);
  });

  test.each(
    REQUIRED.flatMap((field) => [
      [field, null],
      [field, ''],
      [field, '   '],
    ]),
  )('%s given as %j is treated as absent -> missing_field', (field, value) => {
    expect(codes(order({ [field]: value }))).toEqual([[field, 'missing_field']]);
  });

  test('reports every missing field at once, not only the first', () => {
    expect(codes({})).toEqual(REQUIRED.map((f) => [f, 'missing_field']));
  });
});

describe('null and blank optional fields', () => {
  test.each([
    ['payment_method', null],
    ['payment_method', ''],
    ['ship_to_region', '  '],
    ['completed_at', null],
    ['updated_at', ''],
    ['refunded_amount', null],
    ['correction_reason', ' '],
  ])('%s given as %j is treated as absent', (field, value) => {
    const { record } = accepted(order({ [field]: value }));
    expect(record).not.toHaveProperty(field);
  });

  // withoutAbsent only strips top-level members: a null optional item field is refused as
  // "items.0.category is required", although category is optional.
  test.each([null, '', '  '])('an item category given as %j is treated as absent', (value) => {
    const { record } = accepted(order({ items: [item({ category: value })] }));
    expect(record.items[0]).not.toHaveProperty('category');
  });
});

describe('order_id and seller_id', () => {
  test.each(['order_id', 'seller_id'])('%s accepts A-Z a-z 0-9 . _ : - up to 64 characters', (field) => {
    for (const value of ['O-20261124-0001', 'a.b_c:d-E9', 'x', 'x'.repeat(64)]) {
      expect(accepted(order({ [field]: value })).record[field as 'order_id']).toBe(value);
    }
  });

  test.each(
    ['order_id', 'seller_id'].flatMap((field) => [
      [field, 'a space', 'O 1'],
      [field, 'a slash', 'O/1'],
      [field, '65 characters', 'x'.repeat(65)],
      [field, 'Chinese characters', '订单1'],
      [field, 'a full-width digit', 'O-１'],
      [field, 'a trailing newline', 'O-1\n'],
    ]),
  )('%s with %s -> invalid_format', (field, _why, value) => {
    expect(problemsOf(order({ [field]: value }))).toEqual([
      { field, code: 'invalid_format', message: `${field} must be 1-64 of A-Z a-z 0-9 . _ : -` },
    ]);
  });

  test('a number for order_id -> invalid_type', () => {
    expect(codes(order({ order_id: 12345 }))).toEqual([['order_id', 'invalid_type']]);
  });
});

describe('placed_at', () => {
  test.each([
    ['2026-11-24T10:15:00+08:00', '2026-11-24T02:15:00.000Z'],
    ['2026-11-24T02:15:00Z', '2026-11-24T02:15:00.000Z'],
    ['2026-11-24T02:15:00.5Z', '2026-11-24T02:15:00.500Z'],
    ['2026-11-24T02:15:00.123456789Z', '2026-11-24T02:15:00.123Z'],
    ['2026-11-23T20:15:00-06:00', '2026-11-24T02:15:00.000Z'],
    ['2026-11-24T00:15:00+00:00', '2026-11-24T00:15:00.000Z'],
    ['2026-11-24t02:15:00z', '2026-11-24T02:15:00.000Z'],
    ['2026-01-01T00:30:00+08:00', '2025-12-31T16:30:00.000Z'],
  ])('normalises %s to UTC with milliseconds: %s', (given, utc) => {
    expect(accepted(order({ placed_at: given })).record.placed_at).toBe(utc);
  });

  test.each([
    ['a date without a time', '2026-01-01'],
    ['a time without a zone', '2026-01-01T10:00:00'],
    ['a word', 'yesterday'],
    ['a space for the T', '2026-01-01 10:00:00Z'],
    ['an offset without a colon', '2026-01-01T10:00:00+0800'],
    ['no seconds', '2026-01-01T10:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['an RFC 2822 date', 'Tue, 24 Nov 2026 10:15:00 +0800'],
    ['surrounding white space', ' 2026-01-01T10:00:00Z'],
  ])('refuses %s (%j) -> invalid_time', (_why, value) => {
    const problems = problemsOf(order({ placed_at: value }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['placed_at', 'invalid_time']]);
    expect(problems[0]?.message).toContain('RFC 3339');
  });

  // V8's Date.parse rolls 30 February over to 2 March and reads T24:00 as the next midnight;
  // RFC 3339 allows neither (date-mday is bounded by the month, time-hour is 00-23).
  test.each([
    ['30 February', '2026-02-30T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
  ])('refuses a date that does not exist: %s (%s) -> invalid_time', (_why, value) => {
    expect(codes(order({ placed_at: value }))).toEqual([['placed_at', 'invalid_time']]);
  });

  test('a number (epoch milliseconds) is refused', () => {
    expect(problemsOf(order({ placed_at: 1767261600000 })).map((p) => p.field)).toEqual(['placed_at']);
  });

  test('tolerates five minutes of clock skew, and not a millisecond more', () => {
    expect(accepted(order({ placed_at: '2026-11-24T12:05:00.000Z' })).record.placed_at).toBe(
      '2026-11-24T12:05:00.000Z',
    );
    expect(problemsOf(order({ placed_at: '2026-11-24T12:05:00.001Z' }))).toEqual([
      { field: 'placed_at', code: 'invalid_time', message: 'placed_at is in the future' },
    ]);
  });

  test('judges the future in UTC whatever the offset', () => {
    // 20:04+08:00 is 12:04Z: inside the tolerance; 20:06+08:00 is 12:06Z: beyond it.
    accepted(order({ placed_at: '2026-11-24T20:04:00+08:00' }));
    expect(codes(order({ placed_at: '2026-11-24T20:06:00+08:00' }))).toEqual([['placed_at', 'invalid_time']]);
  });

  test('judges the future against the `now` it is given', () => {
    const raw = order({ placed_at: '2026-11-25T00:00:00Z' });
    expect(codes(raw, NOW)).toEqual([['placed_at', 'invalid_time']]);
    accepted(raw, new Date('2026-11-25T00:00:00Z'));
  });

  test('uses the real clock when no `now` is given', () => {
    const result = validateTransactionRecord(order({ placed_at: '2999-01-01T00:00:00Z' }));
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['invalid_time']);
    expect(validateTransactionRecord(order({ placed_at: '2020-01-01T00:00:00Z' })).ok).toBe(true);
  });
});

describe('completed_at', () => {
  test('before placed_at -> invalid_time', () => {
    expect(
      problemsOf(order({ placed_at: '2026-11-24T10:00:00Z', completed_at: '2026-11-24T09:59:59.999Z' })),
    ).toEqual([{ field: 'completed_at', code: 'invalid_time', message: 'completed_at is before placed_at' }]);
  });

  test('equal to or after placed_at passes', () => {
    accepted(order({ placed_at: '2026-11-24T10:00:00Z', completed_at: '2026-11-24T10:00:00Z' }));
    accepted(order({ placed_at: '2026-11-24T10:00:00Z', completed_at: '2026-11-24T10:00:00.001Z' }));
  });

  test('is compared as instants, not as the texts given in different zones', () => {
    // 03:00Z is after 10:00+08:00 (02:00Z), although "2026-11-24T03" sorts before "2026-11-24T10".
    const { record } = accepted(
      order({ placed_at: '2026-11-24T10:00:00+08:00', completed_at: '2026-11-24T03:00:00Z' }),
    );
    expect(record.completed_at).toBe('2026-11-24T03:00:00.000Z');
    // 09:30+08:00 (01:30Z) is before 02:00Z, although "09:30" sorts after "02:00".
    expect(
      codes(order({ placed_at: '2026-11-24T02:00:00Z', completed_at: '2026-11-24T09:30:00+08:00' })),
    ).toEqual([['completed_at', 'invalid_time']]);
  });

  test('must itself be RFC 3339 with a zone', () => {
    expect(codes(order({ completed_at: '2026-11-24T12:00:00' }))).toEqual([['completed_at', 'invalid_time']]);
  });
});

describe('status', () => {
  test.each(ORDER_STATUSES)('accepts %s', (status) => {
    const extra = status === 'partially_refunded' ? { refunded_amount: '10.00' } : {};
    expect(accepted(order({ status, ...extra })).record.status).toBe(status);
  });

  test.each(['done', 'PAID', 'Paid', 'paid ', 'refund'])('refuses %j -> invalid_enum', (status) => {
    const problems = problemsOf(order({ status }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['status', 'invalid_enum']]);
    expect(problems[0]?.message).toBe(`status must be one of ${ORDER_STATUSES.join(', ')}`);
  });
});

describe('currency', () => {
  test.each(['RMB', 'cny', 'XXX', 'XAU', 'CN', 'CNYY'])('refuses %j -> invalid_currency', (currency) => {
    expect(problemsOf(order({ currency }))).toEqual([
      { field: 'currency', code: 'invalid_currency', message: 'currency must be an ISO 4217 currency code' },
    ]);
  });

  test('reads the money in the currency given: JPY has no minor unit, KWD has three', () => {
    const jpy = accepted(
      order({ currency: 'JPY', total: '450', items: [item({ quantity: 3, unit_price: '150' })] }),
    );
    expect(jpy.record).toMatchObject({ totalMinor: 450, itemsMinor: 450 });
    expect(jpy.warnings).toEqual([]);
    const kwd = accepted(order({ currency: 'KWD', total: '1.234', items: [item({ unit_price: '1.234' })] }));
    expect(kwd.record).toMatchObject({ totalMinor: 1234, itemsMinor: 1234 });
  });
});

describe('total', () => {
  test.each([
    ['CNY', '129.999'],
    ['USD', '1.001'],
    ['JPY', '150.5'],
    ['KWD', '1.2345'],
  ])('too many digits for %s (%s) -> invalid_amount', (currency, total) => {
    const problems = problemsOf(order({ currency, total, items: [item({ unit_price: '1' })] }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['total', 'invalid_amount']]);
    expect(problems[0]?.message).toMatch(/^total /);
  });

  test.each([
    ['a sign', '-129.90'],
    ['an exponent', '1.299e2'],
    ['a comma', '1,299.00'],
    ['a leading zero', '0129.90'],
    ['a currency symbol', '¥129.90'],
    ['more than 10^15 minor units', '10000000000000.01'],
  ])('total with %s -> invalid_amount', (_why, total) => {
    expect(codes(order({ total }))).toEqual([['total', 'invalid_amount']]);
  });

  test('a JSON number -> invalid_type, not a silently rounded float', () => {
    expect(codes(order({ total: 129.9 }))).toEqual([['total', 'invalid_type']]);
  });
});

describe('items', () => {
  // The schema asks for invalid_items (coded(...) on .min/.max), but zod does not pass `params` through
  // for array length checks, so the problem comes out as too_small / too_long.
  test('none -> invalid_items', () => {
    expect(codes(order({ items: [] }))).toEqual([['items', 'invalid_items']]);
  });

  test(`${MAX_ITEMS + 1} -> invalid_items`, () => {
    const items = Array.from({ length: MAX_ITEMS + 1 }, (_, i) =>
      item({ sku: `SKU-${i}`, unit_price: '1.00' }),
    );
    expect(codes(order({ items, total: String(MAX_ITEMS + 1) }))).toEqual([['items', 'invalid_items']]);
  });

  test(`${MAX_ITEMS} pass, and their prices add up`, () => {
    const items = Array.from({ length: MAX_ITEMS }, (_, i) => item({ sku: `SKU-${i}`, unit_price: '0.01' }));
    const { record, warnings } = accepted(order({ items, total: '5.00' }));
    expect(record.items).toHaveLength(MAX_ITEMS);
    expect(record.itemsMinor).toBe(500);
    expect(warnings).toEqual([]);
  });

  test('not an array -> invalid_type', () => {
    expect(codes(order({ items: item() }))).toEqual([['items', 'invalid_type']]);
  });

  test.each(['sku', 'name', 'quantity', 'unit_price'])(
    'an item without %s -> missing_field at its path',
    (field) => {
      expect(problemsOf(order({ items: [item(), without(item(), field)] }))).toEqual([
        { field: `items.1.${field}`, code: 'missing_field', message: `items.1.${field} is required` },
      ]);
    },
  );

  test.each(['sku', 'name'])('an item %s of white space -> missing_field', (field) => {
    expect(codes(order({ items: [item({ [field]: '   ' })] }))).toEqual([
      [`items.0.${field}`, 'missing_field'],
    ]);
  });

  test.each([
    ['zero', 0, 'too_small'],
    ['negative', -1, 'too_small'],
    ['a fraction', 1.5, 'invalid_type'],
    ['a string', '2', 'invalid_type'],
    ['over a million', 1_000_001, 'too_large'],
  ])('a quantity that is %s (%j) -> %s', (_why, quantity, code) => {
    expect(codes(order({ items: [item({ quantity })] }))).toEqual([['items.0.quantity', code]]);
  });

  // positive() is an exclusive bound: the message must not say that 0 would do.
  test('the message for a quantity of 0 does not claim that 0 would do', () => {
    const [problem] = problemsOf(order({ items: [item({ quantity: 0 })] }));
    expect(problem?.message).not.toMatch(/at least 0\b/);
  });

  test.each([
    ['too many digits for CNY', '1.234'],
    ['a sign', '-1.00'],
    ['a word', 'free'],
  ])('a unit_price with %s (%j) -> invalid_amount at its path', (_why, unit_price) => {
    const problems = problemsOf(order({ items: [item(), item({ unit_price })] }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['items.1.unit_price', 'invalid_amount']]);
    expect(problems[0]?.message).toMatch(/^items\.1\.unit_price /);
  });

  test('a unit_price as a JSON number -> invalid_type', () => {
    expect(codes(order({ items: [item({ unit_price: 129.9 })] }))).toEqual([
      ['items.0.unit_price', 'invalid_type'],
    ]);
  });

  test('an unknown item field -> unknown_field with its path', () => {
    expect(problemsOf(order({ items: [item({ colour: 'green' }), item(), item({ size: 'L' })] }))).toEqual([
      {
        field: 'items.0.colour',
        code: 'unknown_field',
        message: 'items.0.colour is not a field of an order record',
      },
      {
        field: 'items.2.size',
        code: 'unknown_field',
        message: 'items.2.size is not a field of an order record',
      },
    ]);
  });
});

describe('buyer_ref and personal data', () => {
  const PERSONAL = [
    ['a mobile number', '13812345678'],
    ['a mobile number with +86', '+8613812345678'],
    ['a mobile number with 86', '8613812345678'],
    ['a mobile number with +86 and spaces', '+86 138 1234 5678'],
    ['a mobile number with dashes', '138-1234-5678'],
    ['a mobile number with +86 and dashes', '+86-138-1234-5678'],
    ['a mobile number with surrounding spaces', ' 13812345678 '],
    ['a 199 mobile number', '19912345678'],
    ['an ID number', '11010519491231002X'],
    ['an ID number with a lower-case x', '11010519491231002x'],
    ['an all-digit ID number', '440524188001010014'],
    ['an ID number with spaces', '110105 19491231 002X'],
    ['an e-mail address', 'zhang.san@example.com'],
    ['an e-mail address with a tag', 'buyer+1@qq.com'],
  ] as const;

  test.each(PERSONAL)('refuses %s (%j) -> personal_data_in_pseudonym', (_why, buyerRef) => {
    expect(looksLikePersonalData(buyerRef)).toBe(true);
    expect(problemsOf(order({ buyer_ref: buyerRef }))).toEqual([
      {
        field: 'buyer_ref',
        code: 'personal_data_in_pseudonym',
        message: 'buyer_ref looks like a phone number, ID number or e-mail address; send an opaque pseudonym',
      },
    ]);
  });

  test.each(PERSONAL)('never repeats %s in any problem, even among other problems', (_why, buyerRef) => {
    const result = validateTransactionRecord(
      order({ buyer_ref: buyerRef, status: 'done', currency: 'RMB', note: buyerRef, items: [] }),
      NOW,
    );
    const text = JSON.stringify(result);
    expect(result.ok).toBe(false);
    expect(text).toContain('personal_data_in_pseudonym');
    const compact = buyerRef.replace(/[\s-]/g, '');
    for (const secret of [buyerRef.trim(), compact, compact.slice(-8)]) {
      expect(text, `the problems carry ${secret}: ${text}`).not.toContain(secret);
    }
  });

  test.each([
    ['a hex pseudonym', 'b7f3c2a9'],
    ['a prefixed number', 'u-1234567'],
    ['a short number', '12345'],
    ['a 10-digit number', '1381234567'],
    ['11 digits that are not a mobile number', '12812345678'],
    ['a 12-digit number', '138123456789'],
    ['a 17-digit number', '11010519491231002'],
    ['a ULID', '01JDB2Q3X9ZK8V5M7N4P6R8T0W'],
    ['an @ without a domain', 'user@home'],
  ])('accepts %s (%j) as an opaque pseudonym', (_why, buyerRef) => {
    expect(looksLikePersonalData(buyerRef)).toBe(false);
    expect(accepted(order({ buyer_ref: buyerRef })).record.buyer_ref).toBe(buyerRef);
  });

  test('longer than 128 characters -> too_long', () => {
    expect(codes(order({ buyer_ref: 'b'.repeat(129) }))).toEqual([['buyer_ref', 'too_long']]);
    accepted(order({ buyer_ref: 'b'.repeat(128) }));
  });
});

describe('refunded_amount', () => {
  test('is required for partially_refunded -> missing_field', () => {
    expect(problemsOf(order({ status: 'partially_refunded' }))).toEqual([
      {
        field: 'refunded_amount',
        code: 'missing_field',
        message: 'refunded_amount is required for partially_refunded',
      },
    ]);
  });

  test('is read in minor units for partially_refunded', () => {
    const { record } = accepted(order({ status: 'partially_refunded', refunded_amount: '29.90' }));
    expect(record.refundedMinor).toBe(2990);
    expect(record.totalMinor).toBe(12990);
  });

  test('defaults to the total for refunded', () => {
    const { record } = accepted(order({ status: 'refunded' }));
    expect(record.refundedMinor).toBe(12990);
    expect(record).not.toHaveProperty('refunded_amount');
  });

  test('given for refunded, is taken as given', () => {
    expect(accepted(order({ status: 'refunded', refunded_amount: '100.00' })).record.refundedMinor).toBe(
      10000,
    );
  });

  test('is 0 for an order that is not refunded', () => {
    expect(accepted(order({ status: 'delivered' })).record.refundedMinor).toBe(0);
  });

  test('may equal the total, not exceed it -> invalid_amount', () => {
    accepted(order({ status: 'partially_refunded', refunded_amount: '129.90' }));
    expect(problemsOf(order({ status: 'partially_refunded', refunded_amount: '129.91' }))).toEqual([
      { field: 'refunded_amount', code: 'invalid_amount', message: 'refunded_amount is more than the total' },
    ]);
    expect(codes(order({ status: 'refunded', refunded_amount: '200' }))).toEqual([
      ['refunded_amount', 'invalid_amount'],
    ]);
  });

  test('with too many digits for the currency -> invalid_amount', () => {
    expect(codes(order({ status: 'partially_refunded', refunded_amount: '1.001' }))).toEqual([
      ['refunded_amount', 'invalid_amount'],
    ]);
  });
});

describe('items against the total', () => {
  const items = [item({ quantity: 2, unit_price: '10.00' }), item({ sku: 'SKU-2', unit_price: '5.50' })];

  test('no warning when quantity * unit_price adds up to the total', () => {
    const { record, warnings } = accepted(order({ items, total: '25.50' }));
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ totalMinor: 2550, itemsMinor: 2550, refundedMinor: 0 });
  });

  test('a total that differs is filed as given, with a total_mismatch warning', () => {
    const { record, warnings } = accepted(order({ items, total: '30.00' }));
    expect(warnings).toEqual([
      {
        field: 'total',
        code: 'total_mismatch',
        message: 'the items do not add up to the total; filed as given',
      },
    ]);
    expect(record).toMatchObject({ total: '30.00', totalMinor: 3000, itemsMinor: 2550 });
  });

  test('a difference of one minor unit is still a mismatch', () => {
    expect(accepted(order({ items, total: '25.51' })).warnings.map((w) => w.code)).toEqual([
      'total_mismatch',
    ]);
  });

  test('adds in integers, so 0.10 + 0.20 matches 0.30', () => {
    const tenAndTwenty = [item({ unit_price: '0.10' }), item({ sku: 'SKU-2', unit_price: '0.20' })];
    const { record, warnings } = accepted(order({ items: tenAndTwenty, total: '0.30' }));
    expect(warnings).toEqual([]);
    expect(record.itemsMinor).toBe(30);
  });

  test('an order with errors gives its problems, not the warning', () => {
    const result = validateTransactionRecord(
      order({ items, total: '30.00', status: 'partially_refunded', refunded_amount: '31.00' }),
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'refunded_amount',
          code: 'invalid_amount',
          message: 'refunded_amount is more than the total',
        },
      ],
    });
  });
});

describe('unknown fields', () => {
  test('an unknown top-level field -> unknown_field', () => {
    expect(problemsOf(order({ colour: 'green', buyer_phone: 'x' }))).toEqual([
      { field: 'colour', code: 'unknown_field', message: 'colour is not a field of an order record' },
      {
        field: 'buyer_phone',
        code: 'unknown_field',
        message: 'buyer_phone is not a field of an order record',
      },
    ]);
  });

  test('a "__proto__" member is an unknown field, not a prototype', () => {
    const raw = order();
    Object.defineProperty(raw, '__proto__', { value: { x: 1 }, enumerable: true });
    expect(codes(raw)).toEqual([['__proto__', 'unknown_field']]);
  });

  test('an unknown field that is null or blank is absent, so not reported', () => {
    accepted(order({ colour: null, size: '  ' }));
  });

  test('camelCase spellings of known fields are unknown, not aliases', () => {
    expect(codes(order({ orderId: 'O-1' }))).toEqual([['orderId', 'unknown_field']]);
  });
});

describe('other optional fields', () => {
  test.each(['33010', '3301061', 'ABCDEF'])('ship_to_region %j -> invalid_format', (region) => {
    expect(codes(order({ ship_to_region: region }))).toEqual([['ship_to_region', 'invalid_format']]);
  });

  test('updated_at must be RFC 3339 with a zone', () => {
    expect(codes(order({ updated_at: 'now' }))).toEqual([['updated_at', 'invalid_time']]);
  });
});

describe('buyer_ref: personal data in disguise', () => {
  const MESSAGE =
    'buyer_ref looks like a phone number, ID number or e-mail address; send an opaque pseudonym';

  test.each([
    ['a mobile number with dots', '139.1234.5678'],
    ['a mobile number with underscores', '139_1234_5678'],
    ['a mobile number with slashes', '138/1234/5678'],
    ['a mobile number with pipes', '138|1234|5678'],
    ['a mobile number in full-width digits', '１３８１２３４５６７８'],
    ['a mobile number with 0086 and dots', '0086.138.1234.5678'],
    ['a mobile number with 0086', '008613812345678'],
    ['a mobile number after another group of digits', 'x7-13812345678'],
    ['a landline with its area code', '0571-87654321'],
    ['an ID number with dots', '110105.1949.1231.002X'],
    ['an ID number with underscores and the x apart', '110105_19491231_002_x'],
    ['an ID number in full-width characters', '１１０１０５１９４９１２３１００２ｘ'],
    ['an e-mail address with a full-width at sign', 'a＠b.cn'],
    ['an e-mail address with a small at sign', 'a﹫b.cn'],
    ['an e-mail address with (at)', 'zhang(at)example.com'],
    ['an e-mail address with [at] and [dot]', 'zhang[at]example[dot]com'],
    ['an e-mail address spelt with at and dot', 'zhang at example dot com'],
    ['an e-mail address with an ideographic full stop', 'a@b。cn'],
    ['an e-mail address with # for @', 'zhang#qq.com'],
  ])('refuses %s (%j) -> personal_data_in_pseudonym', (_why, buyerRef) => {
    expect(problemsOf(order({ buyer_ref: buyerRef }))).toEqual([
      { field: 'buyer_ref', code: 'personal_data_in_pseudonym', message: MESSAGE },
    ]);
  });

  test.each([
    ['a 32-hex hash with 11 digits in a row among its letters', '5d41402abc4b2a76b13812345678c592'],
    ['a hex hash with an 18-digit ID shape among its letters', 'ab13812345678cd11010519491231002x'],
    ['an 18-digit number that is no valid ID number', '138123456789012345'],
    ['an 18-digit snowflake id', '123456789012345678'],
    ['an ID shape with a wrong check character', '11010519491231001X'],
  ])('accepts %s (%j) as an opaque pseudonym', (_why, buyerRef) => {
    expect(accepted(order({ buyer_ref: buyerRef })).record.buyer_ref).toBe(buyerRef);
  });
});

describe('control characters', () => {
  const CONTROLS = [
    ['NUL', '\u0000', 'U+0000'],
    ['a bell', '\u0007', 'U+0007'],
    ['an escape (terminal sequences)', '\u001b[2J', 'U+001B'],
    ['DEL', '\u007f', 'U+007F'],
    ['a C1 control (NEL)', '\u0085', 'U+0085'],
    ['a C1 control (CSI)', '\u009b', 'U+009B'],
    ['a lone high surrogate', '\ud800', 'U+D800'],
    ['a lone low surrogate', '\udc00', 'U+DC00'],
  ] as const;
  const NAMES = ['buyer_ref', 'payment_method'] as const;
  const ITEM_NAMES = ['sku', 'name', 'category'] as const;

  test.each(NAMES.flatMap((field) => CONTROLS.map(([why, ch, code]) => [field, why, ch, code])))(
    '%s with %s -> control_character',
    (field, _why, ch, code) => {
      const problems = problemsOf(order({ [field]: `ab${ch}cd` }));
      expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'control_character']]);
      expect(problems[0]!.message).toBe(
        `${field} holds a control character (${code} at character 3); remove it`,
      );
    },
  );

  test.each(ITEM_NAMES.flatMap((field) => CONTROLS.map(([why, ch]) => [field, why, ch])))(
    'an item %s with %s -> control_character at its path',
    (field, _why, ch) => {
      expect(codes(order({ items: [item(), item({ [field]: `x${ch}` })] }))).toEqual([
        [`items.1.${field}`, 'control_character'],
      ]);
    },
  );

  test.each(['\t', '\n', '\r'])('names refuse %j inside, even where free text allows it', (ch) => {
    expect(codes(order({ buyer_ref: `ab${ch}cd` }))).toEqual([['buyer_ref', 'control_character']]);
    expect(codes(order({ items: [item({ name: `龙井${ch}茶` })] }))).toEqual([
      ['items.0.name', 'control_character'],
    ]);
  });

  test('a correction_reason may hold tab, line feed and carriage return, no other control', () => {
    const reason = '下单时间录入错误\r\n\t见工单 123';
    expect(accepted(order({ correction_reason: reason })).record.correction_reason).toBe(reason);
    for (const [, ch] of CONTROLS) {
      expect(codes(order({ correction_reason: `原因${ch}` }))).toEqual([
        ['correction_reason', 'control_character'],
      ]);
    }
  });

  test('white space around a name is trimmed, not refused; inside it, a tab is refused', () => {
    expect(accepted(order({ buyer_ref: '\tb7f3c2a9\r\n' })).record.buyer_ref).toBe('b7f3c2a9');
    expect(codes(order({ buyer_ref: 'b7f3\tc2a9' }))).toEqual([['buyer_ref', 'control_character']]);
  });

  test('a surrogate pair (an emoji) is a character; either half alone is not', () => {
    expect(accepted(order({ items: [item({ name: '茶🍵' })] })).record.items[0]!.name).toBe('茶🍵');
    expect(codes(order({ items: [item({ name: '茶\ud83c' })] }))).toEqual([
      ['items.0.name', 'control_character'],
    ]);
    expect(codes(order({ items: [item({ name: '茶\udf75' })] }))).toEqual([
      ['items.0.name', 'control_character'],
    ]);
  });

  // Every string field, each with a NUL inside: the names and texts get control_character, the fields
  // with an alphabet of their own refuse it with their own code, as they did.
  test('a NUL in any string field of an order is refused, each with its field', () => {
    const valid: Record<string, unknown> = order({
      status: 'completed',
      refunded_amount: '0.00',
      payment_method: 'alipay',
      ship_to_region: '330106',
      updated_at: '2026-11-24T10:15:00+08:00',
      completed_at: '2026-11-24T10:15:00+08:00',
      correction_reason: '更正',
      items: [item({ category: '茶叶' })],
    });
    const expected: Record<string, string> = {
      order_id: 'invalid_format',
      seller_id: 'invalid_format',
      placed_at: 'invalid_time',
      status: 'invalid_enum',
      total: 'invalid_amount',
      currency: 'invalid_currency',
      buyer_ref: 'control_character',
      refunded_amount: 'invalid_amount',
      payment_method: 'control_character',
      ship_to_region: 'invalid_format',
      updated_at: 'invalid_time',
      completed_at: 'invalid_time',
      correction_reason: 'control_character',
      'items.0.sku': 'control_character',
      'items.0.name': 'control_character',
      'items.0.category': 'control_character',
      'items.0.unit_price': 'invalid_amount',
    };
    const withNul = (value: unknown) => `${String(value).slice(0, 2)}\u0000${String(value).slice(2)}`;
    const found: Record<string, string> = {};
    for (const field of Object.keys(expected)) {
      const [top, , inner] = field.split('.');
      const broken = inner
        ? {
            ...valid,
            items: [
              {
                ...(valid.items as Record<string, unknown>[])[0],
                [inner]: withNul((valid.items as Record<string, unknown>[])[0]![inner]),
              },
            ],
          }
        : { ...valid, [top!]: withNul(valid[top!]) };
      const problems = problemsOf(broken);
      expect(
        problems.map((p) => p.field),
        field,
      ).toEqual([field]);
      found[field] = problems[0]!.code;
    }
    expect(found).toEqual(expected);
  });

  test('the message never repeats the value', () => {
    const problems = problemsOf(order({ buyer_ref: '13812345678\u0000' }));
    expect(problems.map((p) => p.code)).toEqual(['control_character']);
    expect(JSON.stringify(problems)).not.toContain('13812345678');
  });
});

describe('ship_to_region', () => {
  test.each([
    ['Beijing, Dongcheng', '110101'],
    ['Zhejiang, Hangzhou, Xihu', '330106'],
    ['a province as a whole', '440000'],
    ['a county-level city under a province', '429004'],
    ['Xinjiang', '650102'],
    ['Taiwan', '710000'],
    ['Hong Kong', '810000'],
    ['Macao', '820000'],
  ])('accepts %s (%s), and refuses the same code in province 99', (_why, region) => {
    expect(accepted(order({ ship_to_region: region })).record.ship_to_region).toBe(region);
    expect(codes(order({ ship_to_region: `99${region.slice(2)}` }))).toEqual([
      ['ship_to_region', 'invalid_region'],
    ]);
  });

  test.each([
    ['999999', '999999'],
    ['all zeros', '000000'],
    ['province 10', '100000'],
    ['province 16 (none)', '160101'],
    ['province 66 (none)', '660000'],
    ['province 83 (a residence permit prefix, no division)', '830000'],
    ['province 91', '910101'],
  ])('refuses %s (%s) -> invalid_region', (_why, region) => {
    expect(problemsOf(order({ ship_to_region: region }))).toEqual([
      {
        field: 'ship_to_region',
        code: 'invalid_region',
        message: 'ship_to_region is not in a province of China (GB/T 2260 division code)',
      },
    ]);
  });

  test('a code that is not six digits is invalid_format, and only that; six digits, invalid_region', () => {
    expect(codes(order({ ship_to_region: '99999' }))).toEqual([['ship_to_region', 'invalid_format']]);
    expect(codes(order({ ship_to_region: '３３０１０６' }))).toEqual([['ship_to_region', 'invalid_format']]);
    expect(codes(order({ ship_to_region: '999999' }))).toEqual([['ship_to_region', 'invalid_region']]);
  });
});

describe('every error of a record', () => {
  test('a phone-like buyer_ref, a future time and a total of 1.001 are all reported, in field order', () => {
    expect(
      problemsOf(order({ buyer_ref: '13812345678', placed_at: '2027-01-01T00:00:00Z', total: '1.001' })).map(
        (p) => [p.field, p.code],
      ),
    ).toEqual([
      ['placed_at', 'invalid_time'],
      ['total', 'invalid_amount'],
      ['buyer_ref', 'personal_data_in_pseudonym'],
    ]);
  });

  test('checks that need the currency run beside errors in other fields', () => {
    expect(
      codes(
        order({
          order_id: 'bad id',
          items: [item({ unit_price: '1.234' }), item({ sku: '' }), item({ unit_price: 'free' })],
          refunded_amount: '0.001',
          status: 'partially_refunded',
          ship_to_region: '999999',
          colour: 'red',
        }),
      ),
    ).toEqual([
      ['order_id', 'invalid_format'],
      ['items.0.unit_price', 'invalid_amount'],
      ['items.1.sku', 'missing_field'],
      ['items.2.unit_price', 'invalid_amount'],
      ['refunded_amount', 'invalid_amount'],
      ['ship_to_region', 'invalid_region'],
      ['colour', 'unknown_field'],
    ]);
  });

  test('a refund more than the total and a completion before the placing, beside a schema error', () => {
    expect(
      codes(
        order({
          status: 'partially_refunded',
          refunded_amount: '200.00',
          placed_at: '2026-11-24T10:00:00Z',
          completed_at: '2026-11-24T09:00:00Z',
          payment_method: 'x'.repeat(41),
        }),
      ),
    ).toEqual([
      ['refunded_amount', 'invalid_amount'],
      ['payment_method', 'too_long'],
      ['completed_at', 'invalid_time'],
    ]);
  });

  test('a missing refunded_amount for partially_refunded is reported beside other errors', () => {
    expect(codes(order({ status: 'partially_refunded', buyer_ref: 'a@b.cn' }))).toEqual([
      ['buyer_ref', 'personal_data_in_pseudonym'],
      ['refunded_amount', 'missing_field'],
    ]);
  });

  test('dependent checks stay quiet when what they depend on is refused', () => {
    // An unknown currency: amounts cannot be read, so only the currency is refused.
    expect(codes(order({ currency: 'RMB', total: '1.001', refunded_amount: '9.999' }))).toEqual([
      ['currency', 'invalid_currency'],
    ]);
    // A total that cannot be read: the refund is not compared with it.
    expect(codes(order({ total: 'lots', status: 'partially_refunded', refunded_amount: '5.00' }))).toEqual([
      ['total', 'invalid_amount'],
    ]);
    // placed_at refused: completed_at is not compared with it.
    expect(codes(order({ placed_at: 'yesterday', completed_at: '2000-01-01T00:00:00Z' }))).toEqual([
      ['placed_at', 'invalid_time'],
    ]);
    // An unknown status: no refund rule is guessed (partially_refunded would need a refunded_amount).
    expect(codes(order({ status: 'partly_refunded' }))).toEqual([['status', 'invalid_enum']]);
    // Too many items: their prices are not judged one by one.
    const items = Array.from({ length: MAX_ITEMS + 1 }, () => item({ unit_price: '1.001' }));
    expect(codes(order({ items }))).toEqual([['items', 'invalid_items']]);
  });

  test('one problem per field: a field gets its first problem only', () => {
    expect(codes(order({ buyer_ref: `${'1'.repeat(200)}\u0000` }))).toEqual([
      ['buyer_ref', 'control_character'],
    ]);
    expect(codes(order({ ship_to_region: 'ABCDEF' }))).toEqual([['ship_to_region', 'invalid_format']]);
  });
});
