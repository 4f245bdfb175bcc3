import { createHash } from 'node:crypto';
import type { Keyring } from '../keys/keyring.ts';
import { maskIdNumber, maskPhone } from '../lib/mask.ts';
import type { SellerRecord } from './record.ts';
import type { SubjectKey } from './store.ts';

/** Domains of the keyed hashes: the same value hashed for two purposes gives unrelated digests. */
export const HASH_DOMAIN = {
  idNumber: 'resident-id',
  phone: 'phone',
  address: 'address',
  legalRepresentative: 'legal-representative',
} as const;

/**
 * A validated seller record made ready to store: personal data encrypted and keyed-hashed, the stored
 * JSON holding only masks of it, and a digest of the whole record by which an unchanged re-filing is
 * recognised. All of it is CPU work done before the write transaction.
 */
export interface PreparedSeller {
  sellerId: string;
  subject: SubjectKey & { kind: string; legalName: string; idNumberEnc: Buffer | null };
  digest: Buffer;
  /** The stored record: every field as filed, personal data replaced by masks. */
  storedRecord: string;
  current: {
    subject_type: string;
    legal_name: string;
    store_name: string;
    store_url: string;
    status: string;
  };
  idNumberEnc: Buffer | null;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
}

export function prepareSeller(keys: Keyring, record: SellerRecord): PreparedSeller {
  const { id_number: idNumber, contact_phone: phone, ...rest } = record;
  const idHash = idNumber ? keys.keyedHash(HASH_DOMAIN.idNumber, idNumber) : null;
  const phoneHash = phone ? keys.keyedHash(HASH_DOMAIN.phone, phone) : null;
  const stored: Record<string, unknown> = { ...rest };
  if (idNumber) stored.id_number = maskIdNumber(idNumber);
  if (phone) stored.contact_phone = maskPhone(phone);
  const storedRecord = JSON.stringify(stored);
  // The digest covers the whole record; the personal data enters through its keyed hashes, so a plain
  // SHA-256 reveals nothing. zod builds its output in the schema's field order, so the JSON is stable.
  const digest = createHash('sha256')
    .update(storedRecord)
    .update(idHash ?? '')
    .update('\0')
    .update(phoneHash ?? '')
    .digest();
  const idNumberEnc = idNumber ? keys.encrypt(idNumber) : null;
  return {
    sellerId: record.seller_id,
    subject: {
      kind: record.subject_type,
      legalName: record.legal_name,
      uscc: idNumber ? null : (record.uscc ?? null),
      id_hash: idHash,
      idNumberEnc,
    },
    digest,
    storedRecord,
    current: {
      subject_type: record.subject_type,
      legal_name: record.legal_name,
      store_name: record.store_name,
      store_url: record.store_url,
      status: record.status,
    },
    idNumberEnc,
    phoneEnc: phone ? keys.encrypt(phone) : null,
    phoneHash,
  };
}
