import type { Gateway } from '../gateway.ts';
import { creditFromVerification } from './from-verification.ts';

/** Verifications write their credit events as they are stored. */
export function watchVerificationsForCredit(gw: Gateway): void {
  gw.crawls.on('verified', (_crawlId, store, verification, verificationId) => {
    creditFromVerification(gw.credit, store, verification, verificationId);
  });
}
