import type { Keyring } from '../keys/keyring.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { maskIdNumber, maskPhone } from '../lib/mask.ts';
import type { SellerRecord } from './record.ts';
import type { SubjectKey } from './store.ts';

/** Domains of the keyed hashes: the same value hashed for two purposes gives unrelated digests. */
export const HASH_DOMAIN = {
  idNumber: 'resident-id',
  phone: 'phone',
  sellerRecord: 'seller-record',
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
  const idNumberEnc = idNumber ? keys.encrypt(idNumber) : null;
  const stored = {
    ...rest,
    ...(idNumber ? { id_number: maskIdNumber(idNumber) } : {}),
    ...(phone ? { contact_phone: maskPhone(phone) } : {}),
  };
  return {
    sellerId: record.seller_id,
    subject: {
      kind: record.subject_type,
      legalName: record.legal_name,
      uscc: idNumber ? null : (record.uscc ?? null),
      id_hash: idNumber ? keys.keyedHash(HASH_DOMAIN.idNumber, idNumber) : null,
      idNumberEnc,
    },
    digest: keys.keyedHash(HASH_DOMAIN.sellerRecord, canonicalJson(record)),
    storedRecord: JSON.stringify(stored),
    current: {
      subject_type: record.subject_type,
      legal_name: record.legal_name,
      store_name: record.store_name,
      store_url: record.store_url,
      status: record.status,
    },
    idNumberEnc,
    phoneEnc: phone ? keys.encrypt(phone) : null,
    phoneHash: phone ? keys.keyedHash(HASH_DOMAIN.phone, phone) : null,
  };
}
