// The deadlines that run in each status and which of them have passed: what the sweeper asks.
import { chinaToday } from '../lib/dates.ts';
import { ComplaintWorkflowError } from './errors.ts';
import type { ComplaintState } from './state.ts';
import type { DeadlineStep } from './terms.ts';

export interface RunningDeadline {
  step: DeadlineStep;
  due: string;
  party: 'regulator' | 'platform';
}

export function validInstant(at: Date): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new ComplaintWorkflowError('invalid_action', 'the time of a step must be a valid Date');
  }
  return at;
}

/** The deadlines running in the current status. */
export function deadlinesOf(state: ComplaintState): RunningDeadline[] {
  const { decision, answer, mediation } = state.deadlines;
  switch (state.status) {
    case 'submitted':
    case 'accepted':
      return [{ step: 'decision', due: decision, party: 'regulator' }];
    case 'forwarded':
      return answer ? [{ step: 'answer', due: answer, party: 'platform' }] : [];
    case 'mediation':
      return mediation ? [{ step: 'mediation', due: mediation, party: 'regulator' }] : [];
    default:
      return [];
  }
}

export function overdueOn(state: ComplaintState, today: string): DeadlineStep[] {
  return deadlinesOf(state)
    .filter((d) => today > d.due)
    .map((d) => d.step);
}

/**
 * The running steps whose deadline has passed at `now` (a step is late from the day after its deadline
 * date, in China Standard Time). The sweeper applies `sweep` to a complaint when this names a step that
 * `state.overdue` does not hold yet.
 */
export function overdue(state: ComplaintState, now: Date): DeadlineStep[] {
  return overdueOn(state, chinaToday(validInstant(now)));
}
