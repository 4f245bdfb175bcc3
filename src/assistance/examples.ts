import { EX } from '../openapi/examples.ts';

/** The assistance routes' examples (route-docs.ts): a regulator asks the examples' platform for a seller's records. */

const PATH = `/v1/regulator/assistance-requests/${EX.requestId}`;
const ANSWER = {
  answer_id: EX.answerId,
  part: 1,
  media_type: 'text/csv',
  sha256: 'e346432021b04179518d9614f3560ccd71354a4ee101ddcb893d6959a9d6301c',
  bytes: 1843205,
  received_at: '2026-03-12T07:30:41.662Z',
  late: false,
  final: true,
};
const OPEN = {
  request_id: EX.requestId,
  platform: EX.platform,
  seller_id: EX.sellerId,
  case_number: '杭市监案〔2026〕118号',
  legal_basis: '《网络交易监督管理办法》第三十五条',
  scope: ['identity', 'orders'],
  from: '2026-01-01',
  to: '2026-02-28',
  note: '请提供该店铺经营者身份信息及期间全部订单明细。',
  due_working_days: 10,
  due_date: '2026-03-17',
  due_at: '2026-03-17T16:00:00.000Z',
  status: 'open',
  overdue: false,
  late: null,
  requested_at: '2026-03-03T02:00:05.118Z',
  first_viewed_at: '2026-03-03T02:30:44.907Z',
  answered_at: null,
  cancelled_at: null,
  cancel_reason: null,
  answers: [],
};
/** As the regulator sees it: the subject, who asked, the event, and where to download each answer. */
const FOR_REGULATOR = { ...OPEN, subject_id: EX.subjectId, requested_by: EX.regulator, event_seq: 57 };
const ANSWERED_FOR_REGULATOR = {
  ...FOR_REGULATOR,
  status: 'answered',
  late: false,
  answered_at: ANSWER.received_at,
  answers: [{ ...ANSWER, download: `${PATH}/answers/${EX.answerId}` }],
};

export const ASSISTANCE_EXAMPLES = {
  created: { ...FOR_REGULATOR, first_viewed_at: null },
  list: { requests: [ANSWERED_FOR_REGULATOR], total: 1, next_offset: null },
  regulator: ANSWERED_FOR_REGULATOR,
  cancelled: {
    ...FOR_REGULATOR,
    status: 'cancelled',
    cancelled_at: '2026-03-05T01:12:30.540Z',
    cancel_reason: '案件已撤销，无需再提供材料。',
  },
  platformList: { requests: [OPEN], total: 1, next_offset: null },
  platform: OPEN,
  receipt: {
    receipt_type: 'assistance_answer',
    request_id: EX.requestId,
    answer_id: EX.answerId,
    platform: EX.platform,
    seller_id: EX.sellerId,
    case_number: OPEN.case_number,
    part: ANSWER.part,
    media_type: ANSWER.media_type,
    sha256: ANSWER.sha256,
    bytes: ANSWER.bytes,
    received_at: ANSWER.received_at,
    due_date: OPEN.due_date,
    late: false,
    completes_request: true,
    key_id: EX.keyId,
    signature: 'eA8YFi9iIyAoJHcaS5UWe4g4xM6mcs+qQjv55qa8Vn5Tu0XLiyJ03krbS274kQddyVt+e18Agud2wlqin2J+Dw==',
  },
};

/** What a regulator sends. */
export const ASSISTANCE_INPUTS = {
  request: {
    platform: EX.platform,
    seller_id: EX.sellerId,
    legal_basis: OPEN.legal_basis,
    case_number: OPEN.case_number,
    scope: OPEN.scope,
    from: OPEN.from,
    to: OPEN.to,
    due_working_days: 10,
    note: OPEN.note,
  },
  cancel: { reason: '案件已撤销，无需再提供材料。' },
};
