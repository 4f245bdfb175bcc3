import { EX } from '../openapi/examples.ts';

/**
 * The complaint routes' examples (routes.ts): a consumer's complaint about mouldy tea, linked to the
 * examples' order, as each party sees it along the way. Names and phones are made up and shown masked,
 * as the views mask them (the regulator's reveal alone shows them whole).
 */

const SUBMITTED_AT = '2026-03-03T12:20:45.117Z';
const DESCRIPTION = '收到的西湖龙井茶叶发霉结块，联系客服要求退款被拒绝。';
const FILE = {
  sha256: '7e94fceb2dca510ce9f5945360d5e3fdc7585de879d9503a0d307d210760ca43',
  media_type: 'image/jpeg',
  size: 482113,
  name: '7e94fceb2dca510c.jpg',
};
/** The tin's GS1 code, serialised: one unit (docs/trace-codes.md). */
const TRACE_CODE = { scheme: 'gs1', code: '(01)06901234567892(21)LJ250-0117' };
const SUBMIT = {
  seq: 1,
  action: 'submit',
  actor: 'consumer',
  at: SUBMITTED_AT,
  from: null,
  to: 'submitted',
  message: DESCRIPTION,
  deadline: { step: 'decision', due: '2026-03-12' },
  newly_overdue: [],
};
const ACCEPT = {
  seq: 2,
  action: 'accept',
  actor: 'regulator',
  at: '2026-03-04T02:08:10.402Z',
  from: 'submitted',
  to: 'accepted',
  message: null,
  newly_overdue: [],
};
const FORWARD = {
  seq: 3,
  action: 'forward',
  actor: 'regulator',
  at: '2026-03-04T02:10:33.512Z',
  from: 'accepted',
  to: 'forwarded',
  message: null,
  newly_overdue: [],
  deadline: { step: 'answer', due: '2026-03-18' },
};
const ANSWER = {
  kind: 'refund',
  message: '经核实为仓储受潮，已全额退款 129.90 元，并致歉。',
  at: '2026-03-05T06:41:02.880Z',
  untimely: false,
};
const RESPOND = {
  seq: 4,
  action: 'respond',
  actor: 'platform',
  at: ANSWER.at,
  from: 'forwarded',
  to: 'answered',
  message: ANSWER.message,
  newly_overdue: [],
};

/** A complaint as its consumer sees it: with the tracking code, no one's actor ids. */
const FORWARDED = {
  complaint_id: EX.complaintId,
  tracking_code: EX.trackingCode,
  status: 'forwarded',
  category: 'quality',
  description: DESCRIPTION,
  amount_claimed: '129.90',
  currency: 'CNY',
  platform: EX.platform,
  store: { seller_id: EX.sellerId, store_url: EX.storeUrl, filed: true },
  linked: {
    order_id: EX.orderId,
    order: 'verified',
    verified_purchase: true,
    order_store_differs: false,
  },
  trace_code: TRACE_CODE,
  complainant: { name: '李*', phone: '139****0006', email: null },
  publish_consent: true,
  deadlines: { decision: '2026-03-12', answer: '2026-03-18', mediation: null },
  next_due: '2026-03-18',
  overdue: [],
  answer: null,
  rejection: null,
  substantiated: false,
  outcome: null,
  submitted_at: SUBMITTED_AT,
  updated_at: FORWARD.at,
  events: [SUBMIT, ACCEPT, FORWARD],
  files: [{ ...FILE, added_at: '2026-03-03T12:24:09.031Z' }],
  next_steps: [{ action: 'withdraw' }, { action: 'message' }],
};
const ANSWERED = {
  ...FORWARDED,
  status: 'answered',
  next_due: null,
  answer: ANSWER,
  updated_at: ANSWER.at,
  events: [SUBMIT, ACCEPT, FORWARD, RESPOND],
  next_steps: [
    { action: 'consumer_accept' },
    { action: 'consumer_reject' },
    { action: 'withdraw' },
    { action: 'message' },
  ],
};
const CONSUMER_MESSAGE = {
  seq: 5,
  action: 'message',
  actor: 'consumer',
  at: '2026-03-05T07:02:15.640Z',
  from: 'answered',
  to: 'answered',
  message: '退款已收到，谢谢。',
  newly_overdue: [],
};
/** As the platform sees it: no tracking code (half of what opens the consumer's view). */
const { tracking_code: _code, ...FOR_PLATFORM } = FORWARDED;
const PLATFORM_FORWARDED = { ...FOR_PLATFORM, next_steps: [{ action: 'respond' }, { action: 'message' }] };
const withActorIds = (events: Record<string, unknown>[]) =>
  events.map((e) => ({
    ...e,
    actor_id:
      e.actor === 'regulator' ? EX.regulator : e.actor === 'platform' ? `platform:${EX.platform}` : null,
  }));
