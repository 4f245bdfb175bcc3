import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import { maskPersonName } from '../lib/mask.ts';
import type { Tier } from './model.ts';
import type { ListName, PenaltyDates } from './rules.ts';

/** SQL of the credit records beside the ledger (migration 006): penalties, lists, commitments, scores, alerts. */

/** A penalty decision: its dates (rules.ts) and what the regulator recorded. */
export interface PenaltyRow extends PenaltyDates {
  id: string;
  decision_number: string;
  subject_id: string;
  platform_id: number | null;
  seller_id: string | null;
  authority: string;
  facts: string;
  legal_basis: string;
  penalty: string;
  overturned_on: string | null;
  withdrawal_reason: string | null;
  repair_reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ListEntryRow {
  id: string;
  list: ListName;
  subject_id: string;
  reason: string;
  legal_basis: string;
  penalty_id: string | null;
  from_entry: string | null;
  entered_on: string;
  ends_on: string;
  entered_by: string;
  entered_at: string;
  proposed_at: string | null;
  removed_at: string | null;
  removal_reason: 'expired' | 'repaired' | 'moved_to_serious' | 'error' | null;
  removal_note: string | null;
  removed_by: string | null;
}

export interface CommitmentRow {
  id: string;
  platform_id: number;
  seller_id: string;
  subject_id: string;
  text: string;
  signatory: string;
  signed_on: string;
  counted: 0 | 1;
  filed_at: string;
}

export interface StoredScoreRow {
  subject_id: string;
  model_version: string;
  score: number;
  tier: Tier;
  tier_rule: string;
  computed_at: string;
  explanation: string;
}

/**
 * What regulators should look at: `subject_on_blacklist`, a subject on the serious list filed again (by
 * the platform, seller and filing named, under the list entry); `name_conflict`, platforms that file
 * different names for one subject (decision 0013; platform and filing: those that raised it, if a filing
 * did; `detail` names every seller of the subject by its version then).
 */
export interface AlertRow {
  id: string;
  kind: 'subject_on_blacklist' | 'name_conflict';
  subject_id: string;
  platform_id: number | null;
  seller_id: string | null;
  filing_id: string | null;
  list_entry_id: string | null;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  detail: string | null;
}

/** A seller's name as an alert shows it: a natural person's masked. */
export interface AlertName {
  platform: string;
  seller_id: string;
  version: number;
  legal_name: string;
  status: string;
  filed_at: string;
}

/** An alert as regulators see it: a name conflict with the names each seller filed. */
export type Alert = Omit<AlertRow, 'detail'> & { names?: AlertName[] };

export type PenaltyFilter = 'unpublished' | 'overdue' | 'published' | 'withdrawn' | 'all';

export function creditRecords(db: Db) {
  const q = {
    insertPenalty: db.prepare(
      `INSERT INTO penalties (id, decision_number, subject_id, platform_id, seller_id, authority, facts,
         legal_basis, penalty, severity, sector, decided_on, publish_by, recorded_by, recorded_at)
       VALUES (@id, @decision_number, @subject_id, @platform_id, @seller_id, @authority, @facts,
         @legal_basis, @penalty, @severity, @sector, @decided_on, @publish_by, @recorded_by, @recorded_at)`,
    ),
    penalty: db.prepare<[string], PenaltyRow>('SELECT * FROM penalties WHERE id = ?'),
    penaltyByNumber: db.prepare<[string], PenaltyRow>('SELECT * FROM penalties WHERE decision_number = ?'),
    penaltiesOf: db.prepare<[string], PenaltyRow>(
      'SELECT * FROM penalties WHERE subject_id = ? ORDER BY decided_on DESC, id DESC',
    ),
    publish: db.prepare<[string, string, string]>(
      'UPDATE penalties SET published_at = ?, public_until = ? WHERE id = ? AND published_at IS NULL',
    ),
    withdraw: db.prepare(
      `UPDATE penalties SET overturned_on = @overturned_on, withdraw_by = @withdraw_by,
         withdrawn_at = @withdrawn_at, withdrawal_reason = @reason WHERE id = @id AND withdrawn_at IS NULL`,
    ),
    repairPenalty: db.prepare<[string, string, string]>(
      'UPDATE penalties SET repaired_at = ?, repair_reason = ? WHERE id = ? AND repaired_at IS NULL',
    ),
    unpublished: db.prepare<[number], PenaltyRow>(
      `SELECT * FROM penalties WHERE published_at IS NULL AND withdrawn_at IS NULL
       ORDER BY publish_by, id LIMIT ?`,
    ),
    penaltiesPage: db.prepare<[number], PenaltyRow>(
      'SELECT * FROM penalties ORDER BY recorded_at DESC, id DESC LIMIT ?',
    ),
    insertEntry: db.prepare(
      `INSERT INTO list_entries (id, list, subject_id, reason, legal_basis, penalty_id, from_entry, entered_on,
         ends_on, entered_by, entered_at)
       VALUES (@id, @list, @subject_id, @reason, @legal_basis, @penalty_id, @from_entry, @entered_on,
         @ends_on, @entered_by, @entered_at)`,
    ),
    entry: db.prepare<[string], ListEntryRow>('SELECT * FROM list_entries WHERE id = ?'),
    openEntry: db.prepare<[string, string], ListEntryRow>(
      'SELECT * FROM list_entries WHERE subject_id = ? AND list = ? AND removed_at IS NULL',
    ),
    entriesOf: db.prepare<[string], ListEntryRow>(
      'SELECT * FROM list_entries WHERE subject_id = ? ORDER BY entered_at DESC, id DESC',
    ),
    removeEntry: db.prepare(
      `UPDATE list_entries SET removed_at = @removed_at, removal_reason = @reason, removal_note = @note,
         removed_by = @by WHERE id = @id AND removed_at IS NULL`,
    ),
    propose: db.prepare<[string, string]>(
      'UPDATE list_entries SET proposed_at = ? WHERE id = ? AND proposed_at IS NULL AND removed_at IS NULL',
    ),
    ending: db.prepare<[string, number], ListEntryRow>(
      `SELECT * FROM list_entries WHERE removed_at IS NULL AND ends_on <= ? AND
         (list = 'serious' OR proposed_at IS NULL) ORDER BY ends_on, id LIMIT ?`,
    ),
    entriesPage: db.prepare<[string, string, number], ListEntryRow>(
      `SELECT * FROM list_entries WHERE list = ? AND CASE ?
         WHEN 'open' THEN removed_at IS NULL
         WHEN 'proposed' THEN removed_at IS NULL AND proposed_at IS NOT NULL
         WHEN 'removed' THEN removed_at IS NOT NULL
         ELSE 1 END
       ORDER BY entered_at DESC, id DESC LIMIT ?`,
    ),
    insertCommitment: db.prepare(
      `INSERT INTO commitments (id, platform_id, seller_id, subject_id, text, signatory, signed_on, counted, filed_at)
       VALUES (@id, @platform_id, @seller_id, @subject_id, @text, @signatory, @signed_on, @counted, @filed_at)`,
    ),
    countedSince: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM commitments WHERE subject_id = ? AND counted = 1 AND filed_at >= ?',
    ),
    commitmentsOf: db.prepare<[string], CommitmentRow>(
      'SELECT * FROM commitments WHERE subject_id = ? ORDER BY filed_at DESC, id DESC',
    ),
    upsertScore: db.prepare(
      `INSERT INTO credit_scores (subject_id, model_version, score, tier, tier_rule, computed_at, explanation)
       VALUES (@subject_id, @model_version, @score, @tier, @tier_rule, @computed_at, @explanation)
       ON CONFLICT (subject_id, model_version) DO UPDATE SET score = excluded.score, tier = excluded.tier,
         tier_rule = excluded.tier_rule, computed_at = excluded.computed_at, explanation = excluded.explanation`,
    ),
    scoresOf: db.prepare<[string], StoredScoreRow>(
      'SELECT * FROM credit_scores WHERE subject_id = ? ORDER BY model_version',
    ),
    riskiest: db.prepare<[string, number], StoredScoreRow>(
      'SELECT * FROM credit_scores WHERE model_version = ? ORDER BY score, subject_id LIMIT ?',
    ),
    // Every subject: one with no stored score has had no credit event, so it has the tier of no events.
    tiers: db.prepare<[Tier, string], { tier: Tier; n: number }>(
      `SELECT coalesce(cs.tier, ?) AS tier, count(*) AS n FROM subjects s
         LEFT JOIN credit_scores cs ON cs.subject_id = s.id AND cs.model_version = ?
       GROUP BY 1 ORDER BY 1`,
    ),
    subjectIdsAfter: db.prepare<[string, number], string>(
      'SELECT id FROM subjects WHERE id > ? ORDER BY id LIMIT ?',
    ),
    insertAlert: db.prepare(
      `INSERT INTO alerts (id, kind, subject_id, platform_id, seller_id, filing_id, list_entry_id, created_at)
       VALUES (@id, @kind, @subject_id, @platform_id, @seller_id, @filing_id, @list_entry_id, @created_at)`,
    ),
    // One alert per conflict the filing raised (sellers/subject-names.ts publishNames marks them),
    // set-based: the ids are one ULID's time and randomness with a counter in place of the rest.
    raiseNameConflicts: db.prepare(
      `INSERT INTO alerts (id, kind, subject_id, platform_id, seller_id, filing_id, list_entry_id, created_at, detail)
       SELECT @prefix || printf('%010d', row_number() OVER (ORDER BY c.subject_id)), 'name_conflict', c.subject_id,
         @platform_id, NULL, @filing_id, NULL, @at,
         json_object('sellers', json((
           SELECT json_group_array(json_object('platform_id', s.platform_id, 'seller_id', s.seller_id,
                                               'version', s.version) ORDER BY s.platform_id, s.seller_id)
           FROM sellers s WHERE s.subject_id = c.subject_id)))
       FROM subject_name_conflicts c WHERE c.raised_in = @raised_in`,
    ),
    alertNames: db.prepare<[string], AlertName & { subject_type: string }>(
      `SELECT p.slug AS platform, v.seller_id, v.version, v.legal_name, v.status, v.filed_at, v.subject_type
       FROM json_each(?, '$.sellers') j
       JOIN platforms p ON p.id = json_extract(j.value, '$.platform_id')
       JOIN seller_versions v ON v.platform_id = p.id AND v.seller_id = json_extract(j.value, '$.seller_id')
         AND v.version = json_extract(j.value, '$.version')
       ORDER BY j.key`,
    ),
    alert: db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?'),
    openAlerts: db.prepare<[number], AlertRow>(
      'SELECT * FROM alerts WHERE acknowledged_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?',
    ),
    alertsOf: db.prepare<[string], AlertRow>(
      'SELECT * FROM alerts WHERE subject_id = ? ORDER BY created_at DESC, id DESC',
    ),
    acknowledge: db.prepare<[string, string, string]>(
      'UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL',
    ),
  };
  q.subjectIdsAfter.pluck();

