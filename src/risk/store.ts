import type { Db } from '../db/database.ts';

export const WARNING_STATUSES = ['open', 'assigned', 'confirmed', 'dismissed'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export interface WarningRow {
  id: string;
  signal: string;
  target: string;
  subject_id: string | null;
  platform_id: number | null;
  platform: string | null;
  seller_id: string | null;
  store_url: string | null;
  rule_version: string;
  severity: 'low' | 'medium' | 'high';
  score: number;
  status: WarningStatus;
  first_seen: string;
  last_seen: string;
  explanation: string;
  evidence: string;
  assignee: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  penalty_id: string | null;
  list_entry_id: string | null;
  updated_at: string;
}

export interface WarningFilter {
  signal?: string;
  status?: string;
  subject_id?: string;
  platform_id?: number;
  /** After this (score, id) in the queue's order: score descending, then id. */
  after?: { score: number; id: string };
  limit: number;
}

const SELECT = `SELECT w.*, p.slug AS platform FROM risk_warnings w LEFT JOIN platforms p ON p.id = w.platform_id`;

/** SQL for the warnings. */
export function riskStore(db: Db) {
  const q = {
    byId: db.prepare<[string], WarningRow>(`${SELECT} WHERE w.id = ?`),
    byTarget: db.prepare<[string, string], WarningRow>(`${SELECT} WHERE w.signal = ? AND w.target = ?`),
    insert: db.prepare(
      `INSERT INTO risk_warnings (id, signal, target, subject_id, platform_id, seller_id, store_url, rule_version, severity,
         score, status, first_seen, last_seen, explanation, evidence, updated_at)
       VALUES (@id, @signal, @target, @subject_id, @platform_id, @seller_id, @store_url, @rule_version, @severity,
         @score, 'open', @at, @at, @explanation, @evidence, @at)`,
    ),
    refresh: db.prepare(
      `UPDATE risk_warnings SET rule_version = CASE WHEN status IN ('open', 'assigned') THEN @rule_version ELSE rule_version END, severity = @severity, score = @score, last_seen = @at,
         explanation = @explanation, evidence = @evidence, store_url = @store_url, subject_id = @subject_id,
         updated_at = CASE WHEN @changed THEN @at ELSE updated_at END
       WHERE id = @id`,
    ),
    decide: db.prepare(
      `UPDATE risk_warnings SET status = @status, assignee = coalesce(@assignee, assignee), decided_by = @decided_by,
         decided_at = @decided_at, reason = @reason, penalty_id = @penalty_id, list_entry_id = @list_entry_id, updated_at = @at
       WHERE id = @id AND status = @from`,
    ),
    signals: db.prepare<[], { signal: string; rule_version: string; status: WarningStatus; n: number }>(
      'SELECT signal, rule_version, status, count(*) AS n FROM risk_warnings GROUP BY signal, rule_version, status',
    ),
    ofSubject: db.prepare<[string], WarningRow>(
      `${SELECT} WHERE w.subject_id = ? ORDER BY w.score DESC, w.id`,
    ),
    storeUrl: db.prepare<[number, string], { store_url: string }>(
      'SELECT store_url FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
  };
  return {
    byId: (id: string) => q.byId.get(id),
    byTarget: (signal: string, target: string) => q.byTarget.get(signal, target),
    insert: (row: Record<string, unknown>) => q.insert.run(row),
    refresh: (row: Record<string, unknown>) => q.refresh.run(row),
    /** Moves a warning from one status to another; false when it was no longer in `from`. */
    decide: (row: Record<string, unknown>) => q.decide.run(row).changes === 1,
    signalCounts: () => q.signals.all(),
    ofSubject: (subjectId: string) => q.ofSubject.all(subjectId),
    storeUrl: (platformId: number, sellerId: string) =>
      q.storeUrl.get(platformId, sellerId)?.store_url ?? null,
    list(f: WarningFilter): WarningRow[] {
      const where: string[] = [];
      const args: unknown[] = [];
      const when = (clause: string, ...values: unknown[]) => {
        where.push(clause);
        args.push(...values);
      };
      if (f.signal) when('w.signal = ?', f.signal);
      if (f.status) when('w.status = ?', f.status);
      if (f.subject_id) when('w.subject_id = ?', f.subject_id);
      if (f.platform_id !== undefined) when('w.platform_id = ?', f.platform_id);
      if (f.after)
        when('(w.score < ? OR (w.score = ? AND w.id > ?))', f.after.score, f.after.score, f.after.id);
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY w.score DESC, w.id LIMIT ?`;
      return db.prepare<unknown[], WarningRow>(sql).all(...args, f.limit);
    },
  };
}

export type RiskStore = ReturnType<typeof riskStore>;
