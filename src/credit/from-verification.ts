import type { Verification } from '../../crawlers/verify/verification.ts';
import { newId } from '../lib/ids.ts';
import { type EpisodeStep, observe, stepEpisodes, type Violation } from './episodes.ts';
import type { CreditEventRow, CreditStore, EpisodeRow } from './store.ts';

/** What a verification did to a store's episodes, and the credit events it wrote. */
export interface EpisodeChanges {
  opened: Pick<EpisodeRow, 'id' | 'about' | 'mark_key' | 'violation' | 'severity'>[];
  extended: string[];
  closed: { id: string; why: 'resolved' | 'replaced' | 'gone' }[];
  /** The opening events and the further ones of episodes that have lasted (docs/decisions/0014). */
  events: CreditEventRow[];
}

/**
 * What a stored verification does to the credit record: it opens, extends or closes the store's
 * violation episodes (src/credit/episodes.ts) and writes a credit event when an episode opens, and one
 * more for every 90 days an episode lasts. Inconclusive visits leave the identity's episode alone: a
 * failure to crawl is never held against a subject, nor taken as a sign it mended its ways. Public:
 * what a store shows on its homepage is public.
 *
 * Runs inside the transaction of recordVerification (src/verification/service.ts), which stores the
 * verification, revokes marks and rescores with it: the verification and its consequences are written
 * together or not at all.
 */
export function creditFromVerification(
  credit: CreditStore,
  store: { platform_id: number; seller_id: string; subject_id: string },
  verification: Verification,
  verificationId: string,
  now = new Date(),
): EpisodeChanges {
  const at = verification.finished_at;
  const steps = stepEpisodes(
    credit.openEpisodes(store.platform_id, store.seller_id),
    observe(verification),
    new Date(at),
  );
  const changes: EpisodeChanges = { opened: [], extended: [], closed: [], events: [] };
  const record = (episode: Pick<EpisodeRow, 'id' | 'kind' | 'severity' | 'about'>, sourceId: string) => {
    const event = credit.record(
      {
        subject_id: store.subject_id,
        platform_id: store.platform_id,
        seller_id: store.seller_id,
        kind: episode.kind,
        severity: episode.severity,
        source: episode.about === 'identity' ? 'verification' : 'trust_mark',
        // The episode is the source record: it names the verifications that found the violation.
        source_id: sourceId,
        occurred_at: at,
        counts_until: null,
        public: true,
        cancels: null,
      },
      now,
    );
    credit.episodeEvent(episode.id, verificationId, event);
    changes.events.push(event);
  };
  for (const step of steps) apply(step);
  return changes;

  function apply(step: EpisodeStep): void {
    if (step.step === 'close') {
      if (credit.closeEpisode(step.episode.id, verificationId, at, step.why))
        changes.closed.push({ id: step.episode.id, why: step.why });
    } else if (step.step === 'extend') {
      const episode = credit.episode(step.episode.id)!;
      credit.extendEpisode(episode.id, verificationId, at);
      changes.extended.push(episode.id);
      // The further event of an episode that has lasted: its source is the episode and its number.
      if (step.event) record(episode, `${episode.id}/${episode.events + 1}`);
    } else {
      const episode = open(step.violation);
      changes.opened.push(episode);
      record(episode, episode.id);
    }
  }

  function open(violation: Violation): EpisodeRow {
    return credit.openEpisode({
      id: newId(),
      subject_id: store.subject_id,
      platform_id: store.platform_id,
      seller_id: store.seller_id,
      about: violation.about,
      mark_key: violation.mark_key,
      violation: violation.violation,
      kind: violation.kind,
      severity: violation.severity,
      opened_by: verificationId,
      opened_at: at,
    });
  }
}
