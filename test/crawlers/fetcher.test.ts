import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FetchFailed, fetchOnce, type FetchOptions } from '../../crawlers/fetch/fetcher.ts';

let server: http.Server;
let base: string;
const seen: http.IncomingHttpHeaders[] = [];
const timers = new Set<NodeJS.Timeout>();
// 50 MB of 'a' compress to about 50 KB. Compressed once: compressing on every request took longer than
// the client's 1 s deadline on a busy machine, and the test failed on the server's time, not the client's.
let gzipBomb: Buffer;

beforeAll(async () => {
  gzipBomb = zlib.gzipSync(Buffer.alloc(50_000_000, 'a'));
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const url = req.url ?? '/';
    if (url === '/page') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        server: 'fixture',
        'set-cookie': 'a=b',
      });
      res.end('<html><body>hello</body></html>');
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(300_000, 'x'));
    } else if (url === '/exact') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(1000, 'y'));
    } else if (url === '/gzip-bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipBomb);
    } else if (url === '/moved') {
      res.writeHead(301, { location: '/page?from=moved' });
      res.end();
    } else if (url === '/never') {
      // Headers never come.
    } else if (url === '/dribble') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('<p>more</p>'), 50);
      timers.add(timer);
    } else if (url === '/reset') {
      req.socket.destroy();
    } else if (url === '/half') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
      res.write('<html>only part');
      setTimeout(() => req.socket.destroy(), 20);
    } else {
      res.writeHead(404);
      res.end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options: FetchOptions = { userAgent: 'marketgate-verifier/test', timeoutMs: 1_000, maxBytes: 100_000 };

test('a page comes back with its status, the chosen headers, timings and an honest User-Agent', async () => {
  const page = await fetchOnce(`${base}/page`, options);
  expect(page.status).toBe(200);
  expect(page.body.toString()).toBe('<html><body>hello</body></html>');
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers.server).toBe('fixture');
  expect(page.headers['set-cookie']).toBeUndefined();
  expect(page.truncated).toBe(false);
  expect(page.timings.totalMs).toBeGreaterThanOrEqual(page.timings.headersMs);
  expect(Date.parse(page.startedAt)).not.toBeNaN();
  expect(seen.at(-1)!['user-agent']).toBe('marketgate-verifier/test');
});

test('a body past the limit is cut at the limit and marked truncated; one exactly at it is not', async () => {
  const big = await fetchOnce(`${base}/big`, options);
  expect(big.truncated).toBe(true);
  expect(big.body.length).toBe(100_000);
  const exact = await fetchOnce(`${base}/exact`, { ...options, maxBytes: 1000 });
  expect(exact.truncated).toBe(false);
  expect(exact.body.length).toBe(1000);
});

test('the limit counts decoded bytes: a gzip bomb is cut, not inflated', async () => {
  // Under the limit on the wire: only a limit on decoded bytes cuts it.
  expect(gzipBomb.length).toBeLessThan(options.maxBytes);
  const bomb = await fetchOnce(`${base}/gzip-bomb`, options);
  expect(bomb.truncated).toBe(true);
  expect(bomb.body.length).toBe(100_000);
});

test('redirects are not followed but reported with an absolute Location', async () => {
  const moved = await fetchOnce(`${base}/moved`, options);
  expect(moved.status).toBe(301);
  expect(moved.location).toBe(`${base}/page?from=moved`);
});

test('no headers in time, and a body that never ends, both time out (retryable)', async () => {
  for (const path of ['/never', '/dribble']) {
    const failure = await fetchOnce(`${base}${path}`, { ...options, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(FetchFailed);
    expect((failure as FetchFailed).reason).toBe('timeout');
    expect((failure as FetchFailed).retryable).toBe(true);
  }
});

test('a reset connection, a body cut short and a closed port are unreachable (retryable)', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  for (const url of [`${base}/reset`, `${base}/half`, `http://127.0.0.1:${deadPort}/`]) {
    const failure = await fetchOnce(url, options).catch((e: unknown) => e);
    expect(failure, url).toBeInstanceOf(FetchFailed);
    expect((failure as FetchFailed).reason, url).toBe('unreachable');
  }
});
