import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

// Issue 14: a record nested 3,500 levels deep (10 KB) overflowed the stack when it was cloned to the
// check worker; the filing answered 500 and the valid records beside it were not filed.
let t: TestGateway;
beforeAll(async () => {
  t = testGateway();
  const res = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'DEEP-S' })]);
  expect(res.status, res.text).toBe(201);
});
afterAll(() => t.close());

/** A record whose `field` holds `levels` nested arrays: `levels + 1` deep with the record. */
const deepRecord = (field: string, levels: number) =>
  `{"${field}":${'['.repeat(levels)}"x"${']'.repeat(levels)}}`;

const KINDS = {
  sellers: {
    url: '/v1/sellers',
    valid: () => enterprise(),
    id: (r: Record<string, unknown>) => `/v1/sellers/${String(r.seller_id)}`,
    deepField: 'legal_name',
  },
  transactions: {
    url: '/v1/transactions',
    valid: () => order('DEEP-S'),
    id: (r: Record<string, unknown>) => `/v1/transactions/${String(r.order_id)}`,
    deepField: 'items',
  },
} as const;

function bodyOf(type: 'json' | 'ndjson', records: string[]): { type: string; body: string } {
  return type === 'json'
    ? { type: 'application/json', body: `[${records.join(',\n')}]` }
    : { type: 'application/x-ndjson', body: records.map((r) => `${r}\n`).join('') };
}

describe.each(Object.entries(KINDS))('%s', (_kind, kind) => {
  describe.each(['json', 'ndjson'] as const)('as %s', (format) => {
    // 30,000 levels (60 KB) still fit within a seller line's 64 KiB: longer lines are record_too_large.
    test.each([3_500, 30_000])(
      'a record %i levels deep between two valid ones: 201, the two filed, one record_too_deep',
      async (levels) => {
        const [first, last] = [kind.valid(), kind.valid()];
        const { type, body } = bodyOf(format, [
          JSON.stringify(first),
          deepRecord(kind.deepField, levels),
          JSON.stringify(last),
        ]);
        const res = await t.call('POST', kind.url, { key: t.platformA.key, type, body });
        expect(res.status, res.text).toBe(201);
        expect(res.json.counts, res.text).toMatchObject({ received: 3, created: 2, rejected: 1 });
        expect(res.json.errors).toEqual([
          {
            ...(format === 'json' ? { index: 1 } : { line: 2 }),
            [kind === KINDS.sellers ? 'seller_id' : 'order_id']: null,
            field: null,
            code: 'record_too_deep',
            message: 'the record nests objects and arrays more than 16 levels deep',
          },
        ]);
        const key = await t.call('GET', '/v1/receipt-key');
        expect(verifyReceipt(res.json, key.json.public_key_pem)).toEqual({ valid: true, complete: true });
        for (const r of [first, last]) {
          const got = await t.call('GET', kind.id(r), { key: t.platformA.key });
          expect(got.status, got.text).toBe(200);
        }
      },
    );
  });

  test('a deep record in {"records": [...]} is refused alone too', async () => {
    const valid = kind.valid();
    const body = `{"records":[${JSON.stringify(valid)},${deepRecord(kind.deepField, 3_500)}]}`;
    const res = await t.call('POST', kind.url, { key: t.platformA.key, type: 'application/json', body });
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 2, created: 1, rejected: 1 });
    expect(res.json.errors).toMatchObject([{ index: 1, code: 'record_too_deep' }]);
  });

  test('with ?atomic=true the deep record refuses the filing as a whole, with its error', async () => {
    const { type, body } = bodyOf('ndjson', [
      JSON.stringify(kind.valid()),
      deepRecord(kind.deepField, 3_500),
    ]);
    const res = await t.call('POST', `${kind.url}?atomic=true`, { key: t.platformA.key, type, body });
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('atomic_filing_rejected');
    expect(res.json.receipt.errors).toMatchObject([{ line: 2, code: 'record_too_deep' }]);
  });
});
