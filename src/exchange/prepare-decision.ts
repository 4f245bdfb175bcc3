import { createHash } from 'node:crypto';
import type { Keyring } from '../keys/keyring.ts';
import { maskIdNumber } from '../lib/mask.ts';
import { isValidIdNumber } from '../lib/resident-id.ts';
import { HASH_DOMAIN } from '../sellers/prepare.ts';
import { compactCode } from '../../crawlers/lib/width.ts';
import type { DecisionRecord, IdDocumentType } from './decision-record.ts';

/**
 * A validated decision made ready to store, in a form that survives structured cloning from a check
 * worker (strings, numbers, plain objects, byte arrays). A natural person's document number is kept only
 * as a mask and a keyed hash: the standard shares it between departments but never publishes it, and
 * nothing marketgate does with a decision needs it back — matching the person to a subject needs only
 * the hash. The publication deadline is not computed here: it needs the holiday calendar.
 */
export interface PreparedDecision {
  /** The decision's identity across filings: the authority's code and its normalised document number. */
  key: string;
  kind: DecisionRecord['kind'];
  status: DecisionRecord['status'];
  decisionNumber: string;
  authorityUscc: string;
  decidedOn: string;
  withdrawnOn: string | null;
  subject: {
    category: DecisionRecord['subject_category'];
    name: string;
    uscc: string | null;
    idType: IdDocumentType | null;
    /** HMAC of the document number; a resident ID hashes as a seller's does, so the two meet on one subject. */
    idHash: Uint8Array | null;
  };
  /** The record as filed, the document number replaced by its mask: what is stored and exported. */
  storedRecord: string;
  /** SHA-256 of the stored record and the keyed hash: an unchanged re-filing is recognised by it. */
  digest: Uint8Array;
}

/** Hash domain of documents other than GB 11643 numbers: a passport number never meets an ID number. */
const documentDomain = (type: IdDocumentType) => `identity-document/${type}`;

/**
 * Official document numbers write their year in 〔〕 (GB/T 9704), typed as [], (), 【】 and their full-width
 * forms too: all are one bracket in the key, as full-width letters and digits, spaces and case are.
 */
export function normalizeDecisionNumber(number: string): string {
  return compactCode(number)
    .replace(/[[(【〔]/gu, '〔')
    .replace(/[\])】〕]/gu, '〕');
}

export function decisionKey(authorityUscc: string, decisionNumber: string): string {
  // A USCC is always 18 characters, so the key splits back unambiguously whatever the number holds.
  return `${authorityUscc}:${normalizeDecisionNumber(decisionNumber)}`;
}

/**
 * A document number that is no GB 11643 number keeps its first character and last 2 (E******78); a
 * shorter mask than an ID number's, since these numbers are short and their region part means nothing.
 */
export function maskDocumentNumber(type: IdDocumentType, id: string): string {
  if (isValidIdNumber(id)) return maskIdNumber(id);
  if (type === 'resident_id' || id.length <= 6) return '*'.repeat(id.length);
  return `${id[0]}${'*'.repeat(id.length - 3)}${id.slice(-2)}`;
}

export function prepareDecision(keys: Keyring, record: DecisionRecord): PreparedDecision {
  const { id_number: idNumber, ...rest } = record;
  const idType = record.id_type ?? null;
  let idHash: Uint8Array | null = null;
  const stored: Record<string, unknown> = { ...rest };
  if (idNumber && idType) {
    const domain = isValidIdNumber(idNumber) ? HASH_DOMAIN.idNumber : documentDomain(idType);
    idHash = keys.keyedHash(domain, idNumber);
    stored.id_number = maskDocumentNumber(idType, idNumber);
  }
  // zod builds its output in the schema's field order, so the JSON is stable for the digest.
  const storedRecord = JSON.stringify(stored);
  const digest = createHash('sha256')
    .update(storedRecord)
    .update('\0')
    .update(idHash ?? '')
    .digest();
  return {
    key: decisionKey(record.authority_uscc, record.decision_number),
    kind: record.kind,
    status: record.status,
    decisionNumber: record.decision_number,
    authorityUscc: record.authority_uscc,
    decidedOn: record.decided_on,
    withdrawnOn: record.withdrawn_on ?? null,
    subject: {
      category: record.subject_category,
      name: record.subject_name,
      uscc: record.subject_uscc ?? null,
      idType,
      idHash,
    },
    storedRecord,
    digest,
  };
}
