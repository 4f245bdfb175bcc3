import { asBuffer } from '../filings/kinds.ts';
import type { RecordError } from '../filings/receipt.ts';
import type { RecordPosition } from '../filings/sources.ts';
import type { Checked, Checker, StreamedIntake } from '../filings/intake.ts';
import type { Keyring } from '../keys/keyring.ts';
import { newId } from '../lib/ids.ts';
import { normalizeCompanyName } from '../../crawlers/extract/names.ts';
import { type PreparedSeller, prepareSeller } from './prepare.ts';
import { SELLER_FIELDS, SELLER_ID, SELLER_REQUIRED_FIELDS, validateSellerRecord } from './record.ts';
import type { SellerCurrent, SellersStore } from './store.ts';
import { type LinkedSubject, newStoreChangesNothing } from './subject-names.ts';
import type { CreditRecords } from '../credit/records.ts';

export const SELLER_SOURCE = {
  fields: SELLER_FIELDS,
  requiredColumns: SELLER_REQUIRED_FIELDS,
  maxRecordBytes: 64 * 1024,
};

function describe(position: RecordPosition): string {
  return 'index' in position ? `index ${position.index}` : `line ${position.line}`;
}

const errorsOf = (
  position: RecordPosition,
  sellerId: string | null,
  problems: { field?: string | null; code: string; message: string }[],
): RecordError[] =>
  problems.map((p) => ({
    ...position,
    seller_id: sellerId,
    field: p.field ?? null,
    code: p.code,
    message: p.message,
  }));

/**
 * A prepared seller with its name normalised as the crawler compares names (normalizeCompanyName): the
 * subject's shown name counts platforms by this key (decision 0013), so 全角/半角, brackets and spaces
 * typed differently are one name.
 */
type CheckedSeller = PreparedSeller & { nameKey: string };

/** The database-free half: validation, then encryption and hashing (runs on a check worker). */
export function sellerChecker(keys: Keyring): Checker {
  return (raw) => {
    if ('problem' in raw)
      return { position: raw.position, ok: false, errors: errorsOf(raw.position, null, [raw.problem]) };
    const rawId = raw.value.seller_id;
    const sellerId = typeof rawId === 'string' && SELLER_ID.test(rawId) ? rawId : null;
    const result = validateSellerRecord(raw.value);
    if (!result.ok)
      return { position: raw.position, ok: false, errors: errorsOf(raw.position, sellerId, result.problems) };
    const value: CheckedSeller = {
      ...prepareSeller(keys, result.record),
      nameKey: normalizeCompanyName(result.record.legal_name),
    };
    return { position: raw.position, ok: true, value, warnings: [] };
  };
}

/** A prepared seller as it comes back from a worker: its byte arrays made Buffers again. */
function revive(p: CheckedSeller): CheckedSeller {
  return {
    ...p,
    subject: {
      ...p.subject,
      id_hash: asBuffer(p.subject.id_hash),
      idNumberEnc: asBuffer(p.subject.idNumberEnc),
    },
    digest: asBuffer(p.digest),
    idNumberEnc: asBuffer(p.idNumberEnc),
    phoneEnc: asBuffer(p.phoneEnc),
    phoneHash: asBuffer(p.phoneHash),
  };
}

/**
 * The seller filing: a checked seller that is new or changed is staged as its next version, linked to
 * its market subject; on publishing, the sellers' current pointers move to the new versions and their
 * subjects' shown names follow the rule of decision 0013 (no one platform can rename a subject).
 */
