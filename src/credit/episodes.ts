/**
 * Violation episodes (docs/decisions/0014): what one verification means for a store's credit record,
 * as a pure function of the episodes open on the store and what the verification found.
 *
 * A violation is an episode, not a crawl: the first verification that finds it opens it (one credit
 * event), later ones that find the same thing extend it (their evidence is kept, no event), and one
 * that finds the store compliant again closes it. So the record does not depend on how often we crawl.
 * The store's identity is one thing an episode can be about; each trust mark the store shows is another.
 *
 * A violation that lasts: an episode still open when a verification confirms it at least
 * EPISODE_EVENT_EVERY_DAYS after its last event writes one further event of the same kind and
 * severity. Time decides, not the number of crawls.
 */
import type { MarkFinding, MarkVerdict } from '../../crawlers/marks/types.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import type { CreditEventKind, CreditSeverity } from './model.ts';

/** An episode still open this long after its last event, and confirmed, writes one further event. */
export const EPISODE_EVENT_EVERY_DAYS = 90;

export type EpisodeAbout = 'identity' | 'mark';

/** One thing a verification found wrong on a store, and what it weighs. */
export interface Violation {
  about: EpisodeAbout;
  /** '' for the store's identity; for a mark, its issuer and id (or its address when it has no id). */
  mark_key: string;
  /**
   * What exactly was found. The same violation extends an episode; another one about the same thing
   * (another wrong code, a mark now reported revoked instead of copied) closes it and opens a new one.
   */
  violation: string;
  kind: Extract<
    CreditEventKind,
    'verification_identity_missing' | 'verification_identity_mismatch' | 'mark_not_genuine'
  >;
  severity: CreditSeverity;
}

/** What one verification says about a store, for its episodes. */
export interface Observation {
  /** The identity violation found; 'clear' when the page shows the filed identity; null: inconclusive. */
  identity: Violation | 'clear' | null;
  /** The marks found not genuine, one per mark (the worst when a mark is found twice). */
  marks: Violation[];
  /** Keys of the marks found genuine. */
  genuine: string[];
  /** Keys of every mark found, whatever its verdict (an inconclusive one included). */
  seen: string[];
  /**
   * True when the page was read and judged (the verdict is not inconclusive): only then does a mark
   * that the page no longer shows close its episode. A page that could not be read shows nothing.
   */
  complete: boolean;
}

/** What the decision reads of an open episode. */
export interface OpenEpisode {
  id: string;
  about: EpisodeAbout;
  mark_key: string;
  violation: string;
  opened_at: string;
  /** When its last credit event occurred; null when it has none (an episode rebuilt by migration 011). */
  last_event_at: string | null;
}

export type EpisodeStep =
  | { step: 'open'; violation: Violation }
  /** `event`: it has lasted EPISODE_EVENT_EVERY_DAYS since its last event: one further event is due. */
  | { step: 'extend'; episode: OpenEpisode; event: boolean }
  /** resolved: found compliant (or the mark genuine); replaced: another violation of the same thing; gone: the mark is no longer shown. */
  | { step: 'close'; episode: OpenEpisode; why: 'resolved' | 'replaced' | 'gone' };

/** How much each mark verdict weighs: a forgery or a copy is deliberate, an expired mark may be neglect. */
export const MARK_SEVERITY: Partial<Record<MarkVerdict, CreditSeverity>> = {
  forged: 'serious',
  copied: 'serious',
  lookalike_issuer: 'serious',
  self_hosted: 'serious',
  revoked: 'moderate',
  expired: 'minor',
};

const RANK: Record<CreditSeverity, number> = { minor: 0, moderate: 1, serious: 2 };
export const severityRank = (severity: CreditSeverity) => RANK[severity];

/** Mark keys are stored and compared: a long address is cut (the issuer and the start of it decide). */
const MAX_MARK_KEY = 512;

/**
 * Which mark a finding is: by its issuer and id; a mark without an id (a lookalike, a self-hosted
 * badge) by its issuer and address.
 */
export function markKey(mark: Pick<MarkFinding, 'issuer' | 'id' | 'href' | 'img_src'>): string {
  const issuer = mark.issuer ?? '-';
  const key = mark.id ? `${issuer}|id:${mark.id}` : `${issuer}|url:${mark.href ?? mark.img_src ?? ''}`;
  return key.slice(0, MAX_MARK_KEY);
}

