import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BUNDLED_HOLIDAYS_FILE, loadHolidayCalendar } from '../../src/lib/holidays.ts';
import {
  addWorkingDays,
  calendarFrom,
  covers,
  isWorkingDay,
  MAX_WORKING_DAYS,
  workingDaysBetween,
} from '../../src/lib/working-days.ts';
import type { HolidayCalendar } from '../../src/lib/working-days.ts';

const cn = loadHolidayCalendar();
const empty = calendarFrom({ holidays: [], workdays: [] });

// Reference arithmetic for the tests, independent of the module's integer day numbers: Date in UTC.
function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday .. 6 Saturday
}
function daysOf(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = shift(d, 1)) out.push(d);
  return out;
}
/** Working days in (from, to] counted one day at a time with the same rule as isWorkingDay. */
function naiveBetween(from: string, to: string, calendar: HolidayCalendar): number {
  let count = 0;
  for (let d = shift(from, 1); d <= to; d = shift(d, 1)) {
    const working =
      calendar.workdays.has(d) || (!calendar.holidays.has(d) && weekday(d) !== 0 && weekday(d) !== 6);
    if (working) count += 1;
  }
  return count;
}

describe('isWorkingDay', () => {
  test.each([
    ['2025-03-01', false, 'a Saturday'],
    ['2025-03-02', false, 'a Sunday'],
    ['2025-03-03', true, 'a Monday'],
    ['2025-03-07', true, 'a Friday'],
    ['2025-01-01', false, "New Year's Day, a Wednesday"],
    ['2025-01-28', false, 'Spring Festival eve, a Tuesday'],
    ['2025-05-05', false, 'a Monday in the Labour Day holiday'],
    ['2025-10-08', false, 'the last day of the National Day holiday, a Wednesday'],
    ['2025-10-04', false, 'a Saturday inside the National Day holiday'],
    ['2025-01-26', true, 'a Sunday that is an adjusted working day'],
    ['2025-04-27', true, 'a Sunday that is an adjusted working day'],
    ['2025-02-08', true, 'a Saturday that is an adjusted working day'],
    ['2025-10-11', true, 'a Saturday that is an adjusted working day'],
    ['2026-02-23', false, 'the last day of the 2026 Spring Festival, a Monday'],
    ['2026-01-04', true, 'a Sunday that is a 2026 adjusted working day'],
    ['2026-09-20', true, 'a Sunday that is a 2026 adjusted working day'],
    ['2026-06-19', false, 'Dragon Boat Festival 2026, a Friday'],
    ['2027-01-01', true, 'a Friday outside the calendar: only weekends count'],
    ['2024-02-29', true, 'a leap day, a Thursday, outside the calendar'],
  ])('%s is working: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, cn)).toBe(expected);
  });

  test('with an empty calendar exactly Monday to Friday are working days, 2020-2030', () => {
    for (const d of daysOf('2020-01-01', '2030-12-31')) {
      expect(isWorkingDay(d, empty), d).toBe(weekday(d) !== 0 && weekday(d) !== 6);
    }
  });
});

