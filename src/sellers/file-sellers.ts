import type { RecordError } from '../filings/receipt.ts';
import type { RawRecord, RecordPosition } from '../filings/sources.ts';
import type { StreamedIntake } from '../filings/streamed.ts';
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
 * The seller filing: each record is validated and prepared as it streams in (validation, encryption,
 * hashing); a new or changed seller is staged as its next version, linked to its market subject; on
 * publishing, the sellers' current pointers and their subjects' names move to the new versions.
 */
export function sellerIntake(keys: Keyring, store: SellersStore, platformId: number): StreamedIntake {
  let received = 0;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let waiting: { prepared: PreparedSeller; version: number }[] = [];
  const waitingIds = new Map<string, RecordPosition>();

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

  function linkSubject(p: PreparedSeller, at: string): string {
    const existing = store.subjectId(p.subject);
    if (existing) return existing;
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
    return id;
  }

  return {
    source: {
      fields: SELLER_FIELDS,
      requiredColumns: SELLER_REQUIRED_FIELDS,
      maxRecordBytes: MAX_RECORD_BYTES,
    },
    accept(raw: RawRecord, filingId: string) {
      received++;
      if ('problem' in raw) return { errors: errorsOf(raw.position, null, [raw.problem]), warnings: [] };
      const rawId = raw.value.seller_id;
      const sellerId = typeof rawId === 'string' && SELLER_ID.test(rawId) ? rawId : null;
      const result = validateSellerRecord(raw.value);
      if (!result.ok) return { errors: errorsOf(raw.position, sellerId, result.problems), warnings: [] };
      const id = result.record.seller_id;
      const first = waitingIds.get(id);
      if (first || store.stagedIn(platformId, id, filingId)) {
        // The first occurrence is filed; a later one cannot silently replace it within one filing.
        const where = first ? describe(first) : 'an earlier record';
        return {
          errors: errorsOf(raw.position, id, [
            {
              field: 'seller_id',
              code: 'duplicate_in_filing',
              message: `seller_id already appears at ${where} of this filing`,
            },
          ]),
          warnings: [],
        };
      }
      const prepared = prepareSeller(keys, result.record);
      const current = store.current(platformId, id);
      if (current?.digest.equals(prepared.digest)) {
        unchanged++;
        return { errors: [], warnings: [] };
      }
      if (current) updated++;
      else created++;
      waiting.push({ prepared, version: (current?.version ?? 0) + 1 });
      waitingIds.set(id, raw.position);
      return { errors: [], warnings: [] };
    },
    pending: () => waiting.length,
    stage(filingId, at) {
      for (const { prepared: p, version } of waiting) {
        store.insertVersion({
          platform_id: platformId,
          seller_id: p.sellerId,
          version,
          filing_id: filingId,
          subject_id: linkSubject(p, at),
          filed_at: at,
          digest: p.digest,
          ...p.current,
          record: p.storedRecord,
          id_number_enc: p.idNumberEnc,
          contact_phone_enc: p.phoneEnc,
          contact_phone_hash: p.phoneHash,
        });
      }
      waiting = [];
      waitingIds.clear();
    },
    publish(filingId) {
      store.publish(filingId);
    },
    counts: () => ({ received, created, updated, unchanged }),
  };
}
