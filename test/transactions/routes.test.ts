import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { enterprise, naturalPerson, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';
import {
  STORES,
  startClickHouse,
  startClickHouseCluster,
  type TestClickHouse,
  type TestClickHouseCluster,
} from '../helpers/clickhouse.ts';

/**
 * The transactions API over both stores (issue 21): SQLite, and ClickHouse (MARKETGATE_TRANSACTIONS_URL)
 * with every filing loaded there and removed from SQLite before the next request (test/helpers/gateway.ts),
 * so that reads, history and the comparison of re-filed orders go through ClickHouse.
 */
let t: TestGateway;
const sellerA = enterprise({ seller_id: 'TX-A' });
const sellerB = enterprise({ seller_id: 'TX-B' });
let server: TestClickHouse | undefined;
let cluster: TestClickHouseCluster | undefined;
let shardUrls: string[] = [];
afterAll(async () => {
  await server?.close();
  await cluster?.close();
});

// SQLite; one ClickHouse server; two servers as the shards of a cluster behind a distributed table.
describe.each([...STORES, ...(STORES.includes('clickhouse') ? ['clickhouse-cluster'] : [])])(
  'with orders in %s',
  (store) => {
    beforeAll(async () => {
      if (store === 'clickhouse') server ??= await startClickHouse();
      if (store === 'clickhouse-cluster') {
        cluster ??= await startClickHouseCluster(2);
        const shards = await cluster.newDatabase();
        shardUrls = shards;
        t = testGateway({
          transactionsUrl: shards[0],
          transactionsCluster: { name: cluster.cluster, shards },
        });
      } else
        t = testGateway({
          transactionsUrl: store === 'clickhouse' ? await server!.newDatabase() : undefined,
        });
      expect(
        (await t.fileSellers(t.platformA.key, [sellerA, enterprise({ seller_id: 'TX-A2' })])).status,
      ).toBe(201);
      expect((await t.fileSellers(t.platformB.key, [sellerB])).status).toBe(201);
    });
    afterAll(() => t.close());

    const file = (
      key: string,
      records: unknown[],
      opts: { type?: string; query?: string; idempotencyKey?: string } = {},
    ) => {
      const type = opts.type ?? 'application/x-ndjson';
      const body = type === 'application/json' ? JSON.stringify(records) : ndjson(records);
      const headers: Record<string, string> = opts.idempotencyKey
        ? { 'idempotency-key': opts.idempotencyKey }
        : {};
      return t.call('POST', `/v1/transactions${opts.query ?? ''}`, { key, type, body, headers });
    };
    const getOrder = (key: string, id: string) => t.call('GET', `/v1/transactions/${id}`, { key });

    describe('filing transactions', () => {
      test('NDJSON orders are filed with a signed receipt and can be read back', async () => {
        const o = order('TX-A');
        const res = await file(t.platformA.key, [
          o,
          order('TX-A', {
            currency: 'JPY',
            total: '1500',
            items: [{ sku: 'x', name: 'y', quantity: 3, unit_price: '500' }],
          }),
        ]);
        expect(res.status, res.text).toBe(201);
        expect(res.json).toMatchObject({
          kind: 'transactions',
          counts: { received: 2, created: 2, rejected: 0 },
          warnings: [],
        });
        const key = await t.call('GET', '/v1/receipt-key');
        expect(verifyReceipt(res.json, key.json.public_key_pem)).toEqual({ valid: true, complete: true });
        const got = await getOrder(t.platformA.key, o.order_id);
        expect(got.status, got.text).toBe(200);
        expect(got.json).toMatchObject({
          order_id: o.order_id,
          version_count: 1,
          current: { status: 'paid', filing_id: res.json.filing_id },
        });
        expect(got.json.current.record).toMatchObject({
          total: '129.90',
          placed_at: '2026-03-01T02:00:00.000Z',
          items: o.items,
        });
      });

      test('a JSON array is accepted too; CSV is not', async () => {
        const res = await file(t.platformA.key, [order('TX-A')], { type: 'application/json' });
        expect(res.status, res.text).toBe(201);
        const csv = await t.call('POST', '/v1/transactions', {
          key: t.platformA.key,
          type: 'text/csv',
          body: 'order_id\nx\n',
        });
        expect(csv.status).toBe(415);
      });

      test('filing an order again records its status changes; the same again is unchanged', async () => {
        const o = order('TX-A');
        await file(t.platformA.key, [o]);
        const same = await file(t.platformA.key, [o]);
        expect(same.json.counts).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
        const shipped = await file(t.platformA.key, [
          { ...o, status: 'shipped', updated_at: '2026-03-02T09:00:00+08:00' },
        ]);
        expect(shipped.json.counts).toMatchObject({ updated: 1 });
        const done = await file(t.platformA.key, [
          { ...o, status: 'completed', completed_at: '2026-03-05T09:00:00+08:00' },
        ]);
        expect(done.json.counts).toMatchObject({ updated: 1 });
        const got = await getOrder(t.platformA.key, o.order_id);
        expect(got.json.version_count).toBe(3);
        expect(got.json.history.map((v: { status: string }) => v.status)).toEqual([
          'completed',
          'shipped',
          'paid',
        ]);
      });

      test('seller_id and placed_at change only with a correction_reason, which the history keeps', async () => {
        const o = order('TX-A');
        await file(t.platformA.key, [o]);
        const moved = await file(t.platformA.key, [{ ...o, seller_id: 'TX-A2' }]);
        expect(moved.json.counts.rejected).toBe(1);
        expect(moved.json.errors[0]).toMatchObject({
          line: 1,
          order_id: o.order_id,
          field: 'seller_id',
          code: 'immutable_field_changed',
        });
        const redated = await file(t.platformA.key, [{ ...o, placed_at: '2026-03-01T11:00:00+08:00' }]);
        expect(redated.json.errors[0]).toMatchObject({ field: 'placed_at', code: 'immutable_field_changed' });
        const corrected = await file(t.platformA.key, [
          { ...o, seller_id: 'TX-A2', correction_reason: 'filed under the wrong store' },
        ]);
        expect(corrected.json.counts, corrected.text).toMatchObject({ updated: 1, rejected: 0 });
        const got = await getOrder(t.platformA.key, o.order_id);
        expect(got.json.current).toMatchObject({
          correction_reason: 'filed under the wrong store',
          record: { seller_id: 'TX-A2' },
        });
        expect(got.json.history[1].record.seller_id).toBe('TX-A');
      });

      test('orders of sellers the platform has not filed are rejected as unknown_seller', async () => {
        const res = await file(t.platformA.key, [order('NEVER-FILED'), order('TX-B')]);
        expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual([
          'unknown_seller',
          'unknown_seller',
        ]);
      });

      test('items that do not add up give a total_mismatch warning and the order is filed as given', async () => {
        const o = order('TX-A', { total: '100.00' });
        const res = await file(t.platformA.key, [o]);
        expect(res.json.counts).toMatchObject({ created: 1, rejected: 0 });
        expect(res.json.warnings).toEqual([
          expect.objectContaining({ line: 1, order_id: o.order_id, code: 'total_mismatch' }),
        ]);
        expect((await getOrder(t.platformA.key, o.order_id)).json.current.record.total).toBe('100.00');
      });

      test('an order twice in one filing: the first is filed, the second rejected', async () => {
        const o = order('TX-A');
        const filler = Array.from({ length: 1500 }, () => order('TX-A'));
        const res = await file(t.platformA.key, [o, ...filler, { ...o, status: 'shipped' }]);
        expect(res.json.counts).toMatchObject({ created: 1501, rejected: 1 });
        expect(res.json.errors[0]).toMatchObject({ line: 1502, code: 'duplicate_in_filing' });
      });

      test('a buyer_ref that looks like personal data is refused without echoing it', async () => {
        const res = await file(t.platformA.key, [
          order('TX-A', { buyer_ref: '+86 138-1234-5678' }),
          order('TX-A', { buyer_ref: 'a@b.cn' }),
        ]);
        expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual([
          'personal_data_in_pseudonym',
          'personal_data_in_pseudonym',
        ]);
        expect(res.text).not.toContain('1234-5678');
        expect(res.text).not.toContain('a@b.cn');
      });
    });

    describe('isolation and retries', () => {
      test("another platform's orders answer 404", async () => {
        const o = order('TX-A');
        await file(t.platformA.key, [o]);
        expect((await getOrder(t.platformA.key, o.order_id)).status).toBe(200);
        const other = await getOrder(t.platformB.key, o.order_id);
        expect(other.status).toBe(404);
        expect(other.json.code).toBe('not_found');
        expect((await getOrder(t.regulator.token, o.order_id)).status).toBe(403);
        expect((await t.call('GET', `/v1/transactions/${o.order_id}`)).status).toBe(401);
      });

      test('the same Idempotency-Key and body replays the receipt; another body is refused', async () => {
        const records = [order('TX-A'), order('TX-A')];
        const first = await file(t.platformA.key, records, { idempotencyKey: 'tx-batch-1' });
        const again = await file(t.platformA.key, records, { idempotencyKey: 'tx-batch-1' });
        expect(again.status).toBe(200);
        expect(again.json).toEqual(first.json);
        const other = await file(t.platformA.key, [order('TX-A')], { idempotencyKey: 'tx-batch-1' });
        expect(other.status).toBe(422);
        expect(other.json.code).toBe('idempotency_key_reused');
      });

      test('?atomic=true with a bad record files none of the orders', async () => {
        const good = order('TX-A');
        const res = await file(t.platformA.key, [good, order('TX-A', { status: 'lost' })], {
          query: '?atomic=true',
        });
        expect(res.status, res.text).toBe(422);
        expect(res.json.receipt).toMatchObject({ applied: false, counts: { created: 0, rejected: 1 } });
        expect((await getOrder(t.platformA.key, good.order_id)).status).toBe(404);
        const staged = t.gw.db
          .prepare(
            'SELECT count(*) FROM transaction_versions WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?)',
          )
          .pluck()
          .get(res.json.receipt.filing_id);
        expect(staged).toBe(0);
      });

      test('more than 1,000 errors: the response carries the first 1,000 and pages the rest', async () => {
        const bad = Array.from({ length: 1203 }, () => order('TX-A', { currency: 'RMB' }));
        const res = await file(t.platformA.key, bad);
        expect(res.json.counts.rejected).toBe(1203);
        expect(res.json.errors).toHaveLength(1000);
        expect(res.json.errors_page).toMatchObject({
          total: 1203,
          next: expect.stringContaining('errors_offset=1000'),
        });
        const rest = await t.call('GET', res.json.errors_page.next, { key: t.platformA.key });
        expect(rest.json.errors).toHaveLength(203);
        expect(rest.json.errors[202].line).toBe(1203);
        const all = await t.call('GET', `/v1/filings/${res.json.filing_id}?errors_limit=5000`, {
          key: t.platformA.key,
        });
        const key = await t.call('GET', '/v1/receipt-key');
        expect(verifyReceipt(all.json, key.json.public_key_pem)).toEqual({ valid: true, complete: true });
      });
    });

    describe('what the regulator gets', () => {
      test('natural persons over the yearly threshold, summed across platforms, with each store', async () => {
        // One person sells on both platforms: 60,000 + 50,000 CNY passes 100,000; the other stays under.
        const id = '440524188001010014';
        await t.fileSellers(t.platformA.key, [
          naturalPerson({ seller_id: 'NP-1', id_number: id }),
          naturalPerson({ seller_id: 'NP-LOW', id_number: '11010519491231002X' }),
        ]);
        await t.fileSellers(t.platformB.key, [naturalPerson({ seller_id: 'NP-2', id_number: id })]);
        const big = (seller: string, total: string) =>
          order(seller, {
            total,
            items: [{ sku: 'x', name: 'x', quantity: 1, unit_price: total }],
            placed_at: '2025-06-01T10:00:00+08:00',
          });
        await file(t.platformA.key, [
          big('NP-1', '60000.00'),
          big('NP-LOW', '99000.00'),
          { ...big('NP-1', '5000.00'), status: 'cancelled' },
        ]);
        await file(t.platformB.key, [
          big('NP-2', '50000.00'),
          { ...big('NP-2', '10000.00'), status: 'refunded' },
        ]);
        // An order in another year does not count for 2025.
        await file(t.platformA.key, [
          order('NP-LOW', {
            total: '5000.00',
            items: [{ sku: 'x', name: 'x', quantity: 1, unit_price: '5000.00' }],
            placed_at: '2026-01-01T00:30:00+08:00',
          }),
        ]);

        const res = await t.call('GET', '/v1/regulator/sellers/over-threshold?year=2025', {
          key: t.regulator.token,
        });
        expect(res.status, res.text).toBe(200);
        expect(res.json.threshold).toBe('100000.00');
        expect(res.json.subjects).toHaveLength(1);
        const [subject] = res.json.subjects;
        expect(subject.net_sales).toBe('110000.00');
        expect(
          subject.sellers.map((s: { platform: string; seller_id: string; net_sales: string }) => [
            s.platform,
            s.seller_id,
            s.net_sales,
          ]),
        ).toEqual([
          [t.platformA.slug, 'NP-1', '60000.00'],
          [t.platformB.slug, 'NP-2', '50000.00'],
        ]);
        const next = await t.call('GET', '/v1/regulator/sellers/over-threshold?year=2026', {
          key: t.regulator.token,
        });
        expect(next.json.subjects).toEqual([]);
      });

      test('the monthly statistics follow status changes instead of counting an order twice', async () => {
        const o = order('TX-A2', { placed_at: '2024-02-10T10:00:00+08:00' });
        await file(t.platformA.key, [o]);
        await file(t.platformA.key, [{ ...o, status: 'refunded' }]);
        const [stats] = (await t.gw.orders.stats(1, 'TX-A2')).filter((s) => s.month === '2024-02');
        expect(stats).toMatchObject({
          orders: 1,
          gross_minor: 12990,
          refunds_minor: 12990,
          refunded_orders: 1,
        });
        await file(t.platformA.key, [{ ...o, status: 'cancelled' }]);
        // Nothing left in the month: no row for it (its deltas summed to nothing, in either store).
        const months = (await t.gw.orders.stats(1, 'TX-A2')).map((s) => s.month);
        expect(months.length).toBeGreaterThan(0);
        expect(months).not.toContain('2024-02');
      });

      test('the report is for regulators only, and the year is checked', async () => {
        expect(
          (await t.call('GET', '/v1/regulator/sellers/over-threshold?year=2025', { key: t.platformA.key }))
            .status,
        ).toBe(403);
        expect((await t.call('GET', '/v1/regulator/sellers/over-threshold?year=2025')).status).toBe(401);
        const bad = await t.call('GET', '/v1/regulator/sellers/over-threshold?year=abc', {
          key: t.regulator.token,
        });
        expect(bad.status).toBe(400);
        expect(bad.json.code).toBe('invalid_parameter');
      });
    });

    if (store === 'clickhouse-cluster')
      test('the versions are spread over both shards', async () => {
        expect(shardUrls).toHaveLength(2);
        for (const url of shardUrls) {
          const ch = new ClickHouse(url);
          try {
            const [row] = await ch.query<{ n: string }>('SELECT count() AS n FROM order_versions_local');
            expect(Number(row!.n)).toBeGreaterThan(0);
          } finally {
            await ch.close();
          }
        }
      });
  },
);
