import type { Signal } from './rules.ts';

/** What a warning concerns: one store, one market subject, or one platform as a whole. */
export type Target =
  | { kind: 'store'; platform_id: number; seller_id: string }
  | { kind: 'subject'; subject_id: string }
  | { kind: 'platform'; platform_id: number };

export function targetKey(t: Target): string {
  if (t.kind === 'store') return `store:${t.platform_id}:${t.seller_id}`;
  if (t.kind === 'subject') return `subject:${t.subject_id}`;
  return `platform:${t.platform_id}`;
}

/** The sentence a regulator reads, and the numbers behind it. */
export interface Explanation {
  text: string;
  rule: string;
  threshold: Record<string, number | string>;
  found: Record<string, number | string>;
  /** What the value was compared with (the store's own past, its category, all subjects), or null. */
  comparison: string | null;
}

/** Ids that show it, capped, each with its total. */
export type Evidence = Partial<
  Record<
    'orders' | 'sellers' | 'subjects' | 'complaints' | 'verifications' | 'filings',
    { ids: string[]; total: number }
  >
> & { hours?: string[] };

export const EVIDENCE_CAP = 20;

export function capped(ids: Iterable<string>, total?: number): { ids: string[]; total: number } {
  const all = [...ids];
  return { ids: all.slice(0, EVIDENCE_CAP), total: total ?? all.length };
}

/** One rule's result on one target: what becomes (or updates) a warning. */
export interface Finding {
  signal: Signal;
  version: string;
  target: Target;
  subject_id: string | null;
  score: number;
  explanation: Explanation;
  evidence: Evidence;
}
