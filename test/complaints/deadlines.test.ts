import { describe, expect, test } from 'vitest';
import { loadHolidayCalendar } from '../../src/lib/holidays.ts';
import { calendarFrom, type HolidayCalendar } from '../../src/lib/working-days.ts';
import {
  type ComplaintState,
  type ComplaintStatus,
  deadlinesOf,
  type DeadlineStep,
  overdue,
  transition,
} from '../../src/complaints/workflow.ts';
import {
  apply,
  applyOn,
  endOfChinaDay,
  hoursAfter,
  PLAIN,
  reach,
  refusal,
  SAMPLE,
  startOfChinaDay,
  submitted,
} from './walk.ts';

// Dates are hand-counted here, not computed with addWorkingDays, so a wrong count or clock start fails.
const CN = loadHolidayCalendar();
const cal = (holidays: string[], workdays: string[] = []) => calendarFrom({ holidays, workdays });
/** 10:00 in Beijing on a date. */
const morning = (date: string) => new Date(Date.parse(`${date}T10:00:00+08:00`));

function forwardedAt(at: Date, calendar: HolidayCalendar): ComplaintState {
  return applyOn(
    calendar,
    submitted(true, at, calendar),
    [SAMPLE.accept, 'regulator', at],
    [SAMPLE.forward, 'regulator', at],
  );
}

function mediationFrom(at: Date, calendar: HolidayCalendar, by: 'consumer_reject' | 'mediate') {
  const answered = applyOn(calendar, forwardedAt(at, calendar), [SAMPLE.respond, 'platform', at]);
  const actor = by === 'mediate' ? 'regulator' : 'consumer';
  return transition(answered, SAMPLE[by], actor, at, calendar);
}

describe('deadline dates', () => {
  test.each([
    ['a Friday', morning('2030-03-08'), PLAIN, '2030-03-19'],
    ['a Saturday (counting starts on Monday)', morning('2030-03-09'), PLAIN, '2030-03-19'],
    ['a Sunday', morning('2030-03-10'), PLAIN, '2030-03-19'],
    ['a Friday, a holiday on Tuesday 12th', morning('2030-03-08'), cal(['2030-03-12']), '2030-03-20'],
    ['a Friday, Saturday 16th a working day', morning('2030-03-08'), cal([], ['2030-03-16']), '2030-03-18'],
    ['Thursday 23:59:59 in Beijing (15:59 UTC)', new Date('2030-03-07T15:59:59.999Z'), PLAIN, '2030-03-18'],
    ['Friday 00:00 in Beijing (Thursday 16:00 UTC)', new Date('2030-03-07T16:00:00Z'), PLAIN, '2030-03-19'],
    ['the eve of the 2026 National Day holidays', morning('2026-09-24'), CN, '2026-10-12'],
    ['the week of New Year 2026 (Sunday 4 January is worked)', morning('2025-12-29'), CN, '2026-01-08'],
  ])('submitted on %s: the regulator decides by %s', (_when, at, calendar, due) => {
    const state = submitted(true, at, calendar);
    expect(state.deadlines.decision).toBe(due);
  });

  test.each([
    ['a Wednesday', morning('2030-03-06'), PLAIN, '2030-03-20'],
    ['a Wednesday, a holiday on Friday 15th', morning('2030-03-06'), cal(['2030-03-15']), '2030-03-21'],
    ['a Friday', morning('2030-03-01'), PLAIN, '2030-03-15'],
    ['the Tuesday before the 2026 Spring Festival', morning('2026-02-10'), CN, '2026-03-02'],
    ['the same Tuesday on a calendar without holidays', morning('2026-02-10'), PLAIN, '2026-02-24'],
    ['Tuesday 16:00 UTC, already Wednesday in Beijing', new Date('2026-02-10T16:00:00Z'), CN, '2026-03-03'],
  ])('forwarded on %s: the platform answers by %s', (_when, at, calendar, due) => {
    const state = forwardedAt(at, calendar);
    expect(state.deadlines.answer).toBe(due);
    expect(state.deadlines.mediation).toBeNull();
  });

  test('forwarding says in its event which clock it started', () => {
    const state = reach('accepted');
    const { event } = transition(state, SAMPLE.forward, 'system', hoursAfter(5), PLAIN);
    expect(event.deadline).toEqual({ step: 'answer', due: '2030-03-18' });
  });

  test.each([
    ['consumer_reject', PLAIN, '2030-05-06'],
    ['mediate', PLAIN, '2030-05-06'],
    ['consumer_reject', cal(['2030-04-10']), '2030-05-07'],
    ['mediate', cal(['2030-04-10'], ['2030-04-13']), '2030-05-06'],
  ] as const)('mediation started by %s on Monday 2030-03-04 ends by %s', (by, calendar, due) => {
    const { state, event } = mediationFrom(morning('2030-03-04'), calendar, by);
    expect(state.status).toBe('mediation');
    expect(state.deadlines.mediation).toBe(due);
    expect(event.deadline).toEqual({ step: 'mediation', due });
  });

  test('mediation started on 1 September 2026 runs past the National Day holidays to 9 November', () => {
    expect(mediationFrom(morning('2026-09-01'), CN, 'consumer_reject').state.deadlines.mediation).toBe(
      '2026-11-09',
    );
  });

  test('a regulator mediating a complaint the platform left unanswered starts the clock from that day', () => {
    const state = forwardedAt(morning('2030-03-04'), PLAIN); // answer due 2030-03-18
    const { state: next, event } = transition(
      state,
      SAMPLE.mediate,
      'regulator',
      morning('2030-03-25'),
      PLAIN,
    );
    // 45 working days from Monday 2030-03-25: nine weeks later, Monday 2030-05-27.
    expect(next.deadlines).toEqual({ decision: '2030-03-13', answer: '2030-03-18', mediation: '2030-05-27' });
    expect(next.overdue).toEqual(['answer']);
    expect(event.newly_overdue).toEqual(['answer']);
  });

  test('a date once set does not move when a later step is given another calendar', () => {
    const state = forwardedAt(morning('2030-03-06'), PLAIN);
    const busy = cal(['2030-03-07', '2030-03-08', '2030-03-11']);
    const next = transition(state, SAMPLE.sweep, 'system', morning('2030-03-07'), busy).state;
    expect(next.deadlines.answer).toBe('2030-03-20');
  });
});

