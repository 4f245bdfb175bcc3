import { EX } from '../openapi/examples.ts';

/** The verification routes' examples (schemas.ts): a crawl of the examples' platform and its store's verification. */

const TALLY = {
  visits: 1840,
  verdicts: { compliant: 1702, identity_missing: 61, identity_mismatch: 12, inconclusive: 65 },
  reasons: { captcha: 31, store_closed: 22, timeout: 12 },
  statuses: { '200': 1781, '404': 22, '503': 25, error: 12 },
  retries: 47,
  browser: 208,
};

export const CRAWL_EXAMPLE = {
  crawl_id: EX.crawlId,
  status: 'done',
  total: 1840,
  done: 1840,
  compliant: 1702,
  violations: 73,
  mark_violations: 4,
  inconclusive: 65,
  verdicts: TALLY.verdicts,
  pages_per_second: 2.14,
  created_at: '2026-03-02T01:00:00.412Z',
  started_at: '2026-03-02T01:00:00.530Z',
  finished_at: '2026-03-02T01:14:19.901Z',
  error: null,
  scope: { platforms: [EX.platform], stale_days: 30 },
  started_by: { actor: EX.regulator, name: '张明' },
  cancelled_at: null,
  cancelled_by: null,
};

export const CRAWL_RESULT_EXAMPLE = {
  platform: EX.platform,
  seller_id: EX.sellerId,
  store_name: EX.storeName,
  store_url: EX.storeUrl,
  verdict: 'compliant',
  reason: null,
  verification_id: EX.verificationId,
  finished_at: '2026-03-02T01:03:27.118Z',
};

export const CRAWL_STATS_EXAMPLE = {
  crawl_id: EX.crawlId,
  overall: TALLY,
  hosts: { 'shop.example.cn': TALLY },
};

export const VERIFICATION_EXAMPLE = {
  id: EX.verificationId,
  crawl_id: EX.crawlId,
  seller_version: 2,
  url: EX.storeUrl,
  final_url: EX.storeUrl,
  status: 200,
  verdict: 'compliant',
  detail: 'the page shows the filed identity',
  mode: 'static',
  found: {
    names: [EX.legalName],
    usccs: [{ code: EX.uscc, valid: true, source: 'text' }],
    registration_numbers: [],
    license_links: [],
    license_images: [],
  },
  comparison: {
    name: 'match',
    uscc: 'match',
    filed: { name: EX.legalName, uscc: EX.uscc },
    shown: { name: EX.legalName, uscc: EX.uscc },
  },
  evidence: [
    {
      kind: 'raw',
      sha256: EX.sha256,
      size: 50812,
      media_type: 'text/html; charset=utf-8',
      url: `/v1/regulator/verifications/${EX.verificationId}/evidence/${EX.sha256}`,
    },
  ],
  visits: [
    {
      kind: 'page',
      url: EX.storeUrl,
      attempt: 1,
      status: 200,
      started_at: '2026-03-02T01:03:26.802Z',
      timings_ms: { headers: 74.2, total: 301.5 },
    },
  ],
  retries: 0,
  truncated: false,
  crawler: {
    name: 'marketgate-verifier',
    version: '0.1.0',
    user_agent:
      'Mozilla/5.0 (compatible; marketgate-verifier/0.1.0; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)',
  },
  started_at: '2026-03-02T01:03:26.790Z',
  finished_at: '2026-03-02T01:03:27.118Z',
};

export const EPISODE_EXAMPLE = {
  id: '01JQ5D0F2H4K6M8P0R2T4V6X8Z',
  about: 'identity',
  mark: null,
  violation: 'identity_mismatch/uscc/91110108795101314G',
  kind: 'verification_identity_mismatch',
  severity: 'serious',
  opened_at: '2026-01-12T01:05:40.227Z',
  last_seen_at: '2026-02-09T01:07:02.913Z',
  closed_at: '2026-03-02T01:03:27.118Z',
  close_reason: 'resolved',
  seen: 2,
  verifications: [
    { verification_id: '01JQ1A2B3C4D5E6F7G8H9J0K1M', credit_event_id: '01JQ1A2B3C4D5E6F7G8H9J0K1N' },
    { verification_id: '01JQ3B4C5D6E7F8G9H0J1K2M3N', credit_event_id: null },
  ],
};
