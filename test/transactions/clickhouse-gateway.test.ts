import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { backupDataFolder } from '../../src/backup/backup.ts';
import { restoreBackup } from '../../src/backup/restore.ts';
import { accountsStore } from '../../src/accounts/store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
import { ClickHouse } from '../../src/transactions/clickhouse/client.ts';
import { runRiskNow } from '../../src/risk/run.ts';
import { RISK_HOURS_LOAD, TransactionLoader } from '../../src/transactions/clickhouse/loader.ts';
import { ClickHouseStats } from '../../src/transactions/clickhouse/stats.ts';
import { clickHouseMissing, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';
import { enterprise, naturalPerson, type TestGateway, tempDir, testGateway } from '../helpers/gateway.ts';
import { startGatewayProcess } from '../helpers/gateway-process.ts';
import { ndjson, order } from '../helpers/orders.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * The gateway with MARKETGATE_TRANSACTIONS_URL (issue 21, decision 0021): what the shared suite
 * (routes.test.ts over both stores) does not reach — a complaint about an order only ClickHouse has,
 * the SQLite copy kept while a filing that began before the load is open, ClickHouse away, and the
 * gateway killed while it loads.
 */

let server: TestClickHouse;
beforeAll(async () => {
  server = await startClickHouse();
});
afterAll(() => server?.close());

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const t of gateways.splice(0)) await t.close();
});

async function gateway() {
  const t = testGateway({ transactionsUrl: await server.newDatabase() });
  gateways.push(t);
  expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'CH-S' })])).status).toBe(201);
  return t;
}

const outbox = (t: TestGateway) =>
  t.gw.db.prepare<[], number>('SELECT count(*) FROM transaction_versions').pluck().get();

