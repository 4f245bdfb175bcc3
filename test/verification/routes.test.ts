import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { startCrawl } from '../../src/verification/service.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/** Crawls through the gateway: scheduling, progress, results per store, evidence downloads. */
let web: FixtureWeb;
let t: TestGateway;
const CASES = ['footer-text', 'identity-missing', 'other-company-code', 'closed-404', 'json-ld'];
const sellerOf = new Map<string, string>();

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 2_000 });
  t = testGateway({ crawl: { spacingMs: 20, timeoutMs: 2_000, browserSlots: 0 } });
  const records = CASES.map((id) => {
    const store = web.cases.find((c) => c.id === id)!;
    const record = enterprise({
      seller_id: `S-${id}`,
      legal_name: store.filed.name,
      uscc: store.filed.uscc,
      store_url: store.url,
    });
    sellerOf.set(id, record.seller_id);
    return record;
  });
  const filed = await t.fileSellers(t.platformA.key, records);
  expect(filed.status, filed.text).toBe(201);
  // A store on the other platform, and one that was filed closed: neither is in a crawl of platform A.
  await t.fileSellers(t.platformB.key, [enterprise({ seller_id: 'B-1', store_url: web.cases[0]!.url })]);
  await t.fileSellers(t.platformA.key, [
    enterprise({ seller_id: 'A-closed', status: 'closed', store_url: web.cases[0]!.url }),
  ]);
}, 30_000);

afterAll(async () => {
  await t?.close();
  await web?.close();
});

const regulator = () => t.regulator.token;

async function crawlToEnd(body: unknown) {
  const started = await t.call('POST', '/v1/regulator/crawls', {
    key: regulator(),
    type: 'application/json',
    body: JSON.stringify(body),
  });
  expect(started.status, started.text).toBe(202);
  expect(started.headers.get('location')).toBe(`/v1/regulator/crawls/${started.json.crawl_id}`);
  await t.gw.crawls.idle();
  const progress = await t.call('GET', started.headers.get('location')!, { key: regulator() });
  expect(progress.status, progress.text).toBe(200);
  return { started: started.json, progress: progress.json };
}

describe('a crawl of one platform', () => {
  let progress: any;
  beforeAll(async () => {
    ({ progress } = await crawlToEnd({ platforms: [t.platformA.slug] }));
  }, 60_000);

  test('covers the active stores of that platform only, and reports the verdicts', () => {
    expect(progress).toMatchObject({ status: 'done', total: CASES.length, done: CASES.length });
    expect(progress.compliant).toBe(2);
    expect(progress.violations).toBe(2);
    expect(progress.inconclusive).toBe(1);
    expect(progress.verdicts).toEqual({
      compliant: 2,
      identity_missing: 1,
      identity_mismatch: 1,
      inconclusive: 1,
    });
    expect(progress.pages_per_second).toBeGreaterThan(0);
  });

  test("a store's verifications show the verdict, the comparison and downloadable evidence", async () => {
    const res = await t.call(
      'GET',
      `/v1/regulator/stores/${t.platformA.slug}/${sellerOf.get('other-company-code')}/verifications`,
      { key: regulator() },
    );
    expect(res.status, res.text).toBe(200);
    const [latest] = res.json.verifications;
    expect(latest.verdict).toBe('identity_mismatch');
    expect(latest.comparison.uscc).toBe('mismatch');
    expect(latest.seller_version).toBe(1);
    const raw = latest.evidence.find((e: any) => e.kind === 'raw');
    const download = await t.app.request(raw.url, { headers: { authorization: `Bearer ${regulator()}` } });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(raw.sha256);
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    // Named with its type's extension (issue 18): the raw page is .html, the screenshot .png.
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${latest.id}-raw-${raw.sha256.slice(0, 12)}.html"`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    for (const piece of latest.evidence) {
      const res = await t.app.request(piece.url, { headers: { authorization: `Bearer ${regulator()}` } });
      const ext = { 'text/html': '.html', 'image/png': '.png' }[String(piece.media_type).split(';')[0]!];
      expect(res.headers.get('content-disposition'), piece.kind).toMatch(new RegExp(`${ext ?? '\\.bin'}"$`));
    }
  });

  test('statistics per host: verdicts, reasons and statuses', async () => {
    const res = await t.call('GET', `/v1/regulator/crawls/${progress.crawl_id}/stats`, { key: regulator() });
    expect(res.status, res.text).toBe(200);
    expect(res.json.overall.visits).toBe(CASES.length);
    expect(res.json.overall.reasons).toEqual({ store_closed: 1 });
    expect(res.json.overall.statuses['404']).toBe(1);
    expect(Object.keys(res.json.hosts).length).toBeGreaterThanOrEqual(2);
  });

  test('a crawl of stale stores skips the ones just verified', async () => {
    const { progress: stale } = await crawlToEnd({ platforms: [t.platformA.slug], stale_days: 7 });
    expect(stale.total).toBe(0);
    expect(stale.status).toBe('done');
  });
});

