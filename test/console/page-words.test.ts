import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO } from '../helpers/cli.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { seedDemo } from '../../src/cli/demo.ts';
import { loadConfig } from '../../src/config.ts';
import { signFormToken } from '../../src/console/security.ts';
import { termValues } from '../../src/console/i18n.ts';
import { INCONCLUSIVE_REASONS, VERDICTS } from '../../crawlers/types.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';
import { launchTestChromium } from '../helpers/chromium.ts';

/**
 * Every page the demo's data makes, walked by its links as a regulator and as the public, in Chinese and
 * in English: no value of a closed list (every `enum` of the API's OpenAPI document) shows raw. A Chinese
 * page shows none of them; an English page none written as code (`address_not_public`, `in_force`).
 * Text a user wrote (names, URLs, codes, descriptions) is not words of ours: cells marked `data-raw`, and
 * `<code>`, are left out.
 */
let web: FixtureWeb;
let running: RunningGateway;
let cookie = '';
const MAX_PAGES = 160;

beforeAll(async () => {
  web = await startFixtureWeb();
  const dataDir = tempDir('mg-words-');
  const config = loadConfig({ dataDir, host: '127.0.0.1', port: 0, logLevel: 'error', checkWorkers: 0 });
  config.sweepMinutes = 0;
  // The demo's crawl waits out the slow stores' timeouts (three tries each, one host): a short timeout,
  // well under the fixture's slowMs, keeps them timeouts, whose words the pages show, and the crawl short.
  Object.assign(config.crawl, {
    allowPrivateAddresses: true,
    browserSlots: 0,
    spacingMs: 10,
    timeoutMs: 1_000,
  });
  running = await startGateway(config);
  await seedDemo(running, web);
  await running.gateway.crawls.idle();
  const { regulator } = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    regulator: { name: string; password: string };
  };
  const login = await fetch(`${running.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _form: signFormToken(running.gateway.keys, 'login'),
      name: regulator.name,
      password: regulator.password,
    }).toString(),
  });
  expect(login.status).toBe(303);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 240_000);

afterAll(async () => {
  await running?.close();
  await web?.close();
});

/** The string values of every enum in the OpenAPI document that look like codes. */
function enumValues(doc: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) {
        for (const v of value) if (typeof v === 'string' && /^[a-z][a-z0-9_]*$/.test(v)) out.add(v);
      } else walk(value);
    }
  };
  walk(doc);
  return out;
}

/** What a reader sees of a page: its words, each with the text around it, without scripts, code and what users wrote. */
function visibleWords(html: string): [string, string][] {
  const $ = cheerio.load(html);
  $('script, style, code, [data-raw], textarea, option, input').remove();
  const text = $('body').text().replace(/\s+/g, ' ');
  return [...text.matchAll(/[A-Za-z0-9_]+/g)].map((m) => [
    m[0],
    text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30),
  ]);
}

async function walk(lang: 'zh' | 'en', start: string[]) {
  const seen = new Set<string>();
  const queue = [...start];
  const words = new Map<string, Set<string>>();
  const around = new Map<string, string>();
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const page = queue.shift()!;
    if (seen.has(page)) continue;
    seen.add(page);
    const res = await fetch(`${running.url}${page}`, { headers: { cookie: `${cookie}; lang=${lang}` } });
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/html')) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    for (const [word, context] of visibleWords(html)) {
      if (!words.has(word)) words.set(word, new Set());
      if (!around.has(word)) around.set(word, context);
      words.get(word)!.add(page);
    }
    const $ = cheerio.load(html);
    $('a[href^="/"]').each((_, a) => {
      const href = $(a).attr('href')!.split('#')[0]!;
      // One page of each kind is enough: a list's later pages and filters show the same words.
      if (
        /^\/(console|public|complaints|marks|open-data(?=$|\?)|$)/.test(href) &&
        !/logout|\/lang\?|[?&](after|cursor|offset)=/.test(href)
      )
        queue.push(href);
    });
  }
  return { pages: seen.size, words, around };
}

test('no page shows a closed-list value raw, in Chinese or English', async () => {
  const doc = (await (await fetch(`${running.url}/openapi.json`)).json()) as unknown;
  const codes = enumValues(doc);
  for (const value of [...VERDICTS, ...INCONCLUSIVE_REASONS, ...termValues()])
    if (/^[a-z][a-z0-9_]*$/.test(value)) codes.add(value);
  const start = ['/console', '/', '/complaints/new', '/complaints/track'];
  const raw: string[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const { pages, words, around } = await walk(lang, start);
    expect(pages, `${lang}: pages walked`).toBeGreaterThan(40);
    for (const [word, where] of words) {
      const shown =
        lang === 'zh'
          ? codes.has(word) || codes.has(word.toLowerCase())
          : word.includes('_') && codes.has(word);
      if (shown)
        raw.push(`${lang} "${word}" in "…${around.get(word)}…" on ${[...where].slice(0, 2).join(', ')}`);
    }
  }
  expect(raw).toEqual([]);
}, 240_000);

/**
 * The pages issue 18 changed, in Chromium, in both languages, as screenshots in test/artifacts/console/:
 * a subject with a lookalike trust mark, the crawl with its mark violations, a paged search, the
 * dashboard's tiers, a complaint with its deadlines. Each page is checked for what the screenshot is of.
 */
test('the pages issue 18 changed, in Chinese and English, in Chromium', async () => {
  const artifacts = path.join(REPO, 'test/artifacts/console');
  fs.mkdirSync(artifacts, { recursive: true });
  const gw = running.gateway;
  const web = gw.accounts.platformBySlug('demo-web')!;
  const lookalike = gw.sellers.seller(web.id, 'W-mark-lookalike')!;
  const crawl = gw.verifications.recentCrawls(1)[0]!;
  const complaint = gw.complaints.queue('open', 1)[0]!;
  const pages: [name: string, path: string, selector: string][] = [
    ['console-subject-marks', `/console/subjects/${lookalike.subject_id}`, '[data-testid=mark-findings]'],
    ['console-crawl-marks', `/console/crawls/${crawl.id}`, '[data-testid=mark-verdict]'],
    ['console-search-paged', `/console/subjects?q=${encodeURIComponent('有限公司')}`, '[data-testid=pager]'],
    ['console-dashboard-tiers', '/console', '[data-chart=tiers]'],
    ['console-complaint-cst', `/console/complaints/${complaint.id}`, 'time'],
  ];
  const chromium = await launchTestChromium('mg-words-chromium-');
  const { browser } = chromium;
  try {
    for (const lang of ['zh', 'en'] as const) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      const [name, value] = cookie.split('=') as [string, string];
      const host = new URL(running.url).hostname;
      await page.setCookie(
        { name, value, domain: host, path: '/' },
        { name: 'lang', value: lang, domain: host, path: '/' },
      );
      for (const [file, pagePath, selector] of pages) {
        const res = await page.goto(`${running.url}${pagePath}`, { waitUntil: 'domcontentloaded' });
        expect(res?.status(), pagePath).toBe(200);
        expect(await page.$(selector), `${file}: ${selector}`).not.toBeNull();
        expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        // Times carry their zone.
        const times = await page.$$eval('time', (ts) => ts.map((t) => t.textContent ?? ''));
        for (const t of times.filter((x) => /\d\d:\d\d/.test(x)))
          expect(t).toMatch(lang === 'zh' ? /北京时间$/ : /CST$/);
        await page.screenshot({ path: path.join(artifacts, `${file}-${lang}.png`), fullPage: true });
      }
      await context.close();
    }
  } finally {
    await chromium.close();
  }
}, 120_000);