describe.skipIf(clickHouseMissing)('the gateway with orders in ClickHouse', () => {
  it('links a complaint to an order that only ClickHouse holds', async () => {
    const t = await gateway();
    const o = order('CH-S', { placed_at: new Date(Date.now() - 86_400_000).toISOString() });
    expect((await t.fileTransactions([o])).status).toBe(201);
    expect(outbox(t)).toBe(0);
    const res = await t.call('POST', '/public/complaints', {
      type: 'application/json',
      body: JSON.stringify({
        platform: t.platformA.slug,
        seller_id: 'CH-S',
        order_id: o.order_id,
        category: 'quality',
        description: 'The tea arrived mouldy and the store does not answer.',
        complainant: { name: '张伟', phone: '13800138000' },
      }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ linked: { order: 'verified', verified_purchase: true } });
  });

  it('keeps a loaded filing in SQLite while a filing that began before its load is open', async () => {
    const t = await gateway();
    // A filing of another platform, begun now and still streaming: it may have asked ClickHouse for
    // its orders already, before the load below.
    t.gw.filings.insertStage({
      id: 'OPEN-1',
      platform_id: t.gw.accounts.platformBySlug(t.platformB.slug)!.id,
      kind: 'transactions',
      idempotency_key: null,
      started_at: new Date().toISOString(),
    });
    const o = order('CH-S');
    expect((await t.fileTransactions([o])).status).toBe(201);
    expect(outbox(t)).toBe(1); // loaded (below), kept
    const ch = new ClickHouse(t.config.transactionsUrl!);
    try {
      expect(await ch.query('SELECT order_id FROM order_versions')).toEqual([{ order_id: o.order_id }]);
    } finally {
      await ch.close();
    }
    // In both places, read once.
    expect(
      (await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key })).json,
    ).toMatchObject({ version_count: 1 });
    t.gw.db.prepare("DELETE FROM filing_stages WHERE id = 'OPEN-1'").run();
    await t.gw.orders.settled();
    expect(outbox(t)).toBe(0);
    const again = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(again.json).toMatchObject({ version_count: 1, current: { status: 'paid' } });
  });

  it('counts a filing in the monthly statistics once, wherever its orders are, beside what SQLite summed before', async () => {
    const t = await gateway();
    const person = naturalPerson();
    expect((await t.fileSellers(t.platformA.key, [person])).status).toBe(201);
    const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
    // The gateway's loader stopped: this test moves the filing itself, a step at a time.
    await t.gw.orders.close();
    const topology = { ch: new ClickHouse(t.config.transactionsUrl!) };
    try {
      const stats = new ClickHouseStats(topology, t.gw.transactions);
      const loader = new TransactionLoader(topology, t.gw.db);
      const orders = [
        order(person.seller_id, { placed_at: '2026-03-01T10:00:00+08:00' }),
        order(person.seller_id, { placed_at: '2026-03-02T10:00:00+08:00', status: 'refunded' }),
        order(person.seller_id, {
          placed_at: '2026-04-01T10:00:00+08:00',
          total: '64.95',
          items: [{ sku: 'TEA-1', name: '龙井', quantity: 1, unit_price: '64.95' }],
        }),
      ];
      const res = await t.app.request('/v1/transactions', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/x-ndjson' },
        body: ndjson(orders),
      });
      expect(res.status, await res.text()).toBe(201);
      const filingId = t.gw.db
        .prepare("SELECT id FROM filings WHERE kind = 'transactions'")
        .pluck()
        .get() as string;
      const expected = [
        {
          month: '2026-03',
          currency: 'CNY',
          orders: 2,
          gross_minor: 25980,
          refunds_minor: 12990,
          refunded_orders: 1,
        },
        {
          month: '2026-04',
          currency: 'CNY',
          orders: 1,
          gross_minor: 6495,
          refunds_minor: 0,
          refunded_orders: 0,
        },
      ];
      const report = async () =>
        (await stats.overThreshold('2026-01', '2026-12', 'CNY', 0)).map((r) => [
          r.seller_id,
          r.orders,
          r.net_minor,
        ]);
      const deltasInSqlite = () =>
        t.gw.db.prepare('SELECT count(*) FROM transaction_stat_deltas').pluck().get() as number;

      // 1. Published, not loaded: from SQLite's outbox (not from seller_month_stats, which stays as it was).
      expect(deltasInSqlite()).toBe(2);
      expect(t.gw.transactions.stats(platformId, person.seller_id)).toEqual([]);
      expect(await stats.stats(platformId, person.seller_id)).toEqual(expected);
      expect(await report()).toEqual([[person.seller_id, 3, 19485]]);
      // 2. Loaded, its SQLite copy kept: in both places, counted once.
      await loader.load(filingId, { keepLocal: true });
      expect(deltasInSqlite()).toBe(2);
      expect(await stats.stats(platformId, person.seller_id)).toEqual(expected);
      expect(await report()).toEqual([[person.seller_id, 3, 19485]]);
      // 3. In ClickHouse alone.
      await loader.deleteLocal(filingId);
      expect(deltasInSqlite()).toBe(0);
      expect(await stats.stats(platformId, person.seller_id)).toEqual(expected);
      expect(await report()).toEqual([[person.seller_id, 3, 19485]]);
      // 4. What SQLite summed before the gateway moved to ClickHouse is added in.
      t.gw.db
        .prepare(
          `INSERT INTO seller_month_stats (platform_id, seller_id, month, currency, orders, gross_minor, refunds_minor, refunded_orders)
           VALUES (?, ?, '2026-03', 'CNY', 5, 50000, 0, 0)`,
        )
        .run(platformId, person.seller_id);
      expect((await stats.stats(platformId, person.seller_id))[0]).toMatchObject({
        orders: 7,
        gross_minor: 75980,
      });
      expect(await report()).toEqual([[person.seller_id, 8, 69485]]);
    } finally {
      await topology.ch.close();
    }
  });

  it('warns of a natural person near the threshold from the statistics in ClickHouse, and skips that signal alone while it is away', async () => {
    const t = await gateway();
    const person = naturalPerson();
    expect((await t.fileSellers(t.platformA.key, [person])).status).toBe(201);
    const big = order(person.seller_id, {
      placed_at: new Date(Date.now() - 86_400_000).toISOString(),
      total: '90000.00',
      items: [{ sku: 'GOLD-1', name: '金条', quantity: 1, unit_price: '90000.00' }],
    });
    expect((await t.fileTransactions([big])).status).toBe(201);
    // Loaded and gone from SQLite: only ClickHouse has the seller's sales.
    expect(outbox(t)).toBe(0);
    expect(t.gw.db.prepare('SELECT count(*) FROM seller_month_stats').pluck().get()).toBe(0);
    const report = await runRiskNow(t.gw, { signals: ['sporadic_threshold'] });
    expect(report.signals[0]).toMatchObject({ signal: 'sporadic_threshold', fired: 1, new: 1 });
    expect(report.signals[0]!.skipped).toBeUndefined();
    server.kill();
    try {
      const away = await runRiskNow(t.gw, { signals: ['sporadic_threshold', 'shared_contact'] });
      expect(away.signals.map((s) => [s.signal, s.skipped])).toEqual([
        ['sporadic_threshold', 'the transactions store did not answer'],
        ['shared_contact', undefined],
      ]);
    } finally {
      await server.restart();
    }
    // The warning stays as it was.
    expect(
      t.gw.db.prepare("SELECT count(*) FROM risk_warnings WHERE signal = 'sporadic_threshold'").pluck().get(),
    ).toBe(1);
  });

  it('restored from a backup older than ClickHouse’s data, the gateway removes there the filings it has not got, and they can be filed again', async () => {
    const t = await gateway();
    const kept = order('CH-S');
    expect((await t.fileTransactions([kept])).status).toBe(201);
    const backup = path.join(tempDir(), 'backup');
    await backupDataFolder({ dataDir: t.dataDir, target: backup });
    const lost = order('CH-S');
    expect((await t.fileTransactions([lost])).status).toBe(201); // loaded into ClickHouse after the backup
    await t.close();
    gateways.splice(gateways.indexOf(t), 1);

    const dataDir = path.join(tempDir(), 'restored');
    await restoreBackup({ backupDir: backup, dataDir });
    const r = testGateway({ transactionsUrl: t.config.transactionsUrl!, dataDir });
    gateways.push(r);
    const key = t.platformA.key;
    // The restored gateway has no filing of `lost`: ClickHouse no longer shows it either (not a 500).
    expect((await r.call('GET', `/v1/transactions/${lost.order_id}`, { key })).status).toBe(404);
    expect((await r.call('GET', `/v1/transactions/${kept.order_id}`, { key })).json).toMatchObject({
      version_count: 1,
    });
    expect(fs.existsSync(path.join(dataDir, 'restored-from-backup.json'))).toBe(false);
    const again = await r.fileTransactions([lost], key);
    expect(again.status, again.text).toBe(201);
    expect(again.json.counts).toMatchObject({ created: 1 });
    const read = await r.call('GET', `/v1/transactions/${lost.order_id}`, { key });
    expect(read.json).toMatchObject({ version_count: 1, current: { status: 'paid' } });
    const ch = new ClickHouse(t.config.transactionsUrl!);
    try {
      const rows = await ch.query<{ n: string }>(
        `SELECT count() AS n FROM order_versions WHERE order_id = '${lost.order_id}'`,
      );
      expect(rows).toEqual([{ n: '1' }]);
    } finally {
      await ch.close();
    }
  });

  it('refuses a second gateway on the ClickHouse database another gateway uses, and leaves its orders alone', async () => {
    const t = await gateway();
    const o = order('CH-S');
    expect((await t.fileTransactions([o])).status).toBe(201);
    const other = testGateway({ transactionsUrl: t.config.transactionsUrl! });
    gateways.push(other);
    expect((await other.fileSellers(other.platformA.key, [enterprise({ seller_id: 'CH-S' })])).status).toBe(
      201,
    );
    const refused = await other.fileTransactions([order('CH-S')], other.platformA.key);
    expect(refused.status, refused.text).toBe(503);
    expect(refused.json).toMatchObject({ code: 'store_unavailable' });
    expect(
      (await other.call('GET', `/v1/transactions/${o.order_id}`, { key: other.platformA.key })).status,
    ).toBe(503);
    const mine = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(mine.json).toMatchObject({ version_count: 1 });
  });

  it('refuses filings and reads with 503 while ClickHouse is away, and files once it is back', async () => {
    const t = await gateway();
    const o = order('CH-S');
    expect((await t.fileTransactions([o])).status).toBe(201);
    server.kill();
    try {
      const refused = await t.call('POST', '/v1/transactions', {
        key: t.platformA.key,
        type: 'application/x-ndjson',
        body: ndjson([{ ...o, status: 'shipped' }]),
      });
      expect(refused.status, refused.text).toBe(503);
      expect(refused.json).toMatchObject({ code: 'store_unavailable' });
      expect(refused.headers.get('retry-after')).toBe('30');
      const read = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
      expect(read.status).toBe(503);
      // The report sums what ClickHouse has: without it, no answer rather than a part told as the whole.
      const report = await t.call('GET', '/v1/regulator/sellers/over-threshold?year=2026', {
        key: t.regulator.token,
      });
      expect(report.status, report.text).toBe(503);
      expect(report.json).toMatchObject({ code: 'store_unavailable' });
    } finally {
      await server.restart();
    }
    const filed = await t.fileTransactions([{ ...o, status: 'shipped' }]);
    expect(filed.status, filed.text).toBe(201);
    expect(filed.json.counts).toMatchObject({ updated: 1, created: 0 });
    const got = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(got.json.history.map((v: { status: string }) => v.status)).toEqual(['shipped', 'paid']);
  });

  it('a filing of many batches refused while ClickHouse is away leaves the gateway answering', async () => {
    // Every batch's look-up fails, the later ones while the first is still awaited: each failure must
    // reach the filing's answer, none may end the process as an unhandled rejection.
    const t = await gateway();
    server.kill();
    try {
      const orders = Array.from({ length: 5_000 }, (_, i) => order('CH-S', { order_id: `MB-${i}` }));
      const refused = await t.call('POST', '/v1/transactions', {
        key: t.platformA.key,
        type: 'application/x-ndjson',
        body: ndjson(orders),
      });
      expect(refused.status, refused.text).toBe(503);
    } finally {
      await server.restart();
    }
    const filed = await t.fileTransactions([order('CH-S', { order_id: 'MB-after' })]);
    expect(filed.status, filed.text).toBe(201);
    expect(filed.json.counts).toMatchObject({ created: 1 });
  });

  it('`retention run` drops the ClickHouse months whose orders all finished before the cutoff, and their trace codes', async () => {
    const t = await gateway();
    const [FEB_CODE, JAN_CODE] = ['81234560000000000202', '81234560000000000131'];
    const check = async (code: string) => (await t.call('GET', `/public/trace/drug/${code}`)).json.result;
    const at = (day: string) => `${day}T10:00:00+08:00`;
    const filed = await t.fileTransactions([
      order('CH-S', {
        order_id: 'R-JAN-DONE',
        placed_at: at('2021-01-10'),
        status: 'completed',
        completed_at: at('2021-01-12'),
      }),
      order('CH-S', { order_id: 'R-JAN-OPEN', placed_at: at('2021-01-20'), status: 'paid' }),
      order('CH-S', {
        order_id: 'R-FEB-DONE',
        placed_at: at('2021-02-03'),
        status: 'completed',
        completed_at: at('2021-02-04'),
        items: [
          {
            sku: 'M',
            name: 'm',
            quantity: 1,
            unit_price: '129.90',
            trace_codes: [{ scheme: 'drug', code: FEB_CODE }],
          },
        ],
      }),
      order('CH-S', {
        order_id: 'R-JAN-CODE',
        placed_at: at('2021-01-31'),
        status: 'completed',
        completed_at: at('2021-02-01'),
        items: [
          {
            sku: 'M',
            name: 'm',
            quantity: 1,
            unit_price: '129.90',
            trace_codes: [{ scheme: 'drug', code: JAN_CODE }],
          },
        ],
      }),
    ]);
    expect(filed.status, filed.text).toBe(201);
    expect(outbox(t)).toBe(0);
    expect(await check(FEB_CODE)).toBe('sold_once');
    const env = { MARKETGATE_TRANSACTIONS_URL: t.config.transactionsUrl! };
    const dry = await runCli(['retention', 'run', '--dry-run', '--data', t.dataDir], env);
    expect(dry.stdout).toContain('ClickHouse: would drop the months of placing 202102');
    expect(dry.stdout).toContain('kept 202101: 1 orders not finished before the cutoff');
    const run = await runCli(['retention', 'run', '--data', t.dataDir], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ClickHouse: dropped the months of placing 202102');
    expect(run.stdout).toContain('removed the 1 trace codes sold in those months');
    // February's code went with its month; January's (a month kept for its open order) stays.
    expect(await check(FEB_CODE)).toBe('not_found');
    expect(await check(JAN_CODE)).toBe('sold_once');
    const read = (id: string) => t.call('GET', `/v1/transactions/${id}`, { key: t.platformA.key });
    expect((await read('R-FEB-DONE')).status).toBe(404);
    expect((await read('R-JAN-DONE')).status).toBe(200);
    expect((await read('R-JAN-OPEN')).status).toBe(200);
    // The month's part of the risk store-hours went with it.
    const ch = new ClickHouse(t.config.transactionsUrl!);
    try {
      const months = await ch.query<{ month: number; orders: string }>(
        `SELECT toYYYYMM(toDateTime(hour * 3600, 'UTC')) AS month, sum(orders) AS orders
         FROM store_hour_facts GROUP BY month ORDER BY month`,
      );
      expect(months).toEqual([{ month: 202101, orders: '3' }]);
    } finally {
      await ch.close();
    }
  });

  it.each([
    ['killed (SIGKILL)', 'SIGKILL'],
    ['stopped (SIGTERM), within MARKETGATE_SHUTDOWN_SECONDS,', 'SIGTERM'],
  ] as const)(
    'loads every order exactly once when the gateway is %s while it loads',
    async (_, how) => {
      const dataDir = tempDir('mg-ch-crash-');
      const url = await server.newDatabase();
      const db = openDatabase(dataDir);
      openKeyring(dataDir);
      const { key } = addPlatform(accountsStore(db), {
        slug: 'crash-shop',
        name: 'Crash Shop',
        uscc: '91330106673959654P',
      });
      db.close();
      const env = { MARKETGATE_TRANSACTIONS_URL: url, MARKETGATE_RISK_EVERY_MINUTES: '0' };
      const post = (base: string, path: string, body: string) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
          body,
        });
      let gw = await startGatewayProcess(dataDir, env);
      const ids: string[] = [];
      const filed: ReturnType<typeof order>[][] = [];
      try {
        expect((await post(gw.url, '/v1/sellers', ndjson([enterprise({ seller_id: 'K-S' })]))).status).toBe(
          201,
        );
        for (let f = 0; f < 4; f++) {
          const orders = Array.from({ length: 5_000 }, (_, i) => order('K-S', { order_id: `K-${f}-${i}` }));
          ids.push(...orders.map((o) => o.order_id));
          filed.push(orders);
          expect((await post(gw.url, '/v1/transactions', ndjson(orders))).status).toBe(201);
        }
        // Stopped with the loader at work: some filings loaded, one perhaps halfway, some not begun. A
        // stop does not wait for a load to end (minutes for millions of orders): it is taken up again.
        const exit = await gw.signal(how);
        if (how === 'SIGTERM') {
          expect(exit.code).toBe(0);
          expect(exit.ms).toBeLessThan(5_000 + 1_000);
        }
        gw = await startGatewayProcess(dataDir, env);
        // Filed again, each order is found, wherever it is: unchanged, none created. Admission's filter
        // of the orders taken is made afresh at a start, at the first filing: this one, made while the
        // restarted loader takes its work up; the later ones (after the outbox drained) rely on it.
        const fileAgain = async (orders: ReturnType<typeof order>[]) => {
          const again = await post(gw.url, '/v1/transactions', ndjson(orders));
          expect(again.status).toBe(201);
          expect(((await again.json()) as { counts: object }).counts).toMatchObject({
            created: 0,
            unchanged: 5_000,
          });
        };
        await fileAgain(filed[3]!);
        const check = openDatabase(dataDir);
        const left = () =>
          check.prepare<[], number>('SELECT count(*) FROM transaction_versions').pluck().get()!;
        for (let i = 0; left() > 0; i++) {
          if (i > 300) throw new Error(`the restarted gateway left ${left()} versions in SQLite`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        check.close();
        // Started again with every order in ClickHouse alone: the second filing relies on the filter.
        await gw.stop();
        gw = await startGatewayProcess(dataDir, env);
        await fileAgain(filed[0]!);
        await fileAgain(filed[2]!);
        const ch = new ClickHouse(url);
        try {
          // Each filing committed once; every order visible once (a cut-off attempt's rows are not read).
          // (Besides the one load that carried the gateway's risk store-hours over, at its first start.)
          const [loads] = await ch.query<{ filings: string; loads: string }>(
            `SELECT uniqExact(filing) AS filings, count() AS loads FROM loads WHERE filing != '${RISK_HOURS_LOAD}'`,
          );
          expect(loads).toEqual({ filings: '4', loads: '4' });
          const [visible] = await ch.query<{ rows: string; orders: string }>(
            'SELECT count() AS rows, uniqExact(order_id) AS orders FROM order_versions WHERE load IN (SELECT load FROM loads)',
          );
          expect(visible).toEqual({ rows: '20000', orders: '20000' });
          // Each order's part of its store-hour counted once too.
          const [facts] = await ch.query<{ orders: string }>(
            'SELECT sum(orders) AS orders FROM store_hour_facts WHERE load IN (SELECT load FROM loads)',
          );
          expect(facts).toEqual({ orders: '20000' });
        } finally {
          await ch.close();
        }
        for (const id of [ids[0]!, ids[7_777]!, ids.at(-1)!]) {
          const res = await fetch(`${gw.url}/v1/transactions/${id}`, {
            headers: { authorization: `Bearer ${key}` },
          });
          expect(((await res.json()) as { version_count: number }).version_count).toBe(1);
        }
      } finally {
        await gw.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
