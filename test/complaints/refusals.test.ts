import { describe, expect, test } from 'vitest';
import {
  type Actor,
  allowedSteps,
  type ComplaintAction,
  type ComplaintStatus,
  ComplaintWorkflowError,
  COMPLAINT_STATUSES,
  countsAsSubstantiated,
  type Outcome,
  OUTCOMES,
  shouldAutoAccept,
  transition,
} from '../../src/complaints/workflow.ts';
import { apply, hoursAfter, PLAIN, reach, refusal, SAMPLE } from './walk.ts';

const AT = hoursAfter(20);

describe('refusals that depend on more than the status', () => {
  test('the system accepts only a verified purchase; a regulator accepts any', () => {
    const unverified = reach('submitted', false);
    const error = refusal(() => transition(unverified, SAMPLE.accept, 'system', AT, PLAIN));
    expect(error.code).toBe('illegal_transition');
    expect(error.allowed.find((s) => s.action === 'accept')?.actors).toEqual(['regulator']);
    expect(transition(unverified, SAMPLE.accept, 'regulator', AT, PLAIN).state.status).toBe('accepted');
  });

  test('the auto-accept rule: a verified purchase in a configured category, still submitted', () => {
    const rule = { categories: ['counterfeit', 'non_delivery'] as const };
    expect(shouldAutoAccept(reach('submitted'), rule)).toBe(true);
    expect(shouldAutoAccept(reach('submitted', false), rule)).toBe(false);
    expect(shouldAutoAccept(reach('submitted'), { categories: ['quality'] })).toBe(false);
    expect(shouldAutoAccept(reach('submitted'), { categories: [] })).toBe(false);
    expect(shouldAutoAccept(reach('accepted'), rule)).toBe(false);
  });

  test('the seller is found at fault once; then substantiate is no longer offered', () => {
    const found = apply(reach('forwarded'), [SAMPLE.substantiate, 'regulator', AT]);
    expect(found.substantiated).toBe(true);
    const error = refusal(() => transition(found, SAMPLE.substantiate, 'regulator', hoursAfter(21), PLAIN));
    expect(error.code).toBe('illegal_transition');
    expect(error.allowed.map((s) => s.action)).not.toContain('substantiate');
  });

  test.each([
    ['resolved', ['resolved_for_consumer', 'partially_resolved', 'unsubstantiated']],
    ['mediation', ['resolved_for_consumer', 'partially_resolved', 'unsubstantiated', 'mediation_failed']],
  ] as const)('a %s complaint closes with %j and nothing else', (status, open) => {
    const state = reach(status);
    expect(allowedSteps(state).find((s) => s.action === 'close')?.outcomes).toEqual(open);
    const actor = 'regulator';
    for (const outcome of OUTCOMES) {
      const close = () => transition(state, { type: 'close', outcome }, actor, AT, PLAIN);
      if ((open as readonly Outcome[]).includes(outcome)) expect(close().state.outcome).toBe(outcome);
      else expect(refusal(close).code, outcome).toBe('illegal_transition');
    }
  });

  test('a complaint with the seller found at fault cannot close as unsubstantiated', () => {
    for (const status of ['resolved', 'mediation'] as const) {
      const found = apply(reach(status), [SAMPLE.substantiate, 'regulator', AT]);
      const error = refusal(() =>
        transition(found, { type: 'close', outcome: 'unsubstantiated' }, 'regulator', hoursAfter(21), PLAIN),
      );
      expect(error.code).toBe('illegal_transition');
      expect(error.allowed.find((s) => s.action === 'close')?.outcomes).not.toContain('unsubstantiated');
    }
  });
});

