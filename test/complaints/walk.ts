// Complaints in every status, reached by walking the workflow itself from one submission.
import { calendarFrom, type HolidayCalendar } from '../../src/lib/working-days.ts';
import {
  type ActionType,
  type Actor,
  type ComplaintAction,
  type ComplaintState,
  type ComplaintStatus,
  ComplaintWorkflowError,
  submitComplaint,
  transition,
} from '../../src/complaints/workflow.ts';

/** Only Saturdays and Sundays rest. */
export const PLAIN = calendarFrom({ holidays: [], workdays: [] });

/** Monday 2030-03-04, 10:00 in Beijing. */
export const T0 = new Date('2030-03-04T02:00:00Z');
export const hoursAfter = (hours: number, from: Date = T0) => new Date(from.getTime() + hours * 3_600_000);

/** The instant at which a China Standard Time date starts, and the last second of it. */
export const startOfChinaDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`));
export const endOfChinaDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+08:00`));

/** A valid action of each type. */
export const SAMPLE: Record<ActionType, ComplaintAction> = {
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: 'duplicate' },
  forward: { type: 'forward' },
  respond: { type: 'respond', kind: 'refund', message: 'We refund the order in full.' },
  consumer_accept: { type: 'consumer_accept' },
  consumer_reject: { type: 'consumer_reject', message: 'The refund leaves out the shipping.' },
  mediate: { type: 'mediate' },
  close: { type: 'close', outcome: 'resolved_for_consumer' },
  withdraw: { type: 'withdraw' },
  substantiate: { type: 'substantiate', message: 'The goods were counterfeit.' },
  message: { type: 'message', message: 'Please send the delivery photo.' },
  sweep: { type: 'sweep' },
};

type Step = [ActionType, Actor];
const PATHS: Record<ComplaintStatus, Step[]> = {
  submitted: [],
  accepted: [['accept', 'regulator']],
  rejected: [['reject', 'regulator']],
  forwarded: [
    ['accept', 'regulator'],
    ['forward', 'regulator'],
  ],
  answered: [
    ['accept', 'regulator'],
    ['forward', 'regulator'],
    ['respond', 'platform'],
  ],
  resolved: [
    ['accept', 'regulator'],
    ['forward', 'regulator'],
    ['respond', 'platform'],
    ['consumer_accept', 'consumer'],
  ],
  mediation: [
    ['accept', 'regulator'],
    ['forward', 'regulator'],
    ['respond', 'platform'],
    ['consumer_reject', 'consumer'],
  ],
  closed: [['withdraw', 'consumer']],
};

export function submitted(verified = true, at: Date = T0, calendar = PLAIN): ComplaintState {
  return submitComplaint(
    { category: 'counterfeit', verified_purchase: verified, message: 'The handbag is a fake.' },
    at,
    calendar,
  ).state;
}

/** A complaint in `status`, its steps an hour apart from T0. */
export function reach(status: ComplaintStatus, verified = true): ComplaintState {
  let state = submitted(verified);
  PATHS[status].forEach(([type, actor], i) => {
    state = transition(state, SAMPLE[type], actor, hoursAfter(i + 1), PLAIN).state;
  });
  if (state.status !== status) throw new Error(`walked to ${state.status}, not ${status}`);
  return state;
}

type Timed = [ComplaintAction, Actor, Date];

/** Applies steps in order at the given instants, on `calendar`. */
export function applyOn(calendar: HolidayCalendar, state: ComplaintState, ...steps: Timed[]): ComplaintState {
  return steps.reduce((s, [action, actor, at]) => transition(s, action, actor, at, calendar).state, state);
}

/** Applies steps in order at the given instants, on the plain calendar. */
export const apply = (state: ComplaintState, ...steps: Timed[]) => applyOn(PLAIN, state, ...steps);

/** The error a call throws, failing the test when it throws none or another kind. */
export function refusal(call: () => unknown): ComplaintWorkflowError {
  try {
    call();
  } catch (error) {
    if (error instanceof ComplaintWorkflowError) return error;
    throw error;
  }
  throw new Error('expected a ComplaintWorkflowError, but the step was allowed');
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