describe('addWorkingDays', () => {
  // Expected values counted by hand on the 2025 calendar: list the days after `date` one by one, skip
  // Saturdays, Sundays and holidays, but count the adjusted working days.
  test.each([
    // Spring Festival 2025: holiday Tue 01-28 .. Tue 02-04; adjusted working days Sun 01-26, Sat 02-08.
    ['2025-01-24', 1, '2025-01-26', 'Fri; Sat 25 rests; Sun 26 works'],
    ['2025-01-24', 2, '2025-01-27', 'Sun 26, Mon 27'],
    ['2025-01-24', 3, '2025-02-05', 'Sun 26, Mon 27, then 01-28..02-04 rest, Wed 02-05'],
    ['2025-01-27', 1, '2025-02-05', 'the whole holiday is skipped'],
    ['2025-01-27', 4, '2025-02-08', 'Wed 5, Thu 6, Fri 7, Sat 8 (adjusted)'],
    ['2025-01-27', 5, '2025-02-10', 'Wed 5, Thu 6, Fri 7, Sat 8, Sun 9 rests, Mon 10'],
    ['2025-01-30', 1, '2025-02-05', 'from inside the holiday'],
    // National Day 2025: holiday Wed 10-01 .. Wed 10-08; adjusted working days Sun 09-28, Sat 10-11.
    ['2025-09-26', 1, '2025-09-28', 'Fri; Sat 27 rests; Sun 28 works'],
    ['2025-09-26', 3, '2025-09-30', 'Sun 28, Mon 29, Tue 30'],
    ['2025-09-30', 1, '2025-10-09', 'Thu 10-09 after the eight-day holiday'],
    ['2025-09-30', 3, '2025-10-11', 'Thu 9, Fri 10, Sat 11 (adjusted)'],
    ['2025-09-30', 4, '2025-10-13', 'Thu 9, Fri 10, Sat 11, Sun 12 rests, Mon 13'],
    // Ordinary weeks.
    ['2025-03-07', 1, '2025-03-10', 'Fri to Mon'],
    ['2025-03-08', 1, '2025-03-10', 'Sat to Mon'],
    ['2025-03-03', 5, '2025-03-10', 'one week'],
    // Across the year end: Wed 2025-12-31, then 2026-01-01..03 holiday, Sun 01-04 adjusted working day.
    ['2025-12-31', 1, '2026-01-04', 'Sun 2026-01-04 works'],
    ['2025-12-31', 2, '2026-01-05', 'Sun 4, Mon 5'],
    // Spring Festival 2026: Sat 02-14 works, Sun 02-15 .. Mon 02-23 rest.
    ['2026-02-13', 1, '2026-02-14', 'Sat 14 (adjusted)'],
    ['2026-02-13', 2, '2026-02-24', 'Sat 14, then 02-15..02-23 rest, Tue 24'],
  ])('%s + %i working days = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, cn)).toBe(expected);
  });

  test('20 working days from Monday 2025-09-22 (before National Day) is Friday 2025-10-24', () => {
    // By hand: Sep 23, 24, 25, 26 (4), Sun 28 adjusted (5), 29, 30 (7), Oct 1-8 holiday, Oct 9, 10 (9),
    // Sat 11 adjusted (10), Oct 13-17 (15), Oct 20-24 (20). Check: 20 weekdays on an empty calendar end
    // Mon 10-20; the holiday takes 6 weekdays (Oct 1, 2, 3, 6, 7, 8) and gives back 2 (Sep 28, Oct 11),
    // so 4 more working days: Oct 21, 22, 23, 24.
    expect(addWorkingDays('2025-09-22', 20, empty)).toBe('2025-10-20');
    expect(addWorkingDays('2025-09-22', 20, cn)).toBe('2025-10-24');
  });

  test('n = 0 returns a working day itself', () => {
    expect(addWorkingDays('2025-03-03', 0, cn)).toBe('2025-03-03');
    expect(addWorkingDays('2025-10-11', 0, cn)).toBe('2025-10-11'); // adjusted Saturday
    expect(addWorkingDays('2025-01-26', 0, cn)).toBe('2025-01-26'); // adjusted Sunday
  });

  test('n = 0 on a rest day returns the next working day', () => {
    expect(addWorkingDays('2025-10-01', 0, cn)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-08', 0, cn)).toBe('2025-10-09');
    expect(addWorkingDays('2025-01-28', 0, cn)).toBe('2025-02-05');
    expect(addWorkingDays('2025-10-12', 0, cn)).toBe('2025-10-13'); // Sunday
    expect(addWorkingDays('2025-09-27', 0, cn)).toBe('2025-09-28'); // Saturday before an adjusted Sunday
  });

  test('the result for n >= 1 is a working day after the start', () => {
    for (const d of daysOf('2025-01-01', '2026-12-31')) {
      for (const n of [1, 2, 7, 20]) {
        const due = addWorkingDays(d, n, cn);
        expect(due > d).toBe(true);
        expect(isWorkingDay(due, cn), `${d} + ${n}`).toBe(true);
      }
    }
  });

  test('agrees with a Date-based count on an empty calendar across leap years and centuries', () => {
    for (const start of [
      '1899-12-29',
      '1999-12-31',
      '2000-02-25',
      '2099-12-30',
      '2100-02-26',
      '2023-12-29',
    ]) {
      let d = start;
      for (let n = 1; n <= 400; n += 1) {
        d = shift(d, 1);
        while (weekday(d) === 0 || weekday(d) === 6) d = shift(d, 1);
        expect(addWorkingDays(start, n, empty), `${start} + ${n}`).toBe(d);
      }
    }
  });

  test('years below 1000 keep four digits and are not read as 19xx', () => {
    expect(addWorkingDays('0099-12-31', 1, empty)).toBe('0100-01-01'); // 0099-12-31 was a Thursday
    expect(isWorkingDay('0050-06-15', empty)).toBe(true);
  });

  test('a 10-year span is fast', () => {
    const started = performance.now();
    const due = addWorkingDays('2020-01-01', 2600, cn);
    expect(workingDaysBetween('2020-01-01', due, cn)).toBe(2600);
    expect(performance.now() - started).toBeLessThan(500);
  });

  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2025-03-03', n, cn)).toThrow(RangeError);
  });

  test('rejects n above the bound and results past 9999-12-31', () => {
    expect(() => addWorkingDays('2025-03-03', MAX_WORKING_DAYS + 1, cn)).toThrow(RangeError);
    expect(() => addWorkingDays('9999-12-30', 5, empty)).toThrow(RangeError);
    expect(addWorkingDays('9999-12-30', 1, empty)).toBe('9999-12-31'); // a Friday
  });
});

