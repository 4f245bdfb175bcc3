/**
 * The complaint workflow: a pure state machine for consumer disputes. No storage, no clock: the state,
 * the action, who takes it, the moment and the holiday calendar are passed in; out come the next state
 * and the event to append. Storage and routes are built on it (one event row per transition).
 *
 *   submitted ─accept─▶ accepted ─forward─▶ forwarded ─respond─▶ answered ─consumer_accept─▶ resolved ─close─▶ closed
 *       │                                      │                    │
 *       └─reject─▶ rejected                    └──────mediate───────┴─consumer_reject/mediate─▶ mediation ─close─▶ closed
 *   withdraw (consumer) ─▶ closed `withdrawn` from submitted, accepted, forwarded, answered and mediation.
 *
 * Choices where the issue is silent:
 * - `answered` is a status of its own: the platform has answered and the consumer has not yet said
 *   whether the answer settles it. The consumer's rejection starts mediation at once: the dispute is back
 *   with the regulator, and nothing is left for anyone else to decide first.
 * - `accepted` does not forward by itself (one action, one event); the service forwards right after
 *   accepting with actor `system` where it is configured to. The regulator's 7-working-day period covers
 *   the decision and handing the complaint on, so `accepted` is held to the same `decision` date.
 * - The `system` may accept only a verified purchase (the configured rule is `shouldAutoAccept`); the
 *   regulator alone rejects.
 * - A regulator may `mediate` from `forwarded` (the platform does not answer, or will not) and from
 *   `answered` (the consumer does not reply): otherwise those statuses could stall with no one able to act.
 * - `resolved` ends in `closed` by the regulator or the system, as `resolved_for_consumer`,
 *   `partially_resolved` or `unsubstantiated` (a consumer who accepts a decline or an explanation has
 *   conceded; counting that as substantiated would mark a seller at fault that nobody found at fault).
 *   `settledOutcome` is what the system closes with. Mediation closes with any outcome but `withdrawn`,
 *   which only the consumer's `withdraw` gives.
 * - The consumer cannot withdraw from `resolved`: the dispute is settled, and a late withdrawal would turn
 *   a settled record into one that says nothing happened. `rejected` is final like `closed`.
 * - `substantiate` (the regulator finds the seller at fault) is possible from acceptance until closing,
 *   once; a complaint so found cannot then be closed `unsubstantiated`.
 * - Deadlines are China Standard Time dates: addWorkingDays(chinaToday(at), n), counting from the day
 *   after the clock starts ("自收到投诉之日起七个工作日内"): 7 from submission (decision), 10 from
 *   forwarding (answer), 45 from the start of mediation. The Interim Measures count the 45 days from
 *   acceptance; here the platform's own handling comes first, so the mediation clock starts with
 *   mediation. Each date is fixed when its clock starts: a later edit of the holiday file does not move
 *   a date the parties were told. A step taken on its deadline date is in time; the day after, it is late.
 * - `overdue` records every deadline that passed before its step was done, whether the sweeper or a late
 *   step noticed first (every transition marks what has passed at its moment), so the record does not
 *   depend on when the sweeper ran. A late answer is still taken, with `untimely` on the answer and event.
 * - Refusals: `illegal_transition` when the status (or the state: a finding already made, an outcome not
 *   open from here) does not allow the step, `actor_not_permitted` when it does but not for this actor,
 *   `invalid_action` for a value outside the closed lists, a blank message, or a time before the last event.
 */
import { chinaToday } from '../lib/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../lib/working-days.ts';
import { overdueOn, validInstant } from './deadlines.ts';
import { type AllowedStep, ComplaintWorkflowError, type WorkflowErrorCode } from './errors.ts';
import { allowedSteps, closingOutcomes, RULES } from './rules.ts';
import type { ComplaintAction, ComplaintEvent, ComplaintState } from './state.ts';
import {
  ACTION_TYPES,
  type Actor,
  ACTORS,
  ANSWER_KINDS,
  ANSWER_WORKING_DAYS,
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  DECISION_WORKING_DAYS,
  MEDIATION_WORKING_DAYS,
  type Outcome,
  OUTCOMES,
  REJECTION_REASONS,
} from './terms.ts';

