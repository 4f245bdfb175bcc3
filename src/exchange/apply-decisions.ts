/**
 * What a published double-publicity decision does (issue 16): the verb that follows a decision filing.
 * The filing machinery makes the decision's new version current, with its signed receipt; this applies
 * it, one decision per transaction, on the gateway's main connection:
 *
 * - its market subject is found by code (or a natural person's keyed hash), or created;
 * - a penalty in force (other than a warning alone, which SAMR's rules do not publish) becomes a credit
 *   penalty, published at once (the department's filing is its
 *   publication), with the double-publicity deadline of 7 working days from the decision, so that a late
 *   one is flagged; the penalty's credit event, `penalty.published` event and rescore follow from the
 *   credit verbs;
 * - a penalty withdrawn leaves the public record (`penalty.withdrawn`, reason withdrawn_by_department);
 * - a licence in force is announced (`license.published`) and shown on the subject's public page.
 *
 * The route runs it right after the filing; the server's sweep runs it too, so that a crash between the
 * filing and this step is finished later (`applied_version` < `version`).
 */
import { type CreditGateway, overturnPenalty, recordPenalty } from '../credit/service.ts';
import type { CreditSeverity } from '../credit/model.ts';
import { DomainError } from '../errors.ts';
import { announceLicensePublished } from '../events/announce.ts';
import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { addWorkingDays } from '../lib/working-days.ts';
import type { PenaltyCategory } from './decision-lists.ts';
import type { DecisionRow, DecisionVersionRow } from './store.ts';

/** GBF 2015 No. 51 §18: licensing and penalty decisions are published within 7 working days. */
export const DECISION_PUBLISH_WITHIN_WORKING_DAYS = 7;

/**
 * A fine of at most this many fen, alone or with a warning or a public criticism, is a minor penalty:
 * public for 3 months, as SAMR's rule for 通报批评 and 较低数额罚款 has it (the amount is marketgate's choice;
 * provinces set their own). Penalties that end or restrict a business, or fines of 1,000,000 yuan and
 * more, are serious; the rest moderate.
 */
export const MINOR_FINE_MAX_FEN = 10_000 * 100;
export const SERIOUS_FINE_MIN_FEN = 1_000_000 * 100;
const MINOR_CATEGORIES: ReadonlySet<PenaltyCategory> = new Set(['warning', 'public_criticism', 'fine']);
const SERIOUS_CATEGORIES: ReadonlySet<PenaltyCategory> = new Set([
  'revoke_license',
  'order_closure',
  'suspend_business',
  'restrict_practice',
  'administrative_detention',
]);

/** The decision as stored (decision-record.ts, the document number masked): what applying reads. */
interface StoredDecision {
  subject_category: 'organization' | 'natural_person' | 'individual_business';
  violation_facts?: string;
  legal_basis?: string;
  penalty_categories?: PenaltyCategory[];
  license_category?: string;
  license_number?: string;
  license_status?: 'valid' | 'invalid';
  content: string;
  fine_fen?: number;
  confiscated_fen?: number;
  valid_from?: string;
  valid_until?: string;
  authority_name: string;
  withdrawal_reason?: string;
}

/** How heavy a penalty decision is, for the credit record (see MINOR_FINE_MAX_FEN). */
export function decisionSeverity(
  record: Pick<StoredDecision, 'penalty_categories' | 'fine_fen'>,
): CreditSeverity {
  const categories = record.penalty_categories ?? [];
  const fine = record.fine_fen ?? 0;
  if (categories.some((c) => SERIOUS_CATEGORIES.has(c)) || fine >= SERIOUS_FINE_MIN_FEN) return 'serious';
  if (categories.length > 0 && categories.every((c) => MINOR_CATEGORIES.has(c)) && fine <= MINOR_FINE_MAX_FEN)
    return 'minor';
  return 'moderate';
}

type ApplyGateway = CreditGateway & Pick<Gateway, 'decisions'>;

const SUBJECT_KIND = {
  organization: 'enterprise',
  individual_business: 'individual_business',
  natural_person: 'natural_person',
} as const;

/** The decision's market subject: the one its code or keyed hash names, or a new one. */
function subjectOf(gw: ApplyGateway, v: DecisionVersionRow, record: StoredDecision, at: string): string {
  const key = { uscc: v.subject_uscc, id_hash: v.subject_id_hash };
  const existing = gw.sellers.linkedSubject(key);
  if (existing) return existing.id;
  const id = newId();
  gw.sellers.insertSubject({
    id,
    kind: SUBJECT_KIND[record.subject_category],
    ...key,
    id_number_enc: null,
    legal_name: v.subject_name,
    at,
  });
  return id;
}