  /** A name conflict's names are read from the versions it lists; a natural person's are masked. */
  function alertOut({ detail, ...row }: AlertRow): Alert {
    if (row.kind !== 'name_conflict' || detail === null) return row;
    const names = q.alertNames.all(detail).map(({ subject_type, ...n }) => ({
      ...n,
      legal_name: subject_type === 'natural_person' ? maskPersonName(n.legal_name) : n.legal_name,
    }));
    return { ...row, names };
  }

  return {
    insertPenalty: (row: Omit<PenaltyRow, NullOnInsert>) => q.insertPenalty.run(row),
    penalty: (id: string) => q.penalty.get(id),
    penaltyByNumber: (decisionNumber: string) => q.penaltyByNumber.get(decisionNumber),
    penaltiesOf: (subjectId: string) => q.penaltiesOf.all(subjectId),
    /** Returns false when it was published already. */
    publishPenalty: (id: string, publishedAt: string, publicUntil: string) =>
      q.publish.run(publishedAt, publicUntil, id).changes === 1,
    withdrawPenalty: (args: {
      id: string;
      overturned_on: string;
      withdraw_by: string;
      withdrawn_at: string;
      reason: string;
    }) => q.withdraw.run(args).changes === 1,
    repairPenalty: (id: string, at: string, reason: string) =>
      q.repairPenalty.run(at, reason, id).changes === 1,
    /** Penalties not published nor withdrawn, the nearest deadline first. */
    unpublishedPenalties: (limit: number) => q.unpublished.all(limit),
    recentPenalties: (limit: number) => q.penaltiesPage.all(limit),

    insertEntry: (
      row: Omit<
        ListEntryRow,
        'proposed_at' | 'removed_at' | 'removal_reason' | 'removal_note' | 'removed_by'
      >,
    ) => q.insertEntry.run(row),
    entry: (id: string) => q.entry.get(id),
    openEntry: (subjectId: string, list: ListName) => q.openEntry.get(subjectId, list),
    entriesOf: (subjectId: string) => q.entriesOf.all(subjectId),
    removeEntry: (args: {
      id: string;
      removed_at: string;
      reason: NonNullable<ListEntryRow['removal_reason']>;
      note: string | null;
      by: string;
    }) => q.removeEntry.run(args).changes === 1,
    proposeEntry: (id: string, at: string) => q.propose.run(at, id).changes === 1,
    /** Open entries whose end date has come (serious to expire, abnormal not yet proposed). */
    endingEntries: (today: string, limit: number) => q.ending.all(today, limit),
    entries: (list: ListName, status: 'open' | 'proposed' | 'removed' | 'all', limit: number) =>
      q.entriesPage.all(list, status, limit),

    insertCommitment: (row: CommitmentRow) => q.insertCommitment.run(row),
    countedCommitmentsSince: (subjectId: string, since: string) => q.countedSince.get(subjectId, since)!.n,
    commitmentsOf: (subjectId: string) => q.commitmentsOf.all(subjectId),

    saveScore: (row: StoredScoreRow) => q.upsertScore.run(row),
    scoresOf: (subjectId: string) => q.scoresOf.all(subjectId),
    riskiest: (modelVersion: string, limit: number) => q.riskiest.all(modelVersion, limit),
    /** Subjects by tier under a model, all of them: `unscored` is the tier of a subject with no events. */
    tierCounts: (modelVersion: string, unscored: Tier) => q.tiers.all(unscored, modelVersion),
    /** Subject ids in order, `limit` at a time after `after` (for rescoring everyone). */
    subjectIdsAfter: (after: string, limit: number) =>
      q.subjectIdsAfter.all(after, limit) as unknown as string[],

    insertAlert: (row: Omit<AlertRow, 'acknowledged_at' | 'acknowledged_by' | 'detail'>) =>
      q.insertAlert.run(row),
    /**
     * The `name_conflict` alerts of the conflicts a filing raised (`raisedIn` as sellers/subject-names.ts
     * publishNames wrote it), naming that platform and filing. Returns how many.
     */
    raiseNameConflicts(args: {
      raisedIn: string;
      platformId: number | null;
      filingId: string | null;
      at: string;
    }) {
      const id = newId();
      return q.raiseNameConflicts.run({
        prefix: id.slice(0, 10) + id.slice(20),
        platform_id: args.platformId,
        filing_id: args.filingId,
        at: args.at,
        raised_in: args.raisedIn,
      }).changes;
    },
    alert: (id: string) => {
      const row = q.alert.get(id);
      return row && alertOut(row);
    },
    openAlerts: (limit: number) => q.openAlerts.all(limit).map(alertOut),
    alertsOf: (subjectId: string) => q.alertsOf.all(subjectId).map(alertOut),
    acknowledgeAlert: (id: string, at: string, by: string) => q.acknowledge.run(at, by, id).changes === 1,
  };
}

type NullOnInsert =
  | 'published_at'
  | 'public_until'
  | 'overturned_on'
  | 'withdraw_by'
  | 'withdrawn_at'
  | 'withdrawal_reason'
  | 'repaired_at'
  | 'repair_reason';

export type CreditRecords = ReturnType<typeof creditRecords>;
