import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrawlJob, CrawlQueue } from '../../../crawlers/fleet/queue.ts';
import { type TestRedis, startRedis } from '../../helpers/redis.ts';

let server: TestRedis;
const clients: Redis[] = [];
let queues = 0;

beforeAll(async () => {
  server = await startRedis({ appendonly: true });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => {})));
  await server?.close();
});

const client = () => {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 50 });
  clients.push(redis);
  return redis;
};
const jobs = (n: number, crawlId = 'C1'): CrawlJob[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${crawlId}:${i + 1}`,
    crawlId,
    platform: 'alpha',
    sellerId: `S-${i + 1}`,
    url: `https://shop${i % 3}.example/${i + 1}`,
    filed: { name: '杭州示例商贸有限公司', uscc: '91330106673959654P' },
  }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the fleet queue in Redis', () => {
  it('hands every job to exactly one of three workers', async () => {
    const prefix = `q${++queues}:`;
    const [a, b, c] = [1, 2, 3].map(() => new CrawlQueue(client(), { prefix }));
    await a!.enqueue(jobs(30), 'epoch-1');
    const seen: string[] = [];
    await Promise.all(
      [a!, b!, c!].map(async (q, w) => {
        for (;;) {
          const taken = await q.take(`worker-${w}`, 4, 50);
          if (taken.length === 0) return;
          for (const t of taken) seen.push(t.job.id);
          await q.done(taken);
        }
      }),
    );
    expect(seen.sort()).toEqual(
      jobs(30)
        .map((j) => j.id)
        .sort(),
    );
    expect(await a!.counts()).toEqual({ waiting: 0, taken: 0 });
  });

  it('gives the jobs of a worker that fell silent to another after the lease, and not before', async () => {
    const prefix = `q${++queues}:`;
    const dead = new CrawlQueue(client(), { prefix, leaseMs: 300 });
    const alive = new CrawlQueue(client(), { prefix, leaseMs: 300 });
    await dead.enqueue(jobs(2), 'epoch-1');
    const held = await dead.take('dead', 2, 50);
    expect(held).toHaveLength(2);
    expect(await alive.take('alive', 2, 50)).toEqual([]); // within the lease: still the dead worker's
    await sleep(350);
    const taken = await alive.take('alive', 2, 50);
    expect(taken.map((t) => t.job.id).sort()).toEqual(['C1:1', 'C1:2']);
    expect(taken.every((t) => t.deliveries === 2)).toBe(true);
    await alive.done(taken);
    expect(await alive.counts()).toEqual({ waiting: 0, taken: 0 });
  });

  it('a worker that renews its hold keeps its jobs past the lease', async () => {
    const prefix = `q${++queues}:`;
    const slow = new CrawlQueue(client(), { prefix, leaseMs: 300 });
    const other = new CrawlQueue(client(), { prefix, leaseMs: 300 });
    await slow.enqueue(jobs(1), 'epoch-1');
    const [job] = await slow.take('slow', 1, 50);
    for (let i = 0; i < 4; i++) {
      await sleep(150);
      await slow.extend('slow', [job!]);
    }
    expect(await other.take('other', 1, 50)).toEqual([]);
    expect(await other.counts()).toEqual({ waiting: 0, taken: 1 });
  });

  it('keeps its jobs through a Redis restart with the append-only file, and says when it lost them', async () => {
    const prefix = `q${++queues}:`;
    const redis = client();
    const queue = new CrawlQueue(redis, { prefix });
    await queue.enqueue(jobs(3, 'C9'), 'epoch-9');
    await redis.call('BGREWRITEAOF');
    await sleep(300);
    await server.restart();
    expect(await queue.epoch()).toBe('epoch-9');
    expect((await queue.take('w', 10, 50)).map((t) => t.job.id)).toEqual(['C9:1', 'C9:2', 'C9:3']);
    // A server that lost everything: no epoch (the gateway enqueues again), and the queue still works.
    await redis.flushall();
    expect(await queue.epoch()).toBeNull();
    await queue.enqueue(jobs(1, 'C10'), 'epoch-10');
    expect((await queue.take('w', 10, 50)).map((t) => t.job.id)).toEqual(['C10:1']);
  });

  it('hands out urgent jobs before the others, and renews and finishes them in their own stream', async () => {
    const prefix = `q${++queues}:`;
    const queue = new CrawlQueue(client(), { prefix, leaseMs: 200 });
    await queue.enqueue(jobs(3, 'C20'), 'epoch-20');
    await queue.enqueue(jobs(2, 'C21'), 'epoch-20', { urgent: true });
    const first = await queue.take('w', 2, 50);
    expect(first.map((t) => [t.job.id, t.urgent])).toEqual([
      ['C21:1', true],
      ['C21:2', true],
    ]);
    await sleep(250);
    await queue.extend('w', first); // past the lease, but renewed: not taken over
    const other = new CrawlQueue(client(), { prefix, leaseMs: 200 });
    expect((await other.take('other', 5, 50)).map((t) => t.job.id)).toEqual(['C20:1', 'C20:2', 'C20:3']);
    await queue.done(first);
    expect(await queue.counts()).toEqual({ waiting: 0, taken: 3 });
  });
});