describe('in time on the deadline date, late the day after', () => {
  test('a platform answer on the last day is timely; a second later, it is untimely but still taken', () => {
    const state = forwardedAt(morning('2030-03-04'), PLAIN);
    expect(state.deadlines.answer).toBe('2030-03-18');
    const onTime = transition(state, SAMPLE.respond, 'platform', endOfChinaDay('2030-03-18'), PLAIN);
    expect(onTime.state.answer?.untimely).toBe(false);
    expect(onTime.event).toMatchObject({ untimely: false, newly_overdue: [] });
    expect(onTime.state.overdue).toEqual([]);

    const late = transition(state, SAMPLE.respond, 'platform', startOfChinaDay('2030-03-19'), PLAIN);
    expect(late.state).toMatchObject({ status: 'answered', overdue: ['answer'] });
    expect(late.state.answer).toMatchObject({ kind: 'refund', untimely: true });
    expect(late.event).toMatchObject({ to: 'answered', untimely: true, newly_overdue: ['answer'] });
  });

  test('late on the day after even when that day is a rest day', () => {
    const state = forwardedAt(morning('2030-03-01'), PLAIN); // due Friday 2030-03-15
    const late = transition(state, SAMPLE.respond, 'platform', startOfChinaDay('2030-03-16'), PLAIN);
    expect(late.state.answer?.untimely).toBe(true);
  });

  test('an answer after the sweeper marked it overdue is untimely and marks nothing new', () => {
    const state = forwardedAt(morning('2030-03-04'), PLAIN);
    const swept = apply(state, [SAMPLE.sweep, 'system', startOfChinaDay('2030-03-19')]);
    const { state: next, event } = transition(
      swept,
      SAMPLE.respond,
      'platform',
      morning('2030-03-25'),
      PLAIN,
    );
    expect(event).toMatchObject({ untimely: true, newly_overdue: [] });
    expect(next.overdue).toEqual(['answer']);
  });

  test.each([
    ['accept', 'regulator'],
    ['reject', 'regulator'],
  ] as const)(
    'a regulator’s %s on the decision date is in time, the day after it is late',
    (action, actor) => {
      const state = reach('submitted'); // decision due 2030-03-13
      const onTime = transition(state, SAMPLE[action], actor, endOfChinaDay('2030-03-13'), PLAIN);
      expect(onTime.state.overdue).toEqual([]);
      const late = transition(state, SAMPLE[action], actor, startOfChinaDay('2030-03-14'), PLAIN);
      expect(late.state.overdue).toEqual(['decision']);
      expect(late.event.newly_overdue).toEqual(['decision']);
    },
  );

  test('forwarding after the decision date is late too: the decision period covers handing on', () => {
    const accepted = reach('accepted');
    expect(
      transition(accepted, SAMPLE.forward, 'regulator', endOfChinaDay('2030-03-13'), PLAIN).state.overdue,
    ).toEqual([]);
    expect(
      transition(accepted, SAMPLE.forward, 'regulator', startOfChinaDay('2030-03-14'), PLAIN).state.overdue,
    ).toEqual(['decision']);
  });

  test('closing a mediation on its last day is in time; the day after it is late', () => {
    const state = reach('mediation'); // mediation due 2030-05-06
    const close = { type: 'close', outcome: 'mediation_failed' } as const;
    expect(transition(state, close, 'regulator', endOfChinaDay('2030-05-06'), PLAIN).state.overdue).toEqual(
      [],
    );
    expect(transition(state, close, 'regulator', startOfChinaDay('2030-05-07'), PLAIN).state.overdue).toEqual(
      ['mediation'],
    );
  });
});