describe('workingDaysBetween', () => {
  test.each([
    ['2025-09-30', '2025-10-11', 3],
    ['2025-09-30', '2025-10-08', 0],
    ['2025-01-27', '2025-02-05', 1],
    ['2025-03-03', '2025-03-10', 5],
    ['2025-03-03', '2025-03-03', 0],
    ['2025-03-10', '2025-03-03', 0],
    ['2025-03-07', '2025-03-09', 0],
  ])('(%s, %s] holds %i working days', (from, to, expected) => {
    expect(workingDaysBetween(from, to, cn)).toBe(expected);
  });

  test('2025 and 2026 each have 248 working days', () => {
    // Each year has 261 weekdays. 2025: 18 holidays fall on weekdays (Jan 1; Jan 28-31, Feb 3-4; Apr 4;
    // May 1, 2, 5; Jun 2; Oct 1-3, 6-8) and 5 adjusted working days fall on weekends: 261 - 18 + 5.
    // 2026: 19 weekday holidays (Jan 1-2; Feb 16-20, 23; Apr 6; May 1, 4, 5; Jun 19; Sep 25;
    // Oct 1, 2, 5, 6, 7) and 6 weekend working days: 261 - 19 + 6.
    expect(workingDaysBetween('2024-12-31', '2025-12-31', empty)).toBe(261);
    expect(workingDaysBetween('2024-12-31', '2025-12-31', cn)).toBe(248);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', empty)).toBe(261);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cn)).toBe(248);
  });

  test('is the inverse of addWorkingDays for every day of 2025 and 2026 and n in 0..30', () => {
    for (const d of daysOf('2025-01-01', '2026-12-31')) {
      // n = 0 moves a rest day to the next working day: one working day in (d, that day].
      expect(workingDaysBetween(d, addWorkingDays(d, 0, cn), cn), d).toBe(isWorkingDay(d, cn) ? 0 : 1);
      for (let n = 1; n <= 30; n += 1) {
        const due = addWorkingDays(d, n, cn);
        expect(workingDaysBetween(d, due, cn), `${d} + ${n} = ${due}`).toBe(n);
        // And the day before the due date is still short of n.
        expect(workingDaysBetween(d, shift(due, -1), cn), `${d} + ${n}`).toBe(n - 1);
      }
    }
  });

  test('agrees with counting one day at a time, to every day including rest days', () => {
    for (const from of ['2024-12-20', '2025-01-26', '2025-09-27', '2025-12-31', '2026-02-14']) {
      for (const to of daysOf('2024-12-15', '2027-01-10')) {
        expect(workingDaysBetween(from, to, cn), `(${from}, ${to}]`).toBe(naiveBetween(from, to, cn));
      }
    }
  });

  test('on an empty calendar agrees with counting one day at a time over long spans', () => {
    for (const [from, to] of [
      ['1899-12-25', '1901-03-03'],
      ['1999-12-27', '2001-01-02'],
      ['2099-12-28', '2100-03-05'],
      ['2015-06-06', '2035-06-06'],
    ] as const) {
      expect(workingDaysBetween(from, to, empty), `(${from}, ${to}]`).toBe(naiveBetween(from, to, empty));
    }
  });

  test('a holiday on a weekend and an adjusted working day on a weekday change nothing', () => {
    const odd = calendarFrom({ holidays: ['2025-03-08'], workdays: ['2025-03-05'] }); // Sat, Wed
    expect(workingDaysBetween('2025-03-02', '2025-03-09', odd)).toBe(5);
    expect(workingDaysBetween('2025-03-02', '2025-03-09', odd)).toBe(
      naiveBetween('2025-03-02', '2025-03-09', odd),
    );
  });
});

