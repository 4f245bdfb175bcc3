import type { Keyring } from '../keys/keyring.ts';
import { verifySignature } from '../keys/keyring.ts';
import { canonicalJson } from '../lib/canonical-json.ts';

/**
 * What marketgate signs when it issues a mark: who it is for, which site, and when it is valid. The
 * status (active, revoked) is not signed: it changes, and is read from the verification page or the
 * revocation list. Anyone with the published key can check a mark offline.
 */
export interface MarkPayload {
  v: 1;
  mark_id: string;
  issuer: 'marketgate';
  key_id: string;
  origin: string;
  subject: { id: string; name: string; uscc: string | null };
  store: { platform: string; seller_id: string };
  issued_at: string;
  expires_at: string;
}

export interface SignedMark {
  payload: MarkPayload;
  signature: string;
}

export function signMark(keys: Keyring, draft: Omit<MarkPayload, 'v' | 'issuer' | 'key_id'>): SignedMark {
  const payload: MarkPayload = { v: 1, issuer: 'marketgate', key_id: keys.keyId, ...draft };
  return { payload, signature: keys.signBytes(Buffer.from(canonicalJson(payload), 'utf8')) };
}

/** True when `signature` is the issuer's over this payload (in canonical form, however it was sent). */
export function verifyMark(payload: unknown, signature: string, publicKeyPem: string): boolean {
  try {
    return verifySignature(publicKeyPem, Buffer.from(canonicalJson(payload), 'utf8'), signature);
  } catch {
    return false;
  }
}

export type MarkStatus = 'active' | 'expired' | 'revoked';

export function markStatus(
  mark: { expires_at: string; revoked_at: string | null },
  now = new Date(),
): MarkStatus {
  if (mark.revoked_at) return 'revoked';
  return Date.parse(mark.expires_at) <= now.getTime() ? 'expired' : 'active';
}
