import type { RecordError, RecordWarning } from '../filings/receipt.ts';
import type { FilingIntake } from '../filings/service.ts';
import type { RawRecord, RecordPosition } from '../filings/sources.ts';
import type { Keyring } from '../keys/keyring.ts';
import { newId } from '../lib/ids.ts';
import { type PreparedSeller, prepareSeller } from './prepare.ts';
import { SELLER_FIELDS, SELLER_ID, SELLER_REQUIRED_FIELDS, validateSellerRecord } from './record.ts';
import type { SellersStore } from './store.ts';

const MAX_RECORD_BYTES = 64 * 1024;

function describe(position: RecordPosition): string {
  return 'index' in position ? `index ${position.index}` : `line ${position.line}`;
}

/**
 * The seller filing: validates and prepares each record as it streams in, then, in the filing's
 * transaction, links each seller to its market subject and stores a new version when it changed.
 */
export function sellerIntake(keys: Keyring, store: SellersStore, platformId: number): FilingIntake {
  const errors: RecordError[] = [];
  const accepted: PreparedSeller[] = [];
  const seen = new Map<string, RecordPosition>();
  let received = 0;

  const reject = (
    position: RecordPosition,
    sellerId: string | null,
    problems: { field?: string; code: string; message: string }[],
  ) => {
    for (const p of problems) {
      errors.push({
        ...position,
        seller_id: sellerId,
        field: p.field ?? null,
        code: p.code,
        message: p.message,
      });
    }
  };

  function linkSubject(prepared: PreparedSeller, at: string): string {
    const { subject } = prepared;
    const existing = store.subjectByKey(subject);
    if (!existing) {
      const id = newId();
      store.insertSubject({
        id,
        kind: subject.kind,
        uscc: subject.uscc,
        id_hash: subject.id_hash,
        id_number_enc: subject.idNumberEnc,
        legal_name: subject.legalName,
        at,
      });
      return id;
    }
    // The subject carries the name it was most recently filed under, by any platform.
    if (existing.legal_name !== subject.legalName || existing.kind !== subject.kind) {
      store.renameSubject(existing.id, subject.legalName, subject.kind, at);
    }
    return existing.id;
  }

  return {
    source: {
      fields: SELLER_FIELDS,
      requiredColumns: SELLER_REQUIRED_FIELDS,
      maxRecordBytes: MAX_RECORD_BYTES,
    },
    received: () => received,
    errors: () => errors,
    accept(raw: RawRecord) {
      received++;
      if ('problem' in raw) return reject(raw.position, null, [raw.problem]);
      const rawId = raw.value.seller_id;
      const sellerId = typeof rawId === 'string' && SELLER_ID.test(rawId) ? rawId : null;
      const result = validateSellerRecord(raw.value);
      if (!result.ok) return reject(raw.position, sellerId, result.problems);
      const first = seen.get(result.record.seller_id);
      if (first) {
        // The first occurrence is filed; a later one cannot silently replace it within one filing.
        return reject(raw.position, result.record.seller_id, [
          {
            field: 'seller_id',
            code: 'duplicate_in_filing',
            message: `seller_id already appears at ${describe(first)} of this filing`,
          },
        ]);
      }
      seen.set(result.record.seller_id, raw.position);
      accepted.push(prepareSeller(keys, result.record));
    },
    apply({ filingId, receivedAt: at }) {
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const warnings: RecordWarning[] = [];
      for (const p of accepted) {
        const current = store.current(platformId, p.sellerId);
        if (current?.digest.equals(p.digest)) {
          unchanged++;
          continue;
        }
        const subjectId = linkSubject(p, at);
        const version = (current?.version ?? 0) + 1;
        const row = {
          platform_id: platformId,
          seller_id: p.sellerId,
          subject_id: subjectId,
          version,
          digest: p.digest,
          at,
          ...p.current,
        };
        if (current) store.updateSeller(row);
        else store.insertSeller(row);
        store.insertVersion({
          platform_id: platformId,
          seller_id: p.sellerId,
          version,
          filing_id: filingId,
          subject_id: subjectId,
          at,
          record: p.storedRecord,
          id_number_enc: p.idNumberEnc,
          contact_phone_enc: p.phoneEnc,
          contact_phone_hash: p.phoneHash,
        });
        if (current) updated++;
        else created++;
      }
      return { created, updated, unchanged, warnings };
    },
  };
}
