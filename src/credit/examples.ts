import { EX } from '../openapi/examples.ts';

/**
 * The credit routes' examples (routes.ts, public-routes.ts): the examples' subject, fined once for not
 * showing its licence, its store verified since.
 */

const PENALTY_EVENT = '01JQ6G3J5K7M9P1R3T5V7X9A1C';
const EXPLANATION = [
  {
    event_id: PENALTY_EVENT,
    kind: 'penalty',
    severity: 'moderate',
    occurred_at: '2026-02-10',
    weight: -20,
    decay: 0.96,
    points: -19.2,
  },
];
const SCORE = {
  model_version: 'v1',
  at: '2026-03-10T02:00:00.000Z',
  score: 80.8,
  tier: 'B',
  tier_rule: 'score',
  explanation: EXPLANATION,
};
const CREDIT_EVENT = {
  id: PENALTY_EVENT,
  subject_id: EX.subjectId,
  platform_id: 1,
  seller_id: EX.sellerId,
  kind: 'penalty',
  severity: 'moderate',
  source: 'penalty',
  source_id: EX.penaltyId,
  occurred_at: '2026-02-10',
  counts_until: '2029-03-03',
  public: true,
  cancels: null,
  recorded_at: '2026-03-03T06:20:14.771Z',
};
/** The decision as the regulator records it (PenaltyInput), and as the penalty shows it. */
const DECISION = {
  decision_number: '杭市监罚〔2026〕118号',
  authority: '杭州市市场监督管理局',
  facts: '未在网店首页显著位置持续公示营业执照信息。',
  legal_basis: '《中华人民共和国电子商务法》第七十六条',
  penalty: '警告，罚款人民币五千元',
  severity: 'moderate',
  sector: 'general',
  decided_on: '2026-02-10',
};
const PENALTY = {
  id: EX.penaltyId,
  subject_id: EX.subjectId,
  platform_id: 1,
  seller_id: EX.sellerId,
  ...DECISION,
  publish_by: '2026-03-10',
  published_at: null,
  public_until: null,
  overturned_on: null,
  withdraw_by: null,
  withdrawn_at: null,
  withdrawal_reason: null,
  repaired_at: null,
  repair_reason: null,
  recorded_by: EX.regulator,
  recorded_at: '2026-03-03T06:20:14.771Z',
  state: 'unpublished',
  published_late: false,
  withdrawn_late: false,
};
const PUBLISHED = {
  ...PENALTY,
  published_at: '2026-03-04T01:30:00.118Z',
  public_until: '2029-03-04',
  state: 'published',
};
const ENTRY = {
  id: EX.entryId,
  list: 'abnormal',
  subject_id: EX.subjectId,
  reason: '通过登记的住所或者经营场所无法联系',
  legal_basis: '《企业信息公示暂行条例》第十七条',
  penalty_id: null,
  from_entry: null,
  entered_on: '2026-03-03',
  ends_on: '2029-03-03',
  entered_by: EX.regulator,
  entered_at: '2026-03-03T07:45:02.904Z',
  proposed_at: null,
  removed_at: null,
  removal_reason: null,
  removal_note: null,
  removed_by: null,
};
const ALERT = {
  id: EX.alertId,
  kind: 'subject_on_blacklist',
  subject_id: EX.subjectId,
  platform_id: 2,
  seller_id: 'wx-30017',
  filing_id: '01JQ6H4K6M8P0R2T4V6X8Z0B2D',
  list_entry_id: EX.entryId,
  created_at: '2026-03-05T03:11:48.620Z',
  acknowledged_at: null,
  acknowledged_by: null,
};
const STORE = {
  platform: EX.platform,
  platform_name: EX.platformName,
  store_name: EX.storeName,
  store_url: EX.storeUrl,
  status: 'active',
};
const LATEST_VERIFICATION = {
  verification_id: EX.verificationId,
  platform: EX.platform,
  seller_id: EX.sellerId,
  store_url: EX.storeUrl,
  verdict: 'compliant',
  reason: null,
  finished_at: '2026-03-02T01:03:27.118Z',
};
const MARK = {
  mark_id: EX.markId,
  origin: 'https://shop.example.cn',
  status: 'active',
  issued_at: '2026-03-02T02:00:41.553Z',
  expires_at: '2027-03-02T02:00:41.553Z',
  verification_page: `https://marketgate.example.gov.cn/marks/${EX.markId}`,
};
const COMPLAINT_FIGURES = {
  received: 3,
  closed: 2,
  substantiated: 1,
  orders_filed: 48210,
  per_thousand_orders: 0.062,
  share_substantiated: 0.5,
  share_answered_in_time: 1,
};
const PUBLIC_PENALTY = {
  decision_number: PENALTY.decision_number,
  authority: PENALTY.authority,
  facts: PENALTY.facts,
  legal_basis: PENALTY.legal_basis,
  penalty: PENALTY.penalty,
  severity: PENALTY.severity,
  decided_on: PENALTY.decided_on,
  published_at: PUBLISHED.published_at,
  public_until: PUBLISHED.public_until,
};
const NAME = {
  shown: EX.legalName,
  basis: 'confirmed',
  confirmed: {
    legal_name: EX.legalName,
    reason: '核对国家企业信用信息公示系统登记名称',
    by: EX.regulator,
    at: '2026-03-05T08:00:19.402Z',
  },
  counted: [{ legal_name: EX.legalName, platforms: [EX.platform], since: '2026-01-05T02:30:11.204Z' }],
  filed: [
    {
      platform: EX.platform,
      seller_id: EX.sellerId,
      legal_name: EX.legalName,
      status: 'active',
      since: '2026-01-05T02:30:11.204Z',
    },
  ],
  conflict: null,
};

