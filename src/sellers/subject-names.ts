/**
 * Subject names (docs/decisions/0013-subject-names.md): the SQL that decides the name a subject is shown
 * under, kept beside the sellers whose filed names decide it. sellersStore (store.ts) runs it.
 */
import type { Db } from '../db/database.ts';

export type NameBasis = 'confirmed' | 'majority' | 'first_filed';

/** One name (normalised) of a subject as the rule counts it, best first. */
export interface NameTallyRow {
  legal_name: string;
  name_key: string;
  platforms: number;
  platform_slugs: string;
  since: string;
  place: number;
}

export interface LinkedSubject {
  id: string;
  legal_name: string;
  name_basis: NameBasis;
}

/**
 * A new store filing exactly the name its subject shows by majority changes nothing the rule decides: one
 * more platform for the winning name (a newcomer is never its earliest voter, so the spelling stays) and
 * no name a conflict has not seen. Staging and publishing leave such subjects alone, which keeps a second
 * platform filing the same subjects under the same names as cheap as the first.
 */
export const newStoreChangesNothing = (subject: Omit<LinkedSubject, 'id'>, filedName: string) =>
  subject.name_basis === 'majority' && subject.legal_name === filedName;

/*
 * A subject's shown name (docs/decisions/0013-subject-names.md). No platform can change it alone:
 *
 * 1. A name a regulator confirmed (src/credit/subject-name.ts) wins: basis `confirmed`.
 * 2. Else every platform with a seller of the subject that is not closed votes, by its seller's current
 *    version, for the name it files, compared normalised (name_key: normalizeCompanyName, so 全角/半角,
 *    （）/(), spaces and case do not make two names). Each platform counts once for a name, however many
 *    stores it files under it. When all of a subject's sellers are closed, the closed ones vote.
 * 3. The name filed by the most platforms is shown: basis `majority` (the plurality; a lone name too).
 *    A tie goes to the name filed first (the earliest name_since of its voters: since when a seller has
 *    filed that name for the subject without a change), so an established name is not displaced by a
 *    newcomer that ties it: basis `first_filed`.
 * 4. The spelling shown is that of the name's earliest voter. A subject without sellers keeps its name.
 * 5. A natural person's name is masked wherever the public sees it (credit/views.ts publicName).
 *
 * The shown name is kept in subjects.legal_name and recomputed in the transaction of every change that
 * can move it: a filing that files a new name, a new store, a subject change or a store closing or
 * reopening (noted in subject_names_due while it stages, worked through set-based when it publishes), and
 * a regulator's confirmation. Migration 012 holds a copy of these statements to set existing subjects.
 */

/** Sellers that vote: not closed, or all of the subject's sellers when every one of them is closed. */
const VOTES = `(s.status <> 'closed'
  OR NOT EXISTS (SELECT 1 FROM sellers a WHERE a.subject_id = s.subject_id AND a.status <> 'closed'))`;

/** The voters of the subjects a filing made due (@filing: the filing). */
const DUE_VOTERS = `voters AS (
  SELECT s.subject_id, s.platform_id, s.seller_id, s.name_key, s.name_since, s.legal_name
  FROM subject_names_due d CROSS JOIN sellers s ON s.subject_id = d.subject_id
  WHERE d.filing_id = @filing AND ${VOTES})`;

/**
 * Each name (normalised) of the voters' subjects: how many platforms file it, who filed it first (the
 * ordering key `first`: name_since, then platform and seller, so that ties are decided the same way each
 * time) and that voter's spelling (SQLite takes a bare column from the row of the one min()). Ranked
 * best first within each subject.
 */
const RANKED = `tally AS (
  SELECT subject_id, name_key, count(DISTINCT platform_id) AS platforms,
    min(name_since || char(9) || printf('%012d', platform_id) || char(9) || seller_id) AS first, legal_name
  FROM voters GROUP BY subject_id, name_key),
ranked AS (
  SELECT subject_id, name_key, legal_name, platforms, first,
    row_number() OVER w AS place, lead(platforms) OVER w AS runner_up
  FROM tally WINDOW w AS (PARTITION BY subject_id ORDER BY platforms DESC, first, name_key))`;

/** Sets the shown name and its basis of every due subject whose name or basis the rule changes. */
const SHOWN_NAME = `WITH ${DUE_VOTERS}, ${RANKED},
chosen AS (
  SELECT subject_id, legal_name, CASE WHEN runner_up = platforms THEN 'first_filed' ELSE 'majority' END AS basis
  FROM ranked WHERE place = 1)
UPDATE subjects
SET legal_name = coalesce(subjects.confirmed_name, c.legal_name),
  name_basis = CASE WHEN subjects.confirmed_name IS NULL THEN c.basis ELSE 'confirmed' END,
  updated_at = @at
FROM chosen c
WHERE subjects.id = c.subject_id
  AND (subjects.legal_name <> coalesce(subjects.confirmed_name, c.legal_name)
       OR subjects.name_basis <> CASE WHEN subjects.confirmed_name IS NULL THEN c.basis ELSE 'confirmed' END)`;

/** The due subjects whose voters file more than one name (normalised), with those names. */
const DISAGREEING = `disagreeing AS (
  SELECT subject_id, json_group_array(name_key) AS name_keys
  FROM (SELECT DISTINCT subject_id, name_key FROM voters ORDER BY subject_id, name_key)
  GROUP BY subject_id HAVING count(*) > 1)`;