// One module to import: the workflow's vocabulary, shapes, rules and deadlines come with it.
export * from './terms.ts';
export * from './state.ts';
export { ComplaintWorkflowError, WORKFLOW_ERROR_STATUS } from './errors.ts';
export type { AllowedStep, RefusalContext, WorkflowErrorCode } from './errors.ts';
export { allowedSteps } from './rules.ts';
export { deadlinesOf, overdue, type RunningDeadline } from './deadlines.ts';

/** Counts against the seller: settled in the consumer's favour, or mediation failed with the seller at fault. */
export function countsAsSubstantiated(state: ComplaintState): boolean {
  if (state.status !== 'closed') return false;
  switch (state.outcome) {
    case 'resolved_for_consumer':
    case 'partially_resolved':
      return true;
    case 'mediation_failed':
      return state.substantiated;
    default:
      return false;
  }
}

/** The outcome the system closes a `resolved` complaint with, from the answer the consumer accepted. */
export function settledOutcome(state: ComplaintState): Outcome {
  const kind = state.answer?.kind;
  if (kind === 'refund' || kind === 'replacement') return 'resolved_for_consumer';
  return state.substantiated ? 'partially_resolved' : 'unsubstantiated';
}

export interface AutoAcceptRule {
  /** Categories the system accepts by itself when the purchase is verified; empty: none. */
  categories: readonly ComplaintCategory[];
}

