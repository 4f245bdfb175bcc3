import { afterEach, expect, test } from 'vitest';
import { createHostLimiter, type HostLimiter, JobExpired } from '../../crawlers/politeness/limiter.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let limiter: HostLimiter | undefined;
afterEach(async () => {
  await limiter?.stop();
  limiter = undefined;
});

function starts() {
  const log: { host: string; at: number; running: number }[] = [];
  const running = new Map<string, number>();
  const job =
    (host: string, ms = 5) =>
    async () => {
      running.set(host, (running.get(host) ?? 0) + 1);
      log.push({ host, at: performance.now(), running: running.get(host)! });
      await sleep(ms);
      running.set(host, running.get(host)! - 1);
    };
  return { log, job };
}

test('requests to one host start at least the spacing apart, one at a time; other hosts are not held up', async () => {
  limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 60,
    globalConcurrency: 8,
    expirationMs: 5_000,
  });
  const { log, job } = starts();
  const begun = performance.now();
  await Promise.all([
    ...Array.from({ length: 4 }, () => limiter!.schedule('a.test', job('a.test'))),
    ...Array.from({ length: 4 }, () => limiter!.schedule('b.test', job('b.test'))),
  ]);
  for (const host of ['a.test', 'b.test']) {
    const times = log.filter((entry) => entry.host === host).map((entry) => entry.at);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(58);
    expect(Math.max(...log.filter((e) => e.host === host).map((e) => e.running))).toBe(1);
  }
  // Both hosts were served side by side: 4 spaced starts take about 3 spacings, not 7.
  expect(performance.now() - begun).toBeLessThan(60 * 6);
});

test('the global cap holds across hosts', async () => {
  limiter = createHostLimiter({
    perHostConcurrency: 2,
    perHostSpacingMs: 0,
    globalConcurrency: 3,
    expirationMs: 5_000,
  });
  let running = 0;
  let peak = 0;
  const job = async () => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep(20);
    running -= 1;
  };
  await Promise.all(Array.from({ length: 12 }, (_, i) => limiter!.schedule(`h${i % 6}.test`, job)));
  expect(peak).toBe(3);
});

test('a host spacing from Crawl-delay raises the spacing and never lowers it below the configured one', async () => {
  limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 20,
    globalConcurrency: 4,
    expirationMs: 5_000,
  });
  limiter.setHostSpacing('slow.test', 120);
  limiter.setHostSpacing('fast.test', 1);
  expect(limiter.hostSpacing('slow.test')).toBe(120);
  expect(limiter.hostSpacing('fast.test')).toBe(20);
  const { log, job } = starts();
  await Promise.all([1, 2, 3].map(() => limiter!.schedule('slow.test', job('slow.test'))));
  const times = log.map((entry) => entry.at);
  expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(2 * 118);
});

test('a job that hangs is abandoned after its expiration and frees the host', async () => {
  limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 0,
    globalConcurrency: 2,
    expirationMs: 100,
  });
  const hung = limiter.schedule('hang.test', () => new Promise<never>(() => {}));
  await expect(hung).rejects.toBeInstanceOf(JobExpired);
  await expect(limiter.schedule('hang.test', async () => 'next')).resolves.toBe('next');
});

test('a failing job rejects with its own error', async () => {
  limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 0,
    globalConcurrency: 2,
    expirationMs: 1_000,
  });
  await expect(limiter.schedule('x.test', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
    'boom',
  );
});
