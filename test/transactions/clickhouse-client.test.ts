import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClickHouse,
  ClickHouseError,
  parseClickHouseUrl,
  parseServerError,
} from '../../src/transactions/clickhouse/client.ts';
import { bindParams, quote } from '../../src/transactions/clickhouse/sql.ts';
import {
  CLICKHOUSE_CLUSTER,
  clickHouseMissing,
  startClickHouse,
  startClickHouseCluster,
  type TestClickHouse,
  type TestClickHouseCluster,
} from '../helpers/clickhouse.ts';

/** Strings that break naive quoting, and text the gateway stores. */
const AWKWARD = [
  "O'Brien's 店",
  "back\\slash \\' and \\\\ twice",
  '杭州示例商贸有限公司 · 西湖龙井 250g',
  'line\nbreak\ttab\r',
  "'); DROP TABLE t; --",
  '😀 emoji',
  '',
];

describe('SQL literals', () => {
  it('quotes strings so that quotes and backslashes stay data', () => {
    expect(quote("it's")).toBe("'it\\'s'");
    expect(quote('a\\b')).toBe("'a\\\\b'");
    expect(quote("\\'")).toBe("'\\\\\\''");
  });

  it('writes numbers, bigints, booleans, NULL and arrays', () => {
    expect(quote(42)).toBe('42');
    expect(quote(-1.5)).toBe('-1.5');
    expect(quote(2n ** 64n - 1n)).toBe('18446744073709551615');
    expect(quote(true)).toBe('1');
    expect(quote(null)).toBe('NULL');
    expect(quote(['a', 1, null])).toBe("['a', 1, NULL]");
    expect(() => quote(Number.NaN)).toThrow(RangeError);
  });

  it('fills {name:Type} placeholders and refuses a value of the wrong kind', () => {
    const sql = 'SELECT * FROM t WHERE id = {id:String} AND n >= {n:UInt64} AND c IN {c:Array(String)}';
    expect(bindParams(sql, { id: "x'y", n: 3, c: ['a'] })).toBe(
      "SELECT * FROM t WHERE id = 'x\\'y' AND n >= 3 AND c IN ['a']",
    );
    expect(bindParams('SELECT {v:Nullable(Int64)}', { v: null })).toBe('SELECT NULL');
    expect(() => bindParams('SELECT {id:String}', { id: 5 })).toThrow(TypeError);
    expect(() => bindParams('SELECT {n:UInt32}', { n: 1.5 })).toThrow(TypeError);
    expect(() => bindParams('SELECT {id:String}', {})).toThrow(/no value/);
  });
});