/** Whether the configured rule lets the system accept this complaint without a regulator. */
export function shouldAutoAccept(state: ComplaintState, rule: AutoAcceptRule): boolean {
  return state.status === 'submitted' && state.verified_purchase && rule.categories.includes(state.category);
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** The step's message: null when it may have none; `fail` says what is wrong with a missing or blank one. */
function messageOf(
  action: { type: string; message?: unknown },
  required: boolean,
  fail: (detail: string) => Error,
): string | null {
  const { message } = action;
  if (message === undefined || message === null) {
    if (!required) return null;
    throw fail(`${action.type} needs a message`);
  }
  if (typeof message !== 'string' || message.trim() === '') {
    throw fail(`the message of ${action.type} must be text that is not blank`);
  }
  return message;
}

function describeAllowed(steps: AllowedStep[]): string {
  if (steps.length === 0) return 'nothing more can happen to it';
  const each = steps.map((s) => `${s.action} by the ${s.actors.join(' or the ')}`);
  return `allowed from here: ${each.join(', ')}`;
}

/** A new complaint as the consumer lodges it; the regulator's decision clock starts. */
export function submitComplaint(
  input: { category: ComplaintCategory; verified_purchase: boolean; message: string },
  at: Date,
  calendar: HolidayCalendar,
): { state: ComplaintState; event: ComplaintEvent } {
  validInstant(at);
  if (!isOneOf(COMPLAINT_CATEGORIES, input.category)) {
    throw new ComplaintWorkflowError('invalid_action', `unknown category ${JSON.stringify(input.category)}`);
  }
  const message = messageOf(
    { type: 'submit', message: input.message },
    true,
    (detail) => new ComplaintWorkflowError('invalid_action', detail),
  )!;
  const iso = at.toISOString();
  const due = addWorkingDays(chinaToday(at), DECISION_WORKING_DAYS, calendar);
  const state: ComplaintState = {
    status: 'submitted',
    category: input.category,
    verified_purchase: input.verified_purchase === true,
    submitted_at: iso,
    updated_at: iso,
    deadlines: { decision: due, answer: null, mediation: null },
    overdue: [],
    substantiated: false,
    rejection: null,
    answer: null,
    outcome: null,
  };
  const event: ComplaintEvent = {
    action: 'submit',
    actor: 'consumer',
    at: iso,
    from: null,
    to: 'submitted',
    message,
    deadline: { step: 'decision', due },
    newly_overdue: [],
  };
  return { state, event };
}

/** Applies one step; throws ComplaintWorkflowError when the step is not allowed. */
export function transition(
  state: ComplaintState,
  action: ComplaintAction,
  actor: Actor,
  at: Date,
  calendar: HolidayCalendar,
): { state: ComplaintState; event: ComplaintEvent } {
  const context = { status: state.status, action: action?.type, actor };
  const refuse = (code: WorkflowErrorCode, detail: string) =>
    new ComplaintWorkflowError(code, detail, { ...context, allowed: allowedSteps(state) });

  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw refuse('invalid_action', 'the time of a step must be a valid Date');
  }
  if (!isOneOf(ACTORS, actor)) throw refuse('invalid_action', `unknown actor ${JSON.stringify(actor)}`);
  const type: unknown = action?.type;
  if (!isOneOf(ACTION_TYPES, type)) {
    throw refuse('invalid_action', `unknown action ${JSON.stringify(type)}`);
  }
  const iso = at.toISOString();
  if (at.getTime() < Date.parse(state.updated_at)) {
    throw refuse('invalid_action', `${iso} is before the complaint's last event at ${state.updated_at}`);
  }
  const rule = RULES[state.status][action.type];
  if (!rule) {
    throw refuse(
      'illegal_transition',
      `a ${state.status} complaint cannot take ${action.type}; ${describeAllowed(allowedSteps(state))}`,
    );
  }
  if (!rule.actors.includes(actor)) {
    throw refuse(
      'actor_not_permitted',
      `only the ${rule.actors.join(' or the ')} may ${action.type} a ${state.status} complaint, not the ${actor}`,
    );
  }

  const required = action.type === 'respond' || action.type === 'substantiate' || action.type === 'message';
  const otherReason = action.type === 'reject' && action.reason === 'other';
  const message = messageOf(action, required || otherReason, (detail) => refuse('invalid_action', detail));
  if (action.type === 'reject' && !isOneOf(REJECTION_REASONS, action.reason)) {
    throw refuse('invalid_action', `unknown rejection reason ${JSON.stringify(action.reason)}`);
  }
  if (action.type === 'respond' && !isOneOf(ANSWER_KINDS, action.kind)) {
    throw refuse('invalid_action', `unknown answer kind ${JSON.stringify(action.kind)}`);
  }
  if (action.type === 'close' && !isOneOf(OUTCOMES, action.outcome)) {
    throw refuse('invalid_action', `unknown outcome ${JSON.stringify(action.outcome)}`);
  }

  if (action.type === 'accept' && actor === 'system' && !state.verified_purchase) {
    throw refuse('illegal_transition', 'the system accepts only verified purchases; a regulator must decide');
  }
  if (action.type === 'substantiate' && state.substantiated) {
    throw refuse('illegal_transition', 'the seller has already been found at fault');
  }
  if (action.type === 'close' && !closingOutcomes(state).includes(action.outcome)) {
    throw refuse(
      'illegal_transition',
      `a ${state.status} complaint${state.substantiated ? ' with the seller found at fault' : ''} cannot close as ${action.outcome}`,
    );
  }

  const today = chinaToday(at);
  const newlyOverdue = overdueOn(state, today).filter((step) => !state.overdue.includes(step));
  const next: ComplaintState = {
    ...state,
    status: rule.to,
    updated_at: iso,
    overdue: [...state.overdue, ...newlyOverdue],
  };
  const event: ComplaintEvent = {
    action: action.type,
    actor,
    at: iso,
    from: state.status,
    to: rule.to,
    message,
    newly_overdue: newlyOverdue,
  };
  const startClock = (step: 'answer' | 'mediation', days: number) => {
    const due = addWorkingDays(today, days, calendar);
    next.deadlines = { ...state.deadlines, [step]: due };
    event.deadline = { step, due };
  };

  switch (action.type) {
    case 'reject':
      next.rejection = event.reason = action.reason;
      break;
    case 'forward':
      startClock('answer', ANSWER_WORKING_DAYS);
      break;
    case 'respond': {
      const untimely = state.deadlines.answer !== null && today > state.deadlines.answer;
      next.answer = { kind: action.kind, message: action.message, at: iso, untimely };
      event.kind = action.kind;
      event.untimely = untimely;
      break;
    }
    case 'consumer_reject':
    case 'mediate':
      startClock('mediation', MEDIATION_WORKING_DAYS);
      break;
    case 'close':
      next.outcome = event.outcome = action.outcome;
      break;
    case 'withdraw':
      next.outcome = event.outcome = 'withdrawn';
      break;
    case 'substantiate':
      next.substantiated = true;
      break;
  }
  return { state: next, event };
}
