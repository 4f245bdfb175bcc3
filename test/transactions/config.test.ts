import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';

/** MARKETGATE_TRANSACTIONS_URL as the environment gives it (src/config.ts). */
test('MARKETGATE_TRANSACTIONS_URL puts orders in ClickHouse; a bad one is refused without echoing it', () => {
  expect(loadConfig({}, {}).transactionsUrl).toBeUndefined();
  expect(loadConfig({}, { MARKETGATE_TRANSACTIONS_URL: '  ' }).transactionsUrl).toBeUndefined();
  expect(
    loadConfig({}, { MARKETGATE_TRANSACTIONS_URL: ' clickhouse://mg:pw@ch.internal:8123/marketgate ' })
      .transactionsUrl,
  ).toBe('clickhouse://mg:pw@ch.internal:8123/marketgate');
  for (const [value, why] of [
    ['postgres://mg:s3cret@db.internal/marketgate', /starts with clickhouse:\/\//],
    ['clickhouse://mg:s3cret@ch.internal/a/b', /names one database/],
    ['clickhouse://mg:s3cret@ch.internal/db?x=1', /no \?query/],
    ['clickhouse://mg:s3cret@ch internal/db', /not a URL/],
  ] as const) {
    const bad = () => loadConfig({}, { MARKETGATE_TRANSACTIONS_URL: value });
    expect(bad).toThrow(/^MARKETGATE_TRANSACTIONS_URL: /);
    expect(bad).toThrow(why);
    expect(bad).not.toThrow(/s3cret/);
  }
});

test('MARKETGATE_TRANSACTIONS_CLUSTER and _SHARDS name the cluster; the first shard is the URL', () => {
  const url = 'clickhouse://mg:s3cret@ch-1:8123/marketgate';
  const shards = `${url}, clickhouse://mg:s3cret@ch-2:8123/marketgate`;
  expect(loadConfig({}, { MARKETGATE_TRANSACTIONS_URL: url }).transactionsCluster).toBeUndefined();
  expect(
    loadConfig(
      {},
      {
        MARKETGATE_TRANSACTIONS_URL: url,
        MARKETGATE_TRANSACTIONS_CLUSTER: 'marketgate',
        MARKETGATE_TRANSACTIONS_SHARDS: shards,
      },
    ).transactionsCluster,
  ).toEqual({ name: 'marketgate', shards: [url, 'clickhouse://mg:s3cret@ch-2:8123/marketgate'] });
  const bad = (env: Record<string, string>) => () =>
    loadConfig({}, { MARKETGATE_TRANSACTIONS_URL: url, ...env });
  expect(bad({ MARKETGATE_TRANSACTIONS_CLUSTER: 'marketgate' })).toThrow(/go together/);
  expect(bad({ MARKETGATE_TRANSACTIONS_CLUSTER: 'a b', MARKETGATE_TRANSACTIONS_SHARDS: shards })).toThrow(
    /cluster name/,
  );
  const wrongFirst = bad({
    MARKETGATE_TRANSACTIONS_CLUSTER: 'marketgate',
    MARKETGATE_TRANSACTIONS_SHARDS: 'clickhouse://mg:s3cret@ch-2:8123/marketgate',
  });
  expect(wrongFirst).toThrow(/first shard/);
  const notUrl = bad({
    MARKETGATE_TRANSACTIONS_CLUSTER: 'marketgate',
    MARKETGATE_TRANSACTIONS_SHARDS: `${url},ftp://mg:s3cret@x`,
  });
  expect(notUrl).toThrow(/shard 2 is not a ClickHouse URL/);
  expect(notUrl).not.toThrow(/s3cret/);
  expect(() =>
    loadConfig({}, { MARKETGATE_TRANSACTIONS_CLUSTER: 'marketgate', MARKETGATE_TRANSACTIONS_SHARDS: url }),
  ).toThrow(/need MARKETGATE_TRANSACTIONS_URL/);
});
