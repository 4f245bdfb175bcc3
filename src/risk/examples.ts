import { EX } from '../openapi/examples.ts';

/** The risk routes' examples (routes.ts): an order-brushing warning at each step of its queue. */

const WARNING = {
  warning_id: EX.warningId,
  signal: 'order_brushing',
  rule_version: 'order_brushing/1',
  subject_id: EX.subjectId,
  platform: EX.platform,
  seller_id: EX.sellerId,
  store_url: EX.storeUrl,
  severity: 'high',
  score: 70,
  status: 'open',
  first_seen: '2026-03-02T03:00:12.482Z',
  last_seen: '2026-03-02T03:00:12.482Z',
  explanation: {
    text: "In 1 hour of the last 30 days, this store's orders came from few buyers. Worst: 12 orders from 2 buyers at 2026-03-02 09:00 CST, 12 of one amount, 0 reversed within 30 minutes, against the store's own mean of 1.4 orders per active hour.",
    rule: 'order_brushing/1',
    threshold: {
      few_buyers: '≥ 3 orders per buyer with ≥ 10 orders in an hour',
      burst: "≥ 10× the store's mean with ≥ 30 orders in an hour",
    },
    found: {
      hours_flagged: 1,
      worst_hour: '2026-03-02 09:00 CST',
      worst_orders: 12,
      worst_buyers: 2,
      rules_fired: 'few_buyers',
    },
    comparison: "the store's own mean of 1.40 orders per active hour in the window",
  },
  evidence: {
    orders: { ids: ['O-20260302-0107', 'O-20260302-0108', 'O-20260302-0109'], total: 12 },
    sellers: { ids: [`${EX.platform}/${EX.sellerId}`], total: 1 },
    hours: ['2026-03-02T09'],
  },
  assignee: null,
  decision: null,
};

export const RISK_EXAMPLES = {
  warning: WARNING,
  list: { warnings: [WARNING], next_cursor: 'NzA6MDFKUTdHM0o1SzdNOVAxUjNUNVY3WDlBMUM' },
  assigned: { ...WARNING, status: 'assigned', assignee: '张明（杭州市市场监督管理局）' },
  confirmed: {
    ...WARNING,
    status: 'confirmed',
    assignee: '张明（杭州市市场监督管理局）',
    decision: {
      by: EX.regulator,
      at: '2026-03-10T06:12:40.019Z',
      reason: '经核查，该店铺组织刷单虚构交易，已立案处罚。',
      penalty_id: EX.penaltyId,
      list_entry_id: null,
    },
  },
  dismissed: {
    ...WARNING,
    status: 'dismissed',
    decision: {
      by: EX.regulator,
      at: '2026-03-04T02:40:05.310Z',
      reason: '系企业团购订单，买家为同一单位采购人员，非刷单。',
      penalty_id: null,
      list_entry_id: null,
    },
  },
  signals: {
    signals: [
      {
        signal: 'order_brushing',
        rule_version: 'order_brushing/1',
        counts: { open: 14, assigned: 3, confirmed: 6, dismissed: 2 },
        decided: 8,
        precision: 0.75,
        versions: [
          {
            rule_version: 'order_brushing/1',
            counts: { open: 14, assigned: 3, confirmed: 6, dismissed: 2 },
            decided: 8,
            precision: 0.75,
          },
        ],
      },
    ],
  },
};
