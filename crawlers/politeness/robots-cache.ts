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

/**
 * What fetching an origin's robots.txt came to, in a form that can be stored and shared: the final
 * answer (after redirects) with its body, a failure to fetch it, or too many redirects.
 */
export type RobotsFetch =
  | { kind: 'answer'; status: number; body: Buffer }
  | { kind: 'failure'; message: string; reason: FetchFailed['reason']; status?: number }
  | { kind: 'redirect_limit' };

/**
 * Where the fetches of robots.txt are shared between processes (a crawler fleet: crawlers/fleet), so
 * that a host is asked once for the fleet, not once per worker. `fetch` runs only where no other
 * process has the answer or is fetching it.
 */
export interface RobotsShare {
  get(
    origin: string,
    fetch: () => Promise<RobotsFetch>,
    ttlMs: (fetched: RobotsFetch) => number,
  ): Promise<RobotsFetch>;
}

/** How long what was fetched holds: a day, five minutes for a robots.txt that could not be had. */
export const robotsTtlMs = (fetched: RobotsFetch): number =>
  robotsStateOf(fetched).kind === 'unavailable' ? ROBOTS_FAILURE_TTL_MS : ROBOTS_TTL_MS;

function robotsStateOf(fetched: RobotsFetch): HostRobots {
  switch (fetched.kind) {
    case 'answer':
      return robotsStateFor({ status: fetched.status, body: fetched.body });
    case 'failure': {
      const failure = new FetchFailed(fetched.message, fetched.reason, false, undefined, fetched.status);
      return { ...robotsStateFor({ error: failure }), failure };
    }
    case 'redirect_limit':
      // RFC 9309 §2.3.1.2: past the redirect limit, robots.txt counts as unavailable (4xx): allowed.
      return { kind: 'allow_all' };
  }
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
    private readonly share?: RobotsShare,
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
    const fetched = this.share
      ? await this.share.get(origin, () => this.fetchRobots(origin), robotsTtlMs)
      : await this.fetchRobots(origin);
    const state = robotsStateOf(fetched);
    if (state.kind === 'rules') {
      const delay = state.rules.crawlDelay(this.productToken);
      if (delay !== undefined) this.limiter.setHostSpacing(new URL(origin).host, delay * 1000);
    }
    return state;
  }

  private async fetchRobots(origin: string): Promise<RobotsFetch> {
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
        return {
          kind: 'failure',
          message: failure.message,
          reason: failure.reason,
          ...(failure.status !== undefined ? { status: failure.status } : {}),
        };
      }
      return { kind: 'answer', status: outcome.status, body: outcome.body };
    }
    return { kind: 'redirect_limit' };
  }
}
