import fs from 'node:fs';
import pino from 'pino';
import { afterEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { SIGNALS } from '../../src/risk/rules.ts';
import type { RiskRunReport } from '../../src/risk/run.ts';
import { riskStore } from '../../src/risk/store.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * `marketgate risk run [--signal S] [--json]` on a data folder, as an operator runs it: through the
 * command line's main() in this process. The folder holds one store whose hour of orders came from two
 * buyers (an order_brushing warning, as in test/risk/smoke.test.ts), filed through the API.
 */

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data folder with one seller filing and one filing of 12 orders from 2 buyers, two hours ago. */
async function brushedFolder() {
  const t = testGateway();
  folders.push(t.dataDir);
  const s = enterprise();
  expect((await t.fileSellers(t.platformA.key, [s])).status).toBe(201);
  const hour = new Date(Date.now() - 2 * 3_600_000);
  hour.setUTCMinutes(0, 0, 0);
  const orders = Array.from({ length: 12 }, (_, i) =>
    order(s.seller_id, {
      placed_at: new Date(hour.getTime() + i * 4 * 60_000).toISOString(),
      buyer_ref: `cli-brusher-${i % 2}`,
    }),
  );
  const filed = await t.call('POST', '/v1/transactions', {
    key: t.platformA.key,
    type: 'application/x-ndjson',
    body: ndjson(orders),
  });
  expect(filed.status, filed.text).toBe(201);
  const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
  await t.gw.close();
  return { dataDir: t.dataDir, target: `store:${platformId}:${s.seller_id}` };
}

async function runJson(args: string[]): Promise<RiskRunReport> {
  const res = await runCli(['risk', 'run', '--json', ...args]);
  expect(res.code, res.stderr).toBe(0);
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as RiskRunReport;
}

test('--json reports the fold and each signal; --signal runs one; a second run finds the warning unchanged', async () => {
  const { dataDir, target } = await brushedFolder();

  const one = await runJson(['--signal', 'order_brushing', '--data', dataDir]);
  expect(one).toEqual({
    at: expect.any(String),
    fold: { filings: 2, orders: 12, sellers: 1, ms: expect.any(Number) },
    signals: [
      {
        signal: 'order_brushing',
        fired: 1,
        new: 1,
        updated: 0,
        unchanged: 0,
        ms: expect.any(Number),
        opened: [{ warning_id: expect.stringMatching(/^[0-9A-Z]{26}$/), target, score: expect.any(Number) }],
      },
    ],
    ms: expect.any(Number),
  });
  expect(Number.isNaN(Date.parse(one.at))).toBe(false);
  const warningId = one.signals[0]!.opened[0]!.warning_id;

  // Every signal now; the filings were folded already, and the warning is the same one.
  const all = await runJson(['--data', dataDir]);
  expect(all.fold).toMatchObject({ filings: 0, orders: 0, sellers: 0 });
  expect(all.signals.map((s) => s.signal)).toEqual([...SIGNALS]);
  for (const s of all.signals) {
    expect(s).toEqual({
      signal: s.signal,
      fired: expect.any(Number),
      new: expect.any(Number),
      updated: expect.any(Number),
      unchanged: expect.any(Number),
      ms: expect.any(Number),
      opened: expect.any(Array),
    });
    expect(s.new + s.updated + s.unchanged).toBe(s.fired);
  }
  expect(all.signals[0]).toMatchObject({ fired: 1, new: 0, updated: 0, unchanged: 1, opened: [] });

  // The text report says the same, one line a signal.
  const text = await runCli(['risk', 'run', '--data', dataDir]);
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toMatch(/^folded 0 filings \(0 orders, 0 sellers\) in \d+ ms$/m);
  expect(text.stdout).toMatch(/^order_brushing\s+1\s+0\s+0\s+1\s+\d+$/m);
  for (const signal of SIGNALS) expect(text.stdout).toMatch(new RegExp(`^${signal}\\s+\\d+`, 'm'));
  expect(text.stdout).not.toMatch(/^new /m);
  expect(text.stdout).toMatch(/^done in \d+ ms$/m);

  // The warning the first run opened is in the folder, once.
  const gw = openGateway(
    loadConfig({ dataDir, logLevel: 'silent', checkWorkers: 0 }),
    pino({ level: 'silent' }),
  );
  try {
    const store = riskStore(gw.db);
    expect(store.byId(warningId)).toMatchObject({ signal: 'order_brushing', target, status: 'open' });
    expect(store.list({ signal: 'order_brushing', limit: 10 }).map((w) => w.id)).toEqual([warningId]);
  } finally {
    await gw.close();
  }
}, 60_000);

test('the text report names each new warning', async () => {
  const { dataDir, target } = await brushedFolder();
  const res = await runCli(['risk', 'run', '--data', dataDir]);
  expect(res.code, res.stderr).toBe(0);
  expect(res.stdout).toMatch(/^folded 2 filings \(12 orders, 1 sellers\) in \d+ ms$/m);
  expect(res.stdout).toMatch(/^order_brushing\s+1\s+1\s+0\s+0\s+\d+$/m);
  expect(res.stdout).toMatch(
    new RegExp(`^new order_brushing warning [0-9A-Z]{26} on ${target} \\(score \\d+\\)$`, 'm'),
  );
}, 60_000);

test('an unknown --signal is a usage error (2) that names the signals, and touches nothing', async () => {
  const { dataDir } = await brushedFolder();
  const res = await runCli(['risk', 'run', '--signal', 'brushing', '--data', dataDir]);
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toContain('no signal "brushing"');
  for (const signal of SIGNALS) expect(res.stderr).toContain(signal);

  const missing = await runCli(['risk', 'run', '--data', dataDir, '--signal']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/--signal/);

  // Nothing was folded by the refused runs.
  expect((await runJson(['--data', dataDir])).fold).toMatchObject({ filings: 2, orders: 12, sellers: 1 });
}, 60_000);
