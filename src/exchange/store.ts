import type { Db } from '../db/database.ts';

/** One staged or published version of a decision, as the filing writes it. */
export interface DecisionVersionRow {
  decision_key: string;
  version: number;
  department_id: number;
  filing_id: string;
  filed_at: string;
  kind: 'penalty' | 'license';
  status: 'in_force' | 'withdrawn';
  decision_number: string;
  authority_uscc: string;
  decided_on: string;
  withdrawn_on: string | null;
  subject_category: string;
  subject_name: string;
  subject_uscc: string | null;
  subject_id_hash: Buffer | null;
  record: string;
  digest: Buffer;
}

/** A decision's current state: its version and what its publication did. */
export interface DecisionRow {
  decision_key: string;
  department_id: number;
  version: number;
  kind: 'penalty' | 'license';
  status: 'in_force' | 'withdrawn';
  decision_number: string;
  decided_on: string;
  digest: Buffer;
  first_filed_at: string;
  updated_at: string;
  exchange_seq: number;
  applied_version: number;
  subject_id: string | null;
  penalty_id: string | null;
  publish_by: string | null;
  late: number | null;
  apply_note: string | null;
}

/** A decision with its current version's record, as the exchange and the console read it. */
export type DecisionWithRecord = DecisionRow & { record: string; department_slug: string };

