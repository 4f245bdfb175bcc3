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