describe('the sweeper', () => {
  const RUNNING: [ComplaintStatus, DeadlineStep, string, 'regulator' | 'platform'][] = [
    ['submitted', 'decision', '2030-03-13', 'regulator'],
    ['accepted', 'decision', '2030-03-13', 'regulator'],
    ['forwarded', 'answer', '2030-03-18', 'platform'],
    ['mediation', 'mediation', '2030-05-06', 'regulator'],
  ];
  const dayAfter = {
    '2030-03-13': '2030-03-14',
    '2030-03-18': '2030-03-19',
    '2030-05-06': '2030-05-07',
  } as Record<string, string>;

  test.each(RUNNING)(
    'a %s complaint runs against its %s deadline, %s, owed by the %s',
    (status, step, due, party) => {
      expect(deadlinesOf(reach(status))).toEqual([{ step, due, party }]);
    },
  );

  test.each(['answered', 'resolved', 'rejected', 'closed'] as const)(
    'a %s complaint has no deadline running and is never overdue',
    (status) => {
      const state = reach(status);
      expect(deadlinesOf(state)).toEqual([]);
      expect(overdue(state, new Date('2031-12-31T00:00:00Z'))).toEqual([]);
    },
  );

  test.each(RUNNING)('a %s complaint is overdue for %s from the day after %s', (status, step, due) => {
    const state = reach(status);
    expect(overdue(state, endOfChinaDay(due))).toEqual([]);
    expect(overdue(state, startOfChinaDay(dayAfter[due]!))).toEqual([step]);
  });

  test.each(RUNNING)(
    'a sweep marks a %s complaint’s %s step once, and leaves its status',
    (status, step, due) => {
      const state = reach(status);
      const early = transition(state, SAMPLE.sweep, 'system', endOfChinaDay(due), PLAIN);
      expect(early.state.overdue).toEqual([]);
      expect(early.event.newly_overdue).toEqual([]);

      const first = transition(state, SAMPLE.sweep, 'system', startOfChinaDay(dayAfter[due]!), PLAIN);
      expect(first.state).toMatchObject({ status, overdue: [step] });
      expect(first.event).toMatchObject({ action: 'sweep', actor: 'system', from: status, to: status });
      expect(first.event.newly_overdue).toEqual([step]);

      const again = transition(first.state, SAMPLE.sweep, 'system', new Date('2031-01-01T00:00:00Z'), PLAIN);
      expect(again.state.overdue).toEqual([step]);
      expect(again.event.newly_overdue).toEqual([]);
    },
  );

  test('missed deadlines accumulate in the order they were noticed, and stay after the step is done', () => {
    const late = apply(
      reach('submitted'),
      [SAMPLE.accept, 'regulator', morning('2030-03-15')], // decision was due 2030-03-13
      [SAMPLE.forward, 'regulator', morning('2030-03-15')], // answer due 2030-03-29
      [SAMPLE.sweep, 'system', morning('2030-04-01')],
      [SAMPLE.respond, 'platform', morning('2030-04-02')],
    );
    expect(late.deadlines.answer).toBe('2030-03-29');
    expect(late.overdue).toEqual(['decision', 'answer']);
    expect(late.answer?.untimely).toBe(true);
    // Answered: nothing runs any more, though the record of what was missed stays.
    expect(overdue(late, new Date('2031-01-01T00:00:00Z'))).toEqual([]);
  });

  test('any step notices a deadline that passed, so the record does not wait for the sweeper', () => {
    const state = forwardedAt(morning('2030-03-04'), PLAIN); // answer due 2030-03-18
    const message = transition(state, SAMPLE.message, 'consumer', morning('2030-03-20'), PLAIN);
    expect(message.event.newly_overdue).toEqual(['answer']);
    const withdrawn = transition(state, SAMPLE.withdraw, 'consumer', morning('2030-03-20'), PLAIN);
    expect(withdrawn.state).toMatchObject({ status: 'closed', outcome: 'withdrawn', overdue: ['answer'] });
  });

  test('the sweeper asks with a valid instant', () => {
    expect(refusal(() => overdue(reach('submitted'), new Date('never'))).code).toBe('invalid_action');
  });
});
