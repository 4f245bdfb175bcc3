import { describe, expect, test } from 'vitest';
import {
  ACTION_TYPES,
  type ActionType,
  type Actor,
  ACTORS,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintStatus,
  countsAsSubstantiated,
  submitComplaint,
  transition,
} from '../../src/complaints/workflow.ts';
import { deepFreeze, hoursAfter, PLAIN, reach, refusal, SAMPLE, submitted, T0 } from './walk.ts';

/**
 * Who may take which step from which status, and where it leads: written out by hand, not derived from the
 * workflow's own table, so that a transition added, dropped or misdirected there fails here.
 */
const EXPECTED: Record<
  ComplaintStatus,
  Partial<Record<ActionType, Partial<Record<Actor, ComplaintStatus>>>>
> = {
  submitted: {
    accept: { regulator: 'accepted', system: 'accepted' },
    reject: { regulator: 'rejected' },
    withdraw: { consumer: 'closed' },
    message: { consumer: 'submitted', regulator: 'submitted' },
    sweep: { system: 'submitted' },
  },
  accepted: {
    forward: { regulator: 'forwarded', system: 'forwarded' },
    withdraw: { consumer: 'closed' },
    substantiate: { regulator: 'accepted' },
    message: { consumer: 'accepted', regulator: 'accepted' },
    sweep: { system: 'accepted' },
  },
  forwarded: {
    respond: { platform: 'answered' },
    mediate: { regulator: 'mediation' },
    withdraw: { consumer: 'closed' },
    substantiate: { regulator: 'forwarded' },
    message: { consumer: 'forwarded', platform: 'forwarded', regulator: 'forwarded' },
    sweep: { system: 'forwarded' },
  },
  answered: {
    consumer_accept: { consumer: 'resolved' },
    consumer_reject: { consumer: 'mediation' },
    mediate: { regulator: 'mediation' },
    withdraw: { consumer: 'closed' },
    substantiate: { regulator: 'answered' },
    message: { consumer: 'answered', platform: 'answered', regulator: 'answered' },
    sweep: { system: 'answered' },
  },
  resolved: {
    close: { regulator: 'closed', system: 'closed' },
    substantiate: { regulator: 'resolved' },
    message: { consumer: 'resolved', platform: 'resolved', regulator: 'resolved' },
    sweep: { system: 'resolved' },
  },
  mediation: {
    close: { regulator: 'closed' },
    withdraw: { consumer: 'closed' },
    substantiate: { regulator: 'mediation' },
    message: { consumer: 'mediation', platform: 'mediation', regulator: 'mediation' },
    sweep: { system: 'mediation' },
  },
  rejected: {},
  closed: {},
};

const CASES = COMPLAINT_STATUSES.flatMap((status) =>
  ACTION_TYPES.flatMap((action) => ACTORS.map((actor) => [status, action, actor] as const)),
);
const AT = hoursAfter(20);

describe('every status × action × actor', () => {
  test(`the table covers ${CASES.length} combinations`, () => {
    expect(CASES).toHaveLength(8 * 12 * 4);
  });

  test.each(CASES)('%s + %s by the %s', (status, action, actor) => {
    const before = deepFreeze(reach(status));
    const expected = EXPECTED[status][action]?.[actor];
    if (expected) {
      // deepFreeze: a transition that wrote into the state it was given would throw here.
      const { state, event } = transition(before, SAMPLE[action], actor, AT, PLAIN);
      expect(state.status).toBe(expected);
      expect(event).toMatchObject({ action, actor, at: AT.toISOString(), from: status, to: expected });
      expect(state.updated_at).toBe(AT.toISOString());
      return;
    }
    const error = refusal(() => transition(before, SAMPLE[action], actor, AT, PLAIN));
    const code = EXPECTED[status][action] ? 'actor_not_permitted' : 'illegal_transition';
    expect(error.code, error.message).toBe(code);
    expect(error.httpStatus).toBe(code === 'illegal_transition' ? 409 : 403);
    expect(error).toMatchObject({ status, action, actor });
    // The refusal says what is allowed from here: the same as the expected table's row.
    const row = Object.entries(EXPECTED[status]).map(([a, byActor]) => ({
      action: a,
      actors: Object.keys(byActor!).sort(),
      to: Object.values(byActor!)[0],
    }));
    const allowed = error.allowed.map((s) => ({ action: s.action, actors: [...s.actors].sort(), to: s.to }));
    expect(allowed).toEqual(expect.arrayContaining(row));
    expect(allowed).toHaveLength(row.length);
  });

  test('a refusal of a step the status does not allow says what is allowed in its message', () => {
    const error = refusal(() => transition(reach('submitted'), SAMPLE.respond, 'platform', AT, PLAIN));
    expect(error.message).toBe(
      'a submitted complaint cannot take respond; allowed from here: accept by the regulator or the system, ' +
        'reject by the regulator, withdraw by the consumer, message by the consumer or the regulator, ' +
        'sweep by the system',
    );
    const closed = refusal(() => transition(reach('closed'), SAMPLE.message, 'consumer', AT, PLAIN));
    expect(closed.message).toBe('a closed complaint cannot take message; nothing more can happen to it');
    expect(closed.allowed).toEqual([]);
  });

  test('a refusal of the wrong actor names who may', () => {
    const error = refusal(() => transition(reach('submitted'), SAMPLE.accept, 'platform', AT, PLAIN));
    expect(error.message).toBe(
      'only the regulator or the system may accept a submitted complaint, not the platform',
    );
  });
});