describe('values outside the closed lists, blank messages and time going backwards', () => {
  const invalid = (status: ComplaintStatus, action: object, actor: string = 'regulator', at = AT) =>
    refusal(() => transition(reach(status), action as ComplaintAction, actor as Actor, at, PLAIN));

  test.each([
    ['submitted', { type: 'reject', reason: 'bored' }, 'regulator'],
    ['submitted', { type: 'reject', reason: 'other' }, 'regulator'],
    ['submitted', { type: 'reject', reason: 'other', message: ' \n' }, 'regulator'],
    ['forwarded', { type: 'respond', kind: 'apology', message: 'Sorry.' }, 'platform'],
    ['forwarded', { type: 'respond', kind: 'refund' }, 'platform'],
    ['forwarded', { type: 'respond', kind: 'refund', message: '' }, 'platform'],
    ['mediation', { type: 'close', outcome: 'settled' }, 'regulator'],
    ['mediation', { type: 'message', message: '   ' }, 'consumer'],
    ['mediation', { type: 'message', message: 42 }, 'consumer'],
    ['mediation', { type: 'substantiate' }, 'regulator'],
    ['mediation', { type: 'withdraw', message: '' }, 'consumer'],
    ['submitted', { type: 'approve' }, 'regulator'],
    ['submitted', { type: 'accept' }, 'judge'],
  ])('%s + %j by the %s is invalid_action (400)', (status, action, actor) => {
    const error = invalid(status as ComplaintStatus, action, actor);
    expect(error.code, error.message).toBe('invalid_action');
    expect(error.httpStatus).toBe(400);
  });

  test('a reason of other with a message is taken', () => {
    const action = {
      type: 'reject',
      reason: 'other',
      message: 'A product-liability case is pending.',
    } as const;
    expect(transition(reach('submitted'), action, 'regulator', AT, PLAIN).state.rejection).toBe('other');
  });

  test('a step dated before the last event is refused; one at the same instant is taken', () => {
    const state = reach('forwarded'); // its last step was at T0 + 2h
    expect(invalid('forwarded', SAMPLE.message, 'consumer', hoursAfter(1.5)).code).toBe('invalid_action');
    expect(transition(state, SAMPLE.message, 'consumer', hoursAfter(2), PLAIN).state.status).toBe(
      'forwarded',
    );
    expect(invalid('forwarded', SAMPLE.message, 'consumer', new Date(Number.NaN)).code).toBe(
      'invalid_action',
    );
  });

  test('a state-level refusal comes before a payload check: a closed complaint is a conflict whatever is sent', () => {
    expect(invalid('closed', { type: 'close', outcome: 'settled' }).code).toBe('illegal_transition');
    expect(invalid('submitted', { type: 'respond', kind: 'apology' }, 'consumer').code).toBe(
      'illegal_transition',
    );
  });

  test('the refusals are Errors of one class', () => {
    const error = invalid('closed', SAMPLE.withdraw, 'consumer');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ComplaintWorkflowError);
    expect(error.name).toBe('ComplaintWorkflowError');
  });
});

describe('withdrawal', () => {
  const WITHDRAWABLE: ComplaintStatus[] = ['submitted', 'accepted', 'forwarded', 'answered', 'mediation'];

  test.each(WITHDRAWABLE)('the consumer withdraws a %s complaint: closed as withdrawn', (status) => {
    const { state, event } = transition(
      reach(status),
      { type: 'withdraw', message: 'The seller called me.' },
      'consumer',
      AT,
      PLAIN,
    );
    expect(state).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect(event).toMatchObject({
      from: status,
      to: 'closed',
      outcome: 'withdrawn',
      message: 'The seller called me.',
    });
    expect(countsAsSubstantiated(state)).toBe(false);
  });

  test.each(COMPLAINT_STATUSES.filter((s) => !WITHDRAWABLE.includes(s)))(
    'a %s complaint cannot be withdrawn',
    (status) => {
      expect(['resolved', 'rejected', 'closed']).toContain(status);
      const error = refusal(() => transition(reach(status), SAMPLE.withdraw, 'consumer', AT, PLAIN));
      expect(error.code).toBe('illegal_transition');
    },
  );

  test.each(WITHDRAWABLE)('nobody but the consumer withdraws a %s complaint', (status) => {
    for (const actor of ['platform', 'regulator', 'system'] as const) {
      expect(refusal(() => transition(reach(status), SAMPLE.withdraw, actor, AT, PLAIN)).code).toBe(
        'actor_not_permitted',
      );
    }
  });
});
