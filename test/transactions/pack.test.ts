import { describe, expect, test } from 'vitest';
import { generateTransactions } from '../../fixtures/generate/transactions.ts';
import { ItemSchema, TRANSACTION_FIELDS } from '../../src/transactions/record.ts';
import { validateTransactionRecord } from '../../src/transactions/validate.ts';
import {
  inlinePack,
  keyedPack,
  PACKED_FIELDS,
  PACKED_ITEM_FIELDS,
  productId,
  productOfId,
  type OrderColumns,
  type OrderRecord,
  pack,
  type Product,
  statusCode,
  statusName,
  unpack,
} from '../../src/transactions/pack.ts';

const base: OrderRecord = {
  order_id: 'O-1',
  seller_id: 'S-1',
  placed_at: '2026-03-01T02:00:00.000Z',
  status: 'paid',
  total: '129.90',
  currency: 'CNY',
  items: [{ sku: 'TEA-1', name: '龙井', quantity: 2, unit_price: '64.95' }],
  buyer_ref: 'b7f3c2a9',
};

function columnsOf(r: OrderRecord, totalMinor: number, completedAt: string | null = null): OrderColumns {
  return {
    order_id: r.order_id,
    seller_id: r.seller_id,
    placed_at: Date.parse(r.placed_at),
    status: statusCode(r.status),
    currency: r.currency,
    total_minor: totalMinor,
    refunded_minor: 0,
    completed_at: completedAt === null ? null : Date.parse(completedAt),
  };
}

const roundTrip = (r: OrderRecord, columns: OrderColumns) => {
  const json = JSON.stringify(r);
  const packed = inlinePack(pack(r, columns, json));
  return { packed, back: JSON.stringify(unpack(packed, columns)), json };
};

describe('the order pack', () => {
  test('keeps a plain order in a fraction of its JSON, without the values the columns hold', () => {
    const { packed, back, json } = roundTrip(base, columnsOf(base, 12990));
    expect(back).toBe(json);
    expect(packed).toBe('[[["TEA-1","龙井",2,6495]],"b7f3c2a9"]');
    expect(packed.length).toBeLessThan(json.length / 3);
  });

  test('rebuilds every optional field, in the schema’s order, and amounts as they were written', () => {
    const full: OrderRecord = {
      ...base,
      status: 'completed',
      total: '129.9',
      items: [
        { sku: 'A', name: 'Tea "x" \\ y', category: '茶叶', quantity: 1, unit_price: '0.5' },
        { sku: 'B', name: 'Mug', quantity: 3, unit_price: '7' },
        { sku: 'C', name: 'Cup', quantity: 1, unit_price: '12.30' },
      ],
      refunded_amount: '0.50',
      payment_method: 'alipay',
      ship_to_region: '330106',
      updated_at: '2026-03-01T03:00:00.000Z',
      completed_at: '2026-03-02T00:00:00.000Z',
    };
    const { packed, back, json } = roundTrip(full, columnsOf(full, 12990, full.completed_at!));
    expect(back).toBe(json);
    // Written as sent where not canonical ("129.9", "0.5", "7"); canonical ones as minor units.
    expect(packed).toContain('"129.9"');
    expect(packed).toContain('"0.5"');
    expect(packed).toContain(',1230');
  });

  test('a completion time the order did not send stays out of its record (the column still has it)', () => {
    const refunded: OrderRecord = { ...base, status: 'refunded' };
    const columns = columnsOf(refunded, 12990, refunded.placed_at);
    const { back, json } = roundTrip(refunded, columns);
    expect(back).toBe(json);
    expect(JSON.parse(back)).not.toHaveProperty('completed_at');
  });

  test('items name their product by key once the writer has one: the record rebuilds the same', () => {
    const two: OrderRecord = {
      ...base,
      total: '194.85',
      items: [
        { sku: 'TEA-1', name: '龙井', category: '茶叶', quantity: 2, unit_price: '64.95' },
        { sku: 'TEA-1', name: '龙井', quantity: 1, unit_price: '64.95' },
      ],
    };
    const columns = columnsOf(two, 19485);
    const json = JSON.stringify(two);
    const table: Product[] = [];
    const keyOf = (id: string) => {
      const at = table.findIndex((q) => productId(...q) === id);
      return at >= 0 ? at : table.push(productOfId(id)) - 1;
    };
    const keyed = keyedPack(pack(two, columns, json), keyOf);
    // With and without a category are two products.
    expect(table).toEqual([
      ['TEA-1', '龙井', '茶叶'],
      ['TEA-1', '龙井', ''],
    ]);
    expect(keyed).toBe('[[[0,2,6495],[1,1,6495]],"b7f3c2a9"]');
    expect(JSON.stringify(unpack(keyed, columns, (key) => table[key]!))).toBe(json);
    // Without a product table a keyed pack cannot be read: never a silent wrong record.
    expect(() => unpack(keyed, columns)).toThrow(/without a product table/);
  });

  test('a record the pack cannot rebuild exactly is kept whole', () => {
    // A field the pack does not know (as a record from an older schema might have).
    const odd = { ...base, extra: 'kept' } as OrderRecord;
    const { packed, back, json } = roundTrip(odd, columnsOf(odd, 12990));
    expect(packed.startsWith('{')).toBe(true);
    expect(back).toBe(json);
  });

  test('the pack knows every field of the schema: one the schema gains fails here until the pack keeps it', () => {
    expect([...PACKED_FIELDS].sort()).toEqual(
      TRANSACTION_FIELDS.filter((f) => f !== 'correction_reason').sort(),
    );
    // Trace codes (issue 23) are the one exception, on purpose: rare, so an order with them is kept whole.
    expect([...PACKED_ITEM_FIELDS, 'trace_codes'].sort()).toEqual(Object.keys(ItemSchema.shape).sort());
  });

  test('orders as the schema gives them pack unchecked exactly as checked, and rebuild byte for byte', () => {
    const sellerIds = ['S-1', 'S-2', 'S-3'];
    let n = 0;
    for (const { record } of generateTransactions({ count: 2_000, sellerIds, seed: 9, idPrefix: 'P' })) {
      const result = validateTransactionRecord(record as Record<string, unknown>, new Date('2027-01-01'));
      if (!result.ok) continue;
      const { correction_reason: _c, totalMinor, refundedMinor, itemsMinor: _i, ...wire } = result.record;
      const json = JSON.stringify(wire);
      const columns: OrderColumns = {
        ...columnsOf(wire, totalMinor),
        refunded_minor: refundedMinor,
        completed_at: wire.completed_at ? Date.parse(wire.completed_at) : null,
      };
      const unchecked = pack(wire, columns);
      expect(unchecked).toEqual(pack(wire, columns, json));
      expect(unchecked.products).not.toBeNull();
      expect(JSON.stringify(unpack(inlinePack(unchecked), columns))).toBe(json);
      n++;
    }
    expect(n).toBeGreaterThan(1_500);
  });

  test('status codes are the index of the closed list, both ways, and refuse what is not in it', () => {
    expect(statusName(statusCode('partially_refunded'))).toBe('partially_refunded');
    expect(() => statusCode('lost')).toThrow(/unknown order status/);
    expect(() => statusName(99)).toThrow(/unknown order status code/);
  });
});
