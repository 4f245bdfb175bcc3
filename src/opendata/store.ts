/**
 * The SQL of the open data: one query per dataset, each reading the records as they stood at the end
 * of a day (`@cutoff`: the first instant of the next day in China Standard Time, RFC 3339 UTC, as every
 * time is stored) and ordering its rows by the dataset's key with SQLite's BINARY collation (UTF-8
 * bytes), which the changes merge relies on (changes.ts). The queries give raw records: masking and
 * scrubbing are datasets.ts's. They run on a read-only connection of their own, inside one read
 * transaction, so every dataset of a day reads the same snapshot while the gateway goes on writing.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/database.ts';

export interface DayParams {
  /** The day, YYYY-MM-DD (China Standard Time). */
  day: string;
  /** The first instant after the day, RFC 3339 UTC: records at or after it are not yet. */
  cutoff: string;
}

/**
 * The people the records name for a subject (`s`), as a JSON array: the legal representatives (an
 * individual business's operator) its stores were filed with, and those of the decisions departments
 * filed about it. Their names are scrubbed from published text, as the subject's own when it is a
 * natural person. Through sellers_subject and decisions_subject.
 */
const PEOPLE = `(SELECT json_group_array(name) FROM (
    SELECT json_extract(sv.record, '$.legal_representative') AS name
    FROM sellers sp JOIN seller_versions sv ON sv.platform_id = sp.platform_id AND sv.seller_id = sp.seller_id
    WHERE sp.subject_id = s.id
    UNION
    SELECT json_extract(dv.record, '$.legal_representative')
    FROM decisions dp JOIN decision_versions dv ON dv.decision_key = dp.decision_key
    WHERE dp.subject_id = s.id) WHERE name IS NOT NULL)`;