/** The statements of the rule, on one connection. */
export function subjectNamesStore(db: Db) {
  const q = {
    markNameDue: db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO subject_names_due (filing_id, subject_id) VALUES (?, ?)',
    ),
    // A new store of a subject that has others (of any platform, published before or in this filing):
    // staging noted it already unless the subject was created for this store, while another filing may
    // have joined it since. One look-up in the sellers_subject index per new store, so a subject created
    // for a lone store costs nothing more; a new store filing the very name its subject shows by majority
    // changes nothing (newStoreChangesNothing).
    markJoinedDue: db.prepare<[{ filing: string }]>(
      `INSERT OR IGNORE INTO subject_names_due (filing_id, subject_id)
       SELECT v.filing_id, v.subject_id FROM seller_versions v
       WHERE v.filing_id = @filing AND v.version = 1
         AND EXISTS (SELECT 1 FROM sellers o WHERE o.subject_id = v.subject_id
                     AND NOT (o.platform_id = v.platform_id AND o.seller_id = v.seller_id))
         AND NOT EXISTS (SELECT 1 FROM subjects j WHERE j.id = v.subject_id
                         AND j.name_basis = 'majority' AND j.legal_name = v.legal_name)`,
    ),
    shownName: db.prepare<[{ filing: string; at: string }]>(SHOWN_NAME),
    // A conflict ends when its subject's voters agree again (or it has none left).
    endConflicts: db.prepare<[{ filing: string }]>(
      `WITH ${DUE_VOTERS}, ${DISAGREEING}
       DELETE FROM subject_name_conflicts
       WHERE subject_id IN (SELECT subject_id FROM subject_names_due WHERE filing_id = @filing)
         AND subject_id NOT IN (SELECT subject_id FROM disagreeing)`,
    ),
    // A conflict begins, or one that stands sees a name it has not seen: raised_in marks it for an alert
    // (credit/records.ts raiseNameConflicts). A standing conflict with the names it has seen is left as it is.
    raiseConflicts: db.prepare<[{ filing: string; at: string }]>(
      `WITH ${DUE_VOTERS}, ${DISAGREEING}
       INSERT INTO subject_name_conflicts (subject_id, name_keys, since, raised_in)
       SELECT subject_id, name_keys, @at, @filing FROM disagreeing WHERE true
       ON CONFLICT (subject_id) DO UPDATE SET
         name_keys = (SELECT json_group_array(value) FROM (
           SELECT value FROM json_each(subject_name_conflicts.name_keys)
           UNION SELECT value FROM json_each(excluded.name_keys))),
         raised_in = excluded.raised_in
       WHERE EXISTS (SELECT 1 FROM json_each(excluded.name_keys) n
                     WHERE n.value NOT IN (SELECT value FROM json_each(subject_name_conflicts.name_keys)))`,
    ),
    clearDue: db.prepare<[string]>('DELETE FROM subject_names_due WHERE filing_id = ?'),
    deleteStagedDue: db.prepare<[string, number]>(
      `DELETE FROM subject_names_due WHERE (filing_id, subject_id) IN
         (SELECT filing_id, subject_id FROM subject_names_due WHERE filing_id = ? LIMIT ?)`,
    ),
    confirmName: db.prepare(
      `UPDATE subjects SET confirmed_name = @legal_name, confirmed_by = @by, confirmed_at = @at,
         confirmed_reason = @reason, legal_name = @legal_name, name_basis = 'confirmed', updated_at = @at
       WHERE id = @id`,
    ),
    nameTally: db.prepare<[{ subject: string }], NameTallyRow>(
      `WITH voters AS (SELECT s.* FROM sellers s WHERE s.subject_id = @subject AND ${VOTES}), ${RANKED}
       SELECT r.legal_name, r.name_key, r.platforms, substr(r.first, 1, instr(r.first, char(9)) - 1) AS since,
         r.place,
         (SELECT json_group_array(slug) FROM (SELECT DISTINCT p.slug FROM voters v JOIN platforms p ON p.id = v.platform_id
          WHERE v.name_key = r.name_key ORDER BY p.slug)) AS platform_slugs
       FROM ranked r ORDER BY r.place`,
    ),
    nameConflict: db.prepare<[string], { name_keys: string; since: string }>(
      'SELECT name_keys, since FROM subject_name_conflicts WHERE subject_id = ?',
    ),
  };
  return {
    /** Notes, while a filing stages, a subject whose shown name its publishing must reconsider. */
    markNameDue: (filingId: string, subjectId: string) => void q.markNameDue.run(filingId, subjectId),
    /**
     * After a filing's sellers are published: the shown names of the subjects it made due follow the
     * rule, and the name conflicts begin, grow or end (those it raised are marked raised_in = filingId:
     * their alerts are credit/records.ts raiseNameConflicts). Set-based: a handful of statements,
     * however many sellers the filing holds.
     */
    publishNames(filingId: string, at: string): void {
      q.markJoinedDue.run({ filing: filingId });
      q.shownName.run({ filing: filingId, at });
      q.endConflicts.run({ filing: filingId });
      q.raiseConflicts.run({ filing: filingId, at });
      q.clearDue.run(filingId);
    },
    /** Discards up to `limit` due names of a cut-off filing. */
    deleteStagedDue: (filingId: string, limit: number) => q.deleteStagedDue.run(filingId, limit).changes,
    /** A regulator's confirmation: the subject shows this name from now on (basis `confirmed`). */
    confirmName: (row: { id: string; legal_name: string; by: string; at: string; reason: string }) =>
      q.confirmName.run(row).changes === 1,
    /** The names of a subject as the rule counts them, best first (the first is shown unless confirmed). */
    nameTally: (subjectId: string) => q.nameTally.all({ subject: subjectId }),
    /** The name conflict that stands for a subject, if any. */
    nameConflict: (subjectId: string) => q.nameConflict.get(subjectId),
  };
}
