import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';

/** The fleet's settings as the environment gives them (src/config.ts). */
test('MARKETGATE_REDIS_URL puts crawls on the fleet; a bad one is refused without echoing it', () => {
  expect(loadConfig({}, {}).crawl.redisUrl).toBeUndefined();
  expect(loadConfig({}, { MARKETGATE_REDIS_URL: ' redis://127.0.0.1:6379 ' }).crawl.redisUrl).toBe(
    'redis://127.0.0.1:6379',
  );
  expect(loadConfig({}, { MARKETGATE_REDIS_URL: 'rediss://u:p@r.example:6380/2' }).crawl.redisUrl).toBe(
    'rediss://u:p@r.example:6380/2',
  );
  const bad = () => loadConfig({}, { MARKETGATE_REDIS_URL: 'http://user:s3cret@r.example' });
  expect(bad).toThrow(/MARKETGATE_REDIS_URL: not a redis:\/\/ or rediss:\/\/ URL/);
  expect(bad).not.toThrow(/s3cret/);
});

test('MARKETGATE_REDIS_PREFIX and MARKETGATE_FLEET_LEASE_SECONDS', () => {
  const config = loadConfig({}, {});
  expect(config.crawl.redisPrefix).toBe('mg:');
  expect(config.crawl.leaseMs).toBe(180_000);
  const set = loadConfig(
    {},
    { MARKETGATE_REDIS_PREFIX: 'province-a:', MARKETGATE_FLEET_LEASE_SECONDS: '30' },
  );
  expect(set.crawl.redisPrefix).toBe('province-a:');
  expect(set.crawl.leaseMs).toBe(30_000);
  expect(() => loadConfig({}, { MARKETGATE_REDIS_PREFIX: 'has space' })).toThrow(/MARKETGATE_REDIS_PREFIX/);
  expect(() => loadConfig({}, { MARKETGATE_REDIS_PREFIX: '' })).toThrow(/MARKETGATE_REDIS_PREFIX/);
});
