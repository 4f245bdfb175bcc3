import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { seededRandom } from '../../fixtures/generate/random.ts';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { createApp } from '../../src/http/app.ts';
import { naturalPerson, testGateway } from '../helpers/gateway.ts';

const t = testGateway();
afterAll(() => t.close());

const records = [...generateSellers({ count: 20, seed: 3, badShare: 0.2 })].map((f) => f.record);
const BODIES = {
  'application/json': formatSellers(records, 'json'),
  'application/x-ndjson': formatSellers(records, 'ndjson'),
  'text/csv': formatSellers(
    records.filter((r) => !('shop_owner' in r)),
    'csv',
  ),
};

/** Cuts, duplicates, flips and splices bytes of a valid body: what a broken client or an attacker sends. */
function mutate(body: Buffer, random: ReturnType<typeof seededRandom>): Buffer {
  const out = Buffer.from(body);
  const kind = random.int(0, 4);
  if (kind === 0) return out.subarray(0, random.int(0, out.length));
  if (kind === 1) {
    for (let i = 0; i < 8; i++) out[random.int(0, out.length - 1)] = random.int(0, 255);
    return out;
  }
  if (kind === 2) {
    const at = random.int(0, out.length);
    return Buffer.concat([
      out.subarray(0, at),
      Buffer.from(['{', '"', '\\', ',', '\n', '\u0000', '\uFEFF', '[[[['][random.int(0, 7)]!),
      out.subarray(at),
    ]);
  }
  if (kind === 3) return Buffer.concat([out, out]);
  return Buffer.from(out.toString('latin1').split('').reverse().join(''), 'latin1');
}

describe('hostile bodies', () => {
  test.each(Object.keys(BODIES))(
    '300 mutated %s bodies never make the gateway fail, and the database stays sound',
    async (type) => {
      const random = seededRandom(type.length);
      const valid = Buffer.from(BODIES[type as keyof typeof BODIES]);
      const statuses = new Map<number, number>();
      let refusedSomething = 0;
      for (let i = 0; i < 300; i++) {
        const res = await t.call('POST', '/v1/sellers', {
          key: t.platformA.key,
          type,
          body: new Uint8Array(mutate(valid, random)),
        });
        expect(res.status, res.text).toBeLessThan(500);
        expect(res.json, res.text).toBeDefined();
        if (res.status >= 400) expect(res.json.code, res.text).toEqual(expect.any(String));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 400 || res.json.counts.rejected > res.json.counts.received / 5) refusedSomething++;
      }
      expect(t.gw.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(t.gw.db.pragma('foreign_key_check')).toEqual([]);
      // Both outcomes must have been exercised, or the mutations were too mild to mean anything.
      expect(statuses.get(201), JSON.stringify([...statuses])).toBeGreaterThan(0);
      expect(refusedSomething).toBeGreaterThan(30);
    },
  );
});

test('request logs carry no personal data, even for rejected records', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = createApp({ ...t.gw, logger: pino({ level: 'debug' }, sink) });
  const body = JSON.stringify([
    naturalPerson({ contact_phone: '13700001111' }),
    naturalPerson({ id_number: '11010519491231001X' }),
  ]);
  const res = await app.request('/v1/sellers?atomic=false', {
    method: 'POST',
    headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/json' },
    body,
  });
  expect(res.status).toBe(201);
  const log = lines.join('');
  expect(log).toContain('/v1/sellers');
  for (const secret of ['13700001111', '11010519491231002X', '11010519491231001X', t.platformA.key]) {
    expect(log).not.toContain(secret);
  }
});
