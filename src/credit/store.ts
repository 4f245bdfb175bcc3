import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { CreditEventKind, CreditSeverity } from './model.ts';

export type CreditSource =
  | 'filing'
  | 'verification'
  | 'trust_mark'
  | 'complaint'
  | 'penalty'
  | 'list'
  | 'commitment'
  | 'repair'
  | 'correction';

export interface CreditEventRow {
  id: string;
  subject_id: string;
  platform_id: number | null;
  seller_id: string | null;
  kind: CreditEventKind | 'correction';
  severity: CreditSeverity;
  source: CreditSource;
  source_id: string;
  occurred_at: string;
  counts_until: string | null;
  public: 0 | 1;
  cancels: string | null;
  recorded_at: string;
}

export type NewCreditEvent = Omit<CreditEventRow, 'id' | 'recorded_at' | 'public'> & { public: boolean };

export function creditStore(db: Db) {
  const q = {
    insert: db.prepare(
      `INSERT INTO credit_events (id, subject_id, platform_id, seller_id, kind, severity, source, source_id,
         occurred_at, counts_until, public, cancels, recorded_at)
       VALUES (@id, @subject_id, @platform_id, @seller_id, @kind, @severity, @source, @source_id,
         @occurred_at, @counts_until, @public, @cancels, @recorded_at)
       ON CONFLICT (source, source_id, kind) DO NOTHING`,
    ),
    bySource: db.prepare<[string, string, string], CreditEventRow>(
      'SELECT * FROM credit_events WHERE source = ? AND source_id = ? AND kind = ?',
    ),
    ofSubject: db.prepare<[string], CreditEventRow>(
      'SELECT * FROM credit_events WHERE subject_id = ? ORDER BY occurred_at, id',
    ),
  };
  return {
    /** Records an event once per (source, source id, kind); returns the stored event (the earlier one on a repeat). */
    record(event: NewCreditEvent, now = new Date()): CreditEventRow {
      q.insert.run({ ...event, id: newId(), public: event.public ? 1 : 0, recorded_at: now.toISOString() });
      return q.bySource.get(event.source, event.source_id, event.kind)!;
    },
    eventsOf: (subjectId: string) => q.ofSubject.all(subjectId),
    /** The event a source record wrote, if it wrote one of that kind. */
    eventOf: (source: CreditSource, sourceId: string, kind: CreditEventRow['kind']) =>
      q.bySource.get(source, sourceId, kind),
  };
}

export type CreditStore = ReturnType<typeof creditStore>;
