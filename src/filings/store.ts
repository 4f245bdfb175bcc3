import type { Db } from '../db/database.ts';
import type { Receipt, RecordError, RecordWarning } from './receipt.ts';

interface FilingRow {
  id: string;
  platform_id: number;
  receipt: string;
  errors: string;
  warnings: string;
  body_sha256: string;
}

/** SQL for filings and their receipts. */
export function filingsStore(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO filings (id, platform_id, kind, received_at, body_sha256, idempotency_key, receipt, errors, warnings)
       VALUES (@id, @platform_id, @kind, @received_at, @body_sha256, @idempotency_key, @receipt, @errors, @warnings)`,
    ),
    byIdempotencyKey: db.prepare<[number, string], FilingRow>(
      'SELECT * FROM filings WHERE platform_id = ? AND idempotency_key = ?',
    ),
    byId: db.prepare<[number, string], FilingRow>('SELECT * FROM filings WHERE platform_id = ? AND id = ?'),
  };
  const toReceipt = (row: FilingRow): Receipt => ({
    ...(JSON.parse(row.receipt) as Omit<Receipt, 'errors' | 'warnings'>),
    errors: JSON.parse(row.errors) as RecordError[],
    warnings: JSON.parse(row.warnings) as RecordWarning[],
  });
  return {
    insert(platformId: number, receipt: Receipt): void {
      const { errors, warnings, ...signed } = receipt;
      q.insert.run({
        id: receipt.filing_id,
        platform_id: platformId,
        kind: receipt.kind,
        received_at: receipt.received_at,
        body_sha256: receipt.body_sha256,
        idempotency_key: receipt.idempotency_key,
        receipt: JSON.stringify(signed),
        errors: JSON.stringify(errors),
        warnings: JSON.stringify(warnings),
      });
    },
    /** The filing an Idempotency-Key was first used for, with the digest of its body. */
    byIdempotencyKey(platformId: number, key: string): { receipt: Receipt; bodySha256: string } | undefined {
      const row = q.byIdempotencyKey.get(platformId, key);
      return row && { receipt: toReceipt(row), bodySha256: row.body_sha256 };
    },
    /** A platform's own filing; another platform's id reads as absent. */
    byId(platformId: number, filingId: string): Receipt | undefined {
      const row = q.byId.get(platformId, filingId);
      return row && toReceipt(row);
    },
  };
}

export type FilingsStore = ReturnType<typeof filingsStore>;
