import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { type DomainError, rateLimited } from '../errors.ts';

/** What a take says: allowed, or refused with the seconds until one would be allowed. */
export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Counter {
  /** Start of the key's current window (ms). */
  start: number;
  current: number;
  previous: number;
}

/**
 * How many takes each key made in a sliding window, in memory: one Map lookup and a few sums a take,
 * whatever the limit (the public credit page is answered at more than 10,000 a second; decision 0011).
 *
 * The window slides by weighting the previous fixed window's count by the share of it still inside the
 * sliding one (the sliding-window-counter approximation): exact for the first window of a key, and never
 * lets through more than `limit` in any window where the previous one's takes were spread evenly.
 * Bounded: past `maxKeys` the key whose window rolled longest ago is forgotten, so a flood of addresses
 * cannot grow it without end (forgetting only ever lets a client through early).
 */
export class WindowCounter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
  }

  /** Counts a take for `key` when the estimate stays within `limit`; else says when one would fit. */
  take(key: string, limit: number, now = Date.now()): Take {
    const w = this.windowMs;
    let c = this.counters.get(key);
    if (!c) {
      c = { start: now, current: 0, previous: 0 };
      this.counters.set(key, c);
      if (this.counters.size > this.maxKeys) this.counters.delete(this.counters.keys().next().value!);
    } else if (now - c.start >= w) {
      const windows = Math.floor((now - c.start) / w);
      c.previous = windows === 1 ? c.current : 0;
      c.current = 0;
      c.start += windows * w;
      // Re-inserted: the Map's order is the order windows rolled in, oldest first (what maxKeys drops).
      this.counters.delete(key);
      this.counters.set(key, c);
    }
    const elapsed = Math.max(0, now - c.start);
    const estimate = c.previous * (1 - elapsed / w) + c.current;
    if (estimate + 1 <= limit) {
      c.current += 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: retryAfter(c, limit, w, elapsed) };
  }

  /** Keys held (for tests of the bound). */
  get size(): number {
    return this.counters.size;
  }
}

/** The milliseconds until the estimate leaves room for one more take, in whole seconds (at least 1). */
function retryAfter(c: Counter, limit: number, w: number, elapsed: number): number {
  let waitMs: number;
  if (limit < 1) waitMs = w;
  else if (c.current + 1 <= limit) {
    // This window's own takes fit: the previous window's weight must fall enough.
    const share = 1 - (limit - 1 - c.current) / c.previous;
    waitMs = share * w - elapsed;
  } else {
    // Not before the next window, where this window's takes are the previous ones and fade.
    const share = 1 - (limit - 1) / c.current;
    waitMs = w - elapsed + share * w;
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * The address the request came from: as the app resolved it (the peer, or behind a trusted proxy the
 * client it forwards for: client-address.ts), else the socket's peer.
 */
export function clientAddress(c: Context): string {
  return (c.var as { clientAddress?: string }).clientAddress ?? peerAddress(c) ?? 'unknown';
}

/** The socket's peer. */
export const peerAddress = (c: Context) => incomingOf(c)?.socket?.remoteAddress;

function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/**
 * What a per-address limit counts: the address, an IPv4 address mapped into IPv6 as IPv4, and an IPv6
 * address by its /64 (one subscriber is given a whole /64 and could take a new address a request).
 */
export function addressKey(address: string): string {
  if (!address.includes(':')) return address;
  const bare = address.split('%')[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key of the usual per-address limits. */
export const clientKey = (c: Context) => addressKey(clientAddress(c));

export interface RateLimitOptions {
  /** What is counted, as the refusal says it: "requests from one address", "complaints from one address". */
  name: string;
  windowMs: number;
  /** Takes a key may make in a window: a number, or read at each request (from the configuration). */
  limit: number | (() => number);
  /** What is counted: the client's address (IPv6 by /64) unless said otherwise. */
  key?: (c: Context) => string;
}

export interface RateLimit extends MiddlewareHandler {
  readonly options: RateLimitOptions;
  /** Counts a take outside Hono (the hot path, decision 0011) on the same counter. */
  take(key: string, now?: number): Take;
  /** Marks a request the hot path counted already and then passed to Hono: Hono does not count it again. */
  counted(req: IncomingMessage): void;
  /** The same limit (the same counter), refused with a response of the caller's: a page, say. */
  answering(refuse: (c: Context, error: DomainError) => Response | Promise<Response>): MiddlewareHandler;
}

function per(windowMs: number): string {
  if (windowMs === 60_000) return 'a minute';
  if (windowMs === 3_600_000) return 'an hour';
  if (windowMs === 86_400_000) return 'a day';
  return `in ${Math.round(windowMs / 1000)} s`;
}

/**
 * A rate limit as middleware: one counter, checked before the handler reads or writes anything. Refused
 * requests get `rate_limited` (429 with Retry-After, mapped in errors.ts); refusals are not counted, so a
 * client that keeps knocking is let in as soon as its earlier takes leave the window.
 */
export function rateLimit(options: RateLimitOptions): RateLimit {
  const counter = new WindowCounter(options.windowMs);
  const { limit } = options;
  const limitNow = typeof limit === 'function' ? limit : () => limit;
  const keyOf = options.key ?? clientKey;
  const already = new WeakSet<IncomingMessage>();
  const take = (key: string, now?: number) => counter.take(key, limitNow(), now);

  const check = (c: Context): DomainError | null => {
    const incoming = incomingOf(c);
    if (incoming && already.has(incoming)) return null;
    const taken = take(keyOf(c));
    if (taken.ok) return null;
    return rateLimited(
      `at most ${limitNow()} ${options.name} ${per(options.windowMs)}: try again in ${taken.retryAfterSeconds} s`,
      taken.retryAfterSeconds,
    );
  };
  const middleware: MiddlewareHandler = async function rateLimitMiddleware(c, next) {
    const refused = check(c);
    if (refused) throw refused;
    await next();
  };
  return Object.assign(middleware, {
    options,
    take,
    counted: (req: IncomingMessage) => void already.add(req),
    answering: (refuse: (c: Context, error: DomainError) => Response | Promise<Response>) =>
      async function rateLimitAnswering(c: Context, next: () => Promise<void>) {
        const refused = check(c);
        if (refused) return refuse(c, refused);
        await next();
      } as MiddlewareHandler,
  });
}

/** The limits every public route shares, one set per running gateway. */
export interface PublicLimits {
  /** Every public route (API and pages, the hot path included), per client address. */
  requests: RateLimit;
  /** Complaints lodged per client address, through the API and the form alike. */
  lodging: RateLimit;
}

// Keyed by the gateway's configuration: the app (createApp) and the hot path (hotPath) are built apart
// from the same gateway, and must count on the same counters.
const limitsByConfig = new WeakMap<Config, PublicLimits>();

export function publicLimits(config: Config): PublicLimits {
  let limits = limitsByConfig.get(config);
  if (!limits) {
    limits = {
      requests: rateLimit({
        name: 'requests to public routes from one address',
        windowMs: 60_000,
        limit: () => config.publicRequestsPerMinute,
      }),
      lodging: rateLimit({
        name: 'complaints from one address',
        windowMs: 3_600_000,
        limit: () => config.complaints.perAddressPerHour,
      }),
    };
    limitsByConfig.set(config, limits);
  }
  return limits;
}
