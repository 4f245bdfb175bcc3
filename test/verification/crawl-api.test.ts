import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addRegulator } from '../../src/accounts/service.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { startCrawl } from '../../src/verification/service.ts';
import { enterprise, naturalPerson, testGateway, type TestGateway } from '../helpers/gateway.ts';

/** The crawl list, a crawl's results (JSON pages and CSV), and the rule that a crawl names its scope. */
let web: FixtureWeb;
let t: TestGateway;
let crawlId: string;
const CASES = ['footer-text', 'identity-missing', 'other-company-code', 'closed-404', 'json-ld'];
const FORMULA = '=HYPERLINK("http://evil.test","click")';
const QUOTED = 'Shop, "the best" 旗舰店';
const person = naturalPerson();
const url = (id: string) => web.cases.find((c) => c.id === id)!.url;

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 2_000 });
  t = testGateway({ crawl: { spacingMs: 20, timeoutMs: 2_000, browserSlots: 0 } });
  const records: Record<string, unknown>[] = CASES.map((id) => {
    const store = web.cases.find((c) => c.id === id)!;
    return enterprise({
      seller_id: `S-${id}`,
      legal_name: store.filed.name,
      uscc: store.filed.uscc,
      store_url: store.url,
    });
  });
  records.push(
    enterprise({ seller_id: 'S-formula', store_name: FORMULA, store_url: url('identity-missing') }),
    enterprise({ seller_id: '-S-quoted', store_name: QUOTED, store_url: url('identity-missing') }),
    { ...person, store_url: url('identity-missing') },
  );
  const filed = await t.fileSellers(t.platformA.key, records);
  expect(filed.status, filed.text).toBe(201);
  const started = await post({ platforms: [t.platformA.slug] });
  expect(started.status, started.text).toBe(202);
  crawlId = started.json.crawl_id;
  await t.gw.crawls.idle();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await web?.close();
});

const STORES = CASES.length + 3;
const regulator = () => t.regulator.token;
const post = (body: unknown, key = regulator()) =>
  t.call('POST', '/v1/regulator/crawls', { key, type: 'application/json', body: JSON.stringify(body) });
const get = (path: string, key = regulator()) => t.call('GET', path, { key });
const regulatorId = (name: string) => `regulator:${t.gw.accounts.regulatorByName(name)!.id}`;