export function decisionsStore(db: Db) {
  const q = {
    current: db.prepare<[string], DecisionRow>('SELECT * FROM decisions WHERE decision_key = ?'),
    stagedIn: db.prepare<[string, string], number>(
      'SELECT 1 FROM decision_versions WHERE decision_key = ? AND filing_id = ?',
    ),
    insertVersion: db.prepare(
      `INSERT INTO decision_versions (decision_key, version, department_id, filing_id, filed_at, kind, status,
         decision_number, authority_uscc, decided_on, withdrawn_on, subject_category, subject_name, subject_uscc,
         subject_id_hash, record, digest)
       VALUES (@decision_key, @version, @department_id, @filing_id, @filed_at, @kind, @status,
         @decision_number, @authority_uscc, @decided_on, @withdrawn_on, @subject_category, @subject_name,
         @subject_uscc, @subject_id_hash, @record, @digest)`,
    ),
    stagedOf: db.prepare<[string], DecisionVersionRow>(
      'SELECT * FROM decision_versions WHERE filing_id = ? ORDER BY rowid',
    ),
    maxSeq: db.prepare<[], number>('SELECT coalesce(max(exchange_seq), 0) FROM decisions'),
    upsert: db.prepare(
      `INSERT INTO decisions (decision_key, department_id, version, kind, status, decision_number, decided_on,
         digest, first_filed_at, updated_at, exchange_seq)
       VALUES (@decision_key, @department_id, @version, @kind, @status, @decision_number, @decided_on,
         @digest, @filed_at, @filed_at, @exchange_seq)
       ON CONFLICT (decision_key) DO UPDATE SET
         version = excluded.version, kind = excluded.kind, status = excluded.status,
         decision_number = excluded.decision_number, decided_on = excluded.decided_on, digest = excluded.digest,
         updated_at = excluded.updated_at, exchange_seq = excluded.exchange_seq`,
    ),
    deleteStaged: db.prepare<[string, number]>(
      `DELETE FROM decision_versions WHERE (decision_key, version) IN
         (SELECT decision_key, version FROM decision_versions WHERE filing_id = ? LIMIT ?)`,
    ),
    unapplied: db.prepare<[number], DecisionRow>(
      'SELECT * FROM decisions WHERE applied_version < version ORDER BY exchange_seq LIMIT ?',
    ),
    version: db.prepare<[string, number], DecisionVersionRow>(
      'SELECT * FROM decision_versions WHERE decision_key = ? AND version = ?',
    ),
    markApplied: db.prepare(
      `UPDATE decisions SET applied_version = @version, subject_id = @subject_id, penalty_id = @penalty_id,
         publish_by = @publish_by, late = @late, apply_note = @apply_note
       WHERE decision_key = @decision_key`,
    ),
    exchange: db.prepare<
      { after: number; kind: string | null; department: number | null; limit: number },
      DecisionWithRecord
    >(
      `SELECT d.*, v.record, p.slug AS department_slug FROM decisions d
         JOIN decision_versions v ON v.decision_key = d.decision_key AND v.version = d.version
         JOIN platforms p ON p.id = d.department_id
        WHERE d.exchange_seq > @after AND (@kind IS NULL OR d.kind = @kind)
          AND (@department IS NULL OR d.department_id = @department)
        ORDER BY d.exchange_seq LIMIT @limit`,
    ),
    recent: db.prepare<{ before: number; kind: string | null; limit: number }, DecisionWithRecord>(
      `SELECT d.*, v.record, p.slug AS department_slug FROM decisions d
         JOIN decision_versions v ON v.decision_key = d.decision_key AND v.version = d.version
         JOIN platforms p ON p.id = d.department_id
        WHERE d.exchange_seq < @before AND (@kind IS NULL OR d.kind = @kind)
        ORDER BY d.exchange_seq DESC LIMIT @limit`,
    ),
    seqAtOrAfter: db.prepare<[string], number>(
      'SELECT coalesce(min(exchange_seq), (SELECT coalesce(max(exchange_seq), 0) + 1 FROM decisions)) FROM decisions WHERE updated_at >= ?',
    ),
    licensesOf: db.prepare<[string], DecisionWithRecord>(
      `SELECT d.*, v.record, p.slug AS department_slug FROM decisions d
         JOIN decision_versions v ON v.decision_key = d.decision_key AND v.version = d.version
         JOIN platforms p ON p.id = d.department_id
        WHERE d.subject_id = ? AND d.kind = 'license' AND d.status = 'in_force' AND d.applied_version = d.version
        ORDER BY d.decided_on DESC`,
    ),
    counts: db.prepare<[string], { kind: string; status: string; late: number; n: number }>(
      `SELECT kind, status, coalesce(late, 0) AS late, count(*) AS n FROM decisions
        WHERE first_filed_at >= ? GROUP BY 1, 2, 3`,
    ),
  };
  q.stagedIn.pluck();
  q.maxSeq.pluck();
  q.seqAtOrAfter.pluck();

  return {
    current: (key: string) => q.current.get(key),
    /** Whether this filing has already staged a version of the decision. */
    stagedIn: (key: string, filingId: string) => q.stagedIn.get(key, filingId) !== undefined,
    insertVersion: (row: DecisionVersionRow) => q.insertVersion.run(row),
    /**
     * Publishes a filing's staged versions: each decision's current pointer moves to its new version,
     * with the next exchange sequence number, in the order the filing held them.
     */
    publish(filingId: string): number {
      let seq = q.maxSeq.get() as number;
      const staged = q.stagedOf.all(filingId);
      for (const v of staged) q.upsert.run({ ...v, exchange_seq: ++seq });
      return staged.length;
    },
    deleteStaged: (filingId: string, limit: number) => q.deleteStaged.run(filingId, limit).changes,
    /** Published versions whose consequences are not applied yet, oldest first. */
    unapplied: (limit: number) => q.unapplied.all(limit),
    version: (key: string, version: number) => q.version.get(key, version),
    markApplied: (row: {
      decision_key: string;
      version: number;
      subject_id: string | null;
      penalty_id: string | null;
      publish_by: string;
      late: number;
      apply_note: string | null;
    }) => q.markApplied.run(row),
    /** Decisions changed after exchange sequence `after`, in that order. */
    exchange: (p: { after: number; kind: string | null; department: number | null; limit: number }) =>
      q.exchange.all(p),
    /** Decisions changed before exchange sequence `before`, the latest first (the console). */
    recent: (before: number, limit: number, kind: string | null) => q.recent.all({ before, kind, limit }),
    /** The first exchange sequence number of a decision changed at or after `at` (a time). */
    seqAtOrAfter: (at: string) => q.seqAtOrAfter.get(at) as number,
    /** A subject's licences in force, for its public page. */
    licensesOf: (subjectId: string) => q.licensesOf.all(subjectId),
    /** Decisions first filed since `at`, by kind, status and lateness. */
    counts: (at: string) => q.counts.all(at),
  };
}

export type DecisionsStore = ReturnType<typeof decisionsStore>;
