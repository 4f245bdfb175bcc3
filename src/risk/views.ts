import type { Explanation, Evidence } from './finding.ts';
import { RULES, SIGNALS, type Signal } from './rules.ts';
import type { RiskStore, WarningRow, WarningStatus } from './store.ts';

/** A warning as the API answers it (GET /v1/regulator/risk/warnings). */
export interface WarningView {
  warning_id: string;
  signal: string;
  rule_version: string;
  subject_id: string | null;
  platform: string | null;
  seller_id: string | null;
  store_url: string | null;
  severity: 'low' | 'medium' | 'high';
  score: number;
  status: WarningStatus;
  first_seen: string;
  last_seen: string;
  explanation: Explanation;
  evidence: Evidence;
  assignee: string | null;
  decision: {
    by: string;
    at: string;
    reason: string;
    penalty_id: string | null;
    list_entry_id: string | null;
  } | null;
}

export function warningView(w: WarningRow): WarningView {
  return {
    warning_id: w.id,
    signal: w.signal,
    rule_version: w.rule_version,
    subject_id: w.subject_id,
    platform: w.platform,
    seller_id: w.seller_id,
    store_url: w.store_url,
    severity: w.severity,
    score: w.score,
    status: w.status,
    first_seen: w.first_seen,
    last_seen: w.last_seen,
    explanation: JSON.parse(w.explanation) as Explanation,
    evidence: JSON.parse(w.evidence) as Evidence,
    assignee: w.assignee,
    decision:
      w.decided_by && w.decided_at && w.reason
        ? {
            by: w.decided_by,
            at: w.decided_at,
            reason: w.reason,
            penalty_id: w.penalty_id,
            list_entry_id: w.list_entry_id,
          }
        : null,
  };
}

/** Warnings by status, and the share confirmed of those decided (null before any decision). */
export interface DecisionCounts {
  counts: Record<WarningStatus, number>;
  decided: number;
  precision: number | null;
}

/**
 * Per signal: its current rule's figures, and each rule version's apart (a decision measures the rule
 * that raised the warning: a dismissal under order_brushing/1 says nothing of order_brushing/2).
 */
export interface SignalStats extends DecisionCounts {
  signal: Signal;
  rule_version: string;
  versions: ({ rule_version: string } & DecisionCounts)[];
}

function decisionCounts(rows: { status: WarningStatus; n: number }[]): DecisionCounts {
  const counts: Record<WarningStatus, number> = { open: 0, assigned: 0, confirmed: 0, dismissed: 0 };
  for (const r of rows) counts[r.status] += r.n;
  const decided = counts.confirmed + counts.dismissed;
  return { counts, decided, precision: decided ? Number((counts.confirmed / decided).toFixed(4)) : null };
}

export function signalStats(store: RiskStore): SignalStats[] {
  const rows = store.signalCounts();
  return SIGNALS.map((signal) => {
    const mine = rows.filter((r) => r.signal === signal);
    const current = RULES[signal].version;
    const versions = [...new Set([current, ...mine.map((r) => r.rule_version)])].sort();
    return {
      signal,
      rule_version: current,
      ...decisionCounts(mine.filter((r) => r.rule_version === current)),
      versions: versions.map((v) => ({
        rule_version: v,
        ...decisionCounts(mine.filter((r) => r.rule_version === v)),
      })),
    };
  });
}
