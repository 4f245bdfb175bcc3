import { describe, expect, test } from 'vitest';
import {
  CREDIT_EVENT_KINDS,
  type CreditSeverity,
  MODEL_V1,
  MODELS,
  type ScoredEvent,
  scoreSubject,
} from '../../src/credit/model.ts';

const AT = new Date('2026-11-24T00:00:00Z');
const daysBefore = (days: number) => new Date(AT.getTime() - days * 86_400_000).toISOString();
let counter = 0;
const event = (overrides: Partial<ScoredEvent> = {}): ScoredEvent => ({
  id: `E${++counter}`,
  kind: 'penalty',
  severity: 'moderate',
  occurred_at: daysBefore(0),
  counts_until: null,
  ...overrides,
});
const SEVERITIES: CreditSeverity[] = ['minor', 'moderate', 'serious'];

describe('the score', () => {
  test('a subject with no events has the full score and tier A', () => {
    expect(scoreSubject([], AT)).toMatchObject({
      score: 100,
      tier: 'A',
      tier_rule: 'score',
      explanation: [],
      model_version: 'v1',
    });
  });

  test.each(CREDIT_EVENT_KINDS.flatMap((kind) => SEVERITIES.map((severity) => [kind, severity] as const)))(
    'a new %s event of %s severity moves the score by its weight, and says so',
    (kind, severity) => {
      const e = event({ kind, severity });
      const result = scoreSubject([e], AT);
      const weight = MODEL_V1.weights[kind][severity];
      expect(result.score).toBe(Math.min(100, 100 + weight));
      expect(result.explanation).toEqual([
        { event_id: e.id, kind, severity, occurred_at: e.occurred_at, weight, decay: 1, points: weight },
      ]);
    },
  );

  test('weights grow with severity for every harmful kind', () => {
    for (const kind of CREDIT_EVENT_KINDS) {
      const w = MODEL_V1.weights[kind];
      if (w.minor > 0) continue;
      expect(w.serious, kind).toBeLessThanOrEqual(w.moderate);
      expect(w.moderate, kind).toBeLessThanOrEqual(w.minor);
    }
  });

  test('an event counts half after one half-life and a quarter after two', () => {
    const half = scoreSubject(
      [event({ kind: 'penalty', severity: 'moderate', occurred_at: daysBefore(730) })],
      AT,
    );
    expect(half.explanation[0]).toMatchObject({ decay: 0.5, points: -10 });
    expect(half.score).toBe(90);
    const quarter = scoreSubject(
      [event({ kind: 'complaint_substantiated', severity: 'serious', occurred_at: daysBefore(730) })],
      AT,
    );
    expect(quarter.explanation[0]).toMatchObject({ decay: 0.25, points: -2 });
  });

  test('list entries do not decay while they count, and stop at their end', () => {
    const listed = event({
      kind: 'list_abnormal',
      occurred_at: daysBefore(1000),
      counts_until: daysBefore(-95),
    });
    expect(scoreSubject([listed], AT).explanation[0]).toMatchObject({ decay: 1, points: -25 });
    const ended = { ...listed, counts_until: daysBefore(1) };
    const result = scoreSubject([ended], AT);
    expect(result.score).toBe(100);
    expect(result.not_counted).toEqual([{ event_id: ended.id, why: 'stopped_counting' }]);
  });

  test('a correction cancels the event it names, from its own date on; the correction itself adds nothing', () => {
    const wrong = event({
      kind: 'verification_identity_mismatch',
      severity: 'serious',
      occurred_at: daysBefore(10),
    });
    const correction = event({ kind: 'correction', cancels: wrong.id, occurred_at: daysBefore(2) });
    const now = scoreSubject([wrong, correction], AT);
    expect(now.score).toBe(100);
    expect(now.not_counted).toEqual(
      expect.arrayContaining([
        { event_id: wrong.id, why: 'cancelled' },
        { event_id: correction.id, why: 'correction' },
      ]),
    );
    // Before the correction was made, the event still counted.
    expect(scoreSubject([wrong, correction], new Date(Date.parse(daysBefore(5)))).score).toBeLessThan(100);
  });

  test('events after the moment asked about are not counted', () => {
    const later = event({ occurred_at: daysBefore(-1) });
    expect(scoreSubject([later], AT)).toMatchObject({
      score: 100,
      not_counted: [{ event_id: later.id, why: 'not_yet' }],
    });
  });

  test('the score stays within 0..100: positive events do not lift it past the start', () => {
    const many = Array.from({ length: 10 }, () => event({ kind: 'penalty', severity: 'serious' }));
    expect(scoreSubject(many, AT).score).toBe(0);
    expect(scoreSubject([event({ kind: 'repair' }), event({ kind: 'commitment' })], AT).score).toBe(100);
    const repaired = scoreSubject(
      [event({ kind: 'penalty', severity: 'moderate' }), event({ kind: 'repair' })],
      AT,
    );
    expect(repaired.score).toBe(85);
  });

  test('the explanation lists the events that moved the score most first', () => {
    const small = event({ kind: 'complaint_response_late', severity: 'minor' });
    const big = event({ kind: 'penalty', severity: 'serious' });
    const mid = event({ kind: 'repair' });
    expect(scoreSubject([small, big, mid], AT).explanation.map((c) => c.event_id)).toEqual([
      big.id,
      mid.id,
      small.id,
    ]);
  });
});

