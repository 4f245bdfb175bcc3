import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { REPO } from '../helpers/cli.ts';

/**
 * What each transaction filing filed for the first time, counted when it publishes (migration 028):
 * open data's platform filing statistics read these, since with ClickHouse the versions leave SQLite.
 * The migration counts older filings from their versions: both ways must agree.
 */

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

it('counts first filings and those on time as the filing publishes, as the migration counts them', async () => {
  t = testGateway();
  expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'FC-S' })])).status).toBe(201);
  const first = [
    order('FC-S', { order_id: 'FC-1', placed_at: ago(1 * HOUR) }), // on time whatever the hour
    order('FC-S', { order_id: 'FC-2', placed_at: ago(2 * HOUR) }),
    order('FC-S', { order_id: 'FC-3', placed_at: ago(80 * HOUR) }), // three days or more: late
  ];
  const a = await t.fileTransactions(first);
  expect(a.status, a.text).toBe(201);
  // An update is not a first filing; a new order is; a rejected one is nothing.
  const b = await t.fileTransactions([
    { ...first[0]!, status: 'shipped' },
    order('FC-S', { order_id: 'FC-4', placed_at: ago(100 * HOUR) }),
    order('NOBODY', { order_id: 'FC-5' }),
  ]);
  expect(b.status, b.text).toBe(201);
  // An atomic filing refused as a whole files nothing.
  const refused = await t.call('POST', '/v1/transactions?atomic=true', {
    key: t.platformA.key,
    type: 'application/x-ndjson',
    body: [order('FC-S', { order_id: 'FC-6' }), order('NOBODY', { order_id: 'FC-7' })]
      .map((o) => `${JSON.stringify(o)}\n`)
      .join(''),
  });
  expect(refused.status).toBe(422);

  const counts = () =>
    t!.gw.db
      .prepare('SELECT filing, first_filed, on_time FROM transaction_filing_counts ORDER BY filing')
      .all();
  expect(counts()).toEqual(
    [
      { filing: a.json.filing_id, first_filed: 3, on_time: 2 },
      { filing: b.json.filing_id, first_filed: 1, on_time: 0 },
    ].sort((x, y) => (x.filing < y.filing ? -1 : 1)),
  );

  // The migration's count of the same filings, from their versions.
  const written = counts();
  const migration = fs.readFileSync(
    path.join(REPO, 'src/db/migrations/028_transaction_filing_counts.sql'),
    'utf8',
  );
  t.gw.db.exec('DELETE FROM transaction_filing_counts');
  t.gw.db.exec(migration.slice(migration.indexOf('INSERT INTO transaction_filing_counts')));
  expect(counts()).toEqual(written);
});
