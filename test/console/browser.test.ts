import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { REPO } from '../helpers/cli.ts';
import { launchTestChromium } from '../helpers/chromium.ts';

/**
 * The console and the public pages end to end, in Debian's Chromium against a real server on
 * 127.0.0.1: a complaint from the form through the regulator, the platform's API and the consumer's
 * acceptance to the public credit page; the dashboard; refusals (bad login, missing CSRF token,
 * forged session); both languages. Screenshots go to test/artifacts/console/.
 */
const ARTIFACTS = path.join(REPO, 'test/artifacts/console');
let running: RunningGateway;
let browser: Browser;
let dataDir: string;
let chromium: Awaited<ReturnType<typeof launchTestChromium>> | undefined;
let slowStore: http.Server;
let base: string;
let platform: { slug: string; key: string };
let regulator: { name: string; password: string };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click(selector)]);
}

async function newPage(lang = 'zh-CN,zh;q=0.9'): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': lang });
  await page.setViewport({ width: 1200, height: 900 });
  return page;
}

async function login(page: Page, password = regulator.password) {
  await page.goto(`${base}/console/login`);
  await page.type('#f-name', regulator.name);
  await page.type('#f-password', password);
  await submit(page, 'form[action="/console/login"] button[type=submit]');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = tempDir('mg-console-');
  const config = loadConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent', checkWorkers: 0 });
  config.sweepMinutes = 0;
  Object.assign(config.crawl, { allowPrivateAddresses: true, browserSlots: 0, spacingMs: 50 });
  // A store that answers after a second and a half: its crawl runs long enough to be watched.
  slowStore = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><body><footer>杭州慢速科技有限公司 统一社会信用代码 91330106673959654P</footer></body></html>',
      );
    }, 1500);
  });
  await new Promise<void>((resolve) => slowStore.listen(0, '127.0.0.1', resolve));
  running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  base = running.url;
  const gw = running.gateway;
  platform = addPlatform(gw.accounts, { slug: 'web-mall', name: '网页商城', uscc: '91330106673959654P' });
  regulator = addRegulator(gw.accounts, { name: 'inspector-web' });
  const file = async (pathname: string, body: unknown) => {
    const res = await fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  await file('/v1/sellers', [
    enterprise({
      seller_id: 'tea-1',
      legal_name: '杭州龙井茶业有限公司',
      uscc: '91110108795101314G',
      store_name: '龙井茶旗舰店',
      store_url: 'https://tea.example.cn/',
    }),
  ]);
  await file('/v1/transactions', [order('tea-1', { order_id: 'WEB-ORD-1' })]);
  const slow = addPlatform(gw.accounts, { slug: 'slow-mall', name: '慢速商城', uscc: '91310115MA1K3YJ12G' });
  const slowFiling = await fetch(`${base}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${slow.key}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      enterprise({
        seller_id: 'slow-1',
        legal_name: '杭州慢速科技有限公司',
        uscc: '91330106673959654P',
        store_url: `http://127.0.0.1:${(slowStore.address() as AddressInfo).port}/`,
      }),
    ]),
  });
  expect(slowFiling.status, await slowFiling.clone().text()).toBe(201);

  chromium = await launchTestChromium('mg-console-chromium-');
  browser = chromium.browser;
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await running?.close();
  slowStore?.closeAllConnections();
  await new Promise((resolve) => slowStore?.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a complaint from the form to the public credit page', () => {
  let code = '';
  let token = '';
  let complaintId = '';

  test('the consumer sees errors next to the fields, then lodges the complaint', async () => {
    const page = await newPage();
    await page.goto(`${base}/complaints/new`);
    await page.select('#f-platform', 'web-mall');
    await page.type('#f-seller_id', 'tea-1');
    await page.type('#f-description', '太短');
    await page.type('#f-phone', 'abc');
    await submit(page, 'form[action="/complaints/new"] button[type=submit]');
    expect(await page.$eval('#e-description', (e) => e.textContent)).toContain('10');
    expect(await page.$eval('#e-phone', (e) => e.textContent)).toMatch(/电话/);
    expect(await page.$eval('#e-name', (e) => e.textContent)).toMatch(/姓名/);
    // What was typed stays in the form.
    expect(await page.$eval('#f-seller_id', (e) => (e as HTMLInputElement).value)).toBe('tea-1');
    await shot(page, 'complaint-form-errors');

    await page.$eval('#f-description', (e) => ((e as HTMLTextAreaElement).value = ''));
    await page.type('#f-description', '收到的龙井茶叶发霉，商家拒绝退款。<script>alert(1)</script>');
    await page.$eval('#f-phone', (e) => ((e as HTMLInputElement).value = ''));
    await page.type('#f-phone', '13912345678');
    await page.type('#f-name', '李四');
    await page.type('#f-order_id', 'WEB-ORD-1');
    await page.type('#f-amount_claimed', '129.90');
    await submit(page, 'form[action="/complaints/new"] button[type=submit]');
    code = (await page.$eval('[data-testid=tracking-code]', (e) => e.textContent!)).trim();
    token = (await page.$eval('[data-testid=access-token]', (e) => e.textContent!)).trim();
    expect(code).toMatch(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(token.length).toBeGreaterThan(20);
    await shot(page, 'complaint-lodged');
    await page.browserContext().close();
    complaintId = running.gateway.complaints.byCode(code)!.id;
  });

  test('a bad login is refused; the regulator logs in, finds it in the queue, accepts and forwards it', async () => {
    const page = await newPage();
    const bad = await (async () => {
      await page.goto(`${base}/console/login`);
      await page.type('#f-name', regulator.name);
      await page.type('#f-password', 'wrong-password');
      const [res] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
        page.click('form[action="/console/login"] button[type=submit]'),
      ]);
      return res;
    })();
    expect(bad?.status()).toBe(401);
    expect(await page.$eval('.notice.error', (e) => e.textContent)).toMatch(/不正确/);

    await login(page);
    expect(new URL(page.url()).pathname).toBe('/console');
    await page.goto(`${base}/console/complaints`);
    const link = await page.$(`a[href="/console/complaints/${complaintId}"]`);
    expect(link, 'the complaint is in the queue').not.toBeNull();
    await shot(page, 'console-queue');
    await submit(page, `a[href="/console/complaints/${complaintId}"]`);
    // The script the consumer typed is text on the page, not an element.
    expect(await page.$$eval('main script', (s) => s.length)).toBe(0);
    expect(await page.$eval('main', (e) => e.textContent)).toContain('<script>alert(1)</script>');
    await submit(page, 'button[data-step=accept]');
    expect(await page.$eval('[data-testid=status]', (e) => e.textContent)).toBe('已受理');
    await submit(page, 'button[data-step=forward]');
    expect(await page.$eval('[data-testid=status]', (e) => e.textContent)).toBe('已转平台');
    await shot(page, 'console-complaint');
    await page.browserContext().close();
  });

  test('the platform answers through the API; the consumer accepts on the tracking page', async () => {
    const res = await fetch(`${base}/v1/complaints/${complaintId}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'refund', message: '已全额退款，抱歉。' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const page = await newPage();
    await page.goto(`${base}/complaints/track`);
    await page.type('#f-code', code);
    await page.type('#f-token', token);
    await submit(page, 'form[action="/complaints/track"] button[type=submit]');
    // Code and token travel in the body, never in the address.
    expect(page.url()).toBe(`${base}/complaints/track`);
    expect(await page.$eval('[data-testid=answer]', (e) => e.textContent)).toContain('已全额退款');
    await shot(page, 'complaint-tracking');
    await submit(page, 'button[data-action=consumer_accept]');
    expect(await page.$eval('[data-testid=status]', (e) => e.textContent)).toBe('已办结');
    expect(await page.$eval('[data-testid=outcome]', (e) => e.textContent)).toBe('消费者诉求得到满足');
    await page.browserContext().close();
  });

  test("the subject's public credit page shows the result", async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('龙井')}`);
    await submit(page, 'main table a[href^="/credit/subjects/"]');
    const cells = await page.$$eval('[data-testid=complaint-stats] tbody td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(cells.slice(0, 2)).toEqual(['1', '1']);
    expect(await page.$eval('[data-testid=tier]', (e) => e.textContent)).toMatch(/^[ABCD]$/);
    await shot(page, 'public-credit');
    await page.browserContext().close();
  });
});

