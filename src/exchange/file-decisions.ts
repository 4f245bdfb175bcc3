import { asBuffer } from '../filings/kinds.ts';
import type { Checked, Checker, StreamedIntake } from '../filings/intake.ts';
import type { RecordError } from '../filings/receipt.ts';
import type { RecordPosition } from '../filings/sources.ts';
import type { Keyring } from '../keys/keyring.ts';
import { forbiddenCharacter } from '../lib/text.ts';
import { DECISION_FIELDS, DECISION_REQUIRED_FIELDS, validateDecisionRecord } from './decision-record.ts';
import { type PreparedDecision, prepareDecision } from './prepare-decision.ts';
import type { DecisionsStore } from './store.ts';

export const DECISION_SOURCE = {
  fields: DECISION_FIELDS,
  requiredColumns: DECISION_REQUIRED_FIELDS,
  // The longest decision: 5,000-character facts and content, 2,000 of legal basis and the rest, at up to
  // 3 bytes a character in UTF-8, is about 45 KiB.
  maxRecordBytes: 64 * 1024,
};

/** A receipt's error about a decision names the decision by its document number, as a seller's names its id. */
export type DecisionRecordError = RecordError & { decision_number: string | null };

/**
 * The document number as filed, to name the record in the receipt: a decision number is public (it is
 * what gets published), but a value that is not one — too long, or holding control characters — is not
 * echoed back.
 */
function decisionNumberOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 128 || forbiddenCharacter(trimmed)) return null;
  return trimmed;
}

const errorsOf = (
  position: RecordPosition,
  decisionNumber: string | null,
  problems: { field?: string | null; code: string; message: string }[],
): DecisionRecordError[] =>
  problems.map((p) => ({
    ...position,
    decision_number: decisionNumber,
    field: p.field ?? null,
    code: p.code,
    message: p.message,
  }));

/** The database-free half of a decision filing: validation, masking and hashing (runs on a check worker). */
export function decisionChecker(keys: Keyring): Checker {
  return (raw, now) => {
    if ('problem' in raw)
      return { position: raw.position, ok: false, errors: errorsOf(raw.position, null, [raw.problem]) };
    const decisionNumber = decisionNumberOf(raw.value.decision_number);
    const result = validateDecisionRecord(raw.value, now);
    if (!result.ok) {
      return {
        position: raw.position,
        ok: false,
        errors: errorsOf(raw.position, decisionNumber, result.problems),
      };
    }
    const value: PreparedDecision = prepareDecision(keys, result.record);
    return { position: raw.position, ok: true, value, warnings: [] };
  };
}

/** A prepared decision as it comes back from a worker, its byte arrays made Buffers again (no copy). */
export function revivePreparedDecision(p: PreparedDecision): PreparedDecision & {
  digest: Buffer;
  subject: PreparedDecision['subject'] & { idHash: Buffer | null };
} {
  return {
    ...p,
    subject: { ...p.subject, idHash: asBuffer(p.subject.idHash) },
    digest: asBuffer(p.digest),
  };
}

function describe(position: RecordPosition): string {
  return 'index' in position ? `index ${position.index}` : `line ${position.line}`;
}

/**
 * The decision filing (on the writer): a checked decision that is new or changed is staged as its next
 * version; publishing moves the decisions' current pointers. A decision belongs to the department that
 * filed it first, and its kind never changes under its key (a licence re-filed as a penalty is another
 * decision, with another document number). What a published decision does to credit records and events is
 * applied afterwards on the main connection (apply-decisions.ts).
 */
export function decisionIntake(store: DecisionsStore, departmentId: number): StreamedIntake {
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let waiting: { p: ReturnType<typeof revivePreparedDecision>; version: number }[] = [];
  const waitingKeys = new Map<string, RecordPosition>();
  const refuse = (
    position: RecordPosition,
    number: string,
    field: string,
    code: string,
    message: string,
  ) => ({
    errors: errorsOf(position, number, [{ field, code, message }]),
    warnings: [],
  });

  return {
    source: DECISION_SOURCE,
    admit(checked: Checked<unknown>, filingId: string) {
      if (!checked.ok) return { errors: checked.errors, warnings: [] };
      const p = revivePreparedDecision(checked.value as PreparedDecision);
      const first = waitingKeys.get(p.key);
      if (first || store.stagedIn(p.key, filingId)) {
        const where = first ? describe(first) : 'an earlier record';
        return refuse(
          checked.position,
          p.decisionNumber,
          'decision_number',
          'duplicate_in_filing',
          `this decision (authority and document number) already appears at ${where} of this filing`,
        );
      }
      const current = store.current(p.key);
      if (current && current.department_id !== departmentId)
        return refuse(
          checked.position,
          p.decisionNumber,
          'decision_number',
          'decision_of_another_department',
          'this decision was filed by another department: only that department files it again',
        );
      if (current && current.kind !== p.kind)
        return refuse(
          checked.position,
          p.decisionNumber,
          'kind',
          'immutable_field_changed',
          `this decision was filed as a ${current.kind}: its kind cannot change`,
        );
      if (current?.digest.equals(p.digest)) {
        unchanged++;
        return { errors: [], warnings: [] };
      }
      if (current) updated++;
      else created++;
      waiting.push({ p, version: (current?.version ?? 0) + 1 });
      waitingKeys.set(p.key, checked.position);
      return { errors: [], warnings: [] };
    },
    pending: () => waiting.length,
    stage(filingId, at) {
      for (const { p, version } of waiting) {
        store.insertVersion({
          decision_key: p.key,
          version,
          department_id: departmentId,
          filing_id: filingId,
          filed_at: at,
          kind: p.kind,
          status: p.status,
          decision_number: p.decisionNumber,
          authority_uscc: p.authorityUscc,
          decided_on: p.decidedOn,
          withdrawn_on: p.withdrawnOn,
          subject_category: p.subject.category,
          subject_name: p.subject.name,
          subject_uscc: p.subject.uscc,
          subject_id_hash: p.subject.idHash,
          record: p.storedRecord,
          digest: p.digest,
        });
      }
      waiting = [];
      waitingKeys.clear();
    },
    publish(filingId) {
      store.publish(filingId);
    },
    counts: () => ({ created, updated, unchanged }),
  };
}
