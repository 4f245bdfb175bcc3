import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import {
  createSchema,
  dropExpiredMonths,
  type Topology,
  visibleLoads,
  watermark,
} from '../../src/transactions/clickhouse/schema.ts';
import {
  clickHouseMissing,
  startClickHouse,
  startClickHouseCluster,
  type TestClickHouse,
  type TestClickHouseCluster,
} from '../helpers/clickhouse.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';

/**
 * The loader (docs/decisions/0021): a published filing moves from SQLite to ClickHouse visible whole and
 * exactly once, through a crash of ClickHouse, an attempt cut off halfway, and on two shards.
 */
const SELLERS = ['L-1', 'L-2', 'L-3', 'L-4'];

/** A gateway whose platform A has filed the sellers the orders are of. */
async function gatewayWithSellers(): Promise<TestGateway> {
  const t = testGateway();
  const res = await t.fileSellers(
    t.platformA.key,
    SELLERS.map((s) => enterprise({ seller_id: s })),
  );
  expect(res.status, res.text).toBe(201);
  return t;
}

async function fileOrders(t: TestGateway, count: number): Promise<string> {
  const orders = Array.from({ length: count }, (_, i) => order(SELLERS[i % SELLERS.length]!));
  const res = await t.fileTransactions(orders);
  expect(res.status, res.text).toBe(201);
  return res.json.filing_id as string;
}

function sqliteVersions(t: TestGateway, filingId: string) {
  return t.gw.db
    .prepare<[string], { seq: number; order_id: string; pack: string }>(
      `SELECT seq, order_id, pack FROM transaction_versions
       WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?) ORDER BY seq`,
    )
    .all(filingId);
}

async function visible(topology: Topology, filingId?: string) {
  const mark = await watermark(topology);
  return topology.ch.query<{ seq: string; order_id: string; pack: string }>(
    `SELECT seq, order_id, pack FROM order_versions
     WHERE ${visibleLoads(topology, mark)} ${filingId ? 'AND filing = {filing:String}' : ''} ORDER BY seq`,
    filingId ? { filing: filingId } : {},
  );
}

const rawCount = async (ch: ClickHouse, table = 'order_versions') =>
  Number((await ch.query<{ n: string }>(`SELECT count() AS n FROM ${table}`))[0]!.n);

describe.skipIf(clickHouseMissing)('loading filings into one ClickHouse server', () => {
  let t: TestGateway;
  let server: TestClickHouse;
  let ch: ClickHouse;
  let topology: Topology;
  let loader: TransactionLoader;

  beforeAll(async () => {
    t = await gatewayWithSellers();
    server = await startClickHouse();
    ch = new ClickHouse(server.url);
    topology = { ch };
    await createSchema(topology);
    loader = new TransactionLoader(topology, t.gw.db);
  });
  afterAll(async () => {
    await ch?.close();
    await server?.close();
    await t?.close();
  });

  it('moves a published filing whole, once: visible in ClickHouse, gone from SQLite, a second load moves nothing', async () => {
    const filing = await fileOrders(t, 300);
    const before = sqliteVersions(t, filing);
    expect(before).toHaveLength(300);
    const loaded = await loader.load(filing);
    expect(loaded.rows).toBe(300);
    expect((await visible(topology, filing)).map((v) => [Number(v.seq), v.order_id, v.pack])).toEqual(
      before.map((v) => [v.seq, v.order_id, v.pack]),
    );
    expect(sqliteVersions(t, filing)).toEqual([]);
    expect(await loader.load(filing)).toEqual({ load: loaded.load, rows: 0 });
    expect(await visible(topology, filing)).toHaveLength(300);
  });

  it('refuses a filing that is not published (still streaming in, or cut off)', async () => {
    t.gw.filings.insertStage({
      id: 'STAGED-1',
      platform_id: 1,
      kind: 'transactions',
      idempotency_key: null,
      started_at: new Date().toISOString(),
    });
    await expect(loader.load('STAGED-1')).rejects.toThrow(/not published/);
    expect(await visible(topology, 'STAGED-1')).toEqual([]);
  });

  it('through a crash of ClickHouse and an attempt cut off halfway, the filing is seen exactly once', async () => {
    const filing = await fileOrders(t, 200);
    const before = sqliteVersions(t, filing);
    // ClickHouse down: the load fails and changes nothing.
    server.kill();
    await expect(loader.load(filing)).rejects.toThrow();
    await server.restart();
    expect(sqliteVersions(t, filing)).toHaveLength(200);
    // What a gateway cut off in the middle of an insert leaves (18.16 keeps a body cut at a row
    // boundary): an attempt taken, some of the filing's rows under its id, no `loads` row.
    const attempt = {
      load: Number(
        t.gw.db
          .prepare('INSERT INTO clickhouse_loads (filing, started_at) VALUES (?, ?)')
          .run(filing, new Date().toISOString()).lastInsertRowid,
      ),
    };
    await ch.insert(
      'order_versions',
      before.slice(0, 50).map((v) => ({
        platform_id: 1,
        order_id: v.order_id,
        seq: v.seq,
        load: String(attempt.load),
        filing,
        seller_id: 'L-1',
        placed_at: 0,
        status: 1,
        currency: 'CNY',
        total_minor: 1,
        refunded_minor: 0,
        completed_at: null,
        digest_hi: '0',
        digest_lo: '0',
        pack: v.pack,
        correction_reason: '',
      })),
      { format: 'JSONEachRow' },
    );
    expect(await visible(topology, filing)).toEqual([]);
    expect(sqliteVersions(t, filing)).toHaveLength(200);

    const loaded = await loader.load(filing);
    expect(loaded.rows).toBe(200);
    expect(BigInt(attempt.load)).toBeLessThan(loaded.load);
    const seen = await visible(topology, filing);
    expect(seen.map((v) => Number(v.seq))).toEqual(before.map((v) => v.seq));
    // The leftovers are there, unread, until the watermark passes their attempt.
    const total = await rawCount(ch);
    expect(total).toBe(300 + 200 + 50);
    const mark = await loader.advanceWatermark();
    expect(mark).toBe(loaded.load);
    expect(await rawCount(ch)).toBe(300 + 200);
    expect(await visible(topology)).toHaveLength(500);
    expect(
      t.gw.db.prepare('SELECT outcome FROM clickhouse_loads WHERE load = ?').pluck().get(attempt.load),
    ).toBe('removed');
  });

  it('loads a filing larger than one INSERT in several, under one load: all of it, once', async () => {
    const filing = await fileOrders(t, 250);
    const before = sqliteVersions(t, filing);
    // 100 rows an INSERT: three requests (100, 100, 50), one load id, one `loads` row.
    const loaded = await new TransactionLoader(topology, t.gw.db, 100).load(filing);
    expect(loaded.rows).toBe(250);
    expect((await visible(topology, filing)).map((v) => [Number(v.seq), v.order_id, v.pack])).toEqual(
      before.map((v) => [v.seq, v.order_id, v.pack]),
    );
    const loads = await ch.query<{ load: string; n: string }>(
      'SELECT load, count() AS n FROM order_versions WHERE filing = {filing:String} GROUP BY load',
      { filing },
    );
    expect(loads).toEqual([{ load: String(loaded.load), n: '250' }]);
  });
});

