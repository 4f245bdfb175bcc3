import type { Db } from '../db/database.ts';
import type { TraceScheme } from '../trace/codes.ts';
import type { ComplaintStatus } from './terms.ts';

/**
 * SQL of complaints (migrations 008 and 032): the complaint with its workflow state, its events, its
 * files.
 */

export interface ComplaintRow {
  id: string;
  tracking_code: string;
  token_hash: Buffer;
  platform_id: number;
  seller_id: string | null;
  subject_id: string | null;
  store_url: string | null;
  order_id: string | null;
  order_link: 'verified' | 'unverified' | 'wrong_store' | 'none';
  order_seller_id: string | null;
  category: string;
  description: string;
  amount_minor: number | null;
  currency: string | null;
  /** The product trace code the complaint names (trace-code.ts): both or neither. */
  trace_scheme: TraceScheme | null;
  trace_code: string | null;
  name_enc: Buffer;
  phone_enc: Buffer;
  phone_hash: Buffer;
  email_enc: Buffer | null;
  publish_consent: 0 | 1;
  status: ComplaintStatus;
  state: string;
  next_due: string | null;
  substantiated: 0 | 1;
  submitted_at: string;
  updated_at: string;
}

export interface ComplaintEventRow {
  complaint_id: string;
  seq: number;
  action: string;
  actor: string;
  actor_id: string | null;
  at: string;
  from_status: string | null;
  to_status: string;
  message: string | null;
  detail: string;
}

export interface ComplaintFileRow {
  complaint_id: string;
  sha256: string;
  media_type: string;
  size: number;
  name: string;
  added_at: string;
}

/** How many messages or files since a moment, and the time of the first of them (null when none). */
export interface Allowance {
  n: number;
  first: string | null;
}

export interface ComplaintCounts {
  received: number;
  closed: number;
  substantiated: number;
  answer_due: number;
  answered_in_time: number;
}

const OPEN = "status NOT IN ('rejected', 'closed')";