/** Every row of a crawl's results, page by page. */
async function allPages(query: string, limit: number) {
  const rows: any[] = [];
  let pages = 0;
  for (let cursor: string | null = ''; cursor !== null; pages++) {
    const res = await get(
      `/v1/regulator/crawls/${crawlId}/results?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.results.length).toBeLessThanOrEqual(limit);
    rows.push(...res.json.results);
    cursor = res.json.next_cursor;
  }
  return { rows, pages };
}

describe("a crawl's results", () => {
  test('one row per store with its verdict, reason, platform, store and verification; no personal data', async () => {
    const res = await get(`/v1/regulator/crawls/${crawlId}/results`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.results).toHaveLength(STORES);
    expect(res.json.next_cursor).toBeNull();
    const byId = new Map(res.json.results.map((r: any) => [r.seller_id, r]));
    expect(byId.get('S-closed-404')).toMatchObject({
      platform: t.platformA.slug,
      verdict: 'inconclusive',
      reason: 'store_closed',
      store_url: url('closed-404'),
      verification_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      finished_at: expect.stringMatching(/Z$/),
    });
    expect(byId.get('S-formula')).toMatchObject({ store_name: FORMULA, verdict: 'identity_missing' });
    const mismatch = byId.get('S-other-company-code') as any;
    expect(mismatch.verdict).toBe('identity_mismatch');
    // The row's verification is the crawl's visit of that store.
    const visits = await get(`/v1/regulator/stores/${t.platformA.slug}/S-other-company-code/verifications`);
    expect(visits.json.verifications[0]).toMatchObject({ id: mismatch.verification_id, crawl_id: crawlId });
    for (const secret of [person.id_number, person.contact_phone, person.legal_name])
      expect(res.text).not.toContain(secret);
  });

  test('filter by verdict and by reason', async () => {
    const compliant = await get(`/v1/regulator/crawls/${crawlId}/results?verdict=compliant`);
    expect(compliant.json.results.map((r: any) => r.seller_id).sort()).toEqual([
      'S-footer-text',
      'S-json-ld',
    ]);
    const missing = await get(`/v1/regulator/crawls/${crawlId}/results?verdict=identity_missing`);
    expect(missing.json.results.map((r: any) => r.seller_id).sort()).toEqual(
      ['-S-quoted', 'S-formula', 'S-identity-missing', person.seller_id].sort(),
    );
    const closed = await get(
      `/v1/regulator/crawls/${crawlId}/results?verdict=inconclusive&reason=store_closed`,
    );
    expect(closed.json.results.map((r: any) => r.seller_id)).toEqual(['S-closed-404']);
    const byReason = await get(`/v1/regulator/crawls/${crawlId}/results?reason=store_closed`);
    expect(byReason.json.results.map((r: any) => r.seller_id)).toEqual(['S-closed-404']);
    const none = await get(`/v1/regulator/crawls/${crawlId}/results?verdict=compliant&reason=store_closed`);
    expect(none.json.results).toEqual([]);
    const unvisited = await get(`/v1/regulator/crawls/${crawlId}/results?verdict=unvisited`);
    expect(unvisited.json.results).toEqual([]);
  });

  test('cursor paging gives every row once, in the order of one page, with or without a filter', async () => {
    const whole = (await get(`/v1/regulator/crawls/${crawlId}/results?limit=1000`)).json.results;
    const paged = await allPages('', 2);
    expect(paged.rows).toEqual(whole);
    expect(paged.pages).toBe(Math.ceil(STORES / 2));
    expect(new Set(paged.rows.map((r) => r.seller_id)).size).toBe(STORES);
    const missing = await allPages('&verdict=identity_missing', 1);
    expect(missing.rows).toEqual(whole.filter((r: any) => r.verdict === 'identity_missing'));
    expect(missing.pages).toBe(4);
  });

  test('CSV: every row, parses back to the same rows, quoted as RFC 4180 says, formulas neutralised', async () => {
    const res = await t.app.request(`/v1/regulator/crawls/${crawlId}/results?format=csv`, {
      headers: { authorization: `Bearer ${regulator()}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="crawl-${crawlId}-results.csv"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    // UTF-8 with a byte-order mark (fetch's text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFplatform,seller_id,store_name,store_url,verdict,reason,verification_id,finished_at',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.test"",""click"")",`);
    expect(text).toContain(`\r\n${t.platformA.slug},'-S-quoted,"Shop, ""the best"" 旗舰店",`);
    const csv = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const json = (await get(`/v1/regulator/crawls/${crawlId}/results?limit=1000`)).json.results;
    expect(csv).toHaveLength(json.length);
    const unguard = (cell: string) => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
    csv.forEach((row, i) => {
      const want = json[i];
      expect(row.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      expect(Date.parse(row.finished_at!)).toBe(Math.floor(Date.parse(want.finished_at) / 1000) * 1000);
      const { finished_at: _csvTime, ...cells } = row;
      const { finished_at: _jsonTime, ...fields } = want;
      expect(Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, unguard(v) || null]))).toEqual(
        fields,
      );
    });
    expect(csv.find((r) => r.seller_id === 'S-formula')!.store_name).toBe(`'${FORMULA}`);
  });

  test('CSV with a filter exports only those rows; paging parameters are refused with it', async () => {
    const res = await get(`/v1/regulator/crawls/${crawlId}/results?format=csv&verdict=compliant`);
    expect(res.status, res.text).toBe(200);
    const csv = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.seller_id).sort()).toEqual(['S-footer-text', 'S-json-ld']);
    for (const query of ['&limit=5', '&cursor=b3JkOjE'])
      expect((await get(`/v1/regulator/crawls/${crawlId}/results?format=csv${query}`)).status).toBe(400);
  });

  test('refusals: unknown crawl 404, malformed id, verdict, reason or cursor 400, platforms 403, nobody 401', async () => {
    const results = `/v1/regulator/crawls/${crawlId}/results`;
    expect((await get('/v1/regulator/crawls/01ARZ3NDEKTSV4RRFFQ69G5FAV/results')).status).toBe(404);
    for (const bad of [
      '/v1/regulator/crawls/nope/results',
      `${results}?verdict=bogus`,
      `${results}?reason=DROP%20TABLE`,
      `${results}?cursor=nope`,
      `${results}?cursor=${Buffer.from('ord:x').toString('base64url')}`,
      `${results}?limit=0`,
      `${results}?format=xml`,
      '/v1/regulator/crawls?cursor=nope',
      '/v1/regulator/crawls?limit=101',
    ]) {
      const res = await get(bad);
      expect(res.status, `${bad}: ${res.text}`).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    for (const path of [results, '/v1/regulator/crawls']) {
      expect((await get(path, t.platformA.key)).status).toBe(403);
      expect((await t.call('GET', path)).status).toBe(401);
    }
  });
});

