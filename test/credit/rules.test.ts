import { describe, expect, it } from 'vitest';
import {
  addMonths,
  listEndsOn,
  listRepairRefusal,
  listSweepAction,
  type PenaltyDates,
  penaltyIsPublic,
  penaltyRepairRefusal,
  penaltyState,
  publicUntil,
  publishDeadline,
  publishedLate,
  seriousListPenaltyRefusal,
  startOfChinaDay,
  withdrawDeadline,
  withdrawnLate,
} from '../../src/credit/rules.ts';
import { loadHolidayCalendar } from '../../src/lib/holidays.ts';
import { calendarFrom } from '../../src/lib/working-days.ts';

const cn = loadHolidayCalendar();
const plain = calendarFrom({ holidays: [], workdays: [] });
/** Noon in Beijing on a date: the instant used for "now" in these tests. */
const beijingNoon = (date: string) => new Date(`${date}T12:00:00+08:00`);

const penalty = (over: Partial<PenaltyDates> = {}): PenaltyDates => ({
  severity: 'moderate',
  sector: 'general',
  decided_on: '2026-03-02',
  publish_by: '2026-03-30',
  published_at: null,
  public_until: null,
  withdraw_by: null,
  withdrawn_at: null,
  repaired_at: null,
  ...over,
});

describe('calendar months', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2024-02-29', 36, '2027-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-05-31', 12, '2027-05-31'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('a CST date begins at 16:00 UTC the day before', () => {
    expect(startOfChinaDay('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
  });
});

describe('publication and withdrawal deadlines in working days', () => {
  it('20 working days without holidays are four weeks', () => {
    expect(publishDeadline('2026-03-02', plain)).toBe('2026-03-30');
  });

  it('the Spring Festival of 2026 pushes the deadline back and its make-up Saturdays count', () => {
    // Decided Monday 2 Feb 2026. Working days: 3-6 Feb (1-4), 9-13 Feb (5-9), Sat 14 Feb (make-up, 10),
    // 15-23 Feb holiday, 24-27 Feb (11-14), Sat 28 Feb (make-up, 15), 2-6 Mar (16-20).
    expect(publishDeadline('2026-02-02', cn)).toBe('2026-03-06');
    expect(publishDeadline('2026-02-02', plain)).toBe('2026-03-02');
  });

  it('the National Day week: decided 30 Sep 2026, 3 working days end on 12 Oct', () => {
    // 1-7 Oct holiday; Sat 10 Oct is a make-up working day; so: 8, 9, 10 Oct.
    expect(withdrawDeadline('2026-09-30', cn)).toBe('2026-10-10');
    expect(withdrawDeadline('2026-09-30', plain)).toBe('2026-10-05');
  });

  it('a decision on a holiday counts from the next working days', () => {
    expect(withdrawDeadline('2026-05-01', cn)).toBe('2026-05-08'); // 1-5 May holiday; 6, 7, 8
  });
});

describe('how long a penalty is public', () => {
  it('minor: 3 months from publication; others: 3 years', () => {
    expect(publicUntil('2026-03-10', 'minor')).toBe('2026-06-10');
    expect(publicUntil('2026-03-10', 'moderate')).toBe('2029-03-10');
    expect(publicUntil('2026-03-10', 'serious')).toBe('2029-03-10');
  });
});

describe('the state of a penalty', () => {
  it('unpublished until its deadline, overdue the day after', () => {
    const p = penalty();
    expect(penaltyState(p, beijingNoon('2026-03-30'))).toBe('unpublished');
    expect(publishedLate(p, beijingNoon('2026-03-30'))).toBe(false);
    expect(penaltyState(p, beijingNoon('2026-03-31'))).toBe('overdue');
    expect(publishedLate(p, beijingNoon('2026-03-31'))).toBe(true);
  });

  it('the deadline is a CST date: 23:30 UTC on the 30th is already the 31st in Beijing', () => {
    expect(penaltyState(penalty(), new Date('2026-03-30T15:59:00Z'))).toBe('unpublished');
    expect(penaltyState(penalty(), new Date('2026-03-30T16:00:00Z'))).toBe('overdue');
  });

  it('published: public until the last day, ended on public_until', () => {
    const p = penalty({ published_at: '2026-03-10T02:00:00.000Z', public_until: '2029-03-10' });
    expect(penaltyState(p, beijingNoon('2029-03-09'))).toBe('published');
    expect(penaltyIsPublic(p, beijingNoon('2029-03-09'))).toBe(true);
    expect(penaltyState(p, beijingNoon('2029-03-10'))).toBe('ended');
    expect(penaltyIsPublic(p, beijingNoon('2029-03-10'))).toBe(false);
    expect(publishedLate(p, beijingNoon('2029-03-10'))).toBe(false);
  });

  it('published after the deadline is flagged late for good', () => {
    const p = penalty({ published_at: '2026-04-02T02:00:00.000Z', public_until: '2029-04-02' });
    expect(penaltyState(p, beijingNoon('2026-04-03'))).toBe('published');
    expect(publishedLate(p, beijingNoon('2026-04-03'))).toBe(true);
  });

  it('withdrawn beats everything, and is late past its 3 working days', () => {
    const p = penalty({
      published_at: '2026-03-10T02:00:00.000Z',
      public_until: '2029-03-10',
      withdraw_by: '2026-05-08',
      withdrawn_at: '2026-05-08T09:00:00.000Z',
    });
    expect(penaltyState(p, beijingNoon('2026-05-09'))).toBe('withdrawn');
    expect(penaltyIsPublic(p, beijingNoon('2026-05-09'))).toBe(false);
    expect(withdrawnLate(p)).toBe(false);
    expect(withdrawnLate({ ...p, withdrawn_at: '2026-05-08T16:30:00.000Z' })).toBe(true); // 9 May in Beijing
    expect(
      publishedLate({ ...penalty(), withdrawn_at: '2026-03-20T00:00:00.000Z' }, beijingNoon('2026-04-30')),
    ).toBe(false);
  });

  it('repaired is no longer public', () => {
    const p = penalty({
      published_at: '2026-03-10T02:00:00.000Z',
      public_until: '2029-03-10',
      repaired_at: '2026-10-01T00:00:00.000Z',
    });
    expect(penaltyState(p, beijingNoon('2026-10-02'))).toBe('repaired');
  });
});