describe('server errors and URLs', () => {
  it('reads the error text of 18.16, of 19.x–21.x and of current servers', () => {
    const old = parseServerError(
      "Code: 60, e.displayText() = DB::Exception: Table default.nope doesn't exist., e.what() = DB::Exception\n",
    );
    expect({ ...old, message: old?.message }).toMatchObject({
      code: 60,
      message: "Table default.nope doesn't exist",
    });
    const middle = parseServerError(
      "Code: 60, e.displayText() = DB::Exception: Table default.abc doesn't exist. (version 19.16.2.2 (official build))",
    );
    expect(middle?.message).toBe("Table default.abc doesn't exist");
    const current = parseServerError(
      'Code: 60. DB::Exception: Table default.nope does not exist. (UNKNOWN_TABLE) (version 24.8.4.13 (official build))',
    );
    expect(current).toBeInstanceOf(ClickHouseError);
    expect({ code: current?.code, type: current?.type, message: current?.message }).toEqual({
      code: 60,
      type: 'UNKNOWN_TABLE',
      message: 'Table default.nope does not exist',
    });
    expect(parseServerError('<html>502 Bad Gateway</html>')).toBeNull();
  });

  it('takes clickhouse:// and http(s):// URLs, credentials percent-decoded', () => {
    expect(parseClickHouseUrl('clickhouse://mg:p%40ss%3Aw@db.internal/marketgate')).toEqual({
      url: 'http://db.internal:8123',
      database: 'marketgate',
      username: 'mg',
      password: 'p@ss:w',
    });
    expect(parseClickHouseUrl('https://db.internal')).toEqual({
      url: 'https://db.internal:8443',
      database: 'default',
      username: 'default',
      password: '',
    });
    expect(() => parseClickHouseUrl('postgres://x/y')).toThrow(/clickhouse:\/\//);
    expect(() => parseClickHouseUrl('clickhouse://x/db?insert_distributed_sync=1')).toThrow(/no \?query/);
  });
});

describe.skipIf(clickHouseMissing)('the client against a real server', () => {
  let server: TestClickHouse;
  let db: ClickHouse;
  const password = "pa'ss 中/@:";

  beforeAll(async () => {
    server = await startClickHouse({ password });
    db = new ClickHouse(server.url);
  });
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  it('answers its health check and reports the database of the URL', async () => {
    expect(await db.ping()).toBe(true);
    expect(await db.query('SELECT currentDatabase() AS db')).toEqual([{ db: 'marketgate' }]);
    const plain = new ClickHouse(
      `${server.httpUrl.replace('://', `://default:${encodeURIComponent(password)}@`)}/system`,
    );
    expect(await plain.query('SELECT currentDatabase() AS db')).toEqual([{ db: 'system' }]);
    await plain.close();
  });

  it('creates a table, streams rows in and reads them back unchanged, Chinese, quotes and backslashes too', async () => {
    await db.command(
      'CREATE TABLE texts (id UInt64, s String, n Nullable(String), big UInt64) ENGINE = MergeTree ORDER BY id',
    );
    // 64-bit integers go in as numbers or strings, and come back as strings (above 2^53 a number would
    // lose digits).
    const rows = AWKWARD.map((s, i) => ({
      id: String(i),
      s,
      n: i % 2 ? null : s,
      big: (2n ** 64n - 1n - BigInt(i)).toString(),
    }));
    await db.insert('texts', rows, { format: 'JSONEachRow' });
    async function* many() {
      for (let i = 0; i < 20_000; i++) yield { id: 1000 + i, s: `商品名称 ${i}`, n: null, big: String(i) };
    }
    await db.insert('texts', many(), { format: 'JSONEachRow' });

    expect(await db.query('SELECT id, s, n, big FROM texts WHERE id < 1000 ORDER BY id')).toEqual(rows);
    expect(await db.query('SELECT count() AS n, max(id) AS top FROM texts')).toEqual([
      { n: String(AWKWARD.length + 20_000), top: '20999' },
    ]);
    for (const s of AWKWARD) {
      // Through a placeholder and through quote(): the same literal either way, and it finds the row.
      const found = await db.query<{ s: string }>('SELECT s FROM texts WHERE s = {s:String}', { s });
      expect(found, JSON.stringify(s)).toEqual([{ s }]);
      const echoed = await db.query<{ v: string }>(`SELECT ${quote(s)} AS v`);
      expect(echoed).toEqual([{ v: s }]);
    }
  });

  it('gives the columns a row leaves out their DEFAULT when the insert names its columns', async () => {
    await db.command(
      "CREATE TABLE defaults (id UInt64, kind String DEFAULT 'order', cents Int64 DEFAULT id * 100) ENGINE = MergeTree ORDER BY id",
    );
    await db.insert('defaults', [{ id: 7 }], { format: 'JSONEachRow', columns: ['id'] });
    expect(await db.query('SELECT * FROM defaults')).toEqual([{ id: '7', kind: 'order', cents: '700' }]);
  });

  it('writes nothing when the rows’ source throws halfway', async () => {
    await db.command('CREATE TABLE halfway (id UInt64) ENGINE = MergeTree ORDER BY id');
    async function* failing() {
      for (let i = 0; i < 5000; i++) {
        if (i === 4000) throw new Error('the filing was cut off');
        yield { id: i };
      }
    }
    await expect(db.insert('halfway', failing(), { format: 'JSONEachRow' })).rejects.toThrow(
      'the filing was cut off',
    );
    expect(await db.query('SELECT count() AS n FROM halfway')).toEqual([{ n: '0' }]);
  });

  it('turns the server’s errors into ClickHouseErrors with their codes', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: unknown) => (e instanceof ClickHouseError ? e.code : String(e)),
      );
    expect(await codeOf(db.query('SELECT * FROM no_such_table'))).toBe(60);
    expect(await codeOf(db.command('CREAT TABLE x (a UInt8)'))).toBe(62);
    // An error after the first rows: held back by wait_end_of_query, it is a 500 with its code.
    expect(
      await codeOf(db.query('SELECT number, throwIf(number = 200000) FROM system.numbers LIMIT 300000')),
    ).toBe(395);
    await db.command('CREATE TABLE typed (n UInt32) ENGINE = MergeTree ORDER BY n');
    expect(await codeOf(db.insert('typed', [{ n: 'many' }], { format: 'JSONEachRow' }))).toBeTypeOf('number');
    const stranger = new ClickHouse(server.url.replace(encodeURIComponent(password), 'wrong'));
    expect(await codeOf(stranger.query('SELECT 1'))).toBe(193);
    await stranger.close();
  });

  it('drops a month of a partitioned table and keeps the others', async () => {
    await db.command(`CREATE TABLE monthly (order_id String, placed_at_ms Int64, cents Int64)
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(toDateTime(intDiv(placed_at_ms, 1000), 'Asia/Shanghai'))
      ORDER BY order_id`);
    const months = ['2026-09-15T12:00:00+08:00', '2026-10-15T12:00:00+08:00', '2026-11-15T12:00:00+08:00'];
    const rows = months.flatMap((m, i) =>
      Array.from({ length: 10 }, (_, k) => ({
        order_id: `O-${i}-${k}`,
        placed_at_ms: Date.parse(m),
        cents: 100,
      })),
    );
    await db.insert('monthly', rows, { format: 'JSONEachRow' });
    const partitions = () =>
      db.query<{ partition: string; rows: string }>(
        `SELECT partition, sum(rows) AS rows FROM system.parts
         WHERE database = currentDatabase() AND table = 'monthly' AND active GROUP BY partition ORDER BY partition`,
      );
    expect(await partitions()).toEqual([
      { partition: '202609', rows: '10' },
      { partition: '202610', rows: '10' },
      { partition: '202611', rows: '10' },
    ]);
    await db.command('ALTER TABLE monthly DROP PARTITION 202610');
    expect((await partitions()).map((p) => p.partition)).toEqual(['202609', '202611']);
    expect(await db.query("SELECT count() AS n FROM monthly WHERE order_id LIKE 'O-1-%'")).toEqual([
      { n: '0' },
    ]);
  });

  it('keeps what it acknowledged through a crash (SIGKILL) and a restart on the same folder', async () => {
    await db.command('CREATE TABLE durable (id UInt64) ENGINE = MergeTree ORDER BY id');
    await db.insert('durable', [{ id: 1 }, { id: 2 }], { format: 'JSONEachRow' });
    server.kill();
    await expect(db.query('SELECT 1')).rejects.toThrow();
    await server.restart();
    expect(await db.query('SELECT count() AS n FROM durable')).toEqual([{ n: '2' }]);
  });
});