describe('the crawl list', () => {
  test('names who started each crawl, newest first, and pages across pages without repeats or gaps', async () => {
    const other = addRegulator(t.gw.accounts, { name: 'list-checker' });
    const byOther = await post(
      { stores: [{ platform: t.platformA.slug, seller_id: 'S-footer-text' }] },
      other.token,
    );
    expect(byOther.status, byOther.text).toBe(202);
    await t.gw.crawls.idle();
    // Crawls started elsewhere (the command line, an older gateway's `{}`), two of them at one instant.
    const at = new Date(Date.parse('2020-01-01T00:00:00Z'));
    const old = [0, 0, 1, 2].map((days) =>
      t.gw.verifications.createCrawl({}, 'cli', new Date(at.getTime() + days * 86_400_000)),
    );

    const whole = await get('/v1/regulator/crawls?limit=100');
    expect(whole.status, whole.text).toBe(200);
    const crawls = whole.json.crawls;
    const keys = crawls.map((c: any) => `${c.created_at}|${c.crawl_id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(crawls[0]).toMatchObject({
      crawl_id: byOther.json.crawl_id,
      status: 'done',
      total: 1,
      done: 1,
      compliant: 1,
      verdicts: { compliant: 1 },
      scope: { stores: [{ platform: t.platformA.slug, seller_id: 'S-footer-text' }] },
      started_by: { actor: regulatorId('list-checker'), name: 'list-checker' },
      cancelled_at: null,
      cancelled_by: null,
    });
    expect(crawls.find((c: any) => c.crawl_id === crawlId)).toMatchObject({
      scope: { platforms: [t.platformA.slug] },
      started_by: { actor: regulatorId(t.regulator.name), name: t.regulator.name },
      total: STORES,
      done: STORES,
      violations: 5,
      started_at: expect.stringMatching(/Z$/),
      finished_at: expect.stringMatching(/Z$/),
    });
    expect(crawls.find((c: any) => c.crawl_id === old[0]!.id)).toMatchObject({
      status: 'queued',
      scope: { all: true },
      started_by: { actor: 'cli', name: null },
      created_at: '2020-01-01T00:00:00.000Z',
    });

    const seen: string[] = [];
    let pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages++) {
      const res = await get(`/v1/regulator/crawls?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.json.crawls.map((c: any) => c.crawl_id));
      cursor = res.json.next_cursor;
    }
    expect(seen).toEqual(crawls.map((c: any) => c.crawl_id));
    expect(pages).toBe(Math.ceil(crawls.length / 2));
  });
});

describe('a crawl names what it covers', () => {
  test('`{}` is refused with the rule, by the API and by the verb; `all` with other fields is refused; nothing starts', async () => {
    const before = t.gw.verifications.unfinishedCrawls().length;
    const head = t.gw.audit.head();
    const empty = await post({});
    expect(empty.status, empty.text).toBe(400);
    expect(empty.json).toMatchObject({ code: 'invalid_body' });
    expect(empty.json.detail).toContain('name platforms, stores or stale_days, or send "all": true');
    for (const body of [
      { all: true, platforms: [t.platformA.slug] },
      { all: true, stale_days: 7 },
      { all: false },
      { all: 'yes' },
    ]) {
      const res = await post(body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(400);
    }
    // The console starts crawls with the same verb: it gets the same rule.
    expect(() => startCrawl(t.gw, {}, 'regulator:1', { via: 'console' })).toThrow(/"all": true/);
    expect(t.gw.verifications.unfinishedCrawls().length).toBe(before);
    expect(t.gw.audit.head()).toEqual(head);
  });

  test('`{"all": true}` crawls every active store of every platform', async () => {
    await t.fileSellers(t.platformB.key, [enterprise({ seller_id: 'B-1', store_url: url('footer-text') })]);
    await t.fileSellers(t.platformA.key, [
      enterprise({ seller_id: 'A-closed', status: 'closed', store_url: url('footer-text') }),
    ]);
    const res = await post({ all: true });
    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({ total: STORES + 1, scope: { all: true } });
    await t.gw.crawls.idle();
    const rows = (await get(`/v1/regulator/crawls/${res.json.crawl_id}/results?limit=1000`)).json.results;
    expect(rows.map((r: any) => `${r.platform}/${r.seller_id}`)).toContain(`${t.platformB.slug}/B-1`);
    expect(rows.map((r: any) => r.seller_id)).not.toContain('A-closed');
    expect(t.gw.audit.ofTarget('crawl', res.json.crawl_id)).toEqual([
      expect.objectContaining({
        action: 'crawl.start',
        detail: JSON.stringify({ scope: { all: true }, stores: STORES + 1 }),
      }),
    ]);
  }, 60_000);
});