test('the dashboard renders its charts, each with its numbers', async () => {
  const page = await newPage();
  await login(page);
  const charts = await page.$$eval('figure.chart', (figs) =>
    figs.map((f) => ({
      bars: f.querySelectorAll('svg rect').length,
      rows: f.querySelectorAll('table tbody tr').length,
    })),
  );
  expect(charts.length).toBeGreaterThanOrEqual(5);
  for (const chart of charts) {
    expect(chart.bars).toBeGreaterThan(0);
    expect(chart.rows).toBeGreaterThan(0);
  }
  expect(await page.$eval('[data-chart=filed-this-month]', (e) => e.textContent)).toContain('已报送');
  await shot(page, 'console-dashboard');
  await page.browserContext().close();
});

test('a missing CSRF token and a forged session are refused', async () => {
  const page = await newPage();
  await login(page);
  const complaintId = running.gateway.complaints.queue('open', 10)[0]?.id;
  await page.goto(`${base}/console/crawls`);
  await page.$eval('form[action="/console/crawls"] input[name=_csrf]', (e) => e.remove());
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.click('form[action="/console/crawls"] button[type=submit]'),
  ]);
  expect(res?.status()).toBe(403);
  expect(running.gateway.verifications.recentCrawls(10)).toHaveLength(0);
  void complaintId;

  const forged = await newPage();
  await forged.setCookie({
    name: 'mg_console',
    value: 'A'.repeat(43),
    url: base,
    httpOnly: true,
    sameSite: 'Strict',
  });
  await forged.goto(`${base}/console`);
  expect(new URL(forged.url()).pathname).toBe('/console/login');
  await page.browserContext().close();
  await forged.browserContext().close();
});

