import { EX } from '../openapi/examples.ts';
import { VERIFICATION_EXAMPLE as VERIFIED } from '../verification/examples.ts';

/** The crawl-worker routes' examples (schemas.ts): the defaults' policy, and a worker's compliant visit (the verification's). */

export const FLEET_EXAMPLES = {
  config: {
    worker: { name: 'crawler-hz-01' },
    redis_prefix: 'mg:',
    crawl: {
      spacing_ms: 1000,
      concurrency: 16,
      timeout_ms: 15000,
      allow_private_addresses: false,
      lease_ms: 180000,
    },
    issuers: [
      {
        id: 'gsxt-electronic-license',
        name: '电子营业执照 (国家企业信用信息公示系统)',
        hosts: ['*.gsxt.gov.cn', 'gsxt.gov.cn'],
        claims: ['电子营业执照', 'gsxt'],
        id_from: { query: ['uniscid', 'entyId', 'id'] },
        confirm: { kind: 'none' },
      },
    ],
  },
  held: { sha256: EX.sha256, held: true },
  result: {
    job_id: `${EX.crawlId}:17`,
    verification: {
      url: EX.storeUrl,
      final_url: EX.storeUrl,
      status: 200,
      verdict: 'compliant',
      detail: VERIFIED.detail,
      mode: VERIFIED.mode,
      found: VERIFIED.found,
      comparison: VERIFIED.comparison,
      trust_marks: [],
      marks: [],
      marks_violation: false,
      evidence: { raw: { sha256: EX.sha256, size: 50812, media_type: 'text/html; charset=utf-8' } },
      truncated: false,
      retries: 0,
      visits: [{ kind: 'page', url: EX.storeUrl, attempt: 1, status: 200 }],
      crawler: VERIFIED.crawler,
      started_at: VERIFIED.started_at,
      finished_at: VERIFIED.finished_at,
    },
  },
  recorded: { verification_id: EX.verificationId, recorded: true },
};
