/**
 * The TypeScript step of migration 011 (docs/decisions/0014-violation-episodes.md), run by the
 * migration runner right after 011_violation_episodes.sql, in the same transaction.
 *
 * Before 011 every verification that found a violation wrote a credit event: a store crawled four
 * times while showing another company's code had four. This step replays each such store's
 * verifications, oldest first, through the same rule the gateway now follows (credit/episodes.ts), and:
 *
 * - rebuilds the episodes (open ones too: the next crawl extends them instead of opening new ones), with
 *   every verification that found them as their evidence;
 * - keeps each event written where an episode opened, or where it had lasted 90 days since its last
 *   event (the further event the rule writes), and links it to its episode;
 * - cancels every other verification or trust-mark event by a correction event: the ledger stays
 *   append-only. The correction occurs when the event it cancels did, so the duplicate never counts,
 *   at any moment asked about (it was never a fact: it was a crawl);
 * - rescores the subjects it corrected, with every model version they have a stored score of.
 *
 * Before 011 a page showed one mark event per verification (the worst mark): where several marks open
 * episodes at one verification, the kept event goes to the worst and the others have none. Episodes
 * found without any event (a listener that crashed after its verdict was committed) are rebuilt without
 * one; this step cancels, it never adds a penalty.
 *
 * Idempotent: a store that has episodes already is left alone, and a correction is written once per
 * event (the ledger's unique source index).
 */
import type Database from 'better-sqlite3';
import type { Verification } from '../../../crawlers/verify/verification.ts';
import {
  type OpenEpisode,
  observe,
  severityRank,
  stepEpisodes,
  type Violation,
} from '../../credit/episodes.ts';
import { CURRENT_MODEL, MODELS, type ScoredEvent, scoreSubject } from '../../credit/model.ts';
import { newId } from '../../lib/ids.ts';

interface EventRow extends ScoredEvent {
  subject_id: string;
  platform_id: number | null;
  seller_id: string | null;
  source: string;
  source_id: string;
  public: 0 | 1;
  cancels: string | null;
}

interface Episode extends OpenEpisode, Violation {
  subject_id: string;
  opened_by: string;
  last_seen_by: string;
  last_seen_at: string;
  seen: number;
  events: number;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
  evidence: { verification_id: string; credit_event_id: string | null }[];
}

const IDENTITY_KINDS = ['verification_identity_missing', 'verification_identity_mismatch'];

