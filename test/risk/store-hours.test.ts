import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { riskStore } from '../../src/risk/store.ts';
import { runRisk, runRiskPaced } from '../../src/risk/run.ts';
import { storesFrom } from '../../src/risk/signals/filing-gap.ts';
import { complaintsFrom } from '../../src/risk/signals/complaint-spike.ts';
import { brushingFrom } from '../../src/risk/signals/order-brushing.ts';
import type { StoreHourReads } from '../../src/risk/store-hours.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { gatewayIdentity, openTopology } from '../../src/transactions/clickhouse/schema.ts';
import {
  clickHouseMissing,
  startClickHouse,
  startClickHouseCluster,
  type TestClickHouse,
  type TestClickHouseCluster,
} from '../helpers/clickhouse.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/**
 * The store-hour aggregate the order rules read, with orders in ClickHouse (issue 21): summed there from
 * the facts each load carries, it answers what SQLite's folded aggregate answers for the same filings;
 * SQLite's aggregate moves there whole when a gateway moves to ClickHouse.
 */
const NOW = new Date('2026-06-20T00:00:00Z');

/** 12 orders in one hour from 2 buyers (order_brushing: few buyers), a quiet hour, and a store gone silent. */
function filings() {
  const burst = Array.from({ length: 12 }, (_, i) =>
    order('B', {
      order_id: `burst-${String(i).padStart(2, '0')}`,
      placed_at: `2026-06-10T14:${String(i * 4).padStart(2, '0')}:00+08:00`,
      buyer_ref: `buyer-${i % 2}`,
      total: '99.00',
    }),
  );
  const quiet = [order('B', { order_id: 'quiet-1', placed_at: '2026-06-11T09:00:00+08:00', buyer_ref: 'x' })];
  const silent = Array.from({ length: 25 }, (_, i) =>
    order('Q', {
      order_id: `silent-${i}`,
      placed_at: `2026-05-${String(1 + (i % 20)).padStart(2, '0')}T1${i % 10}:00:00+08:00`,
      buyer_ref: `b-${i}`,
    }),
  );
  return [burst, quiet, silent];
}

/** Everything the rules may ask, as plain data (the stores' answers compared). */
function answers(reads: StoreHourReads, platformOf: (id: number) => string) {
  const store = <T extends { platform_id: number }>(r: T) => ({
    ...r,
    platform_id: platformOf(r.platform_id),
  });
  const bySeller = (a: { seller_id: string }, b: { seller_id: string }) =>
    a.seller_id.localeCompare(b.seller_id);
  return {
    hours: [...reads.hours(brushingFrom(NOW))].map(store),
    orders: reads.ordersByStore(complaintsFrom(NOW)).map(store).sort(bySeller),
    last: reads
      .lastHours(storesFrom(NOW))
      .map((l) => ({ ...store(l), before: reads.ordersBefore(l.platform_id, l.seller_id, l.last_hour) }))
      .sort(bySeller),
  };
}

