import { EX } from '../openapi/examples.ts';

/** The lead routes' examples (openapi.ts): counterfeit tea reported by the examples' platform, as each side sees it. */

const SUBMITTED_AT = '2026-03-02T08:15:20.604Z';
const PLATFORM_ACTOR = `platform:${EX.platform}`;
const FILE = {
  sha256: '5b2c8e1f0a9d7c6b4e3a2f1d0c9b8a7e6f5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b',
  media_type: 'image/png',
  size: 204811,
  name: '5b2c8e1f0a9d7c6b.png',
};
const SUBMIT = {
  seq: 1,
  action: 'submit',
  actor: PLATFORM_ACTOR,
  at: SUBMITTED_AT,
  from: null,
  to: 'submitted',
  note: null,
  category: 'counterfeit',
};
const ADD_FILES = {
  seq: 2,
  action: 'add_files',
  actor: PLATFORM_ACTOR,
  at: '2026-03-02T08:16:02.311Z',
  from: 'submitted',
  to: 'submitted',
  note: null,
  files: [FILE.name],
};

/** A lead as its platform sees it: no assignee, no regulator's name, no next steps. */
const SUBMITTED = {
  lead_id: EX.leadId,
  platform: EX.platform,
  status: 'submitted',
  category: 'counterfeit',
  seller: {
    seller_id: EX.sellerId,
    subject_id: EX.subjectId,
    store_name: EX.storeName,
    store_url: EX.storeUrl,
  },
  goods: [{ name: '西湖龙井 250g 礼盒装', sku: 'TEA-LJ-250', url: 'https://shop.example.cn/item/88123' }],
  found: '品牌方鉴定该批次茶叶礼盒为假冒商品，商家无法提供品牌授权书。',
  records: ['商品页面快照 2026-03-01', '品牌方鉴定意见书'],
  measures: [{ measure: 'delisted_goods', taken_on: '2026-03-01' }],
  measures_note: null,
  found_on: '2026-03-01',
  reference: 'RISK-2026-0042',
  submitted_at: SUBMITTED_AT,
  updated_at: ADD_FILES.at,
  decision: null,
  links: [],
  files: [{ ...FILE, added_at: ADD_FILES.at }],
  events: [SUBMIT, ADD_FILES],
};
const FOR_REGULATOR = {
  ...SUBMITTED,
  assignee: null,
  next_steps: ['assign', 'link', 'dismiss'],
};
const IN_REVIEW = {
  ...FOR_REGULATOR,
  status: 'in_review',
  assignee: '张明（杭州市市场监督管理局）',
  updated_at: '2026-03-03T01:40:11.027Z',
  events: [
    SUBMIT,
    ADD_FILES,
    {
      seq: 3,
      action: 'assign',
      actor: EX.regulator,
      at: '2026-03-03T01:40:11.027Z',
      from: 'submitted',
      to: 'in_review',
      note: null,
      assignee: '张明（杭州市市场监督管理局）',
    },
  ],
  next_steps: ['assign', 'link', 'dismiss', 'close'],
};
const LINKED = {
  ...IN_REVIEW,
  status: 'linked',
  updated_at: '2026-03-10T06:12:40.019Z',
  links: [
    {
      kind: 'penalty',
      penalty_id: EX.penaltyId,
      decision_number: '杭市监罚〔2026〕118号',
      published: true,
      note: '依据该线索立案查处。',
      linked_by: EX.regulator,
      linked_at: '2026-03-10T06:12:40.019Z',
    },
  ],
  next_steps: ['assign', 'link', 'close'],
};
const decided = (status: string, reason: string, at: string) => ({
  ...IN_REVIEW,
  status,
  updated_at: at,
  decision: { status, reason, at, by: EX.regulator },
  next_steps: [],
});

export const LEAD_EXAMPLES = {
  lead: SUBMITTED,
  list: { leads: [SUBMITTED], total: 1, next_offset: null },
  files: { files: [FILE] },
  queue: { leads: [FOR_REGULATOR], total: 1, next_offset: null },
  regulator: FOR_REGULATOR,
  assigned: IN_REVIEW,
  linked: LINKED,
  dismissed: decided('dismissed', '经核查，商家已提供有效品牌授权，不构成违法。', '2026-03-04T03:00:00.000Z'),
  closed: decided('closed', '已立案查处并作出行政处罚，线索办结。', '2026-03-12T02:30:00.000Z'),
};

/** What platforms and regulators send. */
export const LEAD_INPUTS = {
  lead: {
    seller_id: EX.sellerId,
    store_url: EX.storeUrl,
    goods: [{ name: '西湖龙井 250g 礼盒装', sku: 'TEA-LJ-250', url: 'https://shop.example.cn/item/88123' }],
    category: 'counterfeit',
    found: '品牌方鉴定该批次茶叶礼盒为假冒商品，商家无法提供品牌授权书。',
    records: ['商品页面快照 2026-03-01', '品牌方鉴定意见书'],
    measures: [{ measure: 'delisted_goods', taken_on: '2026-03-01' }],
    found_on: '2026-03-01',
    reference: 'RISK-2026-0042',
  },
  assignment: { assignee: '张明（杭州市市场监督管理局）' },
  link: { penalty_id: EX.penaltyId, note: '依据该线索立案查处。' },
  reason: { reason: '已立案查处并作出行政处罚，线索办结。' },
};
