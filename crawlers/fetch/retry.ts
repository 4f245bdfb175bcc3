import { FetchFailed } from './errors.ts';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  tries: number;
  /** Backoff before try n+1 is random in [0, min(maxDelayMs, baseDelayMs·2ⁿ)] ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the store is left for a later crawl. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  tries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before try `attempt + 1`; undefined when the failure must not be retried now. */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  failure: FetchFailed,
  random = Math.random,
): number | undefined {
  if (!failure.retryable || attempt >= policy.tries) return undefined;
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined;
  }
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the tries run out. Waits happen here, outside
 * the host limiter, so a backing-off store holds no slot that another store could use.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  onRetry?: (failure: FetchFailed, n: number, waitMs: number) => void,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof FetchFailed)) throw error;
      const wait = backoffMs(policy, n, error);
      if (wait === undefined) throw error;
      onRetry?.(error, n, wait);
      await sleep(wait);
    }
  }
}
