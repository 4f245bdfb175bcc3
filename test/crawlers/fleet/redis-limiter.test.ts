import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisHostLimiter } from '../../../crawlers/fleet/redis-limiter.ts';
import { JobExpired } from '../../../crawlers/politeness/limiter.ts';
import { type TestRedis, startRedis } from '../../helpers/redis.ts';

let server: TestRedis;
const clients: Redis[] = [];
let prefixes = 0;

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => {})));
  await server?.close();
});

/** `n` limiters, each on its own connection as a worker process has: one fleet (one prefix). */
function fleet(
  n: number,
  options: { spacing: number; global?: number; expiration?: number; lease?: number },
) {
  const prefix = `test${++prefixes}:`;
  return Array.from({ length: n }, () => {
    const client = new Redis(server.url, { lazyConnect: false });
    clients.push(client);
    return createRedisHostLimiter(client, {
      prefix,
      perHostConcurrency: 1,
      perHostSpacingMs: options.spacing,
      globalConcurrency: options.global ?? 16,
      expirationMs: options.expiration ?? 10_000,
      leaseMs: options.lease,
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the first worker's request has started. Tests wait for it rather than for a fixed
 * time: on a loaded machine a connection can take longer to open than any sleep, and the second worker
 * would then be granted the host first.
 */
function started(): { promise: Promise<void>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

describe('politeness shared through Redis', () => {
  it('three workers together never start two requests to a host closer than its spacing', async () => {
    const limiters = fleet(3, { spacing: 200 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiters[i % 3]!.schedule('shop.example', async () => {
          starts.push(performance.now());
          await sleep(5);
        }),
      ),
    );
    starts.sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    // And the fleet does not crawl slower than one worker may: at least 0.9 of the bound.
    const bound = (starts.length - 1) * 200;
    expect(bound / (starts.at(-1)! - starts[0]!)).toBeGreaterThan(0.9);
    await Promise.all(limiters.map((l) => l.stop()));
  });

  it('hosts do not wait for each other, and the global cap holds across the fleet', async () => {
    const limiters = fleet(3, { spacing: 10, global: 2 });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        limiters[i % 3]!.schedule(`host${i % 6}.example`, async () => {
          most = Math.max(most, ++inFlight);
          await sleep(30);
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it('a Crawl-delay one worker read holds for every worker', async () => {
    const [a, b] = fleet(2, { spacing: 20 });
    a!.setHostSpacing('slow.example', 150);
    await sleep(20);
    const starts: number[] = [];
    for (const limiter of [a!, b!, a!, b!])
      await limiter.schedule('slow.example', async () => void starts.push(performance.now()));
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(149);
    expect(b!.hostSpacing('slow.example')).toBe(150);
  });

  it('two workers never have requests to one host in flight at once', async () => {
    const [a, b] = fleet(2, { spacing: 20 });
    const events: string[] = [];
    const aStarted = started();
    await Promise.all([
      a!.schedule('one.example', async () => {
        aStarted.fire();
        events.push('a starts');
        await sleep(200); // longer than the spacing: b must wait for the end, not the spacing
        events.push('a ends');
      }),
      aStarted.promise.then(() => b!.schedule('one.example', async () => void events.push('b starts'))),
    ]);
    expect(events).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('a worker that dies holding a host lets go when its lease lapses, not when its job would expire', async () => {
    const [dead, alive] = fleet(2, { spacing: 10, expiration: 60_000, lease: 300 });
    const deadClient = clients.at(-2)!;
    // The dead worker's request never ends, and its process is gone: no renewal reaches Redis.
    const deadStarted = started();
    void dead!
      .schedule('stuck.example', () => {
        deadStarted.fire();
        return new Promise(() => {});
      })
      .catch(() => {});
    await deadStarted.promise;
    deadClient.disconnect();
    const from = performance.now();
    await alive!.schedule('stuck.example', async () => {});
    // Waited for the lease (300 ms), not for the job's expiration (a minute).
    expect(performance.now() - from).toBeGreaterThan(200);
    expect(performance.now() - from).toBeLessThan(2_000);
  });

  it('a worker alive renews its leases: a request longer than the lease keeps its host', async () => {
    const [slow, other] = fleet(2, { spacing: 10, expiration: 60_000, lease: 150 });
    const events: string[] = [];
    const slowStarted = started();
    const first = slow!.schedule('long.example', async () => {
      slowStarted.fire();
      events.push('slow starts');
      await sleep(700);
      events.push('slow ends');
    });
    await slowStarted.promise;
    await other!.schedule('long.example', async () => void events.push('other starts'));
    await first;
    expect(events).toEqual(['slow starts', 'slow ends', 'other starts']);
  });

  it('counts the spacing from the end of a request as well: a worker slow to send cannot bring two closer', async () => {
    const [a, b] = fleet(2, { spacing: 200 });
    let ended = 0;
    const aStarted = started();
    const first = a!.schedule('slow-answer.example', async () => {
      aStarted.fire();
      await sleep(300);
      ended = performance.now();
    });
    await aStarted.promise;
    let bStarted = 0;
    await b!.schedule('slow-answer.example', async () => void (bStarted = performance.now()));
    await first;
    // From the start only, b could have gone 200 ms after a started (while a was still waiting).
    expect(bStarted - ended).toBeGreaterThanOrEqual(190);
  });

  it('a job that outlives its expiration is abandoned with JobExpired', async () => {
    const [limiter] = fleet(1, { spacing: 10, expiration: 100 });
    await expect(limiter!.schedule('slow.example', () => sleep(1_000))).rejects.toBeInstanceOf(JobExpired);
  });
});