test('a crawl of chosen stores covers exactly those; starting it is audited by the verb, with the crawl', async () => {
  const body = { stores: [{ platform: t.platformA.slug, seller_id: sellerOf.get('footer-text') }] };
  const { progress } = await crawlToEnd(body);
  expect(progress).toMatchObject({ total: 1, done: 1, compliant: 1 });
  expect(t.gw.audit.ofTarget('crawl', progress.crawl_id)).toEqual([
    expect.objectContaining({ action: 'crawl.start', detail: JSON.stringify({ scope: body, stores: 1 }) }),
  ]);
  // The console starts crawls with the same verb, and says so.
  const crawl = startCrawl(t.gw, { platforms: [t.platformA.slug] }, 'regulator:1', { via: 'console' });
  await t.gw.crawls.idle();
  expect(t.gw.audit.ofTarget('crawl', crawl.id)).toEqual([
    expect.objectContaining({
      actor: 'regulator:1',
      detail: JSON.stringify({
        scope: { platforms: [t.platformA.slug] },
        stores: crawl.total,
        via: 'console',
      }),
    }),
  ]);
  // Refused before anything is written: no crawl, no entry.
  const head = t.gw.audit.head();
  expect(() => startCrawl(t.gw, { platforms: ['nope'] }, 'regulator:1')).toThrow(
    /platforms.0: no platform nope/,
  );
  expect(t.gw.audit.head()).toEqual(head);
});

describe('refusals', () => {
  const post = (body: string, type = 'application/json', key = regulator()) =>
    t.call('POST', '/v1/regulator/crawls', { key, type, body });

  test('bad bodies get a problem naming the field, and start nothing', async () => {
    const before = t.gw.verifications.unfinishedCrawls().length;
    const cases: [string, number, string][] = [
      ['{"platforms": ["nope"]}', 400, 'invalid_body'],
      // A crawl names what it covers: every store takes "all": true, alone.
      ['{}', 400, 'invalid_body'],
      ['{"all": true, "stale_days": 1}', 400, 'invalid_body'],
      [JSON.stringify({ stores: [{ platform: 'x', seller_id: 'a' }] }), 400, 'invalid_body'],
      ['{"stale_days": -1}', 400, 'invalid_body'],
      ['{"stale_days": "7"}', 400, 'invalid_body'],
      ['{"unknown": 1}', 400, 'invalid_body'],
      ['{"platforms": [', 400, 'malformed_json'],
      ['[]', 400, 'invalid_body'],
      [
        JSON.stringify({
          stores: Array.from({ length: 1001 }, (_, i) => ({ platform: 'a', seller_id: `s${i}` })),
        }),
        400,
        'invalid_body',
      ],
      ['x'.repeat(2 * 1024 * 1024), 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect(res.status, `${body.slice(0, 60)} → ${res.text.slice(0, 300)}`).toBe(status);
      expect(res.json.code).toBe(code);
    }
    const unknownStore = await post(
      JSON.stringify({ stores: [{ platform: t.platformA.slug, seller_id: 'NOPE' }] }),
    );
    expect(unknownStore.json.errors).toEqual([
      { field: 'stores.0.seller_id', message: expect.stringContaining('NOPE') },
    ]);
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect(t.gw.verifications.unfinishedCrawls().length).toBe(before);
  });

  test('platforms and the public cannot crawl or read verifications', async () => {
    expect((await post('{}', 'application/json', t.platformA.key)).status).toBe(403);
    expect(
      (await t.call('POST', '/v1/regulator/crawls', { type: 'application/json', body: '{}' })).status,
    ).toBe(401);
    const path = `/v1/regulator/stores/${t.platformA.slug}/${sellerOf.get('footer-text')}/verifications`;
    expect((await t.call('GET', path, { key: t.platformA.key })).status).toBe(403);
    expect((await t.call('GET', path)).status).toBe(401);
  });

  test('unknown crawls, stores and evidence are 404; malformed ids are 400', async () => {
    expect(
      (await t.call('GET', '/v1/regulator/crawls/01ARZ3NDEKTSV4RRFFQ69G5FAV', { key: regulator() })).status,
    ).toBe(404);
    expect((await t.call('GET', '/v1/regulator/crawls/nope', { key: regulator() })).status).toBe(400);
    expect(
      (
        await t.call('GET', `/v1/regulator/stores/${t.platformA.slug}/NOPE/verifications`, {
          key: regulator(),
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/v1/regulator/stores/nope/x/verifications`, { key: regulator() })).status,
    ).toBe(404);
    const fake = `/v1/regulator/verifications/01ARZ3NDEKTSV4RRFFQ69G5FAV/evidence/${'a'.repeat(64)}`;
    expect((await t.call('GET', fake, { key: regulator() })).status).toBe(404);
    expect(
      (
        await t.call('GET', '/v1/regulator/verifications/01ARZ3NDEKTSV4RRFFQ69G5FAV/evidence/..%2F..%2Fetc', {
          key: regulator(),
        })
      ).status,
    ).toBe(400);
  });
});
