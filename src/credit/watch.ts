import type { Gateway } from '../gateway-types.ts';
import { creditFromVerification } from './from-verification.ts';
import { rescore } from './service.ts';

/** Verifications write their credit events as they are stored, and rescore the subject when they do. */
export function watchVerificationsForCredit(gw: Gateway): void {
  gw.crawls.on('verified', (_crawlId, store, verification, verificationId) => {
    if (creditFromVerification(gw.credit, store, verification, verificationId) > 0)
      rescore(gw, store.subject_id);
  });
}
