import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BrowserPool, type RenderedPage } from '../../crawlers/browser/pool.ts';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { inProcessExtractor } from '../../crawlers/extract/pool.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';

/**
 * A render waits for a slot of this machine's browser before its host's turn (issue 20): waiting for a
 * slot must not hold a share of the global cap (in a fleet: the whole fleet's), which other hosts'
 * static pages need.
 */
const FILED = { name: '杭州示例商贸有限公司', uscc: '91330106673959654P' };
const servers: http.Server[] = [];
const origins: string[] = [];

async function serve(page: string): Promise<string> {
  const server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // Three hosts of script-built pages (rendered), one of a page that shows the identity (static).
  const scripted =
    '<html><head><script src="/app.js"></script></head><body><div id="app"></div></body></html>';
  for (let i = 0; i < 3; i++) origins.push(await serve(scripted));
  origins.push(
    await serve(`<html><body><footer>${FILED.name} 统一社会信用代码 ${FILED.uscc}</footer></body></html>`),
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

it('a store waiting for a browser slot holds no share of the global cap: other hosts go on', async () => {
  const pool = new BrowserPool({ executablePath: '/nonexistent', userAgent: 'test', slots: 1 });
  // The pool's slots are real; the render itself is stubbed (the identity shown): no Chromium. A render
  // lasts until the static page is done (or 5 s), so that the test asks an order, not a time: was the
  // static page done while every render still held the slot or waited for it?
  let release = () => {};
  const staticDone = new Promise<void>((resolve) => (release = resolve));
  let rendering = () => {};
  const firstRender = new Promise<void>((resolve) => (rendering = resolve));
  let rendersDone = 0;
  (pool as unknown as { renderInSlot(url: string): Promise<RenderedPage> }).renderInSlot = async (url) => {
    rendering();
    await Promise.race([staticDone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    rendersDone++;
    return {
      finalUrl: url,
      status: 200,
      html: `<html><body>${FILED.name} ${FILED.uscc}</body></html>`,
      screenshot: Buffer.from('png'),
      browserVersion: 'stub',
      timings: { navigationMs: 300, totalMs: 300 },
    };
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mg-slot-'));
  const verifier = new StoreVerifier({
    evidence: new DirectoryEvidenceStore(dir),
    browser: pool,
    extractor: inProcessExtractor(),
    ocr: null,
    timeoutMs: 2_000,
    politeness: { perHostSpacingMs: 1, perHostConcurrency: 1, globalConcurrency: 2, expirationMs: 10_000 },
  });
  try {
    const renders = origins.slice(0, 3).map((o) => verifier.verifyStore({ url: `${o}/`, filed: FILED }));
    await firstRender;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the other two wait for the slot
    const staticOne = await verifier.verifyStore({ url: `${origins[3]}/`, filed: FILED });
    const rendersBefore = rendersDone;
    release();
    const rendered = await Promise.all(renders);
    expect(rendered.map((r) => [r.mode, r.verdict])).toEqual(rendered.map(() => ['browser', 'compliant']));
    expect([staticOne.mode, staticOne.verdict]).toEqual(['static', 'compliant']);
    // With the slot taken inside the limiter, two renders would hold both shares of the cap (one
    // rendering, one waiting for the slot) and the static page would wait for the first render to end.
    expect(rendersBefore).toBe(0);
  } finally {
    await verifier.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
