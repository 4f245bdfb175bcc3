import { EX } from '../openapi/examples.ts';

/** The event and webhook routes' examples (routes.ts): one forwarded complaint, and its delivery. */

const FORWARDED = {
  type: 'complaint.forwarded',
  timestamp: '2026-03-04T02:10:33.512Z',
  data: {
    complaint_id: EX.complaintId,
    platform: EX.platform,
    seller_id: EX.sellerId,
    category: 'quality',
    answer_due: '2026-03-18',
  },
  seq: 3,
};
const LISTED = {
  type: 'list.entered',
  timestamp: '2026-03-03T07:45:02.904Z',
  data: {
    entry_id: EX.entryId,
    list: 'abnormal',
    subject_id: EX.subjectId,
    subject_kind: 'enterprise',
    uscc: EX.uscc,
    entered_on: '2026-03-03',
    ends_on: '2029-03-03',
    legal_basis: '《企业信息公示暂行条例》第十七条',
    penalty_id: null,
    revoked_marks: [EX.markId],
  },
  seq: 2,
};
const DELIVERY = {
  delivery_id: EX.deliveryId,
  webhook_id: EX.webhookId,
  seq: 3,
  status: 'failed',
  attempts: 12,
  next_attempt_at: null,
  last_attempt_at: '2026-03-07T02:10:40.118Z',
  last_status: 500,
  last_error: null,
  delivered_at: null,
  created_at: '2026-03-04T02:10:33.512Z',
};

export const EVENT_EXAMPLES = {
  feed: { events: [LISTED, FORWARDED], next_after: 3, head: 3 },
  event: { ...FORWARDED, acknowledged_at: '2026-03-04T02:15:09.337Z' },
  ack: { seq: 3, acknowledged_at: '2026-03-04T02:15:09.337Z' },
  acknowledgements: {
    seq: 2,
    type: 'list.entered',
    timestamp: LISTED.timestamp,
    concerned: 2,
    acknowledged: 1,
    platforms: [
      { platform: EX.platform, acknowledged_at: '2026-03-03T08:02:11.650Z', note: '已下架该主体全部店铺。' },
      { platform: 'beta-market', acknowledged_at: null, note: null },
    ],
  },
  created: { webhook_id: EX.webhookId, secret: 'whsec_5M1xQ8vKp3tY7nR2wZ9cL4hB6jD0fG3s' },
  rotated: {
    webhook_id: EX.webhookId,
    secret: 'whsec_Q2nV8kT4yR7pL1xZ5cM9hB3jD6fG0wS2',
    previous_secret_valid_until: '2026-03-06T09:30:00.000Z',
  },
  webhooks: {
    webhooks: [
      {
        webhook_id: EX.webhookId,
        owner: EX.platform,
        url: 'https://hooks.alpha-mall.example.cn/marketgate',
        events: ['complaint.forwarded', 'list.entered'],
        status: 'active',
        status_reason: null,
        status_at: null,
        previous_secret_valid_until: null,
        created_at: '2026-02-20T06:00:41.702Z',
        deliveries: { pending: 0, delivered: 41, failed: 1, cancelled: 0 },
      },
    ],
  },
  deliveries: { deliveries: [DELIVERY] },
  retried: {
    ...DELIVERY,
    status: 'pending',
    next_attempt_at: '2026-03-07T03:00:00.000Z',
  },
};
