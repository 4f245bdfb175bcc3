import { describe, expect, test } from 'vitest';
import {
  type ComplaintAction,
  countsAsSubstantiated,
  type Outcome,
  settledOutcome,
  transition,
} from '../../src/complaints/workflow.ts';
import { apply, hoursAfter, PLAIN, reach, SAMPLE } from './walk.ts';

const AT = hoursAfter(20);

describe('what counts as substantiated', () => {
  /** A closed complaint with `outcome`, the seller found at fault first or not. */
  function closedWith(outcome: Outcome, found: boolean) {
    let state = reach('mediation');
    if (found) state = apply(state, [SAMPLE.substantiate, 'regulator', AT]);
    const action: ComplaintAction = outcome === 'withdrawn' ? SAMPLE.withdraw : { type: 'close', outcome };
    return transition(
      state,
      action,
      outcome === 'withdrawn' ? 'consumer' : 'regulator',
      hoursAfter(21),
      PLAIN,
    ).state;
  }

  test.each([
    ['resolved_for_consumer', false, true],
    ['resolved_for_consumer', true, true],
    ['partially_resolved', false, true],
    ['partially_resolved', true, true],
    ['unsubstantiated', false, false],
    ['withdrawn', false, false],
    ['withdrawn', true, false],
    ['mediation_failed', false, false],
    ['mediation_failed', true, true],
  ] as const)('closed as %s, seller found at fault: %s → counts: %s', (outcome, found, counts) => {
    const state = closedWith(outcome, found);
    expect(state).toMatchObject({ status: 'closed', outcome, substantiated: found });
    expect(countsAsSubstantiated(state)).toBe(counts);
  });

  test('an open complaint does not count, even with the seller found at fault', () => {
    for (const status of ['accepted', 'forwarded', 'answered', 'resolved', 'mediation'] as const) {
      const found = apply(reach(status), [SAMPLE.substantiate, 'regulator', AT]);
      expect(found.substantiated).toBe(true);
      expect(countsAsSubstantiated(found), status).toBe(false);
    }
    expect(countsAsSubstantiated(reach('rejected'))).toBe(false);
  });

  test.each([
    ['refund', false, 'resolved_for_consumer'],
    ['replacement', false, 'resolved_for_consumer'],
    ['refund', true, 'resolved_for_consumer'],
    ['explanation', false, 'unsubstantiated'],
    ['decline', false, 'unsubstantiated'],
    ['explanation', true, 'partially_resolved'],
    ['decline', true, 'partially_resolved'],
  ] as const)(
    'a resolved complaint answered with %s (at fault: %s) is closed by the system as %s',
    (kind, found, outcome) => {
      let state = apply(
        reach('forwarded'),
        [{ type: 'respond', kind, message: 'Our answer.' }, 'platform', hoursAfter(10)],
        [SAMPLE.consumer_accept, 'consumer', hoursAfter(11)],
      );
      if (found) state = apply(state, [SAMPLE.substantiate, 'regulator', hoursAfter(12)]);
      expect(settledOutcome(state)).toBe(outcome);
      const closed = transition(
        state,
        { type: 'close', outcome: settledOutcome(state) },
        'system',
        hoursAfter(13),
        PLAIN,
      );
      expect(closed.state).toMatchObject({ status: 'closed', outcome });
    },
  );
});
