import * as cheerio from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { enterList } from '../../src/credit/service.ts';
import { consoleCookie, consolePage } from '../helpers/console.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

/**
 * The dashboard's tier chart counts every subject (issue 18: it counted only the 21 of 2,019 subjects that
 * had a stored score): a subject with no credit event has the tier of no events.
 */
let t: TestGateway;
let cookie = '';
const uscc = (n: number) => {
  const first17 = `91330106${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

beforeAll(async () => {
  t = testGateway();
  const filed = await t.fileSellers(
    t.platformA.key,
    [1, 2, 3, 4, 5].map((n) =>
      enterprise({ seller_id: `tier-${n}`, uscc: uscc(n), legal_name: `杭州第${n}贸易有限公司` }),
    ),
  );
  expect(filed.status, filed.text).toBe(201);
  const subject = t.gw.sellers.seller(
    t.gw.accounts.platformBySlug(t.platformA.slug)!.id,
    'tier-1',
  )!.subject_id;
  enterList(
    t.gw,
    'abnormal',
    {
      subject_id: subject,
      reason: '通过登记的住所无法联系',
      legal_basis: '《企业经营异常名录管理暂行办法》第四条',
    },
    'regulator:test',
  );
  cookie = await consoleCookie(t);
});
afterAll(() => t.close());

test('the tier chart counts every subject, not only those with a stored score', async () => {
  const page = await consolePage(t, cookie, '/console');
  expect(page.status).toBe(200);
  const $ = cheerio.load(page.text);
  const counts = Object.fromEntries(
    $('[data-chart=tiers] details tbody tr')
      .toArray()
      .map((tr) => [$(tr).find('td').first().text(), Number($(tr).find('td.num').text())]),
  );
  const subjects = t.gw.db.prepare('SELECT count(*) AS n FROM subjects').get() as { n: number };
  const scored = t.gw.db.prepare('SELECT count(*) AS n FROM credit_scores').get() as { n: number };
  expect(subjects.n).toBe(5);
  expect(scored.n).toBe(1);
  expect(counts.C).toBe(1);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(5);
});
