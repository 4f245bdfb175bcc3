import { FetchFailed } from '../fetch/errors.ts';
import { fetchOnce, type FetchOptions } from '../fetch/fetcher.ts';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from '../fetch/retry.ts';
import { ROBOTS_MAX_BYTES, robotsStateFor, type RobotsState } from '../robots/robots.ts';
import type { HostLimiter } from './limiter.ts';

export interface RobotsVisit {
  url: string;
  status: number | null;
  error?: string;
  startedAt: string;
  totalMs: number;
}

/**
 * What robots.txt says for an origin. When it could not be fetched at all, `failure` says why: the
 * host itself is then unreachable (or too slow), which is what a store on it should report.
 */
export type HostRobots = RobotsState & { failure?: FetchFailed };

interface Entry {
  state: Promise<HostRobots>;
  expiresAt: number;
}

/** RFC 9309 §2.4: a robots.txt may be cached for up to 24 hours. */
export const ROBOTS_TTL_MS = 24 * 60 * 60_000;
/** An unreachable robots.txt is asked again after this long, not on every page of the host. */
export const ROBOTS_FAILURE_TTL_MS = 5 * 60_000;
/** RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt. */
const MAX_ROBOTS_REDIRECTS = 5;

/**
 * robots.txt per origin, fetched once through the host limiter and cached, failures included: a host
 * whose robots.txt answers 5xx is not asked for every store on it. Concurrent callers share one fetch.
 * A Crawl-delay in the rules raises that host's spacing in the limiter.
 */
export class RobotsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limiter: HostLimiter,
    private readonly fetchOptions: FetchOptions,
    private readonly productToken: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly onVisit: (visit: RobotsVisit) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  state(origin: string): Promise<HostRobots> {
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > this.now()) return cached.state;
    const entry: Entry = { state: this.load(origin), expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(origin, entry);
    void entry.state.then((state) => {
      entry.expiresAt = this.now() + (state.kind === 'unavailable' ? ROBOTS_FAILURE_TTL_MS : ROBOTS_TTL_MS);
    });
    return entry.state;
  }

  private async load(origin: string): Promise<HostRobots> {
    let url = new URL('/robots.txt', origin).href;
    for (let hop = 0; hop <= MAX_ROBOTS_REDIRECTS; hop++) {
      const host = new URL(url).host;
      let outcome: { status: number; body: Buffer; location?: string } | { error: unknown };
      const startedAt = new Date().toISOString();
      const started = performance.now();
      try {
        // Network errors are retried like a page's; a 5xx is an answer (not now) and is not.
        const response = await withRetries(this.retry, () =>
          this.limiter.schedule(host, () =>
            fetchOnce(url, {
              ...this.fetchOptions,
              maxBytes: ROBOTS_MAX_BYTES,
              accept: 'text/plain,*/*;q=0.5',
            }),
          ),
        );
        outcome = response;
        this.onVisit({ url, status: response.status, startedAt, totalMs: response.timings.totalMs });
      } catch (error) {
        outcome = { error };
        this.onVisit({
          url,
          status: null,
          error: (error as Error).message,
          startedAt,
          totalMs: Math.round(performance.now() - started),
        });
      }
      if ('status' in outcome && outcome.status >= 300 && outcome.status < 400 && outcome.location) {
        url = outcome.location;
        continue;
      }
      if ('error' in outcome) {
        const failure =
          outcome.error instanceof FetchFailed
            ? outcome.error
            : new FetchFailed(String(outcome.error), 'unreachable', false);
        return { ...robotsStateFor(outcome), failure };
      }
      const state = robotsStateFor({ status: outcome.status, body: outcome.body });
      if (state.kind === 'rules') {
        const delay = state.rules.crawlDelay(this.productToken);
        if (delay !== undefined) this.limiter.setHostSpacing(new URL(origin).host, delay * 1000);
      }
      return state;
    }
    // RFC 9309 §2.3.1.2: past the redirect limit, robots.txt counts as unavailable (4xx): allowed.
    return { kind: 'allow_all' };
  }
}
