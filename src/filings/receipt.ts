import { createHash } from 'node:crypto';
import type { Keyring } from '../keys/keyring.ts';
import { verifySignature } from '../keys/keyring.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { RecordPosition } from './sources.ts';

export type FilingKind = 'sellers' | 'transactions' | 'decisions';

/** One record's failure, as the receipt lists it. */
export type RecordError = RecordPosition & {
  /**
   * The record's own id when it could be read: seller_id for sellers, order_id for transactions,
   * decision_number for decisions.
   */
  seller_id?: string | null;
  order_id?: string | null;
  decision_number?: string | null;
  field: string | null;
  code: string;
  message: string;
};

export type RecordWarning = RecordError;

export interface FilingCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/**
 * A signed receipt. The signature (Ed25519, base64) covers the canonical JSON (RFC 8785 form) of every
 * member except `signature`, `errors`, `warnings` and `errors_page`; the errors and warnings are covered
 * through `errors_sha256` and `warnings_sha256`, the SHA-256 of their canonical JSON, so that a receipt
 * whose error list is served in pages still proves what was filed (docs/decisions/0003-receipts.md).
 */
export interface Receipt {
  filing_id: string;
  platform: string;
  kind: FilingKind;
  received_at: string;
  body_sha256: string;
  idempotency_key: string | null;
  atomic: boolean;
  applied: boolean;
  counts: FilingCounts;
  errors_sha256: string;
  warnings_sha256: string;
  /**
   * Every error and warning found, counted by code, and how many are listed in full (the first
   * `kept_limit` of each, in body order: `errors_sha256` covers the listed ones). Absent from receipts
   * of filings made before errors were bounded.
   */
  problems?: ProblemTotals;
  key_id: string;
  signature: string;
  errors: RecordError[];
  warnings: RecordWarning[];
  errors_page?: { offset: number; limit: number; total: number; next: string | null };
}

export interface ProblemCounts {
  total: number;
  kept: number;
  by_code: Record<string, number>;
}

export interface ProblemTotals {
  kept_limit: number;
  errors: ProblemCounts;
  warnings: ProblemCounts;
}

const UNSIGNED = new Set(['signature', 'errors', 'warnings', 'errors_page']);

/** SHA-256 of the canonical JSON of a list, fed one item at a time: a streamed filing's errors. */
export class ListDigest {
  private readonly hash = createHash('sha256').update('[');
  private count = 0;
  add(item: unknown): void {
    this.hash.update(this.count++ === 0 ? canonicalJson(item) : `,${canonicalJson(item)}`);
  }
  get size(): number {
    return this.count;
  }
  digest(): string {
    return this.hash.update(']').digest('hex');
  }
}

export function listDigest(list: readonly unknown[]): string {
  const digest = new ListDigest();
  for (const item of list) digest.add(item);
  return digest.digest();
}

export function signedPayload(receipt: Record<string, unknown>): Buffer {
  const payload = Object.fromEntries(Object.entries(receipt).filter(([k]) => !UNSIGNED.has(k)));
  return Buffer.from(canonicalJson(payload), 'utf8');
}

export type SignedReceiptPart = Omit<Receipt, 'errors' | 'warnings' | 'errors_page'>;

/** Signs the receipt of a filing whose error and warning lists are digested already. */
export function signReceipt(
  keys: Keyring,
  draft: Omit<SignedReceiptPart, 'signature' | 'key_id'>,
): SignedReceiptPart {
  const body = { ...draft, key_id: keys.keyId };
  return { ...body, signature: keys.signBytes(signedPayload(body)) };
}

export type ReceiptCheck = { valid: true; complete: boolean } | { valid: false; reason: string };

/** Checks a receipt against a public key, offline. `complete` is false when only a page of its lists was given. */
export function verifyReceipt(receipt: unknown, publicKeyPem: string): ReceiptCheck {
  if (typeof receipt !== 'object' || receipt === null || Array.isArray(receipt)) {
    return { valid: false, reason: 'not a receipt: expected a JSON object' };
  }
  const r = receipt as Record<string, unknown>;
  if (typeof r.signature !== 'string') return { valid: false, reason: 'the receipt has no signature' };
  let payload: Buffer;
  try {
    payload = signedPayload(r);
  } catch (err) {
    return { valid: false, reason: `the receipt cannot be put in canonical form: ${(err as Error).message}` };
  }
  if (!verifySignature(publicKeyPem, payload, r.signature)) {
    return {
      valid: false,
      reason: 'the signature does not match the receipt (altered, or signed by another key)',
    };
  }
  // With errors_page the lists may be partial: the signed digests still cover the whole lists.
  const paged = r.errors_page !== undefined && r.errors_page !== null;
  if (!paged && Array.isArray(r.errors) && listDigest(r.errors) !== r.errors_sha256) {
    return { valid: false, reason: 'the error list does not match errors_sha256' };
  }
  if (!paged && Array.isArray(r.warnings) && listDigest(r.warnings) !== r.warnings_sha256) {
    return { valid: false, reason: 'the warning list does not match warnings_sha256' };
  }
  return { valid: true, complete: !paged && Array.isArray(r.errors) && Array.isArray(r.warnings) };
}