describe('malformed dates', () => {
  const bad = [
    '2025-02-30',
    '2025-1-1',
    '',
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '0000-01-01',
  ];
  const bad2 = [' 2025-01-01', '2025-01-01T00:00:00Z', '20250101', '2025/01/01', '２０２５-01-01'];
  test.each([...bad, ...bad2])('%j is rejected with a RangeError everywhere', (date) => {
    expect(() => isWorkingDay(date, cn)).toThrow(RangeError);
    expect(() => addWorkingDays(date, 1, cn)).toThrow(RangeError);
    expect(() => addWorkingDays(date, 0, cn)).toThrow(RangeError);
    expect(() => workingDaysBetween(date, '2025-03-03', cn)).toThrow(RangeError);
    expect(() => workingDaysBetween('2025-03-03', date, cn)).toThrow(RangeError);
    expect(() => covers(date, cn)).toThrow(RangeError);
  });

  test('the error names the bad date', () => {
    expect(() => isWorkingDay('2025-02-30', cn)).toThrow('"2025-02-30"');
  });

  test('leap days are accepted only in leap years', () => {
    expect(isWorkingDay('2024-02-29', cn)).toBe(true);
    expect(isWorkingDay('2000-02-29', cn)).toBe(true); // a Tuesday
    expect(() => isWorkingDay('1900-02-29', cn)).toThrow(RangeError);
    expect(() => isWorkingDay('2100-02-29', cn)).toThrow(RangeError);
  });
});

describe('calendarFrom', () => {
  test('collects the holidays, adjusted working days and covered years', () => {
    const cal = calendarFrom({ holidays: ['2030-01-01', '2030-01-01'], workdays: ['2031-02-01'] });
    expect([...cal.holidays]).toEqual(['2030-01-01']);
    expect([...cal.workdays]).toEqual(['2031-02-01']);
    expect([...cal.years].sort()).toEqual([2030, 2031]);
  });

  test('rejects a date that is both a holiday and a working day, naming it', () => {
    expect(() => calendarFrom({ holidays: ['2025-01-01', '2025-10-11'], workdays: ['2025-10-11'] })).toThrow(
      /2025-10-11.*both/,
    );
  });

  test.each([
    [{ holidays: ['2025-02-30'], workdays: [] }, 'holidays[0]', '2025-02-30'],
    [{ holidays: ['2025-01-01', '2025-1-2'], workdays: [] }, 'holidays[1]', '2025-1-2'],
    [{ holidays: [], workdays: [''] }, 'workdays[0]', '""'],
    [{ holidays: [20250101 as unknown as string], workdays: [] }, 'holidays[0]', '20250101'],
  ])('rejects %j naming the entry', (data, where, entry) => {
    expect(() => calendarFrom(data)).toThrow(Error);
    expect(() => calendarFrom(data)).toThrow(where);
    expect(() => calendarFrom(data)).toThrow(entry);
  });

  test('rejects lists that are not arrays', () => {
    expect(() => calendarFrom({ holidays: '2025-01-01' as unknown as string[], workdays: [] })).toThrow(
      'holidays must be an array',
    );
  });
});

