import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadHolidayCalendar } from '../../src/lib/holidays.ts';
import {
  addWorkingDays,
  calendarFrom,
  type HolidayCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '../../src/lib/working-days.ts';

/**
 * Working-day arithmetic against a day-by-day count on Date, on random calendars of holidays and
 * adjusted working days (调休补班) and on the bundled Chinese one.
 */
const RUNS = { numRuns: 200 };
const DAY = 86_400_000;

const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const nextDay = (date: string) => toDate(msOf(date) + DAY);
const isWeekend = (date: string) => [0, 6].includes(new Date(msOf(date)).getUTCDay());

/** The oracle: a weekday or an adjusted working day, and no holiday. */
const works = (date: string, cal: HolidayCalendar) =>
  cal.workdays.has(date) || (!cal.holidays.has(date) && !isWeekend(date));

/** Working days in (from, to], one day at a time. */
function countDayByDay(from: string, to: string, cal: HolidayCalendar): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (works(d, cal)) n++;
  return n;
}

const dateIn = (from: string, to: string) =>
  fc.integer({ min: msOf(from) / DAY, max: msOf(to) / DAY }).map((day) => toDate(day * DAY));
/** Dates around the calendars' years, so that spans start and end inside and outside them. */
const date = dateIn('2023-06-01', '2028-06-30');

/** A calendar of up to 60 holidays and 20 adjusted working days in 2024-2027, never both on one date. */
const randomCalendar = fc
  .tuple(
    fc.uniqueArray(dateIn('2024-01-01', '2027-12-31'), { maxLength: 60 }),
    fc.uniqueArray(dateIn('2024-01-01', '2027-12-31'), { maxLength: 20 }),
  )
  .map(([holidays, workdays]) =>
    calendarFrom({ holidays, workdays: workdays.filter((d) => !holidays.includes(d)) }),
  );
const bundled = loadHolidayCalendar();
const calendar = fc.oneof(randomCalendar, fc.constant(bundled));

describe('addWorkingDays', () => {
  test('n > 0 working days later is a working day, never a listed holiday, after exactly n working days', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 400 }), (cal, from, n) => {
        const due = addWorkingDays(from, n, cal);
        expect(due > from).toBe(true);
        expect(works(due, cal), due).toBe(true);
        expect(isWorkingDay(due, cal)).toBe(true);
        expect(cal.holidays.has(due), due).toBe(false);
        expect(countDayByDay(from, due, cal)).toBe(n);
        expect(workingDaysBetween(from, due, cal)).toBe(n);
        // And not a day earlier: the day before the due date still leaves one to go.
        expect(countDayByDay(from, toDate(msOf(due) - DAY), cal)).toBe(n - 1);
      }),
      RUNS,
    );
  });

  test('0 working days later is the date itself if it is a working day, else the next one', () => {
    fc.assert(
      fc.property(calendar, date, (cal, from) => {
        let expected = from;
        while (!works(expected, cal)) expected = nextDay(expected);
        expect(addWorkingDays(from, 0, cal)).toBe(expected);
      }),
      RUNS,
    );
  });

  test('is monotone in n, and strictly so from n = 1', () => {
    fc.assert(
      fc.property(calendar, date, fc.nat({ max: 300 }), fc.nat({ max: 300 }), (cal, from, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        const [early, late] = [addWorkingDays(from, n, cal), addWorkingDays(from, m, cal)];
        expect(early <= late).toBe(true);
        if (n >= 1 && n < m) expect(early < late).toBe(true);
      }),
      RUNS,
    );
  });

  test('refuses a negative or fractional n and a date that is not one with a RangeError', () => {
    const badN = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: false }).filter((x) => !Number.isInteger(x) || x < 0),
    );
    const badDate = fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d\d-\d\d$/.test(s));
    fc.assert(
      fc.property(
        calendar,
        fc.oneof(
          badN.map((n) => ['2026-03-02', n] as const),
          badDate.map((d) => [d, 1] as const),
        ),
        (cal, [from, n]) => {
          expect(() => addWorkingDays(from, n, cal)).toThrow(RangeError);
        },
      ),
      RUNS,
    );
  });
});

describe('workingDaysBetween', () => {
  test('counts what a day-by-day count counts, adjusted working days included, and 0 backwards', () => {
    fc.assert(
      fc.property(calendar, date, date, (cal, a, b) => {
        expect(workingDaysBetween(a, b, cal), `${a}..${b}`).toBe(b > a ? countDayByDay(a, b, cal) : 0);
      }),
      RUNS,
    );
  });

  test('adds up over consecutive spans', () => {
    fc.assert(
      fc.property(calendar, fc.array(date, { minLength: 3, maxLength: 3 }), (cal, dates) => {
        const [a, b, c] = [...dates].sort();
        expect(workingDaysBetween(a!, b!, cal) + workingDaysBetween(b!, c!, cal)).toBe(
          workingDaysBetween(a!, c!, cal),
        );
      }),
      RUNS,
    );
  });

  test('a weekend listed as an adjusted working day counts, a weekday listed as a holiday does not', () => {
    fc.assert(
      fc.property(dateIn('2024-01-01', '2027-12-31'), (day) => {
        const cal = isWeekend(day)
          ? calendarFrom({ holidays: [], workdays: [day] })
          : calendarFrom({ holidays: [day], workdays: [] });
        const before = toDate(msOf(day) - DAY);
        expect(isWorkingDay(day, cal)).toBe(isWeekend(day));
        expect(workingDaysBetween(before, day, cal)).toBe(isWeekend(day) ? 1 : 0);
        expect(addWorkingDays(before, 1, cal) === day).toBe(isWeekend(day));
      }),
      RUNS,
    );
  });
});