/** The queries by dataset name; each returns raw rows (arrays) in the order of the dataset's key. */
const QUERIES: Readonly<Record<string, string>> = {
  penalties: `
    SELECT p.decision_number, s.kind, s.legal_name, s.uscc, p.authority, p.facts, p.legal_basis, p.penalty,
      p.severity, p.sector, p.decided_on, p.published_at, p.public_until,
      CASE WHEN p.withdrawn_at < @cutoff THEN p.withdrawn_at END,
      CASE WHEN p.withdrawn_at < @cutoff THEN p.withdrawal_reason END,
      p.id IN (SELECT d.penalty_id FROM decisions d WHERE d.penalty_id IS NOT NULL),
      pl.slug, ${PEOPLE}
    FROM penalties p
    JOIN subjects s ON s.id = p.subject_id
    LEFT JOIN platforms pl ON pl.id = p.platform_id
    WHERE p.published_at < @cutoff
      AND (p.public_until IS NULL OR p.public_until > @day)
      AND (p.repaired_at IS NULL OR p.repaired_at >= @cutoff)
    ORDER BY p.decision_number`,

  list_entries: `
    SELECT e.id, e.list, s.kind, s.legal_name, s.uscc, e.reason, e.legal_basis, p.decision_number,
      e.entered_on, CASE WHEN e.list = 'serious' THEN e.ends_on END,
      CASE WHEN e.removed_at < @cutoff THEN e.removed_at END,
      CASE WHEN e.removed_at < @cutoff THEN e.removal_reason END, ${PEOPLE}
    FROM list_entries e
    JOIN subjects s ON s.id = e.subject_id
    LEFT JOIN penalties p ON p.id = e.penalty_id
    WHERE e.entered_at < @cutoff
    ORDER BY e.id`,

  // Driven by the stores, each finding its latest verification through verifications_store.
  store_verifications: `
    SELECT pl.slug, se.seller_id, se.store_name, se.store_url, s.kind, s.legal_name, s.uscc,
      v.verdict, v.reason, v.marks_violation, v.finished_at, v.id
    FROM sellers se
    JOIN platforms pl ON pl.id = se.platform_id
    JOIN subjects s ON s.id = se.subject_id
    JOIN verifications v ON v.id = (
      SELECT v2.id FROM verifications v2
      WHERE v2.platform_id = se.platform_id AND v2.seller_id = se.seller_id AND v2.finished_at < @cutoff
      ORDER BY v2.finished_at DESC, v2.id DESC LIMIT 1)
    WHERE s.kind <> 'natural_person'
    ORDER BY pl.slug, se.seller_id`,

  verification_statistics: `
    SELECT pl.slug, date(v.finished_at, '+8 hours') AS day, v.verdict, v.reason,
      count(DISTINCT v.seller_id), count(*)
    FROM verifications v
    JOIN platforms pl ON pl.id = v.platform_id
    WHERE v.finished_at < @cutoff
    GROUP BY pl.slug, day, v.verdict, v.reason
    ORDER BY pl.slug, day, v.verdict, v.reason`,

  // A natural person's store and a store never filed are summed per platform and month.
  complaint_statistics: `
    WITH c AS (
      SELECT strftime('%Y-%m', c.submitted_at, '+8 hours') AS month, pl.slug,
        coalesce(s.kind, 'not_filed') AS kind,
        CASE WHEN s.kind IN ('enterprise', 'individual_business') THEN c.seller_id END AS seller,
        CASE WHEN s.kind IN ('enterprise', 'individual_business') THEN se.store_name END AS store_name,
        CASE WHEN s.kind IN ('enterprise', 'individual_business') THEN s.legal_name END AS subject_name,
        CASE WHEN s.kind IN ('enterprise', 'individual_business') THEN s.uscc END AS uscc,
        EXISTS (SELECT 1 FROM complaint_events e
                WHERE e.complaint_id = c.id AND e.action = 'accept' AND e.at < @cutoff) AS accepted,
        c.substantiated,
        json_extract(c.state, '$.answer') IS NOT NULL OR
          EXISTS (SELECT 1 FROM json_each(c.state, '$.overdue') WHERE value = 'answer') AS answer_due,
        json_extract(c.state, '$.answer') IS NOT NULL AND
          NOT json_extract(c.state, '$.answer.untimely') AS answered_in_time
      FROM complaints c
      JOIN platforms pl ON pl.id = c.platform_id
      LEFT JOIN sellers se ON se.platform_id = c.platform_id AND se.seller_id = c.seller_id
      LEFT JOIN subjects s ON s.id = se.subject_id
      WHERE c.submitted_at < @cutoff)
    SELECT month, slug, kind, seller, max(store_name), max(subject_name), max(uscc),
      count(*), sum(accepted), sum(substantiated), sum(answer_due), sum(answered_in_time)
    FROM c
    GROUP BY month, slug, kind, seller
    ORDER BY month, slug, kind, seller`,

  complaint_narratives: `
    SELECT c.id, strftime('%Y-%m', c.submitted_at, '+8 hours'), pl.slug, coalesce(s.kind, 'not_filed'),
      se.store_name, s.legal_name, s.uscc, c.category, json_extract(c.state, '$.outcome'), c.description,
      c.name_enc, CASE WHEN s.id IS NOT NULL THEN ${PEOPLE} END
    FROM complaints c
    JOIN platforms pl ON pl.id = c.platform_id
    LEFT JOIN sellers se ON se.platform_id = c.platform_id AND se.seller_id = c.seller_id
    LEFT JOIN subjects s ON s.id = se.subject_id
    WHERE c.publish_consent = 1 AND c.status = 'closed' AND c.updated_at < @cutoff
    ORDER BY c.id`,

  trust_marks_revoked: `
    SELECT m.id, m.origin, pl.slug, s.kind, s.legal_name, s.uscc, m.issued_at, m.revoked_at, m.revoked_by,
      m.revoke_reason, ${PEOPLE}
    FROM marks m
    JOIN subjects s ON s.id = m.subject_id
    JOIN platforms pl ON pl.id = m.platform_id
    WHERE m.revoked_at < @cutoff
    ORDER BY m.id`,

  // Filings by their receipts; orders first filed as each filing counted them when it published
  // (transaction_filing_counts, migration 028: the versions may be in ClickHouse).
  platform_filing_statistics: `
    WITH f AS (
      SELECT platform_id, strftime('%Y-%m', received_at, '+8 hours') AS month,
        sum(kind = 'sellers') AS seller_filings,
        sum(CASE WHEN kind = 'sellers' THEN json_extract(receipt, '$.counts.received') ELSE 0 END) AS seller_records,
        sum(CASE WHEN kind = 'sellers' THEN json_extract(receipt, '$.counts.rejected') ELSE 0 END) AS seller_rejected,
        sum(kind = 'transactions') AS order_filings,
        sum(CASE WHEN kind = 'transactions' THEN json_extract(receipt, '$.counts.received') ELSE 0 END) AS order_records,
        sum(CASE WHEN kind = 'transactions' THEN json_extract(receipt, '$.counts.rejected') ELSE 0 END) AS order_rejected
      FROM filings WHERE received_at < @cutoff
      GROUP BY platform_id, month),
    o AS (
      SELECT fi.platform_id, strftime('%Y-%m', fi.received_at, '+8 hours') AS filed_month,
        sum(c.first_filed) AS first_filed, sum(c.on_time) AS on_time
      FROM transaction_filing_counts c
      JOIN filings fi ON fi.id = c.filing
      WHERE fi.received_at < @cutoff AND c.first_filed > 0
      GROUP BY fi.platform_id, filed_month),
    months AS (SELECT platform_id, month FROM f UNION SELECT platform_id, filed_month FROM o)
    SELECT pl.slug, m.month,
      coalesce(f.seller_filings, 0), coalesce(f.seller_records, 0), coalesce(f.seller_rejected, 0),
      coalesce(f.order_filings, 0), coalesce(f.order_records, 0), coalesce(f.order_rejected, 0),
      coalesce(o.first_filed, 0), coalesce(o.on_time, 0)
    FROM months m
    JOIN platforms pl ON pl.id = m.platform_id AND pl.kind = 'platform'
    LEFT JOIN f ON f.platform_id = m.platform_id AND f.month = m.month
    LEFT JOIN o ON o.platform_id = m.platform_id AND o.filed_month = m.month
    ORDER BY pl.slug, m.month`,
};

/** A read-only connection to <data>/marketgate.db for building a day, and its dataset queries. */
export function openDataStore(dataDir: string) {
  const db: Db = new Database(path.join(dataDir, 'marketgate.db'), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const statements = new Map(
    Object.entries(QUERIES).map(([name, sql]) => [name, db.prepare<DayParams, unknown[]>(sql).raw()]),
  );
  let snapshot = false;
  return {
    /** Starts the read transaction every dataset of the day reads in: one snapshot for all of them. */
    begin(): void {
      db.exec('BEGIN');
      // A deferred transaction takes its snapshot at its first read.
      db.prepare('SELECT count(*) FROM platforms').get();
      snapshot = true;
    },
    /** The raw rows of a dataset at the end of the day, in its key's order. */
    rows(dataset: string, params: DayParams): IterableIterator<unknown[]> {
      if (!snapshot) throw new Error('begin() the read transaction first');
      const statement = statements.get(dataset);
      if (!statement) throw new Error(`no query for dataset ${dataset}`);
      return statement.iterate(params);
    },
    close(): void {
      if (!db.open) return;
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}

export type OpenDataStore = ReturnType<typeof openDataStore>;
