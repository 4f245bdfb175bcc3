import { signedPayload } from '../filings/receipt.ts';
import type { Keyring } from '../keys/keyring.ts';
import type { AnswerMediaType } from './terms.ts';

/**
 * The signed receipt of one answer file: signed as filing receipts are (Ed25519 over the canonical JSON
 * of every member but `signature`; docs/decisions/0003-receipts.md), by the key that GET /v1/receipt-key
 * serves, so `marketgate receipt verify` and verifyReceipt check it offline. It proves which bytes (by
 * SHA-256) the gateway took for which request, when, and whether they came after the due date.
 */
export interface AnswerReceipt {
  receipt_type: 'assistance_answer';
  request_id: string;
  answer_id: string;
  platform: string;
  /** The seller whose records these are, as the platform filed it. */
  seller_id: string;
  case_number: string;
  part: number;
  media_type: AnswerMediaType;
  sha256: string;
  bytes: number;
  received_at: string;
  due_date: string;
  late: boolean;
  /** This part completed the request: no more parts are taken. */
  completes_request: boolean;
  key_id: string;
  signature: string;
}

export function signAnswerReceipt(
  keys: Keyring,
  draft: Omit<AnswerReceipt, 'receipt_type' | 'key_id' | 'signature'>,
): AnswerReceipt {
  const body = { receipt_type: 'assistance_answer' as const, ...draft, key_id: keys.keyId };
  return { ...body, signature: keys.signBytes(signedPayload(body)) };
}
