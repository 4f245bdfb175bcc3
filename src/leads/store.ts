import type { Db } from '../db/database.ts';
import type { LeadLinkKind, LeadStatus } from './terms.ts';

/** SQL of violation leads (migration 018): the lead, its events, its links and its files. */

export interface LeadRow {
  id: string;
  platform_id: number;
  seller_id: string;
  subject_id: string;
  store_name: string;
  store_url: string;
  category: string;
  goods: string;
  found: string;
  records: string;
  measures: string;
  measures_note: string | null;
  found_on: string;
  reference: string | null;
  status: LeadStatus;
  assignee: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface LeadEventRow {
  lead_id: string;
  seq: number;
  action: string;
  actor: string;
  at: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  detail: string;
}

export interface LeadLinkRow {
  lead_id: string;
  kind: LeadLinkKind;
  target_id: string;
  note: string | null;
  linked_by: string;
  linked_at: string;
}

export interface LeadFileRow {
  lead_id: string;
  sha256: string;
  media_type: string;
  size: number;
  name: string;
  added_at: string;
}

/** The regulator's queue: `open` (not dismissed or closed), `all`, or one status; optionally one platform or category. */
export interface LeadQueueFilter {
  status: LeadStatus | 'open' | 'all';
  platform_id?: number | undefined;
  category?: string | undefined;
}

const OPEN = "status IN ('submitted', 'in_review', 'linked')";

function leadsStoreOf(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO leads (id, platform_id, seller_id, subject_id, store_name, store_url, category, goods, found,
         records, measures, measures_note, found_on, reference, status, assignee, decided_by, decided_at, reason,
         idempotency_key, request_hash, submitted_at, updated_at)
       VALUES (@id, @platform_id, @seller_id, @subject_id, @store_name, @store_url, @category, @goods, @found,
         @records, @measures, @measures_note, @found_on, @reference, @status, @assignee, @decided_by, @decided_at,
         @reason, @idempotency_key, @request_hash, @submitted_at, @updated_at)`,
    ),
    byId: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE id = ?'),
    byKey: db.prepare<[number, string], LeadRow>(
      'SELECT * FROM leads WHERE platform_id = ? AND idempotency_key = ?',
    ),
    // Guarded by the status read in the same transaction: a step never overwrites a step it did not see.
    update: db.prepare(
      `UPDATE leads SET status = @status, assignee = @assignee, decided_by = @decided_by,
         decided_at = @decided_at, reason = @reason, updated_at = @updated_at
       WHERE id = @id AND status = @from AND updated_at = @expected`,
    ),
    touch: db.prepare('UPDATE leads SET updated_at = ? WHERE id = ?'),
    lastSeq: db
      .prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM lead_events WHERE lead_id = ?')
      .pluck(),
    insertEvent: db.prepare(
      `INSERT INTO lead_events (lead_id, seq, action, actor, at, from_status, to_status, note, detail)
       VALUES (@lead_id, @seq, @action, @actor, @at, @from_status, @to_status, @note, @detail)`,
    ),
    // Served by the primary keys: a lead's events, links and files are few and read whole.
    events: db.prepare<[string], LeadEventRow>('SELECT * FROM lead_events WHERE lead_id = ? ORDER BY seq'),
    insertLink: db.prepare(
      `INSERT INTO lead_links (lead_id, kind, target_id, note, linked_by, linked_at)
       VALUES (@lead_id, @kind, @target_id, @note, @linked_by, @linked_at) ON CONFLICT DO NOTHING`,
    ),
    links: db.prepare<[string], LeadLinkRow>(
      'SELECT * FROM lead_links WHERE lead_id = ? ORDER BY linked_at, kind, target_id',
    ),
    linksTo: db.prepare<[string, string], LeadLinkRow>(
      'SELECT * FROM lead_links WHERE kind = ? AND target_id = ? ORDER BY linked_at',
    ),
    insertFile: db.prepare(
      `INSERT INTO lead_files (lead_id, sha256, media_type, size, name, added_at)
       VALUES (@lead_id, @sha256, @media_type, @size, @name, @added_at) ON CONFLICT DO NOTHING`,
    ),
    files: db.prepare<[string], LeadFileRow>(
      'SELECT * FROM lead_files WHERE lead_id = ? ORDER BY added_at, sha256',
    ),
    file: db.prepare<[string, string], LeadFileRow>(
      'SELECT * FROM lead_files WHERE lead_id = ? AND sha256 = ?',
    ),
    fileCount: db.prepare<[string], number>('SELECT count(*) FROM lead_files WHERE lead_id = ?').pluck(),
    ofPlatform: db.prepare<[number, string, string, string, number, number], LeadRow>(
      `SELECT * FROM leads WHERE platform_id = ? AND (? = 'all' OR status = ?) AND updated_at > ?
       ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
    ),
    ofPlatformCount: db
      .prepare<[number, string, string, string], number>(
        `SELECT count(*) FROM leads WHERE platform_id = ? AND (? = 'all' OR status = ?) AND updated_at > ?`,
      )
      .pluck(),
    // For the demo (demo.ts): a platform's first sellers, when the caller names none.
    sellersOf: db
      .prepare<[number, number], string>(
        'SELECT seller_id FROM sellers WHERE platform_id = ? ORDER BY seller_id LIMIT ?',
      )
      .pluck(),
    byStatus: db.prepare<[], { status: LeadStatus; n: number }>(
      'SELECT status, count(*) AS n FROM leads GROUP BY status',
    ),
  };

  function where(f: LeadQueueFilter): { sql: string; args: unknown[] } {
    const clauses: string[] = [];
    const args: unknown[] = [];
    const when = (clause: string, ...values: unknown[]) => {
      clauses.push(clause);
      args.push(...values);
    };
    if (f.status === 'open') when(OPEN);
    else if (f.status !== 'all') when('status = ?', f.status);
    if (f.platform_id !== undefined) when('platform_id = ?', f.platform_id);
    if (f.category) when('category = ?', f.category);
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', args };
  }

  return {
    insert: (row: LeadRow) => q.insert.run(row),
    byId: (id: string) => q.byId.get(id),
    byIdempotencyKey: (platformId: number, key: string) => q.byKey.get(platformId, key),
    /** Writes a step's result if the lead is still as it was read; false when it changed meanwhile. */
    update: (
      row: Pick<
        LeadRow,
        'id' | 'status' | 'assignee' | 'decided_by' | 'decided_at' | 'reason' | 'updated_at'
      >,
      from: LeadStatus,
      expectedUpdatedAt: string,
    ) => q.update.run({ ...row, from, expected: expectedUpdatedAt }).changes === 1,
    touch: (id: string, at: string) => q.touch.run(at, id),
    appendEvent: (row: Omit<LeadEventRow, 'seq'>) =>
      q.insertEvent.run({ ...row, seq: (q.lastSeq.get(row.lead_id) as number) + 1 }),
    events: (id: string) => q.events.all(id),
    insertLink: (row: LeadLinkRow) => q.insertLink.run(row).changes === 1,
    links: (id: string) => q.links.all(id),
    /** The leads linked to a penalty or a warning. */
    linksTo: (kind: LeadLinkKind, targetId: string) => q.linksTo.all(kind, targetId),
    insertFile: (row: LeadFileRow) => q.insertFile.run(row).changes === 1,
    files: (id: string) => q.files.all(id),
    file: (id: string, sha256: string) => q.file.get(id, sha256),
    fileCount: (id: string) => q.fileCount.get(id) as number,
    /** A platform's own leads, latest change first, changed after `after` ('' for all). */
    ofPlatform: (
      platformId: number,
      status: LeadStatus | 'all',
      after: string,
      limit: number,
      offset: number,
    ) => q.ofPlatform.all(platformId, status, status, after, limit, offset),
    ofPlatformCount: (platformId: number, status: LeadStatus | 'all', after: string) =>
      q.ofPlatformCount.get(platformId, status, status, after) as number,
    /** The regulator's queue, oldest first: the lead waiting longest is worked first. */
    queue(f: LeadQueueFilter, limit: number, offset: number): LeadRow[] {
      const w = where(f);
      return db
        .prepare<unknown[], LeadRow>(
          `SELECT * FROM leads ${w.sql} ORDER BY submitted_at, id LIMIT ? OFFSET ?`,
        )
        .all(...w.args, limit, offset);
    },
    queueCount(f: LeadQueueFilter): number {
      const w = where(f);
      return db
        .prepare<unknown[], number>(`SELECT count(*) FROM leads ${w.sql}`)
        .pluck()
        .get(...w.args) as number;
    },
    sellersOf: (platformId: number, limit: number) => q.sellersOf.all(platformId, limit) as string[],
    countsByStatus: () => Object.fromEntries(q.byStatus.all().map((r) => [r.status, r.n])),
  };
}

export type LeadsStore = ReturnType<typeof leadsStoreOf>;

// The Gateway holds no store of leads (it is assembled elsewhere): one per connection, prepared once.
const stores = new WeakMap<Db, LeadsStore>();

export function leadsStore(db: Db): LeadsStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = leadsStoreOf(db)));
  return store;
}
