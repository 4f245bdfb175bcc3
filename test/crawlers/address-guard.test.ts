import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { isPublicAddress, urlIsPublic } from '../../crawlers/fetch/address-guard.ts';
import { FetchFailed, fetchOnce } from '../../crawlers/fetch/fetcher.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { loadConfig } from '../../src/config.ts';
import { createVerifier } from '../../src/verification/verifier.ts';
import { tempDir } from '../helpers/gateway.ts';

/** The crawler visits what platforms filed: never the gateway's own network unless told to. */
let server: http.Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>internal admin page</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('which addresses are public', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    'not an address',
  ])('%s is not', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
  it.each(['8.8.8.8', '114.114.114.114', '172.32.0.1', '192.169.0.1', '2400:3200::1', '::ffff:8.8.8.8'])(
    '%s is',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

const options = { userAgent: 'test', timeoutMs: 2_000, maxBytes: 1024 * 1024 };

test('a public-only fetch refuses a loopback literal and a name that resolves to loopback, without connecting', async () => {
  const before = hits;
  for (const url of [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://0x7f000001:${port}/`,
  ]) {
    const error = await fetchOnce(url, { ...options, publicOnly: true }).catch((e: unknown) => e);
    expect(error, url).toBeInstanceOf(FetchFailed);
    expect((error as FetchFailed).reason, url).toBe('address_not_public');
    expect((error as FetchFailed).retryable).toBe(false);
  }
  expect(hits).toBe(before);
  // Without the guard (tests, the demo's fixture web) the same page is fetched.
  const open = await fetchOnce(`http://127.0.0.1:${port}/`, options);
  expect(open.status).toBe(200);
  expect(hits).toBe(before + 1);
});

test('the gateway guards by default: a filed store on the gateway’s own network is inconclusive, not visited', async () => {
  const config = loadConfig({ dataDir: tempDir(), checkWorkers: 0 }, {});
  expect(config.crawl.allowPrivateAddresses).toBe(false);
  const verifier = createVerifier(
    { ...config, crawl: { ...config.crawl, browserSlots: 0 } },
    pino({ level: 'silent' }),
  );
  try {
    const before = hits;
    const result = await verifier.verifyStore({
      url: `http://127.0.0.1:${port}/`,
      filed: { name: 'x', uscc: null },
    });
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'address_not_public' });
    expect(hits).toBe(before);
  } finally {
    await verifier.close();
  }
});

test('a guarded browser refuses every request to a host that is not public', async () => {
  expect(await urlIsPublic(`http://127.0.0.1:${port}/x.js`)).toBe(false);
  expect(await urlIsPublic('data:text/plain,hi')).toBe(true);
  const pool = new BrowserPool({
    executablePath: findChromium(),
    userAgent: 'test',
    slots: 1,
    navigationTimeoutMs: 3_000,
    publicAddressesOnly: true,
  });
  try {
    const before = hits;
    await expect(pool.render(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(hits).toBe(before);
  } finally {
    await pool.close();
  }
}, 30_000);