/** As the regulator sees it: every actor's id. */
const REGULATOR_FORWARDED = {
  ...FORWARDED,
  events: withActorIds(FORWARDED.events),
  next_steps: [{ action: 'mediate' }, { action: 'substantiate' }, { action: 'message' }],
};

export const COMPLAINT_EXAMPLES = {
  lodged: {
    ...FORWARDED,
    status: 'submitted',
    next_due: '2026-03-12',
    deadlines: { decision: '2026-03-12', answer: null, mediation: null },
    updated_at: SUBMITTED_AT,
    events: [SUBMIT],
    files: [],
    next_steps: [{ action: 'withdraw' }, { action: 'message' }],
    access_token: 'q3ZKp8Yw1vN5tR7xB2mC9dF4hJ6kL0sA',
  },
  consumer: FORWARDED,
  consumerMessage: {
    ...ANSWERED,
    events: [...ANSWERED.events, CONSUMER_MESSAGE],
    updated_at: CONSUMER_MESSAGE.at,
  },
  consumerAccept: {
    ...ANSWERED,
    status: 'resolved',
    events: [
      ...ANSWERED.events,
      { ...CONSUMER_MESSAGE, action: 'consumer_accept', to: 'resolved', message: null },
    ],
    next_steps: [{ action: 'message' }],
  },
  consumerReject: {
    ...ANSWERED,
    status: 'mediation',
    deadlines: { ...ANSWERED.deadlines, mediation: '2026-05-08' },
    next_due: '2026-05-08',
    events: [
      ...ANSWERED.events,
      {
        ...CONSUMER_MESSAGE,
        action: 'consumer_reject',
        to: 'mediation',
        message: '只退了一半货款，不同意。',
        deadline: { step: 'mediation', due: '2026-05-08' },
      },
    ],
    next_steps: [{ action: 'withdraw' }, { action: 'message' }],
  },
  withdrawn: {
    ...FORWARDED,
    status: 'closed',
    next_due: null,
    outcome: 'withdrawn',
    events: [
      ...FORWARDED.events,
      {
        ...CONSUMER_MESSAGE,
        seq: 4,
        action: 'withdraw',
        from: 'forwarded',
        to: 'closed',
        message: '已与商家协商解决。',
      },
    ],
    next_steps: [],
  },
  files: { files: [FILE] },
  platformList: { complaints: [PLATFORM_FORWARDED] },
  platform: PLATFORM_FORWARDED,
  platformAnswered: {
    ...PLATFORM_FORWARDED,
    status: 'answered',
    next_due: null,
    answer: ANSWER,
    updated_at: ANSWER.at,
    events: ANSWERED.events,
    next_steps: [{ action: 'message' }],
  },
  queue: { complaints: [REGULATOR_FORWARDED], total: 1, next_offset: null },
  regulator: REGULATOR_FORWARDED,
  regulatorStep: {
    ...REGULATOR_FORWARDED,
    status: 'mediation',
    deadlines: { ...FORWARDED.deadlines, mediation: '2026-05-08' },
    next_due: '2026-05-08',
    events: withActorIds([
      ...FORWARDED.events,
      {
        seq: 4,
        action: 'mediate',
        actor: 'regulator',
        at: '2026-03-06T01:30:00.000Z',
        from: 'forwarded',
        to: 'mediation',
        message: '平台未在期限内妥善处理，转入调解。',
        newly_overdue: [],
        deadline: { step: 'mediation', due: '2026-05-08' },
      },
    ]),
    next_steps: [
      {
        action: 'close',
        outcomes: ['resolved_for_consumer', 'partially_resolved', 'unsubstantiated', 'mediation_failed'],
      },
      { action: 'substantiate' },
      { action: 'message' },
    ],
  },
  revealed: {
    complaint_id: EX.complaintId,
    complainant: { name: '李小红', phone: '13912340006', email: 'lixiaohong@example.cn' },
  },
};

/** What consumers, platforms and regulators send. */
export const COMPLAINT_INPUTS = {
  lodge: {
    platform: EX.platform,
    seller_id: EX.sellerId,
    order_id: EX.orderId,
    category: 'quality',
    description: DESCRIPTION,
    amount_claimed: '129.90',
    currency: 'CNY',
    trace_code: TRACE_CODE,
    complainant: { name: '李小红', phone: '13912340006', email: 'lixiaohong@example.cn' },
    publish_consent: true,
  },
  message: { message: '请提供收货时的外包装照片。' },
  optionalMessage: { message: '退款已收到，谢谢。' },
  answer: { kind: 'refund', message: ANSWER.message },
  step: { type: 'mediate', message: '平台未在期限内妥善处理，转入调解。' },
  reveal: { reason: '调解需电话联系投诉人核实收货情况。' },
};
