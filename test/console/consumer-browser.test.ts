import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import type { ComplaintState } from '../../src/complaints/workflow.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { chinaMinute } from '../../src/lib/dates.ts';
import { REPO } from '../helpers/cli.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { launchTestChromium } from '../helpers/chromium.ts';

/**
 * The consumer's pages of issue 18 in Debian's Chromium against a real server on 127.0.0.1, in Chinese
 * and English: the confirmation with what happens next and by when, evidence files from the lodging form
 * and the tracking page, a duplicate refused without naming the other complaint, and the trust-mark page
 * with the site's style sheet. Screenshots go to test/artifacts/console/consumer-*.png.
 */
const ARTIFACTS = path.join(REPO, 'test/artifacts/console');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let web: FixtureWeb;
let running: RunningGateway;
let browser: Browser;
let dataDir: string;
let chromium: Awaited<ReturnType<typeof launchTestChromium>> | undefined;
let filesDir: string;
let base: string;
let markId = '';
const LANGS = { zh: 'zh-CN,zh;q=0.9', en: 'en-GB,en;q=0.9' } as const;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Submits a form and waits for the page it leads to, with its style sheet ('load': these pages have no
 * script, so nothing is requested after it; 'networkidle0' would add half a second of quiet to each).
 */
async function submit(page: Page, selector: string) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  return res;
}

async function newPage(lang: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': lang });
  await page.setViewport({ width: 1100, height: 900 });
  return page;
}

async function fillLodgeForm(page: Page, orderId: string, phone: string) {
  await page.goto(`${base}/complaints/new`);
  await page.select('#f-platform', 'web-mall');
  await page.type('#f-seller_id', 'tea-1');
  await page.type('#f-order_id', orderId);
  await page.type('#f-description', '收到的龙井茶叶发霉，商家拒绝退款。');
  await page.type('#f-name', '李四');
  await page.type('#f-phone', phone);
}

