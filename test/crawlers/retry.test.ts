import { expect, test } from 'vitest';
import { FetchFailed, retryAfterMs } from '../../crawlers/fetch/errors.ts';
import { backoffMs, type RetryPolicy, withRetries } from '../../crawlers/fetch/retry.ts';

const policy: RetryPolicy = { tries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
const network = new FetchFailed('reset', 'unreachable', true);

test('backoff is full jitter under an exponential ceiling, capped', () => {
  expect(backoffMs(policy, 1, network, () => 1)).toBe(100);
  expect(backoffMs(policy, 2, network, () => 1)).toBe(200);
  expect(backoffMs(policy, 2, network, () => 0)).toBe(0);
  expect(backoffMs(policy, 2, network, () => 0.5)).toBe(100);
  expect(backoffMs({ ...policy, tries: 10 }, 8, network, () => 1)).toBe(1_000);
});

test('tries are bounded, and failures that cannot be helped are not retried', () => {
  expect(backoffMs(policy, 3, network)).toBeUndefined();
  expect(backoffMs(policy, 1, new FetchFailed('404', 'store_closed', false))).toBeUndefined();
});

test('Retry-After is honoured, and one longer than the policy allows ends the tries', () => {
  expect(backoffMs(policy, 1, new FetchFailed('429', 'http_error', true, 1_500), () => 0)).toBe(1_500);
  expect(backoffMs(policy, 1, new FetchFailed('429', 'http_error', true, 60_000))).toBeUndefined();
});

test('Retry-After reads seconds and HTTP dates; nonsense is ignored', () => {
  expect(retryAfterMs('2')).toBe(2_000);
  expect(retryAfterMs(' 0 ')).toBe(0);
  const now = Date.parse('2026-11-24T08:00:00Z');
  expect(retryAfterMs('Tue, 24 Nov 2026 08:00:03 GMT', now)).toBe(3_000);
  expect(retryAfterMs('Tue, 24 Nov 2026 07:00:00 GMT', now)).toBe(0);
  expect(retryAfterMs('soon')).toBeUndefined();
  expect(retryAfterMs('-1')).toBeUndefined();
  expect(retryAfterMs(null)).toBeUndefined();
});

test('withRetries retries retryable failures and reports each retry', async () => {
  const retries: number[] = [];
  let calls = 0;
  const result = await withRetries(
    { ...policy, baseDelayMs: 1 },
    async (n) => {
      calls += 1;
      if (n < 3) throw network;
      return 'ok';
    },
    (_failure, n) => retries.push(n),
  );
  expect(result).toBe('ok');
  expect(calls).toBe(3);
  expect(retries).toEqual([1, 2]);
});

test('withRetries gives up after the last try with the last failure, and passes other errors through', async () => {
  let calls = 0;
  await expect(
    withRetries({ ...policy, baseDelayMs: 1 }, async () => {
      calls += 1;
      throw network;
    }),
  ).rejects.toBe(network);
  expect(calls).toBe(3);
  const bug = new TypeError('bug');
  await expect(withRetries(policy, async () => Promise.reject(bug))).rejects.toBe(bug);
});