// One ClickHouse server; two servers as the shards of a cluster behind distributed tables.
describe.skipIf(clickHouseMissing).each(['clickhouse', 'clickhouse-cluster'])(
  'the store-hour aggregate in %s',
  (where) => {
    let server: TestClickHouse | undefined;
    let cluster: TestClickHouseCluster | undefined;
    let sqlite: TestGateway;
    let clickhouse: TestGateway;
    beforeAll(async () => {
      sqlite = testGateway();
      if (where === 'clickhouse') {
        server = await startClickHouse();
        clickhouse = testGateway({ transactionsUrl: await server.newDatabase() });
      } else {
        cluster = await startClickHouseCluster(2);
        const shards = await cluster.newDatabase();
        clickhouse = testGateway({
          transactionsUrl: shards[0],
          transactionsCluster: { name: cluster.cluster, shards },
        });
      }
      for (const t of [sqlite, clickhouse]) {
        await t.fileSellers(t.platformA.key, [
          enterprise({ seller_id: 'B' }),
          enterprise({ seller_id: 'Q' }),
        ]);
        for (const f of filings()) expect((await t.fileTransactions(f)).status).toBe(201);
      }
      runRisk(sqlite.gw, { signals: [], now: NOW });
    });
    afterAll(async () => {
      await sqlite?.close();
      await clickhouse?.close();
      await server?.close();
      await cluster?.close();
    });

    test('answers what SQLite answers for the same filings, corrections included', async () => {
      const same = async () => {
        const fromSqlite = answers(await sqlite.gw.orders.riskHours(NOW), () => 'A');
        const fromClickHouse = answers(await clickhouse.gw.orders.riskHours(NOW), () => 'A');
        expect(fromClickHouse).toEqual(fromSqlite);
        return fromClickHouse;
      };
      const first = await same();
      expect(first.hours.find((h) => h.hour === '2026-06-10T14')).toMatchObject({
        seller_id: 'B',
        orders: 12,
        buyers: 2,
        top_amount_orders: 12,
      });
      expect(first.last.map((l) => l.before)).toEqual([13, 25]);
      // Corrections: three burst orders from a third buyer at another total, one cancelled at once.
      const burst = filings()[0]!;
      const corrected = [
        ...burst
          .slice(0, 3)
          .map((o) => ({ ...o, buyer_ref: 'buyer-new', total: '5.00', correction_reason: 'fixed' })),
        { ...burst[5]!, status: 'cancelled', updated_at: '2026-06-10T14:25:00+08:00' },
      ];
      for (const t of [sqlite, clickhouse]) expect((await t.fileTransactions(corrected)).status).toBe(201);
      runRisk(sqlite.gw, { signals: [], now: NOW });
      const second = await same();
      expect(second.hours.find((h) => h.hour === '2026-06-10T14')).toMatchObject({
        orders: 12,
        buyers: 3,
        top_amount_orders: 9,
        quick_reversals: 1,
      });
      // The evidence: orders whose latest version is in the hour; one moved to another hour is not.
      const evidence = async (t: TestGateway) =>
        (await t.gw.orders.riskHours(NOW)).evidence(1, 'B', '2026-06-10T14');
      expect(await evidence(clickhouse)).toEqual(burst.slice(0, 10).map((o) => o.order_id));
      const moved = {
        ...burst[1]!,
        placed_at: '2026-06-10T16:00:00+08:00',
        correction_reason: 'placed later',
      };
      for (const t of [sqlite, clickhouse]) expect((await t.fileTransactions([moved])).status).toBe(201);
      runRisk(sqlite.gw, { signals: [], now: NOW });
      await same();
      const [fromSqlite, fromClickHouse] = [await evidence(sqlite), await evidence(clickhouse)];
      expect(fromClickHouse).toEqual(
        burst
          .filter((o) => o !== burst[1])
          .slice(0, 10)
          .map((o) => o.order_id),
      );
      // SQLite's sketch keeps the first ten it met, and does not refill: fewer, none that moved away.
      for (const id of fromSqlite) expect(fromClickHouse).toContain(id);
      expect(fromSqlite).not.toContain(burst[1]!.order_id);
    });

    test('order_brushing fires from ClickHouse with the hour’s orders as evidence', async () => {
      const report = await runRiskPaced(clickhouse.gw, {
        now: NOW,
        signals: ['order_brushing'],
        lockGapMs: 1,
      });
      expect(report.signals[0]).toMatchObject({ signal: 'order_brushing', fired: 1 });
      const platformId = clickhouse.gw.db
        .prepare<[string], number>('SELECT id FROM platforms WHERE slug = ?')
        .pluck()
        .get(clickhouse.platformA.slug);
      const warning = riskStore(clickhouse.gw.db).byTarget('order_brushing', `store:${platformId}:B`);
      const evidence = JSON.parse(warning!.evidence) as { orders: { ids: string[]; total: number } };
      expect(evidence.orders.total).toBe(11); // one of the twelve moved to another hour
      expect(evidence.orders.ids).toHaveLength(10);
      for (const id of evidence.orders.ids) expect(id).toMatch(/^burst-(00|0[2-9]|1[01])$/);
    });
  },
);

describe.skipIf(clickHouseMissing)('moving a gateway’s store-hours to ClickHouse', () => {
  let server: TestClickHouse;
  beforeAll(async () => {
    server = await startClickHouse();
  });
  afterAll(() => server?.close());

  test('SQLite’s folded hours are carried over once, whole, and later versions take their part out', async () => {
    const before = testGateway();
    await before.fileSellers(before.platformA.key, [
      enterprise({ seller_id: 'B' }),
      enterprise({ seller_id: 'Q' }),
    ]);
    for (const f of filings()) expect((await before.fileTransactions(f)).status).toBe(201);
    runRisk(before.gw, { signals: [], now: NOW });
    const expected = answers(await before.gw.orders.riskHours(NOW), String);
    const dataDir = before.gw.config.dataDir;
    await before.gw.close(); // its data folder kept, for the gateway that moves to ClickHouse

    const url = await server.newDatabase();
    const after = testGateway({ dataDir, transactionsUrl: url });
    try {
      await after.gw.orders.settled();
      const db = after.gw.db;
      expect(db.prepare('SELECT count(*) FROM risk_store_hours').pluck().get()).toBe(0);
      expect(db.prepare('SELECT moved_at FROM risk_hours_moved').pluck().get()).toEqual(expect.any(String));
      expect(answers(await after.gw.orders.riskHours(NOW), String)).toEqual(expected);

      // A crash after ClickHouse committed the move and before SQLite recorded it: moved again, it is
      // not carried twice.
      const topology = openTopology({ url, gateway: gatewayIdentity(db) }, db);
      db.prepare('UPDATE risk_hours_moved SET moved_at = NULL').run();
      db.prepare(
        `INSERT INTO risk_store_hours VALUES (1, 'B', '2026-06-10T14', 12, 2, 12, 0, '{"b":{"1":12},"a":{"9900":12},"o":[]}')`,
      ).run();
      expect(await new TransactionLoader(topology, db).moveRiskHours()).toEqual({ hours: 1, rows: 0 });
      await topology.close();
      expect(answers(await after.gw.orders.riskHours(NOW), String)).toEqual(expected);

      // A version filed after the move takes out the part its order had in the carried hours.
      const burst = filings()[0]!;
      expect(
        (
          await after.fileTransactions(
            [{ ...burst[0]!, buyer_ref: 'buyer-new', correction_reason: 'fixed' }],
            before.platformA.key,
          )
        ).status,
      ).toBe(201);
      const hour = [...(await after.gw.orders.riskHours(NOW)).hours(brushingFrom(NOW))].find(
        (h) => h.hour === '2026-06-10T14',
      );
      expect(hour).toMatchObject({ orders: 12, buyers: 3, top_amount_orders: 12 });
    } finally {
      await after.close();
    }
  });
});
