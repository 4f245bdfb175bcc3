import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisHostLimiter } from '../../../crawlers/fleet/redis-limiter.ts';
import { createRedisRobotsShare } from '../../../crawlers/fleet/robots-share.ts';
import { RobotsCache } from '../../../crawlers/politeness/robots-cache.ts';
import { type TestRedis, startRedis } from '../../helpers/redis.ts';

let server: TestRedis;
let web: http.Server;
let origin: string;
const asked: string[] = [];
let robots = 'User-agent: *\nDisallow: /private\nCrawl-delay: 2\n';
let status = 200;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
  web = http.createServer((req, res) => {
    asked.push(req.url!);
    // Slow enough that every worker asks while the first one's fetch is under way.
    setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(robots), 150);
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await server?.close();
  await new Promise((resolve) => web?.close(resolve));
});

let fleets = 0;
function workers(n: number, prefix = `robots${++fleets}:`) {
  return Array.from({ length: n }, () => {
    const redis = new Redis(server.url);
    clients.push(redis);
    const limiter = createRedisHostLimiter(redis, {
      prefix,
      perHostConcurrency: 1,
      perHostSpacingMs: 10,
      globalConcurrency: 8,
      expirationMs: 5_000,
    });
    const cache = new RobotsCache(
      limiter,
      { userAgent: 'marketgate-test', timeoutMs: 2_000, maxBytes: 65_536, publicOnly: false },
      'marketgate',
      undefined,
      undefined,
      undefined,
      createRedisRobotsShare(redis, { prefix, pollMs: 20 }),
    );
    return { cache, limiter, prefix };
  });
}

describe('robots.txt shared by a fleet through Redis', () => {
  it('is fetched once for three workers, and its rules and Crawl-delay hold for each', async () => {
    asked.length = 0;
    const fleet = workers(3);
    const states = await Promise.all(fleet.map((w) => w.cache.state(origin)));
    expect(asked).toEqual(['/robots.txt']);
    for (const state of states) {
      expect(state.kind).toBe('rules');
      if (state.kind === 'rules')
        expect(state.rules.isAllowed(`${origin}/private/x`, 'marketgate')).toBe(false);
    }
    // Each worker read the Crawl-delay from the shared answer: 2 s for the host, fleet-wide.
    const host = new URL(origin).host;
    for (const w of fleet) expect(w.limiter.hostSpacing(host)).toBe(2_000);
    // A worker that starts later reads it from Redis: the host is not asked again.
    const [late] = workers(1, fleet[0]!.prefix);
    const again = await late!.cache.state(origin);
    expect(late!.limiter.hostSpacing(host)).toBe(2_000);
    expect(again.kind).toBe('rules');
    expect(asked).toEqual(['/robots.txt']);
  });

  it('shares an answer that says "not now" (5xx) as such, not as permission', async () => {
    asked.length = 0;
    status = 503;
    robots = 'down';
    try {
      const [a, b] = workers(2);
      const [first, second] = await Promise.all([a!.cache.state(origin), b!.cache.state(origin)]);
      expect(asked).toEqual(['/robots.txt']);
      expect(first.kind).toBe('unavailable');
      expect(second.kind).toBe('unavailable');
    } finally {
      status = 200;
    }
  });
});
