import { announceMarkRevoked } from '../events/announce.ts';
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { newId } from '../lib/ids.ts';
import { signMark } from './mark.ts';
import type { MarkCandidate, MarkRow } from './store.ts';

/** A mark is valid for a year unless the regulator says otherwise; never more than three. */
export const DEFAULT_MARK_DAYS = 365;
export const MAX_MARK_DAYS = 3 * 365;

type MarkGateway = Pick<Gateway, 'db' | 'marks' | 'keys' | 'audit' | 'events' | 'sellers' | 'accounts'>;
type MarkWriter = Pick<Gateway, 'marks' | 'keys' | 'events' | 'sellers' | 'accounts'>;

export interface IssueMarkInput {
  platformId: number;
  sellerId: string;
  days: number;
  /** Who issues it: 'regulator:<id>', or 'policy' (MARKETGATE_MARKS_AUTO_ISSUE). */
  issuedBy: string;
}

/**
 * Issues a mark to a filed store, with its audit entry, in one transaction. The store must be active and
 * its latest verification compliant (a mark vouches for what the crawler saw, not for what was filed).
 * One active mark per store: a second request while one is active is refused, naming it.
 */
export function issueMark(gw: MarkGateway, input: IssueMarkInput, now = new Date()): MarkRow {
  return gw.db
    .transaction(() => {
      const mark = issueMarkNow(gw, input, now);
      const payload = JSON.parse(mark.payload) as { store: { platform: string } };
      gw.audit.append(
        {
          actor: input.issuedBy,
          action: 'mark.issue',
          target_type: 'mark',
          target_id: mark.id,
          detail: {
            platform: payload.store.platform,
            seller_id: mark.seller_id,
            expires_at: mark.expires_at,
          },
        },
        now,
      );
      return mark;
    })
    .immediate();
}

/** The store a mark would be issued to, or why it cannot have one now. */
function eligibility(
  gw: MarkWriter,
  input: Pick<IssueMarkInput, 'platformId' | 'sellerId'>,
  now: Date,
): { store: MarkCandidate; refused?: never } | { refused: DomainError; store?: never } {
  const store = gw.marks.candidate(input.platformId, input.sellerId);
  if (!store) return { refused: notFound('store') };
  if (store.status !== 'active')
    return { refused: new DomainError('store_not_eligible', `the store is ${store.status}, not active`) };
  if (!store.verification_id)
    return {
      refused: new DomainError('store_not_eligible', 'the store has not been verified yet: crawl it first'),
    };
  if (store.verdict !== 'compliant')
    return {
      refused: new DomainError(
        'store_not_eligible',
        `the latest verification of the store is ${store.verdict}, not compliant`,
        { verification_id: store.verification_id },
      ),
    };
  const active = gw.marks.activeOfStore(input.platformId, input.sellerId, now.toISOString());
  if (active)
    return {
      refused: new DomainError('conflict', `the store already has an active mark: ${active.id}`, {
        mark_id: active.id,
      }),
    };
  return { store };
}

/** Writes the mark; inside the caller's transaction, which appends the audit entry. */
function issueMarkNow(gw: MarkWriter, input: IssueMarkInput, now: Date): MarkRow {
  const { store, refused } = eligibility(gw, input, now);
  if (refused) throw refused;
  const id = newId();
  const issuedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + input.days * 86_400_000).toISOString();
  const origin = new URL(store.store_url).origin;
  const { payload, signature } = signMark(gw.keys, {
    mark_id: id,
    origin,
    subject: { id: store.subject_id, name: store.legal_name, uscc: store.uscc },
    store: { platform: store.platform, seller_id: store.seller_id },
    issued_at: issuedAt,
    expires_at: expiresAt,
  });
  gw.marks.insert({
    id,
    platform_id: store.platform_id,
    seller_id: store.seller_id,
    subject_id: store.subject_id,
    origin,
    subject_name: store.legal_name,
    subject_uscc: store.uscc,
    verification_id: store.verification_id!,
    issued_by: input.issuedBy,
    issued_at: issuedAt,
    expires_at: expiresAt,
    payload: JSON.stringify(payload),
    signature,
  });
  return gw.marks.byId(id)!;
}

/**
 * The auto-issue policy (MARKETGATE_MARKS_AUTO_ISSUE): a store just found compliant without an active
 * mark gets one. Inside recordVerification's transaction; null when the store cannot have one now (an
 * active mark already, a store no longer active).
 */
export function issueMarkByPolicy(
  gw: MarkWriter,
  store: { platform_id: number; seller_id: string },
  days: number,
  now = new Date(),
): MarkRow | null {
  const input = { platformId: store.platform_id, sellerId: store.seller_id, days, issuedBy: 'policy' };
  return eligibility(gw, input, now).refused ? null : issueMarkNow(gw, input, now);
}

/** Revokes a mark by hand, with its audit entry, in one transaction. */
export function revokeMark(
  gw: MarkGateway,
  id: string,
  by: string,
  reason: string,
  now = new Date(),
): MarkRow {
  return gw.db
    .transaction(() => {
      const mark = gw.marks.byId(id);
      if (!mark) throw notFound('mark');
      if (!gw.marks.revoke(id, now.toISOString(), by, reason))
        throw new DomainError('conflict', `the mark was revoked already, on ${mark.revoked_at}`);
      gw.audit.append({ actor: by, action: 'mark.revoke', target_type: 'mark', target_id: id, reason }, now);
      announceMarkRevoked(gw, mark, reason, now);
      return gw.marks.byId(id)!;
    })
    .immediate();
}

/**
 * A verification that opens an episode of a missing or mismatched identity revokes the store's marks at
 * once: the mark would otherwise go on vouching for a store that no longer shows who it is. Inside
 * recordVerification's transaction.
 */
export function revokeAfterVerification(
  gw: MarkWriter,
  store: { platform_id: number; seller_id: string },
  verification: { id: string; verdict: string },
  now = new Date(),
): string[] {
  if (verification.verdict !== 'identity_missing' && verification.verdict !== 'identity_mismatch') return [];
  const revoked: string[] = [];
  const reason = `verification_${verification.verdict}`;
  for (const mark of gw.marks.unrevokedOfStore(store.platform_id, store.seller_id)) {
    if (gw.marks.revoke(mark.id, now.toISOString(), `verification:${verification.id}`, reason)) {
      announceMarkRevoked(gw, mark, reason, now);
      revoked.push(mark.id);
    }
  }
  return revoked;
}

/**
 * Revokes every mark of a market subject, on all its stores and platforms: for when the subject enters
 * the abnormal-operations or the serious-dishonesty list. Inside enterList's transaction, which appends
 * the audit entry.
 */
export function revokeForSubject(
  gw: MarkWriter,
  subjectId: string,
  by: string,
  reason: string,
  now = new Date(),
): string[] {
  return gw.marks
    .unrevokedOfSubject(subjectId)
    .filter((mark) => {
      if (!gw.marks.revoke(mark.id, now.toISOString(), by, reason)) return false;
      announceMarkRevoked(gw, mark, reason, now);
      return true;
    })
    .map((mark) => mark.id);
}
