import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { issueMark, revokeAfterVerification } from './service.ts';

/**
 * Marks follow verifications as they are stored: a store found without its identity, or with another's,
 * loses its marks at once; with MARKETGATE_MARKS_AUTO_ISSUE, a store found compliant without an active
 * mark gets one (the configured policy).
 */
export function watchVerificationsForMarks(gw: Gateway): void {
  gw.crawls.on('verified', (_crawlId, store, verification, verificationId) => {
    const revoked = revokeAfterVerification(gw, store, { id: verificationId, verdict: verification.verdict });
    if (revoked.length > 0) gw.logger.info({ marks: revoked, verification: verificationId }, 'marks revoked');
    if (!gw.config.marks.autoIssue || verification.verdict !== 'compliant') return;
    try {
      issueMark(gw, {
        platformId: store.platform_id,
        sellerId: store.seller_id,
        days: gw.config.marks.days,
        issuedBy: 'policy',
      });
    } catch (error) {
      // An active mark already, or a store that changed meanwhile: the policy has nothing to do.
      if (!(error instanceof DomainError)) throw error;
    }
  });
}
