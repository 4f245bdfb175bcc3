/**
 * A subject's name (docs/decisions/0013-subject-names.md): what the public is shown and why, and the
 * regulator's confirmation that overrides what platforms file.
 */
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { maskPersonName } from '../lib/mask.ts';
import { forbiddenCharacter } from '../lib/text.ts';
import type { SubjectRow } from '../sellers/store.ts';

type NameGateway = Pick<Gateway, 'db' | 'sellers' | 'audit'>;

/** Longest name accepted: the same as a filed legal_name (src/sellers/record.ts). */
export const MAX_NAME_LENGTH = 200;

/** What a regulator may confirm; a natural person's name is kept in full and shown masked, as filed ones. */
export interface NameConfirmation {
  legal_name: string;
  reason: string;
}

/** The name as the audit log keeps it: a natural person's masked, like everything personal it records. */
const audited = (subject: Pick<SubjectRow, 'kind'>, name: string) =>
  subject.kind === 'natural_person' ? maskPersonName(name) : name;

/**
 * A regulator confirms the name a subject is shown under. It wins over whatever platforms file, until
 * another confirmation replaces it; the shown name changes, and the audit entry is written, in one
 * transaction (the subject's kept public page goes stale by migration 010's trigger on subjects).
 */
export function confirmSubjectName(
  gw: NameGateway,
  subjectId: string,
  input: NameConfirmation,
  actor: string,
  now = new Date(),
) {
  const name = input.legal_name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH)
    throw new DomainError('invalid_body', `legal_name: 1 to ${MAX_NAME_LENGTH} characters`);
  // A name shows on public pages and in the audit log: the characters a filed name may not hold.
  const forbidden = forbiddenCharacter(name, 'name');
  if (forbidden)
    throw new DomainError('invalid_body', `legal_name: control characters are not allowed (${forbidden})`);
  gw.db
    .transaction(() => {
      const subject = gw.sellers.subject(subjectId);
      if (!subject) throw notFound('subject');
      gw.sellers.confirmName({
        id: subjectId,
        legal_name: name,
        by: actor,
        at: now.toISOString(),
        reason: input.reason,
      });
      gw.audit.append(
        {
          actor,
          action: 'subject.name.confirm',
          target_type: 'subject',
          target_id: subjectId,
          reason: input.reason,
          detail: {
            legal_name: audited(subject, name),
            previous: { legal_name: audited(subject, subject.legal_name), basis: subject.name_basis },
          },
        },
        now,
      );
    })
    .immediate();
  return subjectNameView(gw, subjectId);
}

/**
 * A subject's name for regulators: the shown name and why (`basis`), the confirmation if any, the names
 * as the rule counts them (best first) and every seller's filed name, and the conflict that stands.
 */
export function subjectNameView(gw: Pick<Gateway, 'sellers'>, subjectId: string) {
  const subject = gw.sellers.subject(subjectId);
  if (!subject) throw notFound('subject');
  const conflict = gw.sellers.nameConflict(subjectId);
  return {
    shown: subject.legal_name,
    basis: subject.name_basis,
    confirmed:
      subject.confirmed_name === null
        ? null
        : {
            legal_name: subject.confirmed_name,
            by: subject.confirmed_by,
            at: subject.confirmed_at,
            reason: subject.confirmed_reason,
          },
    counted: gw.sellers.nameTally(subjectId).map((t) => ({
      legal_name: t.legal_name,
      platforms: JSON.parse(t.platform_slugs) as string[],
      since: t.since,
    })),
    filed: gw.sellers.storesOfSubject(subjectId).map((s) => ({
      platform: s.platform,
      seller_id: s.seller_id,
      legal_name: s.legal_name,
      status: s.status,
      since: s.name_since,
    })),
    conflict: conflict
      ? { since: conflict.since, names: (JSON.parse(conflict.name_keys) as string[]).length }
      : null,
  };
}

export type SubjectNameView = ReturnType<typeof subjectNameView>;
