import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { CSS_PATH } from '../../src/console/assets.ts';
import { PAGE_CSP } from '../../src/console/security.ts';
import { chinaMinute } from '../../src/lib/dates.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * The trust mark's verification page as the site's other pages are (issue 18): the Layout and its style
 * sheet, one language (the `lang` cookie, else Accept-Language), every fact it showed before, and the
 * pages' security headers.
 */
let web: FixtureWeb;
let t: TestGateway;
let mark: any;
let revoked: any;

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const cases = ['footer-text', 'json-ld'].map((id) => web.cases.find((c) => c.id === id)!);
  const filed = await t.fileSellers(
    t.platformA.key,
    cases.map((c) =>
      enterprise({ seller_id: c.id, legal_name: c.filed.name, uscc: c.filed.uscc, store_url: c.url }),
    ),
  );
  expect(filed.status, filed.text).toBe(201);
  t.gw.crawls.start({ platform_ids: [t.gw.accounts.platformBySlug(t.platformA.slug)!.id] }, 'test');
  await t.gw.crawls.idle();
  const issue = async (seller_id: string) => {
    const res = await t.call('POST', '/v1/regulator/marks', {
      key: t.regulator.token,
      type: 'application/json',
      body: JSON.stringify({ platform: t.platformA.slug, seller_id, days: 30 }),
    });
    expect(res.status, res.text).toBe(201);
    return res.json;
  };
  mark = await issue('footer-text');
  const second = await issue('json-ld');
  const res = await t.call('POST', `/v1/regulator/marks/${second.mark_id}/revoke`, {
    key: t.regulator.token,
    type: 'application/json',
    body: JSON.stringify({ reason: 'sold counterfeits' }),
  });
  expect(res.status, res.text).toBe(200);
  revoked = res.json;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await web?.close();
});

const open = (id: string, headers: Record<string, string>) => t.call('GET', `/marks/${id}`, { headers });

/** The words a reader sees, without what users wrote (`data-raw`), codes and links that are paths. */
function ourWords(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, code, [data-raw]').remove();
  // The language switch names the other language in that language.
  $('[lang]:not(html)').remove();
  $('a').each((_, a) => {
    if (/^\/\S*$/.test($(a).text().trim())) $(a).remove();
  });
  return $('body').text().replace(/\s+/g, ' ');
}

describe('the verification page in the reader’s language, with the Layout', () => {
  test('Chinese (Accept-Language zh): the style sheet, every fact, no English words of ours', async () => {
    const res = await open(mark.mark_id, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.status, res.text).toBe(200);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain(`<link rel="stylesheet" href="${CSS_PATH}"/>`);
    expect(res.text).not.toMatch(/<style|\sstyle=/);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('认证标识');
    expect($('[data-testid=mark-status]').text()).toBe('有效');
    // Every fact the page showed before: whom, which site, issued, valid until, the id, how to check it.
    expect(res.text).toContain(mark.subject.name);
    expect(res.text).toContain(mark.subject.uscc);
    expect(res.text).toContain(mark.origin);
    expect(res.text).toContain(`${chinaMinute(mark.issued_at)} 北京时间`);
    expect(res.text).toContain(`${chinaMinute(mark.expires_at)} 北京时间`);
    expect(res.text).toContain(`<code>${mark.mark_id}</code>`);
    expect(res.text).toContain('href="/v1/receipt-key"');
    expect(res.text).toContain(`href="/v1/marks/${mark.mark_id}"`);
    const words = ourWords(res.text);
    expect(words).toContain('有效期至');
    expect(words.replace(/marketgate/g, ''), words).not.toMatch(/[A-Za-z]{2,}/);
  });

  test('English (Accept-Language en): the same facts, no Chinese words of ours', async () => {
    const res = await open(mark.mark_id, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.status, res.text).toBe(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain(`<link rel="stylesheet" href="${CSS_PATH}"/>`);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('Trust mark');
    expect($('[data-testid=mark-status]').text()).toBe('Active');
    expect(res.text).toContain(`${chinaMinute(mark.expires_at)} CST`);
    expect(res.text).toContain(mark.subject.name);
    const words = ourWords(res.text);
    expect(words).toContain('Valid until');
    expect(words, words).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
  });

  test('the lang cookie overrides Accept-Language; the warning and a revocation speak it too', async () => {
    const copy = await open(mark.mark_id, {
      'accept-language': 'zh-CN',
      cookie: 'lang=en',
      referer: 'http://copycat.test/shop',
    });
    expect(copy.text).toContain('<html lang="en">');
    const $ = cheerio.load(copy.text);
    expect($('[data-testid=elsewhere]').text()).toBe(
      `This mark was issued to ${mark.origin}, but you opened it from http://copycat.test: that site may be showing someone else's mark.`,
    );
    const zh = cheerio.load((await open(revoked.mark_id, { 'accept-language': 'zh' })).text);
    expect(zh('[data-testid=mark-status]').text()).toBe('已撤销');
    expect(zh('main').text()).toContain('撤销理由');
    expect(zh('main').text()).toContain('sold counterfeits');
    expect(zh('main').text()).toContain(`${chinaMinute(revoked.revoked_at)} 北京时间`);
  });

  test('keeps its headers, now with the pages’ content security policy; JSON stays JSON', async () => {
    const res = await open(mark.mark_id, { 'accept-language': 'en' });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('vary')).toMatch(/Accept, Referer.*Accept-Language.*Cookie/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const json = await open(mark.mark_id, { accept: 'application/json' });
    expect(json.json).toMatchObject({ mark_id: mark.mark_id, status: 'active' });
    expect((await open('01ARZ3NDEKTSV4RRFFQ69G5FAV', {})).status).toBe(404);
  });
});