export const CREDIT_EXAMPLES = {
  subject: {
    subject: {
      id: EX.subjectId,
      kind: 'enterprise',
      legal_name: EX.legalName,
      name_basis: 'confirmed',
      uscc: EX.uscc,
      id_number_masked: null,
      created_at: '2026-01-05T02:30:11.204Z',
      updated_at: '2026-03-05T08:00:19.402Z',
    },
    name: NAME,
    credit: { ...SCORE, not_counted: [] },
    stored_scores: [],
    sellers: [
      {
        platform: EX.platform,
        platform_name: EX.platformName,
        seller_id: EX.sellerId,
        subject_type: 'enterprise',
        legal_name: EX.legalName,
        store_name: EX.storeName,
        store_url: EX.storeUrl,
        status: 'active',
        version: 2,
        first_filed_at: '2026-01-05T02:30:11.204Z',
        updated_at: '2026-03-02T01:15:42.318Z',
      },
    ],
    events: [CREDIT_EVENT],
    lists: [],
    penalties: [PUBLISHED],
    commitments: [],
    verifications: [LATEST_VERIFICATION],
    marks: [MARK],
    alerts: [],
    complaints: { ...COMPLAINT_FIGURES, stores: [], latest: [] },
  },
  name: NAME,
  credit: { subject_id: EX.subjectId, score: { ...SCORE, not_counted: [] }, events: [CREDIT_EVENT] },
  penalty: PENALTY,
  penalties: { penalties: [PENALTY] },
  published: PUBLISHED,
  withdrawn: {
    ...PUBLISHED,
    overturned_on: '2026-04-20',
    withdraw_by: '2026-04-23',
    withdrawn_at: '2026-04-21T02:14:55.090Z',
    withdrawal_reason: '行政复议决定撤销原处罚决定。',
    state: 'withdrawn',
  },
  repaired: {
    ...PUBLISHED,
    repaired_at: '2026-09-08T03:05:12.661Z',
    repair_reason: '已履行行政处罚决定，完成整改并提交信用承诺。',
    state: 'repaired',
  },
  entered: { entry: ENTRY, revoked_marks: [EX.markId], crawl_id: EX.crawlId },
  entries: { entries: [ENTRY] },
  removed: {
    ...ENTRY,
    removed_at: '2026-06-01T02:00:33.145Z',
    removal_reason: 'repaired',
    removal_note: '已通过登记的住所恢复联系，申请移出。',
    removed_by: EX.regulator,
  },
  alerts: { alerts: [ALERT] },
  acknowledged: { ...ALERT, acknowledged_at: '2026-03-05T04:02:10.551Z', acknowledged_by: EX.regulator },
  audit: {
    entries: [
      {
        seq: 1207,
        at: '2026-03-04T01:30:00.118Z',
        actor: EX.regulator,
        action: 'penalty.publish',
        target_type: 'penalty',
        target_id: EX.penaltyId,
        reason: null,
        detail: { published_late: false },
        prev_hash: '682287b966f928ddb127387f9b4d6d1e2f389f06d4f211133282c4b12a8cf5d0',
        hash: '241916afdc0ebcc9b4fc23be826c3528c321a751c370042b012b8e2ea815699b',
      },
    ],
    next_before: 1207,
  },
  auditHead: {
    payload: {
      kind: 'marketgate.audit_head',
      seq: 1207,
      hash: '241916afdc0ebcc9b4fc23be826c3528c321a751c370042b012b8e2ea815699b',
      at: '2026-03-04T01:30:02.997Z',
      key_id: EX.keyId,
    },
    signature: '8EG2fCdlo3x15IDUFx8bqN3uvLmGFBJ1TAX7aOLCPDTAIbsOuuBxJsrzSp7N27UlbrPmgIBUjBSExD3apyjzAg==',
  },
  commitment: {
    commitment_id: '01JQ6K6M8P0R2T4V6X8Z0B2D4F',
    subject_id: EX.subjectId,
    counted: true,
    filed_at: '2026-03-06T02:41:07.335Z',
  },
  publicCredit: {
    subject_id: EX.subjectId,
    kind: 'enterprise',
    name: EX.legalName,
    uscc: EX.uscc,
    credit: SCORE,
    stores: [STORE],
    lists: [],
    penalties: [PUBLIC_PENALTY],
    licenses: [],
    latest_verification: LATEST_VERIFICATION,
    marks: [MARK],
    complaints: { ...COMPLAINT_FIGURES, stores: [] },
    narratives: [],
  },
  search: {
    query: '杭州示例',
    matched_by: 'name',
    total: 1,
    limit: 20,
    offset: 0,
    next_offset: null,
    subjects: [
      {
        subject_id: EX.subjectId,
        kind: 'enterprise',
        name: EX.legalName,
        uscc: EX.uscc,
        tier: 'B',
        score: 80.8,
        stores: [{ platform: EX.platform, store_name: EX.storeName, store_url: EX.storeUrl }],
      },
    ],
  },
};

/** What regulators and platforms send to the credit routes. */
export const CREDIT_INPUTS = {
  penalty: {
    ...DECISION,
    subject_id: EX.subjectId,
    store: { platform: EX.platform, seller_id: EX.sellerId },
    publish: false,
  },
  withdrawal: { overturned_on: '2026-04-20', reason: '行政复议决定撤销原处罚决定。' },
  entry: {
    subject_id: EX.subjectId,
    reason: '通过登记的住所或者经营场所无法联系',
    legal_basis: '《企业信息公示暂行条例》第十七条',
    entered_on: '2026-03-03',
  },
  removal: { reason: 'repaired', note: '已通过登记的住所恢复联系，申请移出。' },
  commitment: {
    text: '本店承诺依法经营，在店铺首页显著位置持续公示营业执照信息，如实描述商品，七日无理由退货。',
    signatory: '陈立新',
    signed_on: '2026-03-06',
  },
  name: { legal_name: '杭州示例商贸有限公司', reason: '核对国家企业信用信息公示系统登记名称' },
  reason: { reason: '已履行行政处罚决定，完成整改并提交信用承诺。' },
};
