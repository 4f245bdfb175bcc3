import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type HostLimiter, type HostLimiterOptions, JobExpired } from '../politeness/limiter.ts';

/**
 * The host limiter of a crawler fleet: the same promises as the in-process one (limiter.ts) — at most
 * `perHostConcurrency` requests to a host at once, at least its spacing (raised by Crawl-delay) between
 * two starts, at most `globalConcurrency` requests in flight — kept for every process that shares the
 * Redis server, so that two machines never together visit a host faster than one may.
 *
 * Each rule is a Lua script, atomic on the server and timed by the server's clock (TIME), so that the
 * workers' clocks never matter. A request holds leases (sorted-set members scored by their expiry):
 * one of the global cap and one of its host's; a worker that dies holds them only until they lapse
 * (`leaseMs` after they were last renewed; a live worker renews them while its request runs). The host's keys share a hash tag (`{host}`), the global key
 * is apart: each script touches one slot, so the scheme also runs on Redis Cluster. A worker that may
 * not start yet is told how long to wait and asks again then: there is no queue in Redis to lose.
 */
export interface RedisLimiterOptions extends HostLimiterOptions {
  /** Key prefix, so that several fleets (or tests) can share one server. @default 'mg:' */
  prefix?: string;
  /**
   * Added to every spacing: the time between the server granting a start and the request leaving a
   * worker differs by a few milliseconds between workers; the margin keeps the starts the host sees at
   * least the spacing apart while requests overlap no release (the release makes the spacing count from a
   * request's end as well, see RELEASE_HOST). @default 10
   */
  marginMs?: number;
  /**
   * How long a request's leases hold without renewal: a worker renews them every third of it while the
   * request runs, so a worker that dies holds its host and its global slot at most this long (not the
   * job's `expirationMs`). @default 10000
   */
  leaseMs?: number;
}

/** How long a host's spacing and its next start are kept after its last request: a day. */
const HOST_KEY_TTL_MS = 24 * 60 * 60_000;

// KEYS: global leases. ARGV: token, lease ms, cap. → {1} taken, or {0, wait ms}.
const TAKE_GLOBAL = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, math.min(50, tonumber(first[2]) - now))}
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return {1, 0}`;

// KEYS: next start, leases, spacing (one host). ARGV: token, base spacing, lease ms, host concurrency,
// margin, key ttl. → {1, 0, spacing} taken, or {0, wait ms, spacing}.
const TAKE_HOST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local spacing = math.max(tonumber(ARGV[2]), tonumber(redis.call('GET', KEYS[3]) or '0'))
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nextAt > now then return {0, nextAt - now, spacing} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, math.max(1, math.min(100, tonumber(first[2]) - now)), spacing}
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) * 2)
redis.call('SET', KEYS[1], now + spacing + tonumber(ARGV[5]), 'PX', tonumber(ARGV[6]))
return {1, 0, spacing, now}`;