const stateOf = (code: string) =>
  JSON.parse(running.gateway.complaints.byCode(code)!.state) as ComplaintState;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  web = await startFixtureWeb();
  dataDir = tempDir('mg-consumer-');
  filesDir = tempDir('mg-consumer-files-');
  fs.writeFileSync(path.join(filesDir, 'receipt.png'), PNG);
  fs.writeFileSync(path.join(filesDir, 'invoice.pdf'), PDF);
  fs.writeFileSync(path.join(filesDir, 'notes.txt'), 'not an image, whatever the name says');
  const config = loadConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent', checkWorkers: 0 });
  config.sweepMinutes = 0;
  Object.assign(config.crawl, {
    allowPrivateAddresses: true,
    browserSlots: 0,
    spacingMs: 10,
    timeoutMs: 2_000,
  });
  running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  base = running.url;
  const gw = running.gateway;
  const platform = addPlatform(gw.accounts, {
    slug: 'web-mall',
    name: '网页商城',
    uscc: '91330106673959654P',
  });
  const regulator = addRegulator(gw.accounts, { name: 'inspector-consumer' });
  const call = async (key: string, pathname: string, body: unknown, status = 201) => {
    const res = await fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const marked = web.cases.find((c) => c.id === 'footer-text')!;
  await call(platform.key, '/v1/sellers', [
    enterprise({
      seller_id: 'tea-1',
      legal_name: '杭州龙井茶业有限公司',
      uscc: '91110108795101314G',
      store_name: '龙井茶旗舰店',
      store_url: 'https://tea.example.cn/',
    }),
    enterprise({
      seller_id: marked.id,
      legal_name: marked.filed.name,
      uscc: marked.filed.uscc,
      store_url: marked.url,
    }),
  ]);
  await call(platform.key, '/v1/transactions', [
    order('tea-1', { order_id: 'WEB-ORD-1' }),
    order('tea-1', { order_id: 'WEB-ORD-2' }),
  ]);
  gw.crawls.start({ platform_ids: [gw.accounts.platformBySlug('web-mall')!.id] }, 'test');
  await gw.crawls.idle();
  const mark = await call(regulator.token, '/v1/regulator/marks', {
    platform: 'web-mall',
    seller_id: marked.id,
  });
  markId = mark.mark_id as string;

  chromium = await launchTestChromium('mg-consumer-chromium-');
  browser = chromium.browser;
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await running?.close();
  await web?.close();
  for (const dir of [dataDir, filesDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(['zh', 'en'] as const)('the consumer’s pages in %s', (lang) => {
  let code = '';
  let token = '';
  const phone = lang === 'zh' ? '13912340001' : '13912340002';
  const orderId = lang === 'zh' ? 'WEB-ORD-1' : 'WEB-ORD-2';

  test('a refused file keeps what was typed; with a good one the confirmation says what happens next', async () => {
    const page = await newPage(LANGS[lang]);
    await fillLodgeForm(page, orderId, phone);
    const input = await page.$('#f-file');
    await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(
      path.join(filesDir, 'notes.txt'),
    );
    const refused = await submit(page, 'form[action="/complaints/new"] button[type=submit]');
    expect(refused?.status()).toBe(415);
    expect(await page.$eval('#e-file', (e) => e.textContent)).toMatch(
      lang === 'zh' ? /PDF/ : /judged by its content/,
    );
    expect(await page.$eval('#f-order_id', (e) => (e as HTMLInputElement).value)).toBe(orderId);
    expect(await page.$eval('#f-description', (e) => (e as HTMLTextAreaElement).value)).toContain('龙井');
    await shot(page, `consumer-file-refused-${lang}`);

    const again = await page.$('#f-file');
    await (again as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(
      path.join(filesDir, 'receipt.png'),
    );
    const done = await submit(page, 'form[action="/complaints/new"] button[type=submit]');
    expect(done?.status()).toBe(201);
    code = (await page.$eval('[data-testid=tracking-code]', (e) => e.textContent!)).trim();
    token = (await page.$eval('[data-testid=access-token]', (e) => e.textContent!)).trim();
    const due = stateOf(code).deadlines.decision;
    const zone = lang === 'zh' ? '北京时间' : 'CST';
    expect(await page.$eval('[data-step=decision]', (e) => e.textContent)).toBe(`${due} 23:59 ${zone}`);
    expect(await page.$$eval('[data-testid=files] tbody tr', (rows) => rows.length)).toBe(1);
    // The style sheet is applied under the content security policy.
    expect(await page.$eval('header.top', (e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(13, 42, 74)',
    );
    await shot(page, `consumer-lodged-${lang}`);
    await page.browserContext().close();
  });

  test('the tracking page adds a file with its form', async () => {
    const page = await newPage(LANGS[lang]);
    await page.goto(`${base}/complaints/track`);
    await page.type('#f-code', code);
    await page.type('#f-token', token);
    await submit(page, 'form[action="/complaints/track"] button[type=submit]');
    const input = await page.$('form[data-testid=add-files] input[type=file]');
    await (input as unknown as { uploadFile(...p: string[]): Promise<void> }).uploadFile(
      path.join(filesDir, 'invoice.pdf'),
    );
    const res = await submit(page, 'form[data-testid=add-files] button[type=submit]');
    expect(res?.status()).toBe(201);
    expect(page.url()).toBe(`${base}/complaints/track/files`);
    expect(await page.$$eval('[data-testid=files] tbody tr', (rows) => rows.length)).toBe(2);
    const id = running.gateway.complaints.byCode(code)!.id;
    expect(
      running.gateway.complaints
        .files(id)
        .map((f) => f.media_type)
        .sort(),
    ).toEqual(['application/pdf', 'image/png']);
    const at = running.gateway.complaints.events(id)[0]!.at;
    expect(await page.$eval('[data-testid=steps] tbody td time', (e) => e.textContent)).toBe(
      `${chinaMinute(at)} ${lang === 'zh' ? '北京时间' : 'CST'}`,
    );
    await shot(page, `consumer-tracking-${lang}`);
    await page.browserContext().close();
  });

  test('a duplicate is refused without the other complaint’s tracking code', async () => {
    const page = await newPage(LANGS[lang]);
    await fillLodgeForm(page, orderId, lang === 'zh' ? '13912340003' : '13912340004');
    const res = await submit(page, 'form[action="/complaints/new"] button[type=submit]');
    expect(res?.status()).toBe(409);
    const notice = await page.$eval('.notice.error', (e) => e.textContent!);
    expect(notice).toMatch(lang === 'zh' ? /^[^A-Za-z]+$/ : /already being handled/);
    expect(await page.content()).not.toContain(code);
    await shot(page, `consumer-duplicate-${lang}`);
    await page.browserContext().close();
  });

  test('the trust-mark page is the site’s page in one language', async () => {
    const page = await newPage(LANGS[lang]);
    await page.goto(`${base}/marks/${markId}`);
    expect(await page.$eval('html', (e) => e.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    expect(await page.$eval('h1', (e) => e.textContent)).toBe(lang === 'zh' ? '认证标识' : 'Trust mark');
    expect(await page.$eval('[data-testid=mark-status]', (e) => e.textContent)).toBe(
      lang === 'zh' ? '有效' : 'Active',
    );
    expect(await page.$eval('header.top', (e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(13, 42, 74)',
    );
    await shot(page, `consumer-mark-${lang}`);
    await page.browserContext().close();
  });
});
