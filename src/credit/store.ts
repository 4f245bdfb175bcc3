import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { EpisodeAbout, OpenEpisode } from './episodes.ts';
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

/** A violation episode (migration 011, docs/decisions/0014). */
export interface EpisodeRow extends OpenEpisode {
  subject_id: string;
  platform_id: number;
  seller_id: string;
  about: EpisodeAbout;
  kind: CreditEventKind;
  severity: CreditSeverity;
  opened_by: string;
  last_seen_by: string;
  last_seen_at: string;
  seen: number;
  events: number;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: 'resolved' | 'replaced' | 'gone' | null;
}

export type NewEpisode = Omit<
  EpisodeRow,
  | 'seen'
  | 'events'
  | 'last_event_at'
  | 'closed_by'
  | 'closed_at'
  | 'close_reason'
  | 'last_seen_by'
  | 'last_seen_at'
>;

/** One verification of an episode, and the credit event it wrote there, if any. */
export interface EpisodeEvidenceRow {
  episode_id: string;
  verification_id: string;
  credit_event_id: string | null;
}

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
    openEpisodes: db.prepare<[number, string], EpisodeRow>(
      'SELECT * FROM violation_episodes WHERE platform_id = ? AND seller_id = ? AND closed_at IS NULL',
    ),
    insertEpisode: db.prepare(
      `INSERT INTO violation_episodes (id, subject_id, platform_id, seller_id, about, mark_key, violation, kind,
         severity, opened_by, opened_at, last_seen_by, last_seen_at, seen, events, last_event_at)
       VALUES (@id, @subject_id, @platform_id, @seller_id, @about, @mark_key, @violation, @kind,
         @severity, @opened_by, @opened_at, @opened_by, @opened_at, 1, 0, NULL)`,
    ),
    extendEpisode: db.prepare<[string, string, string]>(
      `UPDATE violation_episodes SET last_seen_by = ?, last_seen_at = max(last_seen_at, ?), seen = seen + 1
       WHERE id = ? AND closed_at IS NULL`,
    ),
    episodeEvent: db.prepare<[string, string]>(
      `UPDATE violation_episodes SET events = events + 1, last_event_at = max(coalesce(last_event_at, ''), ?)
       WHERE id = ?`,
    ),
    closeEpisode: db.prepare<[string, string, string, string]>(
      `UPDATE violation_episodes SET closed_by = ?, closed_at = ?, close_reason = ?
       WHERE id = ? AND closed_at IS NULL`,
    ),
    linkEvidence: db.prepare<[string, string, string | null]>(
      `INSERT INTO violation_episode_verifications (episode_id, verification_id, credit_event_id) VALUES (?, ?, ?)
       ON CONFLICT (episode_id, verification_id) DO UPDATE SET credit_event_id = coalesce(credit_event_id, excluded.credit_event_id)`,
    ),
    episodesOfStore: db.prepare<[number, string, number], EpisodeRow>(
      `SELECT * FROM violation_episodes WHERE platform_id = ? AND seller_id = ?
       ORDER BY opened_at DESC, id DESC LIMIT ?`,
    ),
    episode: db.prepare<[string], EpisodeRow>('SELECT * FROM violation_episodes WHERE id = ?'),
    evidenceOf: db.prepare<[string], EpisodeEvidenceRow>(
      'SELECT * FROM violation_episode_verifications WHERE episode_id = ? ORDER BY verification_id',
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

    // Violation episodes: written only by creditFromVerification, inside recordVerification's transaction.
    /** A store's open episodes: at most one about its identity and one per mark. */
    openEpisodes: (platformId: number, sellerId: string) => q.openEpisodes.all(platformId, sellerId),
    /** Opens an episode, seen once (by the verification that opened it), with no event yet. */
    openEpisode(row: NewEpisode): EpisodeRow {
      q.insertEpisode.run(row);
      q.linkEvidence.run(row.id, row.opened_by, null);
      return q.episode.get(row.id)!;
    },
    /** One more verification found what the episode is about: kept as its evidence. */
    extendEpisode(id: string, verificationId: string, at: string): void {
      q.extendEpisode.run(verificationId, at, id);
      q.linkEvidence.run(id, verificationId, null);
    },
    /** The episode wrote `event` at the verification that found it. */
    episodeEvent(id: string, verificationId: string, event: CreditEventRow): void {
      q.episodeEvent.run(event.occurred_at, id);
      q.linkEvidence.run(id, verificationId, event.id);
    },
    /** True when this call closed it. */
    closeEpisode: (id: string, verificationId: string, at: string, why: 'resolved' | 'replaced' | 'gone') =>
      q.closeEpisode.run(verificationId, at, why, id).changes === 1,
    /** A store's episodes, newest first. */
    episodesOfStore: (platformId: number, sellerId: string, limit: number) =>
      q.episodesOfStore.all(platformId, sellerId, limit),
    episode: (id: string) => q.episode.get(id),
    /** The verifications of an episode, oldest first, with the events they wrote. */
    evidenceOf: (episodeId: string) => q.evidenceOf.all(episodeId),
  };
}

export type CreditStore = ReturnType<typeof creditStore>;