// KEYS: next start, leases (one host). ARGV: token, the grant's server time, ms from the grant to the
// request's start in the worker, spacing, margin, key ttl. The next start counts from the later of the
// request's real start (plus spacing and margin) and its end (plus spacing). The end makes the rule
// causal: the request reached the host before its answer reached the worker, and the worker let go
// after that, so the host sees the spacing between two requests whatever delayed a worker between its
// grant and its request (a process waiting for a core, a new connection).
const RELEASE_HOST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[2], ARGV[1])
local after = tonumber(ARGV[2]) + tonumber(ARGV[3]) + tonumber(ARGV[4]) + tonumber(ARGV[5])
after = math.max(after, now + tonumber(ARGV[4]))
if after > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], after, 'PX', tonumber(ARGV[6]))
end
return 1`;

// KEYS: leases (global, or one host's). ARGV: token, lease ms. Extends a lease still held; 0 when it lapsed.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

// KEYS: spacing. ARGV: spacing ms, ttl ms. Never lowers a spacing another worker set (a Crawl-delay).
const RAISE_SPACING = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Reply = [number, number, number?, number?];

interface Scripts {
  mgTakeGlobal(key: string, token: string, leaseMs: number, cap: number): Promise<Reply>;
  mgTakeHost(
    next: string,
    leases: string,
    spacing: string,
    token: string,
    baseMs: number,
    leaseMs: number,
    concurrency: number,
    marginMs: number,
    ttlMs: number,
  ): Promise<Reply>;
  mgReleaseHost(
    next: string,
    leases: string,
    token: string,
    grantedAt: number,
    delayMs: number,
    spacingMs: number,
    marginMs: number,
    ttlMs: number,
  ): Promise<number>;
  mgRaiseSpacing(key: string, ms: number, ttlMs: number): Promise<number>;
  mgRenewLease(key: string, token: string, leaseMs: number): Promise<number>;
}

export function createRedisHostLimiter(redis: Redis, options: RedisLimiterOptions): HostLimiter {
  const prefix = options.prefix ?? 'mg:';
  const margin = options.marginMs ?? 10;
  redis.defineCommand('mgTakeGlobal', { numberOfKeys: 1, lua: TAKE_GLOBAL });
  redis.defineCommand('mgTakeHost', { numberOfKeys: 3, lua: TAKE_HOST });
  redis.defineCommand('mgReleaseHost', { numberOfKeys: 2, lua: RELEASE_HOST });
  redis.defineCommand('mgRaiseSpacing', { numberOfKeys: 1, lua: RAISE_SPACING });
  redis.defineCommand('mgRenewLease', { numberOfKeys: 1, lua: RENEW });
  const leaseMs = options.leaseMs ?? 10_000;
  const scripts = redis as unknown as Redis & Scripts;
  const globalKey = `${prefix}politeness:global`;
  const hostKey = (host: string, what: string) => `${prefix}politeness:{${host}}:${what}`;
  // What this process last heard of each host's spacing: hostSpacing() answers without a round trip.
  const spacing = new Map<string, number>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  interface Grant {
    token: string;
    /** The server's time of the grant, ms. */
    at: number;
    /** When the grant arrived here (performance.now()). */
    received: number;
    spacing: number;
  }

  /** Waits for a start allowed by the global cap and the host's rules. */
  async function take(host: string, leaseMs: number): Promise<Grant> {
    const token = randomUUID();
    for (;;) {
      if (stopped) throw new Error('the limiter is stopped');
      const [global, globalWait] = await scripts.mgTakeGlobal(
        globalKey,
        token,
        leaseMs,
        options.globalConcurrency,
      );
      if (global !== 1) {
        await sleep(globalWait);
        continue;
      }
      const [taken, wait, hostSpacing, at] = await scripts.mgTakeHost(
        hostKey(host, 'next'),
        hostKey(host, 'leases'),
        hostKey(host, 'spacing'),
        token,
        options.perHostSpacingMs,
        leaseMs,
        options.perHostConcurrency,
        margin,
        HOST_KEY_TTL_MS,
      );
      if (hostSpacing !== undefined) spacing.set(host, Number(hostSpacing));
      if (taken === 1)
        return { token, at: Number(at), received: performance.now(), spacing: Number(hostSpacing) };
      // The global slot is given back while the host makes us wait: others may use it meanwhile.
      await redis.zrem(globalKey, token);
      await sleep(wait);
    }
  }

  async function release(host: string, grant: Grant, delayMs: number): Promise<void> {
    await Promise.all([
      redis.zrem(globalKey, grant.token),
      scripts.mgReleaseHost(
        hostKey(host, 'next'),
        hostKey(host, 'leases'),
        grant.token,
        grant.at,
        Math.max(0, Math.ceil(delayMs)),
        grant.spacing,
        margin,
        HOST_KEY_TTL_MS,
      ),
    ]);
  }

  return {
    async schedule<T>(host: string, job: () => Promise<T>): Promise<T> {
      const expiration = options.expirationMs + (spacing.get(host) ?? options.perHostSpacingMs);
      const lease = Math.min(leaseMs, expiration);
      const grant = await take(host, lease);
      let timer: NodeJS.Timeout | undefined;
      // The leases are renewed while the request runs: a dead worker's lapse within `lease`.
      const renewal = setInterval(
        () => {
          void Promise.all([
            scripts.mgRenewLease(globalKey, grant.token, lease),
            scripts.mgRenewLease(hostKey(host, 'leases'), grant.token, lease),
          ]).catch(() => {});
        },
        Math.max(10, Math.floor(lease / 3)),
      );
      const delay = performance.now() - grant.received;
      const work = job();
      running.add(work);
      try {
        return await Promise.race([
          work,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new JobExpired(host, expiration)), expiration);
          }),
        ]);
      } finally {
        clearTimeout(timer);
        clearInterval(renewal);
        running.delete(work);
        // A job that ran past its lease lets go when it ends, like any other.
        void work.catch(() => {});
        await release(host, grant, delay).catch(() => {});
      }
    },
    setHostSpacing(host, ms) {
      const value = Math.max(options.perHostSpacingMs, Math.round(ms));
      spacing.set(host, Math.max(value, spacing.get(host) ?? 0));
      const raised = scripts.mgRaiseSpacing(hostKey(host, 'spacing'), value, HOST_KEY_TTL_MS);
      running.add(raised);
      void raised.catch(() => {}).finally(() => running.delete(raised));
    },
    hostSpacing: (host) => spacing.get(host) ?? options.perHostSpacingMs,
    async stop() {
      stopped = true;
      await Promise.allSettled([...running]);
    },
  };
}