describe('steps and what they record', () => {
  test('submission starts the regulator’s clock and says so in its event', () => {
    const { state, event } = submitComplaint(
      { category: 'non_delivery', verified_purchase: false, message: 'Paid, never shipped.' },
      T0,
      PLAIN,
    );
    expect(state).toEqual({
      status: 'submitted',
      category: 'non_delivery',
      verified_purchase: false,
      submitted_at: T0.toISOString(),
      updated_at: T0.toISOString(),
      deadlines: { decision: '2030-03-13', answer: null, mediation: null },
      overdue: [],
      substantiated: false,
      rejection: null,
      answer: null,
      outcome: null,
    });
    expect(event).toEqual({
      action: 'submit',
      actor: 'consumer',
      at: T0.toISOString(),
      from: null,
      to: 'submitted',
      message: 'Paid, never shipped.',
      deadline: { step: 'decision', due: '2030-03-13' },
      newly_overdue: [],
    });
  });

  test('a submission with an unknown category or no description is refused', () => {
    const bad = (input: object) =>
      refusal(() =>
        submitComplaint(
          { category: 'quality', verified_purchase: true, message: 'x', ...input } as never,
          T0,
          PLAIN,
        ),
      );
    expect(bad({ category: 'weather' })).toMatchObject({ code: 'invalid_action', status: null });
    expect(bad({ message: '  ' }).code).toBe('invalid_action');
    expect(bad({ message: undefined }).message).toBe('submit needs a message');
    expect(refusal(() => submitted(true, new Date('nonsense'))).code).toBe('invalid_action');
  });

  test('a rejection keeps its reason', () => {
    const { state, event } = transition(
      reach('submitted'),
      { type: 'reject', reason: 'time_barred', message: 'Bought in 2026.' },
      'regulator',
      AT,
      PLAIN,
    );
    expect(state).toMatchObject({ status: 'rejected', rejection: 'time_barred', outcome: null });
    expect(event).toMatchObject({ reason: 'time_barred', message: 'Bought in 2026.' });
  });

  test('the platform’s answer is kept with its kind, message and time', () => {
    const { state, event } = transition(
      reach('forwarded'),
      { type: 'respond', kind: 'replacement', message: 'A new bag ships today.' },
      'platform',
      AT,
      PLAIN,
    );
    expect(state.answer).toEqual({
      kind: 'replacement',
      message: 'A new bag ships today.',
      at: AT.toISOString(),
      untimely: false,
    });
    expect(event).toMatchObject({ kind: 'replacement', untimely: false, message: 'A new bag ships today.' });
  });

  test('closing keeps the outcome; a message step changes nothing but the time', () => {
    const closed = transition(
      reach('mediation'),
      { type: 'close', outcome: 'mediation_failed' },
      'regulator',
      AT,
      PLAIN,
    );
    expect(closed.state).toMatchObject({ status: 'closed', outcome: 'mediation_failed' });
    expect(closed.event.outcome).toBe('mediation_failed');
    const before = reach('answered');
    const { state, event } = transition(before, SAMPLE.message, 'platform', AT, PLAIN);
    expect(state).toEqual({ ...before, updated_at: AT.toISOString() });
    expect(event).toEqual({
      action: 'message',
      actor: 'platform',
      at: AT.toISOString(),
      from: 'answered',
      to: 'answered',
      message: 'Please send the delivery photo.',
      newly_overdue: [],
    });
  });

  test('a whole life leaves a chain of events, each starting where the last ended', () => {
    let state = submitted();
    const steps: [ComplaintAction, Actor][] = [
      [SAMPLE.accept, 'system'],
      [SAMPLE.forward, 'system'],
      [{ type: 'message', message: 'Order 42 was delivered?' }, 'platform'],
      [{ type: 'respond', kind: 'explanation', message: 'It is genuine; here is the invoice.' }, 'platform'],
      [SAMPLE.consumer_reject, 'consumer'],
      [SAMPLE.substantiate, 'regulator'],
      [
        { type: 'close', outcome: 'mediation_failed', message: 'The seller refused to mediate.' },
        'regulator',
      ],
    ];
    const events = steps.map(([action, actor], i) => {
      const result = transition(state, action, actor, hoursAfter(i + 1), PLAIN);
      state = result.state;
      return result.event;
    });
    expect(events.map((e) => [e.from, e.to])).toEqual([
      ['submitted', 'accepted'],
      ['accepted', 'forwarded'],
      ['forwarded', 'forwarded'],
      ['forwarded', 'answered'],
      ['answered', 'mediation'],
      ['mediation', 'mediation'],
      ['mediation', 'closed'],
    ]);
    expect(state).toMatchObject({ status: 'closed', outcome: 'mediation_failed', substantiated: true });
    expect(countsAsSubstantiated(state)).toBe(true);
  });
});
