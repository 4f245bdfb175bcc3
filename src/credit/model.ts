/**
 * The credit model: a score from a subject's credit events, with its explanation. Pure: the events and
 * the moment are passed in. Versioned: a stored score names the model that made it, and a new version is
 * a new entry in MODELS, never an edit of an old one (docs/credit-model.md).
 */

export type CreditSeverity = 'minor' | 'moderate' | 'serious';

export const CREDIT_EVENT_KINDS = [
  'verification_identity_missing',
  'verification_identity_mismatch',
  'mark_not_genuine',
  'complaint_substantiated',
  'complaint_response_late',
  'penalty',
  'list_abnormal',
  'list_serious',
  'commitment',
  'repair',
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

/** What the score reads of an event (the ledger holds more: source, evidence, seller...). */
export interface ScoredEvent {
  id: string;
  kind: CreditEventKind | 'correction';
  severity: CreditSeverity;
  /** When it happened (RFC 3339). */
  occurred_at: string;
  /** When it stops counting (RFC 3339), or null: counts until it decays away. */
  counts_until: string | null;
  /** A correction names the event it cancels. */
  cancels?: string | null;
}

export type Tier = 'A' | 'B' | 'C' | 'D';

export interface CreditModel {
  version: string;
  start: number;
  /** Points by kind and severity: negative for what harms credit, positive for commitments and repair. */
  weights: Record<CreditEventKind, Record<CreditSeverity, number>>;
  /** Days after which an event counts half as much; null: no decay while it counts (list entries). */
  halfLifeDays: Record<CreditEventKind, number | null>;
  /** Least score for each tier, best first; below the last, D. */
  tiers: { tier: Exclude<Tier, 'D'>; min: number }[];
}

const same = (points: number) => ({ minor: points, moderate: points, serious: points });

export const MODEL_V1: CreditModel = {
  version: 'v1',
  start: 100,
  weights: {
    verification_identity_missing: { minor: -3, moderate: -5, serious: -8 },
    verification_identity_mismatch: { minor: -5, moderate: -10, serious: -15 },
    mark_not_genuine: { minor: -5, moderate: -10, serious: -15 },
    complaint_substantiated: { minor: -2, moderate: -4, serious: -8 },
    complaint_response_late: { minor: -1, moderate: -2, serious: -3 },
    penalty: { minor: -10, moderate: -20, serious: -35 },
    list_abnormal: same(-25),
    list_serious: same(-50),
    commitment: same(3),
    repair: same(5),
  },
  halfLifeDays: {
    verification_identity_missing: 180,
    verification_identity_mismatch: 180,
    mark_not_genuine: 180,
    complaint_substantiated: 365,
    complaint_response_late: 365,
    penalty: 730,
    list_abnormal: null,
    list_serious: null,
    commitment: 365,
    repair: 365,
  },
  tiers: [
    { tier: 'A', min: 90 },
    { tier: 'B', min: 75 },
    { tier: 'C', min: 60 },
  ],
};

export const MODELS: Readonly<Record<string, CreditModel>> = { v1: MODEL_V1 };
export const CURRENT_MODEL = MODEL_V1;

export interface Contribution {
  event_id: string;
  kind: CreditEventKind;
  severity: CreditSeverity;
  occurred_at: string;
  weight: number;
  /** 1 for a new event, ½ after one half-life... */
  decay: number;
  /** weight × decay, rounded to 0.01. */
  points: number;
}

export interface NotCounted {
  event_id: string;
  why: 'cancelled' | 'stopped_counting' | 'not_yet' | 'correction';
}

export interface CreditScore {
  model_version: string;
  at: string;
  score: number;
  tier: Tier;
  /** When a list decides the tier whatever the score. */
  tier_rule: 'score' | 'serious_list' | 'abnormal_list';
  /** The events that moved the score, most points first. */
  explanation: Contribution[];
  not_counted: NotCounted[];
}

const DAY_MS = 86_400_000;
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** The score of a subject at `at` from its events, and why. */
export function scoreSubject(
  events: readonly ScoredEvent[],
  at: Date,
  model: CreditModel = CURRENT_MODEL,
): CreditScore {
  const now = at.getTime();
  const cancelled = new Set(
    events
      .filter((e) => e.kind === 'correction' && e.cancels && Date.parse(e.occurred_at) <= now)
      .map((e) => e.cancels!),
  );
  const explanation: Contribution[] = [];
  const notCounted: NotCounted[] = [];
  let listed: 'serious' | 'abnormal' | null = null;
  for (const event of events) {
    if (event.kind === 'correction') {
      notCounted.push({ event_id: event.id, why: 'correction' });
      continue;
    }
    const occurred = Date.parse(event.occurred_at);
    if (occurred > now) notCounted.push({ event_id: event.id, why: 'not_yet' });
    else if (cancelled.has(event.id)) notCounted.push({ event_id: event.id, why: 'cancelled' });
    else if (event.counts_until !== null && Date.parse(event.counts_until) <= now) {
      notCounted.push({ event_id: event.id, why: 'stopped_counting' });
    } else {
      const weight = model.weights[event.kind][event.severity];
      const halfLife = model.halfLifeDays[event.kind];
      const decay = halfLife === null ? 1 : 0.5 ** ((now - occurred) / DAY_MS / halfLife);
      explanation.push({
        event_id: event.id,
        kind: event.kind,
        severity: event.severity,
        occurred_at: event.occurred_at,
        weight,
        decay: round(decay, 4),
        points: round(weight * decay, 2),
      });
      if (event.kind === 'list_serious') listed = 'serious';
      else if (event.kind === 'list_abnormal' && listed !== 'serious') listed = 'abnormal';
    }
  }
  explanation.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.event_id.localeCompare(b.event_id));
  const raw = model.start + explanation.reduce((sum, c) => sum + c.weight * c.decay, 0);
  const score = round(Math.min(model.start, Math.max(0, raw)), 1);
  const byScore: Tier = model.tiers.find((t) => score >= t.min)?.tier ?? 'D';
  // The serious list means tier D; the abnormal list means C at best, whatever the score says.
  let tier = byScore;
  let rule: CreditScore['tier_rule'] = 'score';
  if (listed === 'serious' && tier !== 'D') [tier, rule] = ['D', 'serious_list'];
  else if (listed === 'abnormal' && (tier === 'A' || tier === 'B')) [tier, rule] = ['C', 'abnormal_list'];
  return {
    model_version: model.version,
    at: at.toISOString(),
    score,
    tier,
    tier_rule: rule,
    explanation,
    not_counted: notCounted,
  };
}
