import type { Db } from '../db/database.ts';
import type { Receipt, RecordError } from './receipt.ts';

interface FilingRow {
  id: string;
  receipt: string;
  body_sha256: string;
}

type ProblemKind = 'error' | 'warning';

/** SQL for filings, their receipts and their per-record problems. */
export function filingsStore(db: Db) {
  const q = {
    // Months in China Standard Time: a filing at 01:00 on the 1st in Beijing belongs to that month.
    countsByMonth: db.prepare<[string], { platform: string; month: string; kind: string; n: number }>(
      `SELECT p.slug AS platform, strftime('%Y-%m', f.received_at, '+8 hours') AS month, f.kind, count(*) AS n
       FROM filings f JOIN platforms p ON p.id = f.platform_id
       WHERE f.received_at >= ? GROUP BY p.slug, month, f.kind ORDER BY month, p.slug`,
    ),
    insert: db.prepare(
      `INSERT INTO filings (id, platform_id, kind, received_at, body_sha256, idempotency_key, receipt)
       VALUES (@id, @platform_id, @kind, @received_at, @body_sha256, @idempotency_key, @receipt)`,
    ),
    insertProblem: db.prepare<[string, ProblemKind, number, string]>(
      'INSERT INTO filing_problems (filing_id, kind, ord, body) VALUES (?, ?, ?, ?)',
    ),
    problems: db.prepare<[string, ProblemKind, number, number], string>(
      'SELECT body FROM filing_problems WHERE filing_id = ? AND kind = ? ORDER BY ord LIMIT ? OFFSET ?',
    ),
    problemCount: db.prepare<[string, ProblemKind], number>(
      'SELECT count(*) FROM filing_problems WHERE filing_id = ? AND kind = ?',
    ),
    deleteProblems: db.prepare<[string]>('DELETE FROM filing_problems WHERE filing_id = ?'),
    byIdempotencyKey: db.prepare<[number, string], FilingRow>(
      'SELECT id, receipt, body_sha256 FROM filings WHERE platform_id = ? AND idempotency_key = ?',
    ),
    byId: db.prepare<[number, string], FilingRow>(
      'SELECT id, receipt, body_sha256 FROM filings WHERE platform_id = ? AND id = ?',
    ),
    insertStage: db.prepare(
      `INSERT INTO filing_stages (id, platform_id, kind, idempotency_key, started_at)
       VALUES (@id, @platform_id, @kind, @idempotency_key, @started_at)`,
    ),
    stagesByKey: db.prepare<[number, string], string>(
      'SELECT id FROM filing_stages WHERE platform_id = ? AND idempotency_key = ?',
    ),
    allStages: db.prepare<[], { id: string; kind: string }>('SELECT id, kind FROM filing_stages'),
    deleteStage: db.prepare<[string]>('DELETE FROM filing_stages WHERE id = ?'),
  };
  q.problems.pluck();
  q.stagesByKey.pluck();
  q.problemCount.pluck();

  const list = (filingId: string, kind: ProblemKind, offset: number, limit: number) =>
    q.problems.all(filingId, kind, limit, offset).map((b) => JSON.parse(b) as RecordError);

  /** The receipt with errors from `offset` (all of them when they fit in `limit`, else a page). */
  function toReceipt(row: FilingRow, offset = 0, limit = Number.MAX_SAFE_INTEGER): Receipt {
    const signed = JSON.parse(row.receipt) as Omit<Receipt, 'errors' | 'warnings'>;
    const total = q.problemCount.get(row.id, 'error') ?? 0;
    const warnings = q.problemCount.get(row.id, 'warning') ?? 0;
    const receipt: Receipt = {
      ...signed,
      errors: list(row.id, 'error', offset, limit),
      warnings: list(row.id, 'warning', 0, limit),
    };
    if (offset > 0 || total > limit || warnings > limit) {
      const next =
        offset + limit < total
          ? `/v1/filings/${row.id}?errors_offset=${offset + limit}&errors_limit=${limit}`
          : null;
      receipt.errors_page = { offset, limit, total, next };
    }
    return receipt;
  }

  return {
    /** Writes the problems of a filing, numbered from `from`; the caller's transaction makes them count. */
    insertProblems(filingId: string, kind: ProblemKind, problems: readonly RecordError[], from = 0): void {
      problems.forEach((p, i) => {
        q.insertProblem.run(filingId, kind, from + i, JSON.stringify(p));
      });
    },
    deleteProblems: (filingId: string) => q.deleteProblems.run(filingId),
    /** Filings per platform, month (YYYY-MM, China Standard Time) and kind, received since `since` (RFC 3339, UTC). */
    countsByMonth: (since: string) => q.countsByMonth.all(since),
    /** Writes the filing row: from this moment the filing and all it staged are visible. */
    insert(platformId: number, receipt: Omit<Receipt, 'errors' | 'warnings' | 'errors_page'>): void {
      q.insert.run({
        id: receipt.filing_id,
        platform_id: platformId,
        kind: receipt.kind,
        received_at: receipt.received_at,
        body_sha256: receipt.body_sha256,
        idempotency_key: receipt.idempotency_key,
        receipt: JSON.stringify(receipt),
      });
    },
    /** A filing that is streaming in: what it stages stays invisible until its filing row is written. */
    insertStage: (row: {
      id: string;
      platform_id: number;
      kind: string;
      idempotency_key: string | null;
      started_at: string;
    }) => q.insertStage.run(row),
    stagesByKey: (platformId: number, key: string) => q.stagesByKey.all(platformId, key),
    allStages: () => q.allStages.all(),
    deleteStage: (id: string) => q.deleteStage.run(id),
    /** The filing an Idempotency-Key was first used for, with the digest of its body. */
    byIdempotencyKey(platformId: number, key: string, errorsLimit?: number) {
      const row = q.byIdempotencyKey.get(platformId, key);
      return row && { receipt: toReceipt(row, 0, errorsLimit), bodySha256: row.body_sha256 };
    },
    /** A platform's own filing; another platform's id reads as absent. */
    byId(
      platformId: number,
      filingId: string,
      page?: { offset: number; limit: number },
    ): Receipt | undefined {
      const row = q.byId.get(platformId, filingId);
      return row && toReceipt(row, page?.offset, page?.limit);
    },
  };
}

export type FilingsStore = ReturnType<typeof filingsStore>;
