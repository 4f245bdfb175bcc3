import * as cheerio from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { consoleCookie, consolePage } from '../helpers/console.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * A search that finds more than a page says how many it found and pages through them (issue 18: 35
 * subjects matched a common word and 20 were shown without a word): `total`, `limit`, `offset`,
 * `next_offset` in GET /public/credit, and the same on the public and the console's search pages.
 */
let t: TestGateway;
let cookie = '';
const uscc = (n: number) => {
  const first17 = `91440300${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

beforeAll(async () => {
  t = testGateway();
  // 35 subjects with 星河 in their name, 2 more found only by a store's name, and one that does not match.
  const sellers = [
    ...Array.from({ length: 35 }, (_, i) =>
      enterprise({ seller_id: `sx-${i}`, uscc: uscc(i + 1), legal_name: `深圳星河第${i}贸易有限公司` }),
    ),
    enterprise({ seller_id: 'st-1', uscc: uscc(90), legal_name: '广州甲有限公司', store_name: '星河旗舰店' }),
    enterprise({ seller_id: 'st-2', uscc: uscc(91), legal_name: '广州乙有限公司', store_name: '星河专营店' }),
    enterprise({ seller_id: 'other', uscc: uscc(92), legal_name: '广州丙有限公司', store_name: '丙店' }),
  ];
  const filed = await t.fileSellers(t.platformA.key, sellers);
  expect(filed.status, filed.text).toBe(201);
  cookie = await consoleCookie(t);
});
afterAll(() => t.close());

test('GET /public/credit pages through every subject found, once each, and says how many', async () => {
  const seen: string[] = [];
  let offset: number | null = 0;
  let pages = 0;
  while (offset !== null) {
    const res = await t.call(
      'GET',
      `/public/credit?q=${encodeURIComponent('星河')}&limit=15&offset=${offset}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ total: 37, limit: 15, offset });
    seen.push(...res.json.subjects.map((s: { subject_id: string }) => s.subject_id));
    offset = res.json.next_offset;
    pages++;
  }
  expect(pages).toBe(3);
  expect(seen).toHaveLength(37);
  expect(new Set(seen).size).toBe(37);
  // Those found by their own name come before those found by a store's name.
  const first = await t.call('GET', `/public/credit?q=${encodeURIComponent('星河')}&limit=100`);
  const names = first.json.subjects.map((s: { name: string }) => s.name);
  expect(names.slice(-2).sort()).toEqual(['广州乙有限公司', '广州甲有限公司']);
  expect(first.json.next_offset).toBeNull();
  // Out of range is refused, not clamped in silence.
  expect((await t.call('GET', '/public/credit?q=星河&limit=0')).status).toBe(400);
  expect((await t.call('GET', '/public/credit?q=星河&limit=101')).status).toBe(400);
  expect((await t.call('GET', '/public/credit?q=星河&offset=-1')).status).toBe(400);
});

test('the public and the console search pages say how many were found and link the next page', async () => {
  const pub = await t.app.request(`/?q=${encodeURIComponent('星河')}`, { headers: { cookie: 'lang=en' } });
  const consolePageHtml = (await consolePage(t, cookie, `/console/subjects?q=${encodeURIComponent('星河')}`))
    .text;
  for (const html of [await pub.text(), consolePageHtml]) {
    const $ = cheerio.load(html);
    expect($('[data-testid=subjects] tbody tr')).toHaveLength(20);
    expect($('[data-testid=pager-position]').text()).toBe('1–20 / 37');
    const next = $('[data-testid=pager] a[rel=next]').attr('href')!;
    expect(next).toMatch(/offset=20/);
    const second = next.startsWith('/console')
      ? (await consolePage(t, cookie, next)).text
      : await (await t.app.request(next, { headers: { cookie: 'lang=en' } })).text();
    const $2 = cheerio.load(second);
    expect($2('[data-testid=subjects] tbody tr')).toHaveLength(17);
    expect($2('[data-testid=pager-position]').text()).toBe('21–37 / 37');
    expect($2('[data-testid=pager] a[rel=next]')).toHaveLength(0);
    expect($2('[data-testid=pager] a[rel=prev]').attr('href')).not.toMatch(/offset=[1-9]/);
  }
});
