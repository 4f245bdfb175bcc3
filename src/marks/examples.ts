import { EX } from '../openapi/examples.ts';

/** The trust-mark routes' examples (routes.ts): the mark of the examples' store, active and revoked. */

const STORE = { platform: EX.platform, seller_id: EX.sellerId };
const SUBJECT = { id: EX.subjectId, name: EX.legalName, uscc: EX.uscc };
const ORIGIN = 'https://shop.example.cn';
const ISSUED_AT = '2026-03-02T02:00:41.553Z';
const EXPIRES_AT = '2027-03-02T02:00:41.553Z';
const PAGE = `https://marketgate.example.gov.cn/marks/${EX.markId}`;

const MARK = {
  mark_id: EX.markId,
  status: 'active',
  origin: ORIGIN,
  subject: SUBJECT,
  store: STORE,
  issued_at: ISSUED_AT,
  expires_at: EXPIRES_AT,
  revoked_at: null,
  revoke_reason: null,
  payload: {
    v: 1,
    issuer: 'marketgate',
    key_id: EX.keyId,
    mark_id: EX.markId,
    origin: ORIGIN,
    subject: SUBJECT,
    store: STORE,
    issued_at: ISSUED_AT,
    expires_at: EXPIRES_AT,
  },
  signature: 'x1SacCo5igD9JGQ+9V3nauh9fCaOTZRyawd/xjDrwXuj/rrNjbMjfVhGhIOq9EMn7jW1g/H++nhjW4tasWQWAw==',
  verification_page: PAGE,
};
const REVOKE_REASON = '店铺被列入经营异常名录，撤销认证标识。';

export const MARK_EXAMPLES = {
  mark: MARK,
  revoked: {
    ...MARK,
    status: 'revoked',
    revoked_at: '2026-03-03T07:45:02.904Z',
    revoke_reason: REVOKE_REASON,
  },
  revocations: {
    revoked: [
      { mark_id: EX.markId, origin: ORIGIN, revoked_at: '2026-03-03T07:45:02.904Z', reason: REVOKE_REASON },
    ],
    next_since: null,
  },
  snippet: `<a href="${PAGE}" target="_blank" rel="noopener"
      ><img src="${PAGE}/badge.svg" width="180" height="48" alt="marketgate 认证标识 · ${EX.legalName}"
    /></a>`,
};
