import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lastMonths } from '../../src/console/dashboard.tsx';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';

/** The dashboard counts filings by month as Beijing counts them, not by the UTC month of the timestamp. */
let t: TestGateway;
beforeAll(() => {
  t = testGateway();
});
afterAll(() => t?.close());

function fileAt(receivedAt: string, n: number) {
  const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
  t.gw.filings.insert(platformId, {
    filing_id: `01JFILING${String(n).padStart(17, '0')}`,
    kind: 'sellers',
    received_at: receivedAt,
    body_sha256: '0'.repeat(64),
    idempotency_key: null,
  } as Parameters<typeof t.gw.filings.insert>[1]);
}

describe('filings per month on the dashboard', () => {
  test('a filing at 01:00 on the 1st in Beijing (17:00 UTC the day before) counts in the new month', () => {
    fileAt('2026-03-31T15:59:59.999Z', 1); // 23:59:59 on 31 March in Beijing
    fileAt('2026-03-31T16:00:00.000Z', 2); // 00:00 on 1 April in Beijing
    fileAt('2026-03-31T17:00:00.000Z', 3);
    const counts = t.gw.filings.countsByMonth('2026-02-28T16:00:00.000Z');
    expect(counts).toEqual([
      { platform: t.platformA.slug, month: '2026-03', kind: 'sellers', n: 1 },
      { platform: t.platformA.slug, month: '2026-04', kind: 'sellers', n: 2 },
    ]);
    // Only filings from `since` on.
    expect(t.gw.filings.countsByMonth('2026-03-31T16:00:00.000Z')).toEqual([
      { platform: t.platformA.slug, month: '2026-04', kind: 'sellers', n: 2 },
    ]);
  });

  test('the months shown end with the current month in Beijing', () => {
    expect(lastMonths(new Date('2026-03-31T16:30:00Z'), 3)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(lastMonths(new Date('2026-03-31T15:30:00Z'), 3)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(lastMonths(new Date('2026-01-15T00:00:00Z'), 2)).toEqual(['2025-12', '2026-01']);
  });
});
