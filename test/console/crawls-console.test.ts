import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { consoleCookie, consolePage } from '../helpers/console.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * The console's crawls (issue 18): "every store of every platform" only with a confirmation; a fake trust
 * mark counts as a violation on the crawl's page and in the list, with each mark's verdict shown; the list
 * names who started a crawl; a crawl can be cancelled from its page.
 */
let web: FixtureWeb;
let held: http.Server;
let release: () => void = () => {};
const waiting: http.ServerResponse[] = [];
let released = false;
let t: TestGateway;
let cookie = '';
let csrf = '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (path: string, fields: Record<string, string>) =>
  t.app.request(path, {
    method: 'POST',
    headers: { ...FORM, cookie: `${cookie}; lang=en`, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
const crawlCount = () => (t.gw.db.prepare('SELECT count(*) AS n FROM crawls').get() as { n: number }).n;

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const filed = (sellerId: string, id: string) => {
    const fixture = web.cases.find((c) => c.id === id)!;
    return enterprise({
      seller_id: sellerId,
      legal_name: fixture.filed.name,
      uscc: fixture.filed.uscc,
      store_url: fixture.url,
    });
  };
  const res = await t.fileSellers(t.platformA.key, [
    filed('lookalike', 'mark-lookalike'),
    filed('honest', 'footer-text'),
  ]);
  expect(res.status, res.text).toBe(201);
  held = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (released) answer(res);
    else waiting.push(res);
  });
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  const answer = (r: http.ServerResponse) =>
    r.writeHead(200, { 'content-type': 'text/html' }).end('<p>店</p>');
  release = () => {
    released = true;
    for (const r of waiting.splice(0)) answer(r);
  };
  const slow = await t.fileSellers(t.platformB.key, [
    enterprise({ seller_id: 'held', store_url: `http://127.0.0.1:${(held.address() as AddressInfo).port}/` }),
  ]);
  expect(slow.status, slow.text).toBe(201);
  cookie = await consoleCookie(t);
  csrf = /name="_csrf" value="([^"]+)"/.exec((await consolePage(t, cookie, '/console/crawls')).text)![1]!;
}, 30_000);

afterAll(async () => {
  release();
  await t?.gw.crawls.idle();
  held?.close();
  await t?.close();
  await web?.close();
});

test('no platform and no days: refused without the confirmation, every store with it', async () => {
  const before = crawlCount();
  const refused = await post('/console/crawls', {});
  expect(refused.status).toBe(400);
  expect(await refused.text()).toMatch(/tick the confirmation/);
  expect(crawlCount()).toBe(before);
  const ok = await post('/console/crawls', { confirm_all: 'yes' });
  expect(ok.status).toBe(303);
  expect(crawlCount()).toBe(before + 1);
  release();
  await t.gw.crawls.idle();
  const crawl = t.gw.verifications.recentCrawls(1)[0]!;
  expect(JSON.parse(crawl.scope)).toEqual({});
  expect(t.gw.audit.ofTarget('crawl', crawl.id)[0]).toMatchObject({ action: 'crawl.start' });
});

test("a lookalike trust mark is a violation on the crawl's page and in the list, with its verdict", async () => {
  const res = await post('/console/crawls', { platform: t.platformA.slug });
  expect(res.status).toBe(303);
  const id = res.headers.get('location')!.split('/').pop()!;
  await t.gw.crawls.idle();
  const $ = cheerio.load((await consolePage(t, cookie, `/console/crawls/${id}`)).text);
  expect($('[data-progress-text]').text()).toMatch(/Trust-mark violations 1\b/);
  const rows = $('[data-testid=crawl-results] tbody tr').toArray();
  const lookalike = rows.find((r) => $(r).text().includes('lookalike'))!;
  // The identity is in order; the mark is not, and the row says so.
  expect($(lookalike).find('[data-testid=mark-verdict]').text()).toMatch(/Lookalike issuer/);
  const list = cheerio.load((await consolePage(t, cookie, '/console/crawls')).text);
  const row = list(`[data-testid=crawls] a[href="/console/crawls/${id}"]`).closest('tr');
  const cells = row
    .find('td')
    .toArray()
    .map((td) => list(td).text().trim());
  expect(cells[1]).toBe('Done');
  expect(cells[4]).toBe('1');
  expect(cells[5]).toBe(t.regulator.name);
  // The API says the same.
  const api = await t.call('GET', `/v1/regulator/crawls/${id}`, { key: t.regulator.token });
  expect(api.json.mark_violations).toBe(1);
});

test('a crawl is cancelled from its page; a finished one cannot be', async () => {
  // Platform B's one store answers only when released: the crawl is running when it is cancelled.
  released = false;
  const res = await post('/console/crawls', { platform: t.platformB.slug });
  const id = res.headers.get('location')!.split('/').pop()!;
  const page = cheerio.load((await consolePage(t, cookie, `/console/crawls/${id}`)).text);
  expect(page('[data-action=cancel-crawl]')).toHaveLength(1);
  expect((await post(`/console/crawls/${id}/cancel`, {})).status).toBe(303);
  release();
  await t.gw.crawls.idle();
  expect(t.gw.verifications.crawl(id)!.cancelled_at).not.toBeNull();
  expect(t.gw.audit.ofTarget('crawl', id).map((e) => e.action)).toContain('crawl.cancel');
  const after = cheerio.load((await consolePage(t, cookie, `/console/crawls/${id}`)).text);
  expect(after('[data-progress-text]').text()).toMatch(/Cancelled/);
  expect(after('[data-action=cancel-crawl]')).toHaveLength(0);
  const finished = t.gw.verifications.recentCrawls(5).find((c) => c.finished_at && !c.cancelled_at)!;
  const refused = await post(`/console/crawls/${finished.id}/cancel`, {});
  expect(refused.status).toBe(409);
  expect(t.gw.verifications.crawl(finished.id)!.cancelled_at).toBeNull();
});