describe.skipIf(clickHouseMissing)('retention by month partitions', () => {
  let t: TestGateway;
  let server: TestClickHouse;
  let ch: ClickHouse;

  beforeAll(async () => {
    t = await gatewayWithSellers();
    server = await startClickHouse();
    ch = new ClickHouse(server.url);
  });
  afterAll(async () => {
    await ch?.close();
    await server?.close();
    await t?.close();
  });

  it('drops a month whose orders all finished before the cutoff, keeps one with an order still open', async () => {
    const topology: Topology = { ch };
    await createSchema(topology);
    const at = (day: string) => `${day}T10:00:00+08:00`;
    const finished = (placed: string) =>
      order('L-1', { placed_at: at(placed), status: 'completed', completed_at: at(placed) });
    const records = [
      finished('2022-03-02'),
      finished('2022-03-30'),
      finished('2022-04-01'),
      order('L-2', { placed_at: at('2022-04-15'), status: 'paid' }),
      finished('2025-12-05'),
    ];
    const res = await t.fileTransactions(records);
    expect(res.status, res.text).toBe(201);
    await new TransactionLoader(topology, t.gw.db).load(res.json.filing_id as string);
    expect(await rawCount(ch)).toBe(5);

    const report = await dropExpiredMonths(topology, new Date('2025-12-01T00:00:00Z'));
    expect(report).toEqual({ dropped: ['202203'], kept: [{ month: '202204', open_orders: 1 }] });
    const left = await ch.query<{ order_id: string }>('SELECT order_id FROM order_versions ORDER BY seq');
    expect(left.map((r) => r.order_id)).toEqual(records.slice(2).map((r) => r.order_id));
  });
});

describe.skipIf(clickHouseMissing)('loading filings into two shards behind a Distributed table', () => {
  let t: TestGateway;
  let cluster: TestClickHouseCluster;
  let shards: ClickHouse[];
  let topology: Topology;

  beforeAll(async () => {
    t = await gatewayWithSellers();
    cluster = await startClickHouseCluster(2);
    shards = cluster.shards.map((s) => new ClickHouse(s.url));
    topology = { ch: shards[0]!, cluster: { name: cluster.cluster, shards } };
    await createSchema(topology);
  });
  afterAll(async () => {
    await Promise.all((shards ?? []).map((s) => s.close()));
    await cluster?.close();
    await t?.close();
  });

  it('spreads a filing over the shards by seller, and shows it whole through the Distributed table', async () => {
    const filing = await fileOrders(t, 400);
    const before = sqliteVersions(t, filing);
    const loader = new TransactionLoader(topology, t.gw.db);
    expect((await loader.load(filing)).rows).toBe(400);
    const perShard = await Promise.all(shards.map((s) => rawCount(s, 'order_versions_local')));
    expect(perShard[0]! + perShard[1]!).toBe(400);
    expect(perShard.every((n) => n > 0)).toBe(true);
    // A seller's orders are all on one shard.
    for (const shard of shards) {
      const sellers = await shard.query<{ seller_id: string }>(
        'SELECT DISTINCT seller_id FROM order_versions_local',
      );
      for (const other of shards.filter((s) => s !== shard)) {
        const theirs = await other.query<{ seller_id: string }>(
          'SELECT DISTINCT seller_id FROM order_versions_local',
        );
        expect(sellers.filter((s) => theirs.some((o) => o.seller_id === s.seller_id))).toEqual([]);
      }
    }
    expect((await visible(topology, filing)).map((v) => Number(v.seq))).toEqual(before.map((v) => v.seq));
  });
});
