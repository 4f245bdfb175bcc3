import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { retentionCutoff, runRetention } from '../../src/transactions/retention.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

let t: TestGateway;
const old = order('R-1', {
  status: 'completed',
  placed_at: '2020-01-02T10:00:00+08:00',
  completed_at: '2020-01-10T10:00:00+08:00',
});
const recent = order('R-1', {
  status: 'completed',
  placed_at: '2023-11-02T10:00:00+08:00',
  completed_at: '2023-11-30T10:00:00+08:00',
});
const reopened = order('R-1', {
  status: 'completed',
  placed_at: '2020-02-02T10:00:00+08:00',
  completed_at: '2020-02-10T10:00:00+08:00',
});
const open = order('R-1', { status: 'shipped', placed_at: '2019-05-02T10:00:00+08:00' });

beforeAll(async () => {
  t = testGateway();
  await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'R-1' })]);
  const file = (records: unknown[]) =>
    t.call('POST', '/v1/transactions', {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: ndjson(records),
    });
  expect((await file([old, recent, reopened, open])).json.counts.created).toBe(4);
  // The third order was refunded in 2024: its last state finished recently, so it stays.
  const refunded = await file([
    { ...reopened, status: 'refunded', completed_at: '2024-01-05T10:00:00+08:00' },
  ]);
  expect(refunded.json.counts.updated).toBe(1);
});
afterAll(() => t.close());

const exists = async (id: string) =>
  (await t.call('GET', `/v1/transactions/${id}`, { key: t.platformA.key })).status === 200;

describe('retention', () => {
  test('can never be set below three years', () => {
    expect(() => loadConfig({}, { MARKETGATE_RETENTION_YEARS: '2' })).toThrow(/at least 3/);
    expect(() => retentionCutoff(new Date(), 2)).toThrow();
    expect(retentionCutoff(new Date('2026-11-24T00:00:00Z'), 3)).toBe('2023-11-24T00:00:00.000Z');
  });

  test('a dry run says what would go and removes nothing', () => {
    const report = runRetention(t.gw.transactions, t.config, {
      now: new Date('2026-11-24T00:00:00Z'),
      dryRun: true,
    });
    expect(report.platforms).toEqual([
      {
        platform: t.platformA.slug,
        orders: 1,
        oldest: '2020-01-10T02:00:00.000Z',
        newest: '2020-01-10T02:00:00.000Z',
      },
    ]);
    expect(report.removedOrders).toBe(0);
  });

  test('removes every version of orders finished more than three years ago, and nothing else', async () => {
    const report = runRetention(t.gw.transactions, t.config, { now: new Date('2026-11-24T00:00:00Z') });
    expect(report).toMatchObject({ removedOrders: 1, removedVersions: 1 });
    expect(await exists(old.order_id)).toBe(false);
    expect(await exists(recent.order_id)).toBe(true);
    expect(await exists(reopened.order_id)).toBe(true);
    expect(await exists(open.order_id)).toBe(true);
  });

  test('marketgate retention run --dry-run prints the plan', async () => {
    const res = await runCli(['retention', 'run', '--dry-run', '--data', t.dataDir]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/would remove orders finished before \d{4}-/);
    expect(res.stdout).toContain('retention 3 years');
  }, 30_000);
});
