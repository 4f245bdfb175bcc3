import type { Context } from 'hono';

/**
 * A sliding-window limit per key (a client address), in memory: at most `limit` takes per `windowMs`.
 * Bounded: past `maxKeys` the least recently used keys are forgotten, so a flood of addresses cannot
 * grow it without end (forgetting only ever lets a client through early).
 */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts a take for `key` if it is within `limit`; otherwise says when the oldest take leaves the window. */
  take(
    key: string,
    limit: number,
    now = Date.now(),
  ): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.delete(key);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.hits.set(key, recent); // re-inserted: most recently used last
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { ok: true };
  }
}

/** The address the request came from: the socket's peer (no proxy headers are trusted). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