describe.skipIf(clickHouseMissing)('a Distributed table over two shards', () => {
  let cluster: TestClickHouseCluster;
  let shards: ClickHouse[];

  beforeAll(async () => {
    cluster = await startClickHouseCluster(2);
    shards = cluster.shards.map((s) => new ClickHouse(s.url));
  });
  afterAll(async () => {
    await Promise.all((shards ?? []).map((s) => s.close()));
    await cluster?.close();
  });

  it('sends each seller’s orders to one shard by the sharding key, and reads all of them back', async () => {
    // DDL goes to each shard itself: ON CLUSTER needs ZooKeeper, which 18.16 has not here.
    for (const shard of shards) {
      await shard.command(`CREATE TABLE orders_local (seller_id String, order_id String, cents Int64)
        ENGINE = MergeTree ORDER BY (seller_id, order_id)`);
      await shard.command(`CREATE TABLE orders AS orders_local
        ENGINE = Distributed(${CLICKHOUSE_CLUSTER}, currentDatabase(), orders_local, cityHash64(seller_id))`);
    }
    const rows = Array.from({ length: 400 }, (_, i) => ({
      seller_id: `S${String(i % 40).padStart(7, '0')}`,
      order_id: `O-${i}`,
      cents: 100 + i,
    }));
    // insert_distributed_sync: the insert returns once both shards hold their rows (by default the
    // Distributed table queues them and sends them in the background).
    await shards[0]!.insert('orders', rows, {
      format: 'JSONEachRow',
      settings: { insert_distributed_sync: 1 },
    });

    const local = await Promise.all(
      shards.map((s) => s.query<{ seller_id: string }>('SELECT DISTINCT seller_id FROM orders_local')),
    );
    const [first, second] = local.map((l) => new Set(l.map((r) => r.seller_id)));
    expect(first!.size, 'sellers on shard 1').toBeGreaterThan(0);
    expect(second!.size, 'sellers on shard 2').toBeGreaterThan(0);
    expect(first!.size + second!.size).toBe(40);
    expect(
      [...first!].filter((s) => second!.has(s)),
      'a seller on both shards',
    ).toEqual([]);

    const total = rows.reduce((sum, r) => sum + r.cents, 0);
    for (const shard of shards) {
      expect(await shard.query('SELECT count() AS n, sum(cents) AS cents FROM orders')).toEqual([
        { n: '400', cents: String(total) },
      ]);
    }
    const perSeller = await shards[1]!.query<{ seller_id: string; n: string }>(
      'SELECT seller_id, count() AS n FROM orders GROUP BY seller_id ORDER BY seller_id',
    );
    expect(perSeller).toHaveLength(40);
    expect(perSeller.every((r) => r.n === '10')).toBe(true);
  });
});