describe('credit repair of a penalty', () => {
  const published = (over: Partial<PenaltyDates>) =>
    penalty({ published_at: '2026-03-10T02:00:00.000Z', public_until: '2029-03-10', ...over });

  it('general: from 6 months after publication', () => {
    const p = published({});
    expect(penaltyRepairRefusal(p, beijingNoon('2026-09-09'))).toMatch(/from 2026-09-10, 6 months/);
    expect(penaltyRepairRefusal(p, beijingNoon('2026-09-10'))).toBeNull();
  });

  it.each(['food', 'drugs', 'special_equipment'] as const)('%s: from a year after publication', (sector) => {
    const p = published({ sector });
    expect(penaltyRepairRefusal(p, beijingNoon('2027-03-09'))).toMatch(/from 2027-03-10, 12 months/);
    expect(penaltyRepairRefusal(p, beijingNoon('2027-03-10'))).toBeNull();
  });

  it('a minor penalty is never repaired; an unpublished, withdrawn or ended one neither', () => {
    expect(
      penaltyRepairRefusal(
        published({ severity: 'minor', public_until: '2026-06-10' }),
        beijingNoon('2026-05-01'),
      ),
    ).toMatch(/minor/);
    expect(penaltyRepairRefusal(penalty(), beijingNoon('2027-01-01'))).toMatch(/overdue/);
    expect(
      penaltyRepairRefusal(published({ withdrawn_at: '2026-04-01T00:00:00Z' }), beijingNoon('2027-01-01')),
    ).toMatch(/withdrawn/);
    expect(penaltyRepairRefusal(published({}), beijingNoon('2029-03-11'))).toMatch(/ended/);
  });
});

describe('lists', () => {
  const entry = (list: 'abnormal' | 'serious', over: Record<string, unknown> = {}) => ({
    list,
    entered_on: '2026-03-02',
    ends_on: listEndsOn('2026-03-02'),
    removed_at: null as string | null,
    proposed_at: null as string | null,
    ...over,
  });

  it('an entry ends 3 years after it began', () => {
    expect(listEndsOn('2026-03-02')).toBe('2029-03-02');
    expect(listEndsOn('2024-02-29')).toBe('2027-02-28');
  });

  it('the sweep expires a serious entry on its end date, not the day before', () => {
    expect(listSweepAction(entry('serious'), beijingNoon('2029-03-01'))).toBeNull();
    expect(listSweepAction(entry('serious'), beijingNoon('2029-03-02'))).toBe('expire');
  });

  it('the sweep proposes an abnormal entry still open after 3 years, once', () => {
    expect(listSweepAction(entry('abnormal'), beijingNoon('2029-03-01'))).toBeNull();
    expect(listSweepAction(entry('abnormal'), beijingNoon('2029-03-02'))).toBe('propose');
    expect(
      listSweepAction(entry('abnormal', { proposed_at: '2029-03-02T00:00:00Z' }), beijingNoon('2029-04-01')),
    ).toBeNull();
  });

  it('the sweep leaves removed entries alone', () => {
    expect(
      listSweepAction(entry('serious', { removed_at: '2027-01-01T00:00:00Z' }), beijingNoon('2030-01-01')),
    ).toBeNull();
  });

  it('repair removes an abnormal entry at any time, a serious one from a year after entry', () => {
    expect(listRepairRefusal(entry('abnormal'), beijingNoon('2026-03-03'))).toBeNull();
    expect(listRepairRefusal(entry('serious'), beijingNoon('2027-03-01'))).toMatch(/from 2027-03-02/);
    expect(listRepairRefusal(entry('serious'), beijingNoon('2027-03-02'))).toBeNull();
    expect(
      listRepairRefusal(entry('serious', { removed_at: '2027-01-01T00:00:00Z' }), beijingNoon('2028-01-01')),
    ).toMatch(/removed already/);
  });

  it('only a non-minor, standing penalty of the same subject qualifies for the serious list', () => {
    const p = { ...penalty(), subject_id: 'S1' };
    expect(seriousListPenaltyRefusal(p, 'S1')).toBeNull();
    expect(seriousListPenaltyRefusal({ ...p, severity: 'serious' }, 'S1')).toBeNull();
    expect(seriousListPenaltyRefusal(p, 'S2')).toMatch(/another subject/);
    expect(seriousListPenaltyRefusal({ ...p, severity: 'minor' }, 'S1')).toMatch(/minor/);
    expect(seriousListPenaltyRefusal({ ...p, withdrawn_at: '2026-04-01T00:00:00Z' }, 'S1')).toMatch(
      /withdrawn/,
    );
  });
});
