import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { createApp } from '../../src/http/app.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * Migration 025 (lean transactions) on a data folder a gateway before it left
 * (fixtures/pre-025, made by fixtures/make-pre-025.ts on the code before 025): every answer of the
 * API is the same after it, and the gateway files on from there.
 */
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'pre-025');

interface Answers {
  keys: { A: string; B: string };
  answers: Record<string, { status: number; body: unknown }>;
  stats: unknown[];
}

let dataDir: string;
let gw: Gateway;
let app: ReturnType<typeof createApp>;
let fixture: Answers;
let before: { seq: number; platform_id: number; order_id: string; digest: Buffer }[];

beforeAll(() => {
  dataDir = tempDir('mg-pre-025-');
  fs.cpSync(path.join(FIXTURE, 'keys'), path.join(dataDir, 'keys'), { recursive: true });
  // Git keeps no file modes but the executable bit: the gateway refuses keys others could read.
  fs.chmodSync(path.join(dataDir, 'keys'), 0o700);
  for (const key of fs.readdirSync(path.join(dataDir, 'keys')))
    fs.chmodSync(path.join(dataDir, 'keys', key), 0o600);
  fs.writeFileSync(
    path.join(dataDir, 'marketgate.db'),
    zlib.gunzipSync(fs.readFileSync(path.join(FIXTURE, 'marketgate.db.gz'))),
  );
  fixture = JSON.parse(
    zlib.gunzipSync(fs.readFileSync(path.join(FIXTURE, 'answers.json.gz'))).toString('utf8'),
  ) as Answers;
  const old = new Database(path.join(dataDir, 'marketgate.db'), { readonly: true });
  before = old
    .prepare<[], (typeof before)[number]>(
      'SELECT seq, platform_id, order_id, digest FROM transaction_versions ORDER BY seq',
    )
    .all();
  old.close();
  gw = openGateway(loadConfig({ dataDir, logLevel: 'silent' }), pino({ level: 'silent' }));
  app = createApp(gw);
});

afterAll(async () => {
  await gw?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function get(key: string, url: string) {
  const res = await app.request(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('migration 025 (lean transactions)', () => {
  test('the fixture is a data folder from before 025, with versions to move', () => {
    expect(before.length).toBeGreaterThan(300);
    expect(new Set(before.map((v) => v.digest.length))).toEqual(new Set([32]));
  });

  test('every order answers exactly as before: every version, its record byte for byte', async () => {
    const entries = Object.entries(fixture.answers);
    expect(entries.length).toBe(300);
    for (const [name, expected] of entries) {
      const [platform, orderId] = name.split(':') as ['A' | 'B', string];
      const answer = await get(fixture.keys[platform], `/v1/transactions/${orderId}`);
      expect(answer, name).toEqual(expected);
      // Byte for byte, key order included (toEqual ignores it): the records are what was filed.
      expect(JSON.stringify(answer.body), name).toBe(JSON.stringify(expected.body));
    }
  });

  test('every version keeps its seq, its order and a digest of its first 16 bytes', () => {
    const after = gw.db
      .prepare<[], (typeof before)[number]>(
        'SELECT seq, platform_id, order_id, digest FROM transaction_versions ORDER BY seq',
      )
      .all();
    expect(after).toEqual(before.map((v) => ({ ...v, digest: v.digest.subarray(0, 16) })));
    // None needed keeping whole: every record the gateway wrote packs and rebuilds exactly.
    expect(
      gw.db.prepare("SELECT count(*) FROM transaction_versions WHERE pack LIKE '{%'").pluck().get(),
    ).toBe(0);
    // Items name their products by key: the fixture's 13 skus, with their names and categories.
    const products = gw.db.prepare('SELECT count(*) FROM transaction_products').pluck().get() as number;
    expect(products).toBeGreaterThan(13);
    expect(products).toBeLessThan(before.length);
  });

  test('the monthly statistics are untouched', () => {
    const stats = ['M-A1', 'M-A2'].flatMap((s) => gw.transactions.stats(1, s));
    // The fixture's rows name their seller too: the months are the same, field for field.
    expect(stats).toEqual(
      (fixture.stats as Record<string, unknown>[]).map(
        ({ platform_id: _p, seller_id: _s, ...month }) => month,
      ),
    );
    // Migration 029 counts each store's orders from them (what complaint rates are per thousand of).
    for (const seller of ['M-A1', 'M-A2']) {
      const months = (fixture.stats as { seller_id: string; orders: number }[]).filter(
        (m) => m.seller_id === seller,
      );
      expect(months.length).toBeGreaterThan(0);
      expect(gw.transactions.ordersOf(1, seller)).toBe(months.reduce((n, m) => n + m.orders, 0));
    }
  });

  test('the gateway files on: a re-filed order is unchanged, a new state is one more version', async () => {
    const current = fixture.answers['A:M-3']!.body as {
      version_count: number;
      current: { record: Record<string, unknown> };
    };
    const file = (records: unknown[]) =>
      app.request('/v1/transactions', {
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.keys.A}`, 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
    const same = (await (await file([current.current.record])).json()) as { counts: object };
    expect(same.counts).toMatchObject({ received: 1, unchanged: 1, created: 0, updated: 0 });
    const changed = { ...current.current.record, status: 'cancelled' };
    const res = (await (await file([changed])).json()) as { counts: object };
    expect(res.counts).toMatchObject({ received: 1, updated: 1 });
    const answer = (await get(fixture.keys.A, '/v1/transactions/M-3')).body as {
      version_count: number;
      current: { record: unknown };
    };
    expect(answer.version_count).toBe(current.version_count + 1);
    expect(answer.current.record).toEqual(changed);
  });
});
