import type { MarkVerdict } from '../../crawlers/marks/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import type { CreditSeverity } from './model.ts';
import type { CreditStore, NewCreditEvent } from './store.ts';

/** How much each mark verdict weighs: a forgery or a copy is deliberate, an expired mark may be neglect. */
const MARK_SEVERITY: Partial<Record<MarkVerdict, CreditSeverity>> = {
  forged: 'serious',
  copied: 'serious',
  lookalike_issuer: 'serious',
  self_hosted: 'serious',
  revoked: 'moderate',
  expired: 'minor',
};

/**
 * The credit events a stored verification writes: identity missing or mismatched, and each trust mark
 * that is not genuine. Inconclusive visits write nothing: a failure to crawl is never held against a
 * subject. Public: what a store shows on its homepage is public.
 */
export function creditFromVerification(
  credit: CreditStore,
  store: { platform_id: number; seller_id: string; subject_id: string },
  verification: Verification,
  verificationId: string,
): number {
  const base = {
    subject_id: store.subject_id,
    platform_id: store.platform_id,
    seller_id: store.seller_id,
    source: 'verification' as const,
    source_id: verificationId,
    occurred_at: verification.finished_at,
    counts_until: null,
    public: true,
    cancels: null,
  };
  const events: NewCreditEvent[] = [];
  if (verification.verdict === 'identity_missing') {
    events.push({ ...base, kind: 'verification_identity_missing', severity: 'moderate' });
  } else if (verification.verdict === 'identity_mismatch') {
    // Another company's valid code is a false identity; a broken check character may be a typo.
    const severity: CreditSeverity = verification.comparison.uscc === 'mismatch' ? 'serious' : 'moderate';
    events.push({ ...base, kind: 'verification_identity_mismatch', severity });
  }
  const worst = verification.marks
    .map((mark) => MARK_SEVERITY[mark.verdict])
    .filter((severity): severity is CreditSeverity => severity !== undefined)
    .sort((a, b) => rank(b) - rank(a))[0];
  if (worst) events.push({ ...base, source: 'trust_mark', kind: 'mark_not_genuine', severity: worst });
  for (const event of events) credit.record(event);
  return events.length;
}

const rank = (severity: CreditSeverity) => ({ minor: 0, moderate: 1, serious: 2 })[severity];
