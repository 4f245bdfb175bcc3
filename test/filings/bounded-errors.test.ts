import { afterAll, describe, expect, test } from 'vitest';
import { listDigest, verifyReceipt } from '../../src/filings/receipt.ts';
import { PROBLEMS_KEPT } from '../../src/filings/writer.ts';
import { testGateway } from '../helpers/gateway.ts';

// Issue 14.3: 200,000 `{}` records in 1.4 MB once stored 1,000,000 error rows (111 MB). A filing now
// lists its first PROBLEMS_KEPT errors in full and counts the rest by code, and its receipt says so.
const t = testGateway({ maxBodyBytes: 64 * 1024 * 1024 });
afterAll(() => t.close());

describe('what one filing can make the gateway store in errors', () => {
  test('is bounded: the first errors in full, every error counted by code, all signed', async () => {
    const records = 4_000;
    const body = '{}\n'.repeat(records);
    const res = await t.fileSellers(t.platformA.key, body, { type: 'application/x-ndjson' });
    expect(res.status, res.text.slice(0, 300)).toBe(201);
    const receipt = res.json;
    expect(receipt.counts).toMatchObject({ received: records, rejected: records });

    const problems = receipt.problems;
    expect(problems.kept_limit).toBe(PROBLEMS_KEPT);
    expect(problems.errors.kept).toBe(PROBLEMS_KEPT);
    // Each empty record misses several required fields: far more errors were found than kept.
    expect(problems.errors.total).toBeGreaterThan(records);
    const byCode = Object.values(problems.errors.by_code as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(byCode).toBe(problems.errors.total);
    expect(problems.errors.by_code.missing_field).toBeGreaterThanOrEqual(records);

    const stored = t.gw.db
      .prepare("SELECT count(*) FROM filing_problems WHERE filing_id = ? AND kind = 'error'")
      .pluck()
      .get(receipt.filing_id);
    expect(stored).toBe(PROBLEMS_KEPT);
    expect(receipt.errors_page.total).toBe(PROBLEMS_KEPT);

    // The counts are signed, and errors_sha256 covers exactly the errors one can fetch.
    expect(verifyReceipt(receipt, t.gw.keys.publicKeyPem)).toMatchObject({ valid: true });
    const altered = { ...receipt, problems: { ...problems, errors: { ...problems.errors, total: 1 } } };
    expect(verifyReceipt(altered, t.gw.keys.publicKeyPem)).toMatchObject({ valid: false });
    const all = await t.call('GET', `/v1/filings/${receipt.filing_id}?errors_limit=5000`, {
      key: t.platformA.key,
    });
    const rest = await t.call(
      'GET',
      `/v1/filings/${receipt.filing_id}?errors_offset=5000&errors_limit=5000`,
      {
        key: t.platformA.key,
      },
    );
    const listed = [...all.json.errors, ...rest.json.errors];
    expect(listed).toHaveLength(PROBLEMS_KEPT);
    expect(listDigest(listed)).toBe(receipt.errors_sha256);
    expect(listed[0].line).toBe(1);
  });

  test('a filing with few errors lists them all and counts them the same way', async () => {
    const res = await t.fileSellers(t.platformA.key, [{}, {}]);
    expect(res.status).toBe(201);
    expect(res.json.problems.errors.total).toBe(res.json.errors.length);
    expect(res.json.problems.errors.kept).toBe(res.json.errors.length);
    expect(res.json.problems.warnings).toEqual({ total: 0, kept: 0, by_code: {} });
  });
});
