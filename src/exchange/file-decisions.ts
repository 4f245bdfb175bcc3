import { asBuffer } from '../filings/kinds.ts';
import type { Checker } from '../filings/intake.ts';
import type { RecordError } from '../filings/receipt.ts';
import type { RecordPosition } from '../filings/sources.ts';
import type { Keyring } from '../keys/keyring.ts';
import { forbiddenCharacter } from '../lib/text.ts';
import { DECISION_FIELDS, DECISION_REQUIRED_FIELDS, validateDecisionRecord } from './decision-record.ts';
import { type PreparedDecision, prepareDecision } from './prepare-decision.ts';

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
