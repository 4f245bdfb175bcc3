import type { Gateway } from '../gateway-types.ts';
import { dueEndsAt, isOverdue } from './due.ts';
import { assistanceOf, type AnswerRow, type RequestRow } from './store.ts';

export type Audience = 'regulator' | 'platform';

/** One answer file as the API shows it; the regulator's view carries where to download it. */
export function answerView(a: AnswerRow, audience: Audience) {
  return {
    answer_id: a.id,
    part: a.part,
    media_type: a.media_type,
    sha256: a.sha256,
    bytes: a.bytes,
    received_at: a.received_at,
    late: a.late === 1,
    final: a.final === 1,
    ...(audience === 'regulator'
      ? { download: `/v1/regulator/assistance-requests/${a.request_id}/answers/${a.id}` }
      : {}),
  };
}

/**
 * A request as the API shows it. `overdue`: open past its due date now; `late`: completed after it
 * (null while not completed). The platform does not see who in the regulator asked.
 */
export function requestView(
  gw: Pick<Gateway, 'db' | 'accounts'>,
  r: RequestRow,
  audience: Audience,
  now = new Date(),
) {
  return {
    request_id: r.id,
    platform: gw.accounts.platformById(r.platform_id)?.slug ?? null,
    seller_id: r.seller_id,
    ...(audience === 'regulator' ? { subject_id: r.subject_id } : {}),
    case_number: r.case_number,
    legal_basis: r.legal_basis,
    scope: JSON.parse(r.scope) as string[],
    from: r.period_from,
    to: r.period_to,
    note: r.note,
    due_working_days: r.due_working_days,
    due_date: r.due_date,
    due_at: dueEndsAt(r.due_date),
    status: r.status,
    overdue: isOverdue(r, now),
    late: r.answered_late === null ? null : r.answered_late === 1,
    requested_at: r.requested_at,
    ...(audience === 'regulator' ? { requested_by: r.requested_by, event_seq: r.event_seq } : {}),
    first_viewed_at: r.first_viewed_at,
    answered_at: r.answered_at,
    cancelled_at: r.cancelled_at,
    cancel_reason: r.cancel_reason,
    answers: assistanceOf(gw.db)
      .answers(r.id)
      .map((a) => answerView(a, audience)),
  };
}