test('pages speak English or Chinese from Accept-Language, and the switch keeps the choice', async () => {
  const page = await newPage('en-GB,en;q=0.9');
  await page.goto(`${base}/`);
  expect(await page.$eval('html', (e) => e.lang)).toBe('en');
  expect(await page.$eval('h1', (e) => e.textContent)).toBe('Credit lookup');
  await shot(page, 'public-home-en');
  await submit(page, 'a[href^="/lang?to=zh"]');
  expect(await page.$eval('html', (e) => e.lang)).toBe('zh-CN');
  expect(await page.$eval('h1', (e) => e.textContent)).toBe('信用查询');
  await page.goto(`${base}/complaints/new`);
  expect(await page.$eval('h1', (e) => e.textContent)).toBe('投诉');
  await shot(page, 'complaint-form-zh');
  await page.browserContext().close();
});

test('the language switch and the login’s next never lead Chromium off the site (issue 14: /\\t/evil.example)', async () => {
  const page = await newPage();
  // Every navigation is recorded; one to another origin is stopped before it leaves the machine.
  const navigations: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isNavigationRequest()) navigations.push(req.url());
    if (new URL(req.url()).origin !== base) void req.abort();
    else void req.continue();
  });
  const offSite = () => navigations.filter((u) => new URL(u).origin !== base);
  for (const back of [
    '/%09/evil.example',
    '%2F%09%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%2F%5Cevil.example',
    '%5C%2Fevil.example',
    '%2F.%2F%2Fevil.example',
    '%2F%2Fevil.example',
    'https:%2F%2Fevil.example',
  ]) {
    await page.goto(`${base}/lang?to=en&back=${back}`).catch(() => null);
    expect(offSite(), back).toEqual([]);
    expect(new URL(page.url()).origin, back).toBe(base);
  }
  // Percent-encoded, the tab is a path on this site: it is answered here (404), not elsewhere.
  await page.goto(`${base}/lang?to=en&back=/%2509/evil.example`).catch(() => null);
  expect(offSite()).toEqual([]);
  expect(page.url()).toBe(`${base}/%09/evil.example`);

  await page.goto(`${base}/console/login?next=/%09/evil.example`);
  await page.type('#f-name', regulator.name);
  await page.type('#f-password', regulator.password);
  await submit(page, 'form[action="/console/login"] button[type=submit]').catch(() => null);
  expect(offSite()).toEqual([]);
  expect(page.url()).toBe(`${base}/console`);
  await page.browserContext().close();
});

test('a crawl started from the console is followed live by the page script, within the policy', async () => {
  const page = await newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await login(page);
  await page.goto(`${base}/console/crawls`);
  await page.select('#f-platform', 'slow-mall');
  await submit(page, 'form[action="/console/crawls"] button[type=submit]');
  expect(new URL(page.url()).pathname).toMatch(/^\/console\/crawls\/[0-9A-Z]{26}$/);
  expect(await page.$('script[src^="/assets/console."]'), 'the script while it runs').not.toBeNull();
  // The script polls the progress (its words in the page's language) and reloads the page when the crawl
  // is done: the reloaded page is the finished crawl, without the script.
  await page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 20_000 });
  expect(await page.$eval('[data-progress-text]', (e) => e.textContent)).toContain('已完成');
  expect(await page.$('[data-crawl-progress]')).toBeNull();
  expect(await page.$eval('[data-testid=crawl-results] tbody', (e) => e.textContent)).toContain('slow-1');
  expect(violations).toEqual([]);
  await shot(page, 'console-crawl');
  await page.browserContext().close();
}, 40_000);
