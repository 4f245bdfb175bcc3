import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RobotsFetch, RobotsShare } from '../politeness/robots-cache.ts';

/**
 * robots.txt fetched once per origin for a whole fleet: what one worker fetched is kept in Redis for as
 * long as RFC 9309 allows (a day; five minutes for a robots.txt that could not be had), and the others
 * read it there. While one worker fetches, it holds a lock with an expiry; the others wait for its
 * answer, and take the fetch over if it dies (the lock expires).
 */
export function createRedisRobotsShare(
  redis: Redis,
  options: { prefix?: string; lockMs?: number; pollMs?: number } = {},
): RobotsShare {
  const prefix = options.prefix ?? 'mg:';
  const lockMs = options.lockMs ?? 120_000;
  const pollMs = options.pollMs ?? 100;
  const keyOf = (origin: string) => `${prefix}robots:${origin}`;
  return {
    async get(origin, fetch, ttlMs) {
      const key = keyOf(origin);
      const token = randomUUID();
      for (;;) {
        const stored = await redis.get(key);
        if (stored !== null) return decode(stored);
        if (await redis.set(`${key}:lock`, token, 'PX', lockMs, 'NX')) {
          try {
            // Another worker may have stored its answer and let go of the lock since we looked.
            const since = await redis.get(key);
            if (since !== null) return decode(since);
            const fetched = await fetch();
            await redis.set(key, encode(fetched), 'PX', ttlMs(fetched));
            return fetched;
          } finally {
            // Only our own lock: one that expired and was taken over is the other worker's.
            await redis
              .eval(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                1,
                `${key}:lock`,
                token,
              )
              .catch(() => {});
          }
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}

function encode(fetched: RobotsFetch): string {
  return JSON.stringify(
    fetched.kind === 'answer' ? { ...fetched, body: fetched.body.toString('base64') } : fetched,
  );
}

function decode(text: string): RobotsFetch {
  const value = JSON.parse(text) as Record<string, unknown> & { kind: RobotsFetch['kind']; body?: string };
  if (value.kind !== 'answer') return value as RobotsFetch;
  return { kind: 'answer', status: Number(value.status), body: Buffer.from(value.body ?? '', 'base64') };
}
