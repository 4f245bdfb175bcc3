import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { newId } from '../lib/ids.ts';
import { signMark } from './mark.ts';
import type { MarkRow } from './store.ts';

/** A mark is valid for a year unless the regulator says otherwise; never more than three. */
export const DEFAULT_MARK_DAYS = 365;
export const MAX_MARK_DAYS = 3 * 365;

type MarkGateway = Pick<Gateway, 'marks' | 'keys'>;

/**
 * Issues a mark to a filed store. The store must be active and its latest verification compliant (a
 * mark vouches for what the crawler saw, not for what was filed). One active mark per store: a second
 * request while one is active is refused, naming it.
 */
export function issueMark(
  gw: MarkGateway,
  input: { platformId: number; sellerId: string; days: number; issuedBy: string },
  now = new Date(),
): MarkRow {
  const store = gw.marks.candidate(input.platformId, input.sellerId);
  if (!store) throw notFound('store');
  if (store.status !== 'active')
    throw new DomainError('store_not_eligible', `the store is ${store.status}, not active`);
  if (!store.verification_id) {
    throw new DomainError('store_not_eligible', 'the store has not been verified yet: crawl it first');
  }
  if (store.verdict !== 'compliant') {
    throw new DomainError(
      'store_not_eligible',
      `the latest verification of the store is ${store.verdict}, not compliant`,
      {
        verification_id: store.verification_id,
      },
    );
  }
  const active = gw.marks.activeOfStore(input.platformId, input.sellerId, now.toISOString());
  if (active)
    throw new DomainError('conflict', `the store already has an active mark: ${active.id}`, {
      mark_id: active.id,
    });
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
  const row = {
    id,
    platform_id: store.platform_id,
    seller_id: store.seller_id,
    subject_id: store.subject_id,
    origin,
    subject_name: store.legal_name,
    subject_uscc: store.uscc,
    verification_id: store.verification_id,
    issued_by: input.issuedBy,
    issued_at: issuedAt,
    expires_at: expiresAt,
    payload: JSON.stringify(payload),
    signature,
  };
  gw.marks.insert(row);
  return gw.marks.byId(id)!;
}

export function revokeMark(
  gw: MarkGateway,
  id: string,
  by: string,
  reason: string,
  now = new Date(),
): MarkRow {
  const mark = gw.marks.byId(id);
  if (!mark) throw notFound('mark');
  if (!gw.marks.revoke(id, now.toISOString(), by, reason)) {
    throw new DomainError('conflict', `the mark was revoked already, on ${mark.revoked_at}`);
  }
  return gw.marks.byId(id)!;
}

/**
 * A verification that finds a store's identity missing or mismatched revokes the store's marks at once:
 * the mark would otherwise go on vouching for a store that no longer shows who it is.
 */
export function revokeAfterVerification(
  gw: MarkGateway,
  store: { platform_id: number; seller_id: string },
  verification: { id: string; verdict: string },
  now = new Date(),
): string[] {
  if (verification.verdict !== 'identity_missing' && verification.verdict !== 'identity_mismatch') return [];
  const revoked: string[] = [];
  for (const mark of gw.marks.unrevokedOfStore(store.platform_id, store.seller_id)) {
    if (
      gw.marks.revoke(
        mark.id,
        now.toISOString(),
        `verification:${verification.id}`,
        `verification_${verification.verdict}`,
      )
    ) {
      revoked.push(mark.id);
    }
  }
  return revoked;
}

/**
 * Revokes every mark of a market subject, on all its stores and platforms: for when the subject enters
 * the abnormal-operations or the serious-dishonesty list (the lists arrive with the credit records).
 */
export function revokeForSubject(
  gw: MarkGateway,
  subjectId: string,
  by: string,
  reason: string,
  now = new Date(),
): string[] {
  return gw.marks
    .unrevokedOfSubject(subjectId)
    .filter((mark) => gw.marks.revoke(mark.id, now.toISOString(), by, reason))
    .map((mark) => mark.id);
}
