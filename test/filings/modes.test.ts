import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { createApp } from '../../src/http/app.ts';
import { enterprise, naturalPerson, tempDir } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

// The same filings through both ways of running: worker threads (the default) and in-process.
function gatewayWith(checkWorkers: number) {
  const config = loadConfig({
    dataDir: tempDir(`mg-mode-${checkWorkers}-`),
    logLevel: 'silent',
    checkWorkers,
  });
  const gw = openGateway(config, pino({ level: 'silent' }));
  const app = createApp(gw);
  const { key } = addPlatform(gw.accounts, { slug: 'modes', name: 'M', uscc: '91330106673959654P' });
  const post = async (path: string, body: string) => {
    const res = await app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    return { status: res.status, json: await res.json() };
  };
  return { gw, post };
}

const gateways = [gatewayWith(1), gatewayWith(0)];
afterAll(() => {
  for (const g of gateways) g.gw.close();
});

describe('worker threads and in-process give the same outcome', () => {
  test('for a mixed seller filing and a mixed transaction filing', async () => {
    const sellers = [
      enterprise({ seller_id: 'M-1' }),
      naturalPerson({ seller_id: 'M-2' }),
      enterprise({ seller_id: 'M-3', uscc: 'bad' }),
    ];
    const orders = [
      order('M-1'),
      order('M-2', { total: '1.00' }),
      order('M-9'),
      order('M-1', { currency: 'RMB' }),
    ];
    const outcomes = [];
    for (const g of gateways) {
      const s = await g.post('/v1/sellers', ndjson(sellers));
      const t = await g.post('/v1/transactions', `${ndjson(orders)}not json\n`);
      expect(s.status).toBe(201);
      expect(t.status).toBe(201);
      const strip = (r: {
        counts: unknown;
        errors: { code: string; line: number }[];
        warnings: { code: string }[];
      }) => ({
        counts: r.counts,
        errors: r.errors.map((e) => [e.line, e.code]),
        warnings: r.warnings.map((w) => w.code),
      });
      outcomes.push([strip(s.json), strip(t.json)]);
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]![1]).toEqual({
      counts: { received: 5, created: 2, updated: 0, unchanged: 0, rejected: 3 },
      errors: [
        [3, 'unknown_seller'],
        [4, 'invalid_currency'],
        [5, 'malformed_json'],
      ],
      warnings: ['total_mismatch'],
    });
  });
});
