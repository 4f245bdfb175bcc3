import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { clientAddressOf } from '../../src/http/client-address.ts';
import type { RunningGateway } from '../../src/http/server.ts';
import { fileOneStore, startTestServer } from '../helpers/running.ts';

/**
 * MARKETGATE_TRUSTED_PROXIES (issue 22): X-Forwarded-For names the client only when the request comes
 * from a trusted proxy; from anyone else it is never read.
 */
describe('the client address behind proxies', () => {
  test('without trusted proxies the peer is the client, whatever the header says', () => {
    const of = clientAddressOf([]);
    expect(of('198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(of('::ffff:198.51.100.7', undefined)).toBe('198.51.100.7');
    expect(of(undefined, '203.0.113.1')).toBe('unknown');
  });

  test('from a trusted proxy, the nearest address that is not a trusted proxy', () => {
    const of = clientAddressOf(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);
    expect(of('10.1.2.3', '203.0.113.1')).toBe('203.0.113.1');
    expect(of('::ffff:10.1.2.3', '203.0.113.1')).toBe('203.0.113.1');
    // The client put a made-up hop first: the trusted proxies' own record (the right end) decides.
    expect(of('10.1.2.3', '1.2.3.4, 203.0.113.1, 192.0.2.10')).toBe('203.0.113.1');
    expect(of('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
    // Every hop a trusted proxy: the farthest one.
    expect(of('10.1.2.3', '10.9.9.9')).toBe('10.9.9.9');
    // Not an address: the walk ends at the proxy that forwarded it.
    expect(of('10.1.2.3', 'unknown, garbage')).toBe('10.1.2.3');
    expect(of('10.1.2.3', '203.0.113.1, <script>')).toBe('10.1.2.3');
    // No header: the proxy itself.
    expect(of('10.1.2.3', undefined)).toBe('10.1.2.3');
  });

  test('from anyone else the header is not read', () => {
    const of = clientAddressOf(['10.0.0.0/8']);
    expect(of('198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(of('11.0.0.1', '10.0.0.1')).toBe('11.0.0.1');
  });

  test('MARKETGATE_TRUSTED_PROXIES is checked entry by entry', () => {
    const env = (v: string) => ({ MARKETGATE_TRUSTED_PROXIES: v });
    expect(loadConfig({}, env(' 10.0.0.0/8, 192.0.2.10 ,fd00::/8')).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.0.2.10',
      'fd00::/8',
    ]);
    expect(loadConfig({}, {}).trustedProxies).toEqual([]);
    for (const bad of [
      '10.0.0/8',
      'proxy.example.cn',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.1/8/2',
      '10.0.0.1/x',
    ])
      expect(() => loadConfig({}, env(bad)), bad).toThrow(`MARKETGATE_TRUSTED_PROXIES: "${bad}"`);
  });
});

describe('a gateway behind a proxy on 127.0.0.1', () => {
  const servers: RunningGateway[] = [];
  /** Each gateway's one subject (its public credit page is answered by the hot path). */
  const subjects = new Map<RunningGateway, string>();

  async function start(trustedProxies: string[]) {
    const running = await startTestServer((config) => {
      config.trustedProxies = trustedProxies;
      config.publicRequestsPerMinute = 3;
    });
    servers.push(running);
    subjects.set(running, await fileOneStore(running, 'px', 'px-1'));
    return running;
  }
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  const get = (running: RunningGateway, path: string, client: string) =>
    fetch(`${running.url}${path}`, { headers: { 'x-forwarded-for': client } });

  let trusting: RunningGateway;
  let untrusting: RunningGateway;
  beforeAll(async () => {
    trusting = await start(['127.0.0.1']);
    untrusting = await start([]);
  });

  test('trusted: each forwarded client has its own allowance, on Hono routes and on the hot path alike', async () => {
    const page = `/public/credit/subjects/${subjects.get(trusting)}`;
    // The page's first build is written behind: flush it so that the hot path answers the rest.
    expect((await get(trusting, page, '203.0.113.1')).status).toBe(200);
    trusting.gateway.creditPages.flush();
    expect((await get(trusting, page, '203.0.113.1')).status).toBe(200);
    expect((await get(trusting, '/', '203.0.113.1')).status).toBe(200);
    expect((await get(trusting, page, '203.0.113.1')).status).toBe(429);
    expect((await get(trusting, '/', '203.0.113.1')).status).toBe(429);
    // Another client behind the same proxy is not held back by the first.
    expect((await get(trusting, page, '203.0.113.2')).status).toBe(200);
    expect((await get(trusting, '/', '203.0.113.2')).status).toBe(200);
  });

  test('not trusted: the header changes nothing, every request counts on the peer', async () => {
    for (const [i, client] of ['203.0.113.1', '203.0.113.2', '203.0.113.3'].entries())
      expect((await get(untrusting, '/', client)).status, `request ${i + 1}`).toBe(200);
    expect((await get(untrusting, '/', '203.0.113.4')).status).toBe(429);
    expect(
      (await get(untrusting, `/public/credit/subjects/${subjects.get(untrusting)}`, '203.0.113.5')).status,
    ).toBe(429);
  });
});