export function sellerIntake(
  store: SellersStore,
  platformId: number,
  lists: Pick<CreditRecords, 'openEntry' | 'insertAlert' | 'raiseNameConflicts'>,
): StreamedIntake {
  /** Sellers of subjects on the serious list: each becomes an alert when the filing is published. */
  const blacklisted: { seller_id: string; subject_id: string; entry_id: string }[] = [];

  /** Joint punishment: a subject on the serious list, filed by any platform, is pointed out in the receipt. */
  function blacklistWarnings(p: PreparedSeller, position: RecordPosition): RecordError[] {
    const subjectId = store.subjectId(p.subject);
    const entry = subjectId ? lists.openEntry(subjectId, 'serious') : undefined;
    if (!entry) return [];
    blacklisted.push({ seller_id: p.sellerId, subject_id: subjectId!, entry_id: entry.id });
    return errorsOf(position, p.sellerId, [
      {
        field: 'subject',
        code: 'subject_on_blacklist',
        message: `the market subject is on the serious illegal and dishonest list since ${entry.entered_on}; regulators are alerted`,
      },
    ]);
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let waiting: { prepared: CheckedSeller; version: number; current: SellerCurrent | undefined }[] = [];
  const waitingIds = new Map<string, RecordPosition>();

  type Linked = LinkedSubject & { created: boolean };

  function linkSubject(p: PreparedSeller, at: string): Linked {
    const existing = store.linkedSubject(p.subject);
    if (existing) return { ...existing, created: false };
    const id = newId();
    store.insertSubject({
      id,
      kind: p.subject.kind,
      uscc: p.subject.uscc,
      id_hash: p.subject.id_hash,
      id_number_enc: p.subject.idNumberEnc,
      legal_name: p.subject.legalName,
      at,
    });
    return { id, created: true, legal_name: p.subject.legalName, name_basis: 'majority' };
  }

  /**
   * The subjects whose shown name publishing this version may change (decision 0013), from what staging
   * knows already: the seller's current version and whether its subject was created for it. A subject
   * created for a new store shows that store's name; publishing checks whether another store joined it.
   */
  function noteNamesDue(
    filingId: string,
    p: CheckedSeller,
    current: SellerCurrent | undefined,
    subject: Linked,
  ): void {
    if (!current) {
      if (!subject.created && !newStoreChangesNothing(subject, p.current.legal_name))
        store.markNameDue(filingId, subject.id);
      return;
    }
    if (current.subject_id !== subject.id) {
      store.markNameDue(filingId, current.subject_id);
      store.markNameDue(filingId, subject.id);
    } else if (
      current.legal_name !== p.current.legal_name ||
      (current.status === 'closed') !== (p.current.status === 'closed')
    ) {
      store.markNameDue(filingId, subject.id);
    }
  }

  return {
    source: SELLER_SOURCE,
    admit(checked: Checked<unknown>, filingId: string) {
      if (!checked.ok) return { errors: checked.errors, warnings: [] };
      const prepared = revive(checked.value as CheckedSeller);
      const id = prepared.sellerId;
      const first = waitingIds.get(id);
      if (first || store.stagedIn(platformId, id, filingId)) {
        // The first occurrence is filed; a later one cannot silently replace it within one filing.
        const where = first ? describe(first) : 'an earlier record';
        return {
          errors: errorsOf(checked.position, id, [
            {
              field: 'seller_id',
              code: 'duplicate_in_filing',
              message: `seller_id already appears at ${where} of this filing`,
            },
          ]),
          warnings: [],
        };
      }
      const warnings = blacklistWarnings(prepared, checked.position);
      const current = store.current(platformId, id);
      if (current?.digest.equals(prepared.digest)) {
        unchanged++;
        return { errors: [], warnings };
      }
      if (current) updated++;
      else created++;
      waiting.push({ prepared, version: (current?.version ?? 0) + 1, current });
      waitingIds.set(id, checked.position);
      return { errors: [], warnings };
    },
    pending: () => waiting.length,
    stage(filingId, at) {
      for (const { prepared: p, version, current } of waiting) {
        const subject = linkSubject(p, at);
        noteNamesDue(filingId, p, current, subject);
        store.insertVersion({
          platform_id: platformId,
          seller_id: p.sellerId,
          version,
          filing_id: filingId,
          subject_id: subject.id,
          filed_at: at,
          digest: p.digest,
          ...p.current,
          record: p.storedRecord,
          id_number_enc: p.idNumberEnc,
          contact_phone_enc: p.phoneEnc,
          contact_phone_hash: p.phoneHash,
          name_key: p.nameKey,
        });
      }
      waiting = [];
      waitingIds.clear();
    },
    publish(filingId) {
      const at = new Date().toISOString();
      store.publish(filingId, at);
      lists.raiseNameConflicts({ raisedIn: filingId, platformId, filingId, at });
      for (const b of blacklisted) {
        lists.insertAlert({
          id: newId(),
          kind: 'subject_on_blacklist',
          subject_id: b.subject_id,
          platform_id: platformId,
          seller_id: b.seller_id,
          filing_id: filingId,
          list_entry_id: b.entry_id,
          created_at: at,
        });
      }
    },
    counts: () => ({ created, updated, unchanged }),
  };
}
