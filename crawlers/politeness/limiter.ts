import Bottleneck from 'bottleneck';

/**
 * Politeness towards the hosts we crawl: at most `perHostConcurrency` requests at a time per host, at
 * least `perHostSpacingMs` between the starts of two requests to one host (raised by a host's
 * Crawl-delay), at most `globalConcurrency` requests in flight overall, and an expiration on every job
 * so that nothing waits for ever.
 *
 * bottleneck does the queueing (a Group keyed by host, chained to one global limiter). It sits behind
 * this interface so that a shared limiter for a fleet of crawler processes can replace it later
 * without touching the crawler.
 */
export interface HostLimiter {
  /** Runs `job` when the host's and the global limits allow it; rejects with JobExpired after `expirationMs`. */
  schedule<T>(host: string, job: () => Promise<T>): Promise<T>;
  /** Spacing for one host, e.g. from its Crawl-delay; never below the configured spacing. */
  setHostSpacing(host: string, spacingMs: number): void;
  /** The spacing now applied to `host`. */
  hostSpacing(host: string): number;
  /** Stops accepting jobs, drops queued ones and waits for running ones. */
  stop(): Promise<void>;
}

export interface HostLimiterOptions {
  perHostConcurrency: number;
  perHostSpacingMs: number;
  globalConcurrency: number;
  /** Longest a job may run once started (bottleneck fails it after this). */
  expirationMs: number;
}

export class JobExpired extends Error {
  constructor(host: string, ms: number) {
    super(`a job for ${host} ran longer than ${ms} ms and was abandoned`);
  }
}

const early = (spacingMs: number) => Math.floor(spacingMs * 0.9);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHostLimiter(options: HostLimiterOptions): HostLimiter {
  const global = new Bottleneck({ maxConcurrent: options.globalConcurrency });
  const group = new Bottleneck.Group({
    maxConcurrent: options.perHostConcurrency,
    minTime: early(options.perHostSpacingMs),
    // Idle host limiters are dropped after ten minutes; their spacing lives on in `spacing`.
    timeout: 10 * 60_000,
  });
  group.on('created', (limiter) => limiter.chain(global));
  const spacing = new Map<string, number>();
  // bottleneck spaces the moments a host's job is handed to the global limiter; a job can then wait
  // there, so two requests could start closer together than the spacing. The gate measures the real
  // starts and waits out the remainder. bottleneck itself releases jobs a little early (early()): were
  // both to wait the full spacing, each request would pay both timers' lateness and a host would get
  // ~10% fewer requests than its spacing allows.
  const lastStart = new Map<string, number>();

  const spacingOf = (host: string) => spacing.get(host) ?? options.perHostSpacingMs;

  async function gate(host: string): Promise<void> {
    const previous = lastStart.get(host);
    if (previous !== undefined) {
      const wait = previous + spacingOf(host) - performance.now();
      if (wait > 0) await sleep(wait);
    }
    lastStart.set(host, performance.now());
  }

  return {
    async schedule<T>(host: string, job: () => Promise<T>): Promise<T> {
      const limiter = group.key(host);
      const expiration = options.expirationMs + spacingOf(host);
      try {
        return await limiter.schedule({ expiration }, async () => {
          await gate(host);
          return job();
        });
      } catch (error) {
        if (error instanceof Bottleneck.BottleneckError && /timed out/.test(error.message)) {
          throw new JobExpired(host, expiration);
        }
        throw error;
      }
    },
    setHostSpacing(host, ms) {
      const value = Math.max(options.perHostSpacingMs, Math.round(ms));
      spacing.set(host, value);
      group.key(host).updateSettings({ minTime: early(value) });
    },
    hostSpacing: spacingOf,
    async stop() {
      await Promise.all(group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })));
      await global.stop({ dropWaitingJobs: true });
    },
  };
}
