import type { Db } from '../db/database.ts';
import type { AnswerMediaType, RequestStatus, StatusFilter } from './terms.ts';

/** SQL of assistance requests and their answers (migration 019). */

export interface RequestRow {
  id: string;
  platform_id: number;
  seller_id: string;
  subject_id: string | null;
  legal_basis: string;
  case_number: string;
  scope: string;
  period_from: string;
  period_to: string;
  note: string | null;
  due_working_days: number;
  due_date: string;
  status: RequestStatus;
  requested_by: string;
  requested_at: string;
  first_viewed_at: string | null;
  answered_at: string | null;
  answered_late: 0 | 1 | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  event_seq: number | null;
}

export interface AnswerRow {
  id: string;
  request_id: string;
  part: number;
  sha256: string;
  bytes: number;
  media_type: AnswerMediaType;
  received_at: string;
  late: 0 | 1;
  final: 0 | 1;
  received_by: string;
  receipt: string;
}

export interface ListFilter {
  status: StatusFilter;
  platformId?: number | undefined;
  /** Today in China Standard Time: `overdue` is open with a due date before it. */
  today: string;
  limit: number;
  offset: number;
}

// `overdue` is open and due before today; every list shows open requests first, nearest due date first,
// then the rest newest first.
const WHERE = `(@platform IS NULL OR platform_id = @platform)
  AND (@status = 'all' OR (@status = 'overdue' AND status = 'open' AND due_date < @today) OR status = @status)`;
const ORDER = `CASE status WHEN 'open' THEN 0 ELSE 1 END,
  CASE status WHEN 'open' THEN due_date END, requested_at DESC, id DESC`;

export function assistanceStore(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO assistance_requests (id, platform_id, seller_id, subject_id, legal_basis, case_number, scope,
         period_from, period_to, note, due_working_days, due_date, status, requested_by, requested_at)
       VALUES (@id, @platform_id, @seller_id, @subject_id, @legal_basis, @case_number, @scope,
         @period_from, @period_to, @note, @due_working_days, @due_date, 'open', @requested_by, @requested_at)`,
    ),
    byId: db.prepare<[string], RequestRow>('SELECT * FROM assistance_requests WHERE id = ?'),
    list: db.prepare<
      [{ platform: number | null; status: string; today: string; limit: number; offset: number }],
      RequestRow
    >(`SELECT * FROM assistance_requests WHERE ${WHERE} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`),
    count: db.prepare<[{ platform: number | null; status: string; today: string }], { n: number }>(
      `SELECT count(*) AS n FROM assistance_requests WHERE ${WHERE}`,
    ),
    setEvent: db.prepare<[number, string]>('UPDATE assistance_requests SET event_seq = ? WHERE id = ?'),
    viewed: db.prepare<[string, string]>(
      'UPDATE assistance_requests SET first_viewed_at = ? WHERE id = ? AND first_viewed_at IS NULL',
    ),
    answered: db.prepare<[string, number, string]>(
      `UPDATE assistance_requests SET status = 'answered', answered_at = ?, answered_late = ?
       WHERE id = ? AND status = 'open'`,
    ),
    cancelled: db.prepare<[string, string, string]>(
      `UPDATE assistance_requests SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?
       WHERE id = ? AND status = 'open'`,
    ),
    insertAnswer: db.prepare(
      `INSERT INTO assistance_answers (id, request_id, part, sha256, bytes, media_type, received_at, late, final,
         received_by, receipt)
       VALUES (@id, @request_id, @part, @sha256, @bytes, @media_type, @received_at, @late, @final,
         @received_by, @receipt)`,
    ),
    answers: db.prepare<[string], AnswerRow>(
      'SELECT * FROM assistance_answers WHERE request_id = ? ORDER BY part',
    ),
    answer: db.prepare<[string, string], AnswerRow>(
      'SELECT * FROM assistance_answers WHERE request_id = ? AND id = ?',
    ),
    parts: db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM assistance_answers WHERE request_id = ?',
    ),
  };
  const params = (f: Omit<ListFilter, 'limit' | 'offset'>) => ({
    platform: f.platformId ?? null,
    status: f.status,
    today: f.today,
  });
  return {
    insert: (
      row: Omit<
        RequestRow,
        | 'status'
        | 'first_viewed_at'
        | 'answered_at'
        | 'answered_late'
        | 'cancelled_at'
        | 'cancel_reason'
        | 'event_seq'
      >,
    ) => q.insert.run(row),
    byId: (id: string) => q.byId.get(id),
    list: (f: ListFilter) => q.list.all({ ...params(f), limit: f.limit, offset: f.offset }),
    count: (f: Omit<ListFilter, 'limit' | 'offset'>) => q.count.get(params(f))!.n,
    setEvent: (id: string, seq: number) => q.setEvent.run(seq, id),
    /** Marks the platform's first view; true when this was it. */
    markViewed: (id: string, at: string) => q.viewed.run(at, id).changes === 1,
    markAnswered: (id: string, at: string, late: boolean) =>
      q.answered.run(at, late ? 1 : 0, id).changes === 1,
    markCancelled: (id: string, at: string, reason: string) => q.cancelled.run(at, reason, id).changes === 1,
    insertAnswer: (row: AnswerRow) => q.insertAnswer.run(row),
    answers: (requestId: string) => q.answers.all(requestId),
    answer: (requestId: string, answerId: string) => q.answer.get(requestId, answerId),
    parts: (requestId: string) => q.parts.get(requestId)!.n,
  };
}

export type AssistanceStore = ReturnType<typeof assistanceStore>;

const stores = new WeakMap<Db, AssistanceStore>();

/** The store of a database, its statements prepared once. */
export function assistanceOf(db: Db): AssistanceStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = assistanceStore(db)));
  return store;
}
