/**
 * The closed lists of a violation lead (docs/leads.md says where each comes from). The 2025 measures on
 * online-trading compliance data (网络交易合规数据报送管理暂行办法) ask a platform that finds a violation on
 * its platform for the seller, the store, the goods, a description of the violation, the records it kept
 * and the measures it took; the categories and measures below are our closed lists for the last two.
 */

/** What kind of violation the platform found. */
export const LEAD_CATEGORIES = [
  'counterfeit', // 假冒伪劣商品
  'false_advertising', // 虚假宣传
  'unlicensed', // 无照、无证经营（未取得依法应取得的许可）
  'prohibited_goods', // 禁售、限售商品
  'identity_mismatch', // 经营者身份信息不实
  'price_fraud', // 价格违法
  'other',
] as const;
export type LeadCategory = (typeof LEAD_CATEGORIES)[number];

/** What the platform did about it (电子商务法 第二十九条: 必要的处置措施). */
export const LEAD_MEASURES = [
  'delisted_goods', // 下架商品、删除信息
  'warned_seller', // 警示
  'restricted_store', // 限制经营
  'suspended_store', // 暂停服务
  'terminated_service', // 终止服务
  'other',
] as const;
export type LeadMeasure = (typeof LEAD_MEASURES)[number];

/**
 * Where a lead is: submitted (no regulator yet) → in_review (a regulator took it) → linked (it led to a
 * penalty or a risk warning) → closed; dismissed (no ground for action) from submitted or in_review.
 */
export const LEAD_STATUSES = ['submitted', 'in_review', 'linked', 'dismissed', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The statuses a regulator still has work in: the queue's default. */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['submitted', 'in_review', 'linked'];
export const FINAL_LEAD_STATUSES: readonly LeadStatus[] = ['dismissed', 'closed'];

export const LEAD_LINK_KINDS = ['penalty', 'risk_warning'] as const;
export type LeadLinkKind = (typeof LEAD_LINK_KINDS)[number];

/** The steps of a lead and the statuses each may start from. */
export const LEAD_STEPS = {
  assign: ['submitted', 'in_review', 'linked'],
  link: ['submitted', 'in_review', 'linked'],
  dismiss: ['submitted', 'in_review'],
  close: ['in_review', 'linked'],
  add_files: ['submitted', 'in_review', 'linked'],
} as const satisfies Record<string, readonly LeadStatus[]>;
export type LeadStep = keyof typeof LEAD_STEPS;

/** The steps a regulator may take on a lead in this status. */
export const regulatorStepsOf = (status: LeadStatus): ('assign' | 'link' | 'dismiss' | 'close')[] =>
  (['assign', 'link', 'dismiss', 'close'] as const).filter((s) =>
    (LEAD_STEPS[s] as readonly LeadStatus[]).includes(status),
  );

/** A lead holds at most this many files (the complaint's allowance; a platform's files are evidence, not a feed). */
export const MAX_LEAD_FILES = 20;