function applyOne(gw: ApplyGateway, d: DecisionRow, now: Date): void {
  const v = gw.decisions.version(d.decision_key, d.version);
  if (!v) throw new Error(`decision ${d.decision_key} has no version ${d.version}`);
  const record = JSON.parse(v.record) as StoredDecision;
  const department = gw.accounts.platformById(d.department_id)?.slug ?? String(d.department_id);
  const actor = `department:${department}`;
  const publishBy = addWorkingDays(d.decided_on, DECISION_PUBLISH_WITHIN_WORKING_DAYS, gw.calendar);
  const late = chinaToday(new Date(d.first_filed_at)) > publishBy ? 1 : 0;
  const subjectId = subjectOf(gw, v, record, now.toISOString());
  let penaltyId = d.penalty_id;
  let note: string | null = null;

  const warningOnly = record.penalty_categories?.length === 1 && record.penalty_categories[0] === 'warning';
  if (d.kind === 'penalty' && d.status === 'in_force' && !penaltyId && warningOnly) {
    // SAMR Order 45 (2021) art. 2 does not publish a penalty that is only a warning: the exchange has it.
    note = 'a warning only: not published and not counted (SAMR Order 45 art. 2); the exchange has it';
  } else if (d.kind === 'penalty' && d.status === 'in_force' && !penaltyId) {
    const existing = gw.creditRecords.penaltyByNumber(v.decision_number);
    if (existing) {
      // A regulator recorded this decision already: the department's filing is the same penalty.
      penaltyId = existing.id;
      note = `penalty ${existing.id} with this document number was recorded already: linked, not recorded twice`;
    } else {
      penaltyId = recordPenalty(
        gw,
        {
          decision_number: v.decision_number,
          subject_id: subjectId,
          authority: record.authority_name,
          facts: record.violation_facts ?? '',
          legal_basis: record.legal_basis ?? '',
          penalty: record.content,
          severity: decisionSeverity(record),
          sector: 'general',
          decided_on: d.decided_on,
          publish: true,
          publish_by: publishBy,
        },
        actor,
        now,
      ).id;
    }
  } else if (d.kind === 'penalty' && d.status === 'withdrawn' && penaltyId) {
    const p = gw.creditRecords.penalty(penaltyId);
    if (p && !p.withdrawn_at)
      overturnPenalty(
        gw,
        penaltyId,
        { overturned_on: v.withdrawn_on!, reason: record.withdrawal_reason ?? 'withdrawn by the department' },
        actor,
        now,
        'withdrawn_by_department',
      );
  } else if (d.kind === 'penalty' && d.status === 'in_force' && d.applied_version > 0) {
    // A corrected re-filing: the published penalty keeps what it was recorded with.
    note =
      'corrected after publication: the credit penalty keeps the first version; the exchange has the new one';
  } else if (
    d.kind === 'license' &&
    d.status === 'in_force' &&
    d.applied_version === 0 &&
    record.license_status !== 'invalid'
  ) {
    announceLicensePublished(
      gw,
      {
        decision_key: d.decision_key,
        subject_id: subjectId,
        department,
        decision_number: v.decision_number,
        license_category: record.license_category ?? 'other',
        license_number: record.license_number ?? null,
        content: record.content,
        decided_on: d.decided_on,
        valid_from: record.valid_from ?? null,
        valid_until: record.valid_until ?? null,
        authority: record.authority_name,
      },
      now,
    );
  }

  gw.decisions.markApplied({
    decision_key: d.decision_key,
    version: d.version,
    subject_id: subjectId,
    penalty_id: penaltyId,
    publish_by: publishBy,
    late,
    apply_note: note,
  });
  gw.audit.append(
    {
      actor,
      action: 'decision.publish',
      target_type: 'decision',
      target_id: d.decision_key,
      detail: { version: d.version, kind: d.kind, status: d.status, late: late === 1, penalty_id: penaltyId },
    },
    now,
  );
}

/**
 * Applies every published decision version not applied yet, oldest first, one transaction each; returns
 * how many it applied. A decision the credit verbs refuse is applied without its credit side, and the
 * refusal is kept in `apply_note`; anything else stops the run (the next sweep tries again).
 */
export function applyFiledDecisions(gw: ApplyGateway, now = new Date()): number {
  let applied = 0;
  for (;;) {
    const due = gw.decisions.unapplied(200);
    for (const d of due) {
      try {
        gw.db.transaction(() => applyOne(gw, d, now)).immediate();
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        gw.db
          .transaction(() => {
            const publishBy = addWorkingDays(d.decided_on, DECISION_PUBLISH_WITHIN_WORKING_DAYS, gw.calendar);
            gw.decisions.markApplied({
              decision_key: d.decision_key,
              version: d.version,
              subject_id: d.subject_id,
              penalty_id: d.penalty_id,
              publish_by: publishBy,
              late: chinaToday(new Date(d.first_filed_at)) > publishBy ? 1 : 0,
              apply_note: `not applied to the credit record: ${err.message}`,
            });
          })
          .immediate();
        gw.logger.warn(
          { decision: d.decision_key, code: err.code },
          'decision not applied to the credit record',
        );
      }
      applied++;
    }
    if (due.length < 200) return applied;
  }
}
