// Who may take which step from which status: the table transition() checks and a refusal lists from.
import type { AllowedStep } from './errors.ts';
import type { ComplaintState } from './state.ts';
import { ACTION_TYPES, type ActionType, type Actor, type ComplaintStatus, type Outcome } from './terms.ts';

interface Rule {
  actors: readonly Actor[];
  to: ComplaintStatus;
}

const same = (status: ComplaintStatus, messengers: readonly Actor[]): { message: Rule; sweep: Rule } => ({
  message: { actors: messengers, to: status },
  sweep: { actors: ['system'], to: status },
});
// The platform hears of a complaint only when it is forwarded, so it writes messages from then on.
const PARTIES: Actor[] = ['consumer', 'platform', 'regulator'];
const withdrawal: Rule = { actors: ['consumer'], to: 'closed' };
const finding = (status: ComplaintStatus): Rule => ({ actors: ['regulator'], to: status });

export const RULES: Record<ComplaintStatus, Partial<Record<ActionType, Rule>>> = {
  submitted: {
    accept: { actors: ['regulator', 'system'], to: 'accepted' },
    reject: { actors: ['regulator'], to: 'rejected' },
    withdraw: withdrawal,
    ...same('submitted', ['consumer', 'regulator']),
  },
  accepted: {
    forward: { actors: ['regulator', 'system'], to: 'forwarded' },
    withdraw: withdrawal,
    substantiate: finding('accepted'),
    ...same('accepted', ['consumer', 'regulator']),
  },
  forwarded: {
    respond: { actors: ['platform'], to: 'answered' },
    mediate: { actors: ['regulator'], to: 'mediation' },
    withdraw: withdrawal,
    substantiate: finding('forwarded'),
    ...same('forwarded', PARTIES),
  },
  answered: {
    consumer_accept: { actors: ['consumer'], to: 'resolved' },
    consumer_reject: { actors: ['consumer'], to: 'mediation' },
    mediate: { actors: ['regulator'], to: 'mediation' },
    withdraw: withdrawal,
    substantiate: finding('answered'),
    ...same('answered', PARTIES),
  },
  resolved: {
    close: { actors: ['regulator', 'system'], to: 'closed' },
    substantiate: finding('resolved'),
    ...same('resolved', PARTIES),
  },
  mediation: {
    close: { actors: ['regulator'], to: 'closed' },
    withdraw: withdrawal,
    substantiate: finding('mediation'),
    ...same('mediation', PARTIES),
  },
  rejected: {},
  closed: {},
};

const CLOSING: Partial<Record<ComplaintStatus, readonly Outcome[]>> = {
  resolved: ['resolved_for_consumer', 'partially_resolved', 'unsubstantiated'],
  mediation: ['resolved_for_consumer', 'partially_resolved', 'unsubstantiated', 'mediation_failed'],
};

export function closingOutcomes(state: ComplaintState): Outcome[] {
  const open = CLOSING[state.status] ?? [];
  return open.filter((o) => !(o === 'unsubstantiated' && state.substantiated));
}

/** What may happen next, and who may do it: what a refusal lists, and what a page may offer. */
export function allowedSteps(state: ComplaintState): AllowedStep[] {
  const steps: AllowedStep[] = [];
  for (const action of ACTION_TYPES) {
    const rule = RULES[state.status][action];
    if (!rule) continue;
    if (action === 'substantiate' && state.substantiated) continue;
    const actors = rule.actors.filter(
      (a) => !(action === 'accept' && a === 'system' && !state.verified_purchase),
    );
    const step: AllowedStep = { action, actors, to: rule.to };
    if (action === 'close') step.outcomes = closingOutcomes(state);
    steps.push(step);
  }
  return steps;
}
