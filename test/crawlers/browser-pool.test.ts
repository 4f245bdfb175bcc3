import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { BrowserPool, RenderFailed } from '../../crawlers/browser/pool.ts';
import { isRunning, processTree } from '../helpers/processes.ts';

let server: http.Server;
let base: string;
const userAgents: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    userAgents.push(req.headers['user-agent'] ?? '');
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(
        `document.cookie = 'v' + location.pathname.replace(/\\W/g, '') + '=1; path=/';
         fetch('/identity.json').then(r => r.json()).then(d => {
           document.getElementById('app').innerHTML = '<footer>' + d.name + ' ' + d.code + ' cookies:' + document.cookie + '</footer>';
         });`,
      );
    } else if (req.url === '/identity.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: '杭州渲染科技有限公司', code: '91330106MA2CXXXXXX' }));
    } else if (req.url === '/hang') {
      // Never answers: the navigation deadline must end it.
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><body><div id="app"></div><script src="/app.js"></script></body></html>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('renders script-built pages in fresh contexts, retires browsers, and leaves no Chromium behind', async () => {
  const pool = new BrowserPool({
    executablePath: findChromium(),
    userAgent: 'marketgate-verifier/test',
    slots: 2,
    pagesPerBrowser: 2,
    navigationTimeoutMs: 3_000,
  });
  const pids = new Set<number>();
  try {
    const pages = await Promise.all([1, 2, 3].map((n) => pool.render(`${base}/store/${n}`)));
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.finalUrl).toBe(`${base}/store/${i + 1}`);
      expect(page.html).toContain('杭州渲染科技有限公司 91330106MA2CXXXXXX');
      // A fresh context per store: only its own cookie, none that another store set.
      expect(page.html).toContain(`cookies:vstore${i + 1}=1<`);
      expect(page.screenshot.subarray(1, 4).toString()).toBe('PNG');
      expect(page.browserVersion).toMatch(/Chrom/);
    }
    for (const pid of processTree(pool.livePids())) pids.add(pid);
    expect(userAgents).toContain('marketgate-verifier/test');
    // Three stores at two per browser: at least two browsers were launched and the first retired.
    expect(pool.counters.launched).toBeGreaterThanOrEqual(2);
    expect(pool.counters.retired).toBeGreaterThanOrEqual(1);
    expect(pool.livePids().length).toBeLessThanOrEqual(2);

    const failure = await pool.render(`${base}/hang`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RenderFailed);
  } finally {
    await pool.close();
  }
  // Chromium's main processes and every helper process under them are gone.
  expect(pids.size).toBeGreaterThan(2);
  for (const pid of pids) expect(isRunning(pid), `chromium process ${pid} still running`).toBe(false);
  await expect(pool.render(`${base}/store/4`)).rejects.toThrow(/closed/);
}, 60_000);