describe('tiers', () => {
  test.each([
    [100, 'A'],
    [90, 'A'],
    [89.9, 'B'],
    [75, 'B'],
    [74.9, 'C'],
    [60, 'C'],
    [59.9, 'D'],
    [0, 'D'],
  ] as const)('a score of %s is tier %s', (score, tier) => {
    // A custom model shifts the start so that the score lands exactly on the boundary.
    const model = { ...MODEL_V1, start: score };
    expect(scoreSubject([], AT, model)).toMatchObject({ score, tier });
  });

  test('the serious list means D whatever the score; the abnormal list means C at best', () => {
    const serious = event({ kind: 'list_serious' });
    expect(
      scoreSubject([serious], AT, {
        ...MODEL_V1,
        weights: { ...MODEL_V1.weights, list_serious: { minor: 0, moderate: 0, serious: 0 } },
      }),
    ).toMatchObject({
      score: 100,
      tier: 'D',
      tier_rule: 'serious_list',
    });
    expect(scoreSubject([event({ kind: 'list_abnormal' })], AT)).toMatchObject({
      score: 75,
      tier: 'C',
      tier_rule: 'abnormal_list',
    });
    const both = scoreSubject([event({ kind: 'list_abnormal' }), event({ kind: 'list_serious' })], AT);
    expect(both).toMatchObject({ tier: 'D' });
    expect(
      scoreSubject([event({ kind: 'list_abnormal' }), event({ kind: 'penalty', severity: 'serious' })], AT),
    ).toMatchObject({
      score: 40,
      tier: 'D',
      tier_rule: 'score',
    });
  });
});

test('models are versioned: v1 is registered and every kind has a weight and a half-life', () => {
  expect(MODELS.v1).toBe(MODEL_V1);
  for (const kind of CREDIT_EVENT_KINDS) {
    expect(MODEL_V1.weights[kind]).toBeDefined();
    expect(kind in MODEL_V1.halfLifeDays).toBe(true);
  }
});

test('the result does not depend on the order of the events', () => {
  const events = [
    event({ kind: 'penalty' }),
    event({ kind: 'repair', occurred_at: daysBefore(30) }),
    event({ kind: 'complaint_substantiated', occurred_at: daysBefore(400) }),
  ];
  expect(scoreSubject([...events].reverse(), AT)).toEqual(scoreSubject(events, AT));
});