export function complaintsStore(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO complaints (id, tracking_code, token_hash, platform_id, seller_id, subject_id, store_url, order_id,
         order_link, order_seller_id, category, description, amount_minor, currency, trace_scheme, trace_code,
         name_enc, phone_enc, phone_hash, email_enc, publish_consent, status, state, next_due, substantiated,
         submitted_at, updated_at)
       VALUES (@id, @tracking_code, @token_hash, @platform_id, @seller_id, @subject_id, @store_url, @order_id,
         @order_link, @order_seller_id, @category, @description, @amount_minor, @currency, @trace_scheme,
         @trace_code, @name_enc, @phone_enc, @phone_hash, @email_enc, @publish_consent, @status, @state,
         @next_due, @substantiated, @submitted_at, @updated_at)`,
    ),
    byId: db.prepare<[string], ComplaintRow>('SELECT * FROM complaints WHERE id = ?'),
    byCode: db.prepare<[string], ComplaintRow>('SELECT * FROM complaints WHERE tracking_code = ?'),
    update: db.prepare(
      `UPDATE complaints SET status = @status, state = @state, next_due = @next_due, substantiated = @substantiated,
         updated_at = @updated_at WHERE id = @id AND updated_at = @expected`,
    ),
    lastSeq: db.prepare<[string], number>(
      'SELECT coalesce(max(seq), 0) FROM complaint_events WHERE complaint_id = ?',
    ),
    insertEvent: db.prepare(
      `INSERT INTO complaint_events (complaint_id, seq, action, actor, actor_id, at, from_status, to_status, message, detail)
       VALUES (@complaint_id, @seq, @action, @actor, @actor_id, @at, @from_status, @to_status, @message, @detail)`,
    ),
    events: db.prepare<[string], ComplaintEventRow>(
      'SELECT * FROM complaint_events WHERE complaint_id = ? ORDER BY seq',
    ),
    openDuplicate: db.prepare<[number, string, string], ComplaintRow>(
      `SELECT * FROM complaints WHERE platform_id = ? AND order_id = ? AND category = ? AND ${OPEN} LIMIT 1`,
    ),
    byPhoneSince: db.prepare<[Buffer, string], number>(
      'SELECT count(*) FROM complaints WHERE phone_hash = ? AND submitted_at >= ?',
    ),
    queue: db.prepare<[string, string, number, number], ComplaintRow>(
      `SELECT * FROM complaints WHERE (? = 'open' AND ${OPEN} OR status = ?)
       ORDER BY next_due IS NULL, next_due, submitted_at, id LIMIT ? OFFSET ?`,
    ),
    queueCount: db
      .prepare<[string, string], number>(
        `SELECT count(*) FROM complaints WHERE (? = 'open' AND ${OPEN} OR status = ?)`,
      )
      .pluck(),
    ofPlatform: db.prepare<[number, string, string, number], ComplaintRow>(
      `SELECT * FROM complaints WHERE platform_id = ? AND (? = 'all' OR status = ?)
       ORDER BY next_due IS NULL, next_due, submitted_at LIMIT ?`,
    ),
    due: db.prepare<[string, string, string, number], ComplaintRow>(
      `SELECT * FROM complaints WHERE next_due IS NOT NULL AND next_due < ? AND ${OPEN}
         AND (next_due, id) > (?, ?) ORDER BY next_due, id LIMIT ?`,
    ),
    insertFile: db.prepare(
      `INSERT INTO complaint_files (complaint_id, sha256, media_type, size, name, added_at)
       VALUES (@complaint_id, @sha256, @media_type, @size, @name, @added_at) ON CONFLICT DO NOTHING`,
    ),
    files: db.prepare<[string], ComplaintFileRow>(
      'SELECT * FROM complaint_files WHERE complaint_id = ? ORDER BY added_at, sha256',
    ),
    file: db.prepare<[string, string], ComplaintFileRow>(
      'SELECT * FROM complaint_files WHERE complaint_id = ? AND sha256 = ?',
    ),
    // Both served by the primary keys: a complaint's events (complaint_id, seq) and files (complaint_id,
    // sha256) are few (the limits keep them so) and read whole.
    messagesSince: db.prepare<[string, string, string], Allowance>(
      `SELECT count(*) AS n, min(at) AS first FROM complaint_events
       WHERE complaint_id = ? AND action = 'message' AND actor = ? AND at >= ?`,
    ),
    filesSince: db.prepare<[string, string], Allowance>(
      'SELECT count(*) AS n, min(added_at) AS first FROM complaint_files WHERE complaint_id = ? AND added_at >= ?',
    ),
    countsOfSubject: db.prepare<[string], ComplaintCounts>(COUNTS('subject_id = ?')),
    countsOfSeller: db.prepare<[number, string], ComplaintCounts>(
      COUNTS('platform_id = ? AND seller_id = ?'),
    ),
    ofSubject: db.prepare<[string, number], ComplaintRow>(
      'SELECT * FROM complaints WHERE subject_id = ? ORDER BY submitted_at DESC LIMIT ?',
    ),
    publishable: db.prepare<[string, number], ComplaintRow>(
      `SELECT * FROM complaints WHERE subject_id = ? AND publish_consent = 1 AND status = 'closed'
       ORDER BY updated_at DESC LIMIT ?`,
    ),
    byStatus: db.prepare<[], { status: string; n: number }>(
      'SELECT status, count(*) AS n FROM complaints GROUP BY status',
    ),
    openByDue: db.prepare<[], { status: ComplaintStatus; next_due: string | null; n: number }>(
      `SELECT status, next_due, count(*) AS n FROM complaints WHERE ${OPEN} GROUP BY status, next_due`,
    ),
  };
  q.lastSeq.pluck();
  q.byPhoneSince.pluck();
  return {
    insert: (row: ComplaintRow) => q.insert.run(row),
    byId: (id: string) => q.byId.get(id),
    byCode: (code: string) => q.byCode.get(code),
    /** Writes a new state if nobody wrote one since `expectedUpdatedAt`; false when someone did. */
    update: (
      row: Pick<ComplaintRow, 'id' | 'status' | 'state' | 'next_due' | 'substantiated' | 'updated_at'>,
      expectedUpdatedAt: string,
    ) => q.update.run({ ...row, expected: expectedUpdatedAt }).changes === 1,
    appendEvent: (row: Omit<ComplaintEventRow, 'seq'>) =>
      q.insertEvent.run({ ...row, seq: (q.lastSeq.get(row.complaint_id) as unknown as number) + 1 }),
    events: (id: string) => q.events.all(id),
    openDuplicate: (platformId: number, orderId: string, category: string) =>
      q.openDuplicate.get(platformId, orderId, category),
    countByPhoneSince: (phoneHash: Buffer, since: string) =>
      q.byPhoneSince.get(phoneHash, since) as unknown as number,
    /** The regulator's queue: `open` (every status not final) or one status, nearest deadline first. */
    queue: (status: ComplaintStatus | 'open', limit: number, offset = 0) =>
      q.queue.all(status, status, limit, offset),
    /** How many complaints the queue holds for `status`. */
    queueCount: (status: ComplaintStatus | 'open') => q.queueCount.get(status, status)!,
    ofPlatform: (platformId: number, status: ComplaintStatus | 'all', limit: number) =>
      q.ofPlatform.all(platformId, status, status, limit),
    /** Open complaints whose awaited step's deadline is before `today`, after a (next_due, id) key. */
    due: (today: string, after: { next_due: string; id: string }, limit: number) =>
      q.due.all(today, after.next_due, after.id, limit),
    insertFile: (row: ComplaintFileRow) => q.insertFile.run(row).changes === 1,
    files: (id: string) => q.files.all(id),
    file: (id: string, sha256: string) => q.file.get(id, sha256),
    /** Messages (the `message` step) by one party (consumer, platform) on a complaint since `since`. */
    messagesSince: (id: string, actor: string, since: string) => q.messagesSince.get(id, actor, since)!,
    /** Files added to a complaint since `since`. */
    filesSince: (id: string, since: string) => q.filesSince.get(id, since)!,
    countsOfSubject: (subjectId: string) => q.countsOfSubject.get(subjectId)!,
    countsOfSeller: (platformId: number, sellerId: string) => q.countsOfSeller.get(platformId, sellerId)!,
    ofSubject: (subjectId: string, limit: number) => q.ofSubject.all(subjectId, limit),
    /** Closed complaints whose consumer consented to publishing the narrative, newest first. */
    publishable: (subjectId: string, limit: number) => q.publishable.all(subjectId, limit),
    countsByStatus: () => Object.fromEntries(q.byStatus.all().map((r) => [r.status, r.n])),
    /** Open complaints by status and the due date of their awaited step (the dashboard). */
    openByDue: () => q.openByDue.all(),
  };
}

/**
 * Counts for the public statistics. `answer_due`: complaints whose platform answer was due (answered,
 * or the deadline passed); `answered_in_time`: of those, answered by the deadline.
 */
function COUNTS(where: string): string {
  return `SELECT count(*) AS received,
      coalesce(sum(status = 'closed'), 0) AS closed,
      coalesce(sum(substantiated), 0) AS substantiated,
      coalesce(sum(json_extract(state, '$.answer') IS NOT NULL OR
        EXISTS (SELECT 1 FROM json_each(state, '$.overdue') WHERE value = 'answer')), 0) AS answer_due,
      coalesce(sum(json_extract(state, '$.answer') IS NOT NULL AND
        NOT json_extract(state, '$.answer.untimely')), 0) AS answered_in_time
    FROM complaints WHERE ${where}`;
}

export type ComplaintsStore = ReturnType<typeof complaintsStore>;