/** The identity violation of a verdict, or 'clear', or null when the verification could not tell. */
function identityOf(v: Pick<Verification, 'verdict' | 'comparison'>): Violation | 'clear' | null {
  if (v.verdict === 'compliant') return 'clear';
  if (v.verdict === 'inconclusive') return null;
  if (v.verdict === 'identity_missing')
    return {
      about: 'identity',
      mark_key: '',
      violation: 'identity_missing',
      kind: 'verification_identity_missing',
      severity: 'moderate',
    };
  // Another company's valid code is a false identity; a broken check character may be a typo. Which
  // field, and which wrong code, make the violation: the same wrong code shown again is the same one.
  const { uscc, shown } = v.comparison;
  const violation =
    uscc === 'mismatch'
      ? `identity_mismatch/uscc/${shown.uscc ?? ''}`
      : uscc === 'invalid_check_character'
        ? `identity_mismatch/check_character/${shown.uscc ?? ''}`
        : 'identity_mismatch/name';
  return {
    about: 'identity',
    mark_key: '',
    violation,
    kind: 'verification_identity_mismatch',
    severity: uscc === 'mismatch' ? 'serious' : 'moderate',
  };
}

/** What a verification found, as episodes see it. */
export function observe(v: Pick<Verification, 'verdict' | 'comparison' | 'marks'>): Observation {
  const marks = new Map<string, Violation>();
  const genuine = new Set<string>();
  const seen = new Set<string>();
  for (const finding of v.marks ?? []) {
    const key = markKey(finding);
    seen.add(key);
    if (finding.verdict === 'genuine') genuine.add(key);
    const severity = MARK_SEVERITY[finding.verdict];
    if (!severity) continue;
    const earlier = marks.get(key);
    if (earlier && RANK[earlier.severity] >= RANK[severity]) continue;
    marks.set(key, {
      about: 'mark',
      mark_key: key,
      violation: finding.verdict,
      kind: 'mark_not_genuine',
      severity,
    });
  }
  // A mark found both genuine and not (two badges with one id): the violation wins.
  for (const key of marks.keys()) genuine.delete(key);
  return {
    identity: identityOf(v),
    marks: [...marks.values()],
    genuine: [...genuine],
    seen: [...seen],
    complete: v.verdict !== 'inconclusive',
  };
}

const DAY_MS = 86_400_000;

/** Whether an episode open since `openedAt`, its last event at `lastEventAt`, is due a further event at `at`. */
export function furtherEventDue(
  episode: Pick<OpenEpisode, 'opened_at' | 'last_event_at'>,
  at: Date,
): boolean {
  const since = Date.parse(episode.last_event_at ?? episode.opened_at);
  return at.getTime() - since >= EPISODE_EVENT_EVERY_DAYS * DAY_MS;
}

/**
 * What a verification does to a store's episodes: which to open, extend or close. Closings come before
 * openings, so the store never has two open episodes about one thing.
 *
 * - Identity: inconclusive touches nothing; compliant closes; the same violation extends; another
 *   violation closes the open one and opens its own.
 * - Marks, each on its own: a mark not genuine opens or extends its episode (or replaces it, when its
 *   verdict changed), whatever the identity verdict, since the issuer, not the page, decided it; a mark
 *   found genuine closes its episode; a mark no longer shown closes it only when the page was judged.
 *   A mark whose own verdict is inconclusive touches nothing.
 */
export function stepEpisodes(open: readonly OpenEpisode[], found: Observation, at: Date): EpisodeStep[] {
  const steps: EpisodeStep[] = [];
  const openings: EpisodeStep[] = [];
  const follow = (episode: OpenEpisode | undefined, violation: Violation) => {
    if (episode && episode.violation === violation.violation) {
      steps.push({ step: 'extend', episode, event: furtherEventDue(episode, at) });
      return;
    }
    if (episode) steps.push({ step: 'close', episode, why: 'replaced' });
    openings.push({ step: 'open', violation });
  };

  const identity = open.find((e) => e.about === 'identity');
  if (found.identity === 'clear') {
    if (identity) steps.push({ step: 'close', episode: identity, why: 'resolved' });
  } else if (found.identity) {
    follow(identity, found.identity);
  }

  const marks = new Map(open.filter((e) => e.about === 'mark').map((e) => [e.mark_key, e]));
  for (const violation of found.marks) follow(marks.get(violation.mark_key), violation);
  const violating = new Set(found.marks.map((m) => m.mark_key));
  const genuine = new Set(found.genuine);
  const seen = new Set(found.seen);
  for (const [key, episode] of marks) {
    if (violating.has(key)) continue;
    if (genuine.has(key)) steps.push({ step: 'close', episode, why: 'resolved' });
    else if (found.complete && !seen.has(key)) steps.push({ step: 'close', episode, why: 'gone' });
  }
  return [...steps, ...openings];
}