export function rebuildViolationEpisodes(
  db: Database.Database,
  now = new Date(),
): { stores: number; episodes: number; corrections: number; subjects: number } {
  const q = {
    // Stores that showed a violation, or have an event from one (a mark on an inconclusive page).
    stores: db.prepare<[], { platform_id: number; seller_id: string }>(
      `SELECT platform_id, seller_id FROM verifications WHERE verdict IN ('identity_missing', 'identity_mismatch')
       UNION
       SELECT platform_id, seller_id FROM credit_events
       WHERE source IN ('verification', 'trust_mark') AND platform_id IS NOT NULL AND seller_id IS NOT NULL`,
    ),
    hasEpisodes: db
      .prepare<[number, string], number>(
        'SELECT 1 FROM violation_episodes WHERE platform_id = ? AND seller_id = ? LIMIT 1',
      )
      .pluck(),
    // The ids first, each record then on its own: a store may have years of visits, and writes go on.
    verifications: db.prepare<[number, string], { id: string; subject_id: string; finished_at: string }>(
      `SELECT id, subject_id, finished_at FROM verifications WHERE platform_id = ? AND seller_id = ?
       ORDER BY finished_at, id`,
    ),
    record: db.prepare<[string], string>('SELECT record FROM verifications WHERE id = ?').pluck(),
    eventsOf: db.prepare<[string], EventRow>('SELECT * FROM credit_events WHERE subject_id = ?'),
    insertEvent: db.prepare(
      `INSERT INTO credit_events (id, subject_id, platform_id, seller_id, kind, severity, source, source_id,
         occurred_at, counts_until, public, cancels, recorded_at)
       VALUES (@id, @subject_id, @platform_id, @seller_id, 'correction', @severity, 'correction', @source_id,
         @occurred_at, NULL, @public, @cancels, @recorded_at)
       ON CONFLICT (source, source_id, kind) DO NOTHING`,
    ),
    insertEpisode: db.prepare(
      `INSERT INTO violation_episodes (id, subject_id, platform_id, seller_id, about, mark_key, violation, kind,
         severity, opened_by, opened_at, last_seen_by, last_seen_at, seen, events, last_event_at, closed_by,
         closed_at, close_reason)
       VALUES (@id, @subject_id, @platform_id, @seller_id, @about, @mark_key, @violation, @kind, @severity,
         @opened_by, @opened_at, @last_seen_by, @last_seen_at, @seen, @events, @last_event_at, @closed_by,
         @closed_at, @close_reason)`,
    ),
    insertEvidence: db.prepare(
      `INSERT INTO violation_episode_verifications (episode_id, verification_id, credit_event_id)
       VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    storedVersions: db
      .prepare<[string], string>('SELECT model_version FROM credit_scores WHERE subject_id = ?')
      .pluck(),
    saveScore: db.prepare(
      `INSERT INTO credit_scores (subject_id, model_version, score, tier, tier_rule, computed_at, explanation)
       VALUES (@subject_id, @model_version, @score, @tier, @tier_rule, @computed_at, @explanation)
       ON CONFLICT (subject_id, model_version) DO UPDATE SET score = excluded.score, tier = excluded.tier,
         tier_rule = excluded.tier_rule, computed_at = excluded.computed_at, explanation = excluded.explanation`,
    ),
  };

  const result = { stores: 0, episodes: 0, corrections: 0, subjects: 0 };
  const corrected = new Set<string>();
  /** A subject's events by source and source id, and the ids already cancelled (read once a subject). */
  const ledgers = new Map<string, { bySource: Map<string, EventRow[]>; cancelled: Set<string> }>();
  const ledgerOf = (subjectId: string) => {
    let ledger = ledgers.get(subjectId);
    if (!ledger) {
      const events = q.eventsOf.all(subjectId);
      const bySource = new Map<string, EventRow[]>();
      for (const e of events) {
        const key = `${e.source}\n${e.source_id}`;
        bySource.set(key, [...(bySource.get(key) ?? []), e]);
      }
      const cancelled = new Set(events.flatMap((e) => (e.cancels ? [e.cancels] : [])));
      ledger = { bySource, cancelled };
      ledgers.set(subjectId, ledger);
    }
    return ledger;
  };
  const cancel = (event: EventRow) => {
    const { changes } = q.insertEvent.run({
      id: newId(),
      subject_id: event.subject_id,
      platform_id: event.platform_id,
      seller_id: event.seller_id,
      severity: event.severity,
      source_id: event.id,
      occurred_at: event.occurred_at,
      public: event.public,
      cancels: event.id,
      recorded_at: now.toISOString(),
    });
    ledgerOf(event.subject_id).cancelled.add(event.id);
    if (changes === 0) return;
    result.corrections++;
    corrected.add(event.subject_id);
  };

  for (const store of q.stores.all()) {
    if (q.hasEpisodes.get(store.platform_id, store.seller_id)) continue;
    result.stores++;
    const open = new Map<string, Episode>();
    const all: Episode[] = [];
    for (const v of q.verifications.all(store.platform_id, store.seller_id)) {
      const at = v.finished_at;
      const record = JSON.parse(q.record.get(v.id)!) as Verification;
      const due: Episode[] = [];
      for (const step of stepEpisodes([...open.values()], observe(record), new Date(at))) {
        if (step.step === 'close') {
          const episode = open.get(keyOf(step.episode))!;
          Object.assign(episode, { closed_by: v.id, closed_at: at, close_reason: step.why });
          open.delete(keyOf(episode));
        } else if (step.step === 'extend') {
          const episode = open.get(keyOf(step.episode))!;
          Object.assign(episode, { last_seen_by: v.id, last_seen_at: at, seen: episode.seen + 1 });
          episode.evidence.push({ verification_id: v.id, credit_event_id: null });
          // An episode whose opening event was lost (a listener that failed) takes the next one written.
          if (step.event || episode.events === 0) due.push(episode);
        } else {
          const episode: Episode = {
            ...step.violation,
            id: newId(),
            subject_id: v.subject_id,
            opened_by: v.id,
            opened_at: at,
            last_seen_by: v.id,
            last_seen_at: at,
            seen: 1,
            events: 0,
            last_event_at: null,
            closed_by: null,
            closed_at: null,
            close_reason: null,
            evidence: [{ verification_id: v.id, credit_event_id: null }],
          };
          open.set(keyOf(episode), episode);
          all.push(episode);
          due.push(episode);
        }
      }
      // What the old listener wrote at this verification: kept where an episode opened (or was due its
      // further event), cancelled where it only repeated one.
      const ledger = ledgerOf(v.subject_id);
      const written = (source: string) =>
        (ledger.bySource.get(`${source}\n${v.id}`) ?? []).filter((e) => !ledger.cancelled.has(e.id));
      // One identity event and one mark event at most per verification (the ledger's source index).
      for (const event of written('verification').filter((e) => IDENTITY_KINDS.includes(e.kind)))
        attachOrCancel(
          event,
          due.filter((e) => e.about === 'identity'),
          v.id,
        );
      for (const event of written('trust_mark').filter((e) => e.kind === 'mark_not_genuine'))
        attachOrCancel(
          event,
          due.filter((e) => e.about === 'mark'),
          v.id,
        );
    }
    for (const episode of all) {
      const { evidence, ...row } = episode;
      q.insertEpisode.run({
        ...row,
        platform_id: store.platform_id,
        seller_id: store.seller_id,
      });
      for (const piece of evidence)
        q.insertEvidence.run(episode.id, piece.verification_id, piece.credit_event_id);
      result.episodes++;
    }
  }

  for (const subjectId of corrected) {
    const events = q.eventsOf.all(subjectId);
    const versions = new Set([...q.storedVersions.all(subjectId), CURRENT_MODEL.version]);
    for (const version of versions) {
      const model = MODELS[version];
      if (!model) continue;
      const score = scoreSubject(events, now, model);
      q.saveScore.run({
        subject_id: subjectId,
        model_version: version,
        score: score.score,
        tier: score.tier,
        tier_rule: score.tier_rule,
        computed_at: score.at,
        explanation: JSON.stringify(score),
      });
    }
  }
  result.subjects = corrected.size;
  return result;

  /** Links the event to the worst episode that was due one here, or cancels it when none was. */
  function attachOrCancel(event: EventRow, due: Episode[], verificationId: string): void {
    const episode = [...due].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
    if (!episode) {
      cancel(event);
      return;
    }
    episode.events++;
    episode.last_event_at = event.occurred_at;
    episode.evidence.find((p) => p.verification_id === verificationId)!.credit_event_id = event.id;
  }
}

const keyOf = (e: Pick<OpenEpisode, 'about' | 'mark_key'>) => `${e.about}\n${e.mark_key}`;