describe('covers', () => {
  test.each([
    ['2025-01-01', true],
    ['2025-06-15', true],
    ['2026-12-31', true],
    ['2024-12-31', false],
    ['2027-01-01', false],
  ])('%s covered: %s', (date, expected) => {
    expect(covers(date, cn)).toBe(expected);
  });

  test('an empty calendar covers nothing', () => {
    expect(covers('2025-06-15', empty)).toBe(false);
  });
});

describe('loadHolidayCalendar', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marketgate-holidays-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  test('the bundled calendar holds 2025 and 2026 as published', () => {
    expect(loadHolidayCalendar(BUNDLED_HOLIDAYS_FILE)).toEqual(cn);
    expect([...cn.years].sort()).toEqual([2025, 2026]);
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 holiday days; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    expect([...cn.holidays].filter((d) => d.startsWith('2025')).length).toBe(28);
    expect([...cn.holidays].filter((d) => d.startsWith('2026')).length).toBe(33);
    expect([...cn.workdays]).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // Every adjusted working day is a Saturday or a Sunday.
    for (const d of cn.workdays) expect([0, 6], d).toContain(weekday(d));
  });

  test('reads a replacement file', () => {
    const file = write('ok.json', JSON.stringify({ holidays: ['2027-01-01'], workdays: ['2027-01-09'] }));
    const cal = loadHolidayCalendar(file);
    expect(isWorkingDay('2027-01-01', cal)).toBe(false);
    expect(isWorkingDay('2027-01-09', cal)).toBe(true);
    expect(covers('2027-05-05', cal)).toBe(true);
  });

  test('bad JSON: the error names the file', () => {
    const file = write('bad.json', '{ "holidays": [');
    expect(() => loadHolidayCalendar(file)).toThrow(file);
    expect(() => loadHolidayCalendar(file)).toThrow('not valid JSON');
  });

  test('a bad date: the error names the file and the entry', () => {
    const file = write(
      'bad-date.json',
      JSON.stringify({ holidays: ['2025-01-01', '2025-02-30'], workdays: [] }),
    );
    expect(() => loadHolidayCalendar(file)).toThrow(file);
    expect(() => loadHolidayCalendar(file)).toThrow('holidays[1]');
    expect(() => loadHolidayCalendar(file)).toThrow('2025-02-30');
  });

  test('a date both holiday and working day: the error names the file', () => {
    const file = write('both.json', JSON.stringify({ holidays: ['2025-01-01'], workdays: ['2025-01-01'] }));
    expect(() => loadHolidayCalendar(file)).toThrow(file);
    expect(() => loadHolidayCalendar(file)).toThrow('2025-01-01');
  });

  test.each([
    ['array.json', '[]'],
    ['null.json', 'null'],
    ['no-workdays.json', '{"holidays":[]}'],
    ['string-list.json', '{"holidays":"2025-01-01","workdays":[]}'],
  ])('a wrong shape (%s): the error names the file', (name, text) => {
    const file = write(name, text);
    expect(() => loadHolidayCalendar(file)).toThrow(file);
  });

  test('a missing file: the error names the file', () => {
    const file = path.join(dir, 'missing.json');
    expect(() => loadHolidayCalendar(file)).toThrow(file);
  });
});
