// Working-day arithmetic for legal deadlines ("within 20 working days of the decision") on China's calendar:
// Saturdays and Sundays rest, public holidays rest, and some weekend days are adjusted working days (调休补班).
// Pure: dates are 'YYYY-MM-DD' strings turned into day numbers with integer arithmetic, so neither the local
// time zone nor Date's reading of years 0-99 as 1900-1999 can shift a date.

/** Dates are calendar dates 'YYYY-MM-DD' (China Standard Time dates; no time of day). */
export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  /** years the calendar covers */
  years: ReadonlySet<number>;
}

/** The most working days addWorkingDays counts (about 380 years): keeps every call bounded. */
export const MAX_WORKING_DAYS = 100_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a valid civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' of a day number (inverse of daysFromCivil). */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const LAST_DAY = daysFromCivil(9999, 12, 31);

/** The day number of a 'YYYY-MM-DD' date in years 0001-9999, or undefined when it is not one. */
function parseDay(date: unknown): number | undefined {
  if (typeof date !== 'string') return undefined;
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

function dayOf(date: string, what = 'date'): number {
  const day = parseDay(date);
  if (day === undefined)
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return day;
}

/** 1970-01-01 (day 0) was a Thursday; with Monday = 0, Thursday is 3. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  return weekdayIndex(day) >= 5;
}

/** Monday-to-Friday days among the day numbers in [-3, day): differences count weekdays in a range. */
function weekdaysBefore(day: number): number {
  const shifted = day + 3; // 0 is Monday 1969-12-29
  const weeks = Math.floor(shifted / 7);
  return weeks * 5 + Math.min(shifted - weeks * 7, 5);
}

function workingDay(day: number, date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(day);
}

/** A calendar from lists of holidays and adjusted working days; throws an Error naming the first bad entry. */
export function calendarFrom(data: { holidays: string[]; workdays: string[] }): HolidayCalendar {
  const years = new Set<number>();
  const read = (list: unknown, name: 'holidays' | 'workdays'): Set<string> => {
    if (!Array.isArray(list)) throw new Error(`${name} must be an array of dates YYYY-MM-DD`);
    const set = new Set<string>();
    list.forEach((entry: unknown, i) => {
      if (parseDay(entry) === undefined) {
        throw new Error(`${name}[${i}] is not a calendar date YYYY-MM-DD: ${JSON.stringify(entry)}`);
      }
      set.add(entry as string);
      years.add(Number((entry as string).slice(0, 4)));
    });
    return set;
  };
  const holidays = read(data.holidays, 'holidays');
  const workdays = read(data.workdays, 'workdays');
  for (const date of workdays) {
    if (holidays.has(date)) throw new Error(`${date} is listed both as a holiday and as a working day`);
  }
  return { holidays, workdays, years };
}

export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return workingDay(dayOf(date), date, calendar);
}

/** The date n working days after `date` (n >= 0): counting starts the day after `date`; n = 0 returns `date` itself if it is a working day, else the next working day. */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar): string {
  let day = dayOf(date);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n > MAX_WORKING_DAYS) throw new RangeError(`n must be at most ${MAX_WORKING_DAYS}, got ${n}`);
  let current = date;
  if (n === 0) {
    // Bounded: a week always holds a weekday unless the calendar lists it all as holidays, and the
    // calendar is finite.
    while (!workingDay(day, current, calendar)) {
      if (day >= LAST_DAY) throw new RangeError(`no working day on or after ${date} before 9999-12-31`);
      day += 1;
      current = civilFromDays(day);
    }
    return current;
  }
  let remaining = n;
  while (remaining > 0) {
    if (day >= LAST_DAY) throw new RangeError(`${n} working days after ${date} is past 9999-12-31`);
    day += 1;
    current = civilFromDays(day);
    if (workingDay(day, current, calendar)) remaining -= 1;
  }
  return current;
}

/** Working days in (from, to]: 0 when to <= from. */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  const start = dayOf(from, 'from');
  const end = dayOf(to, 'to');
  if (end <= start) return 0;
  // Weekdays in (from, to], then the calendar's corrections: a holiday on a weekday takes one away, an
  // adjusted working day on a weekend adds one. Constant in the span, linear in the calendar's size.
  let count = weekdaysBefore(end + 1) - weekdaysBefore(start + 1);
  for (const holiday of calendar.holidays) {
    if (calendar.workdays.has(holiday)) continue; // calendarFrom forbids it; the working day wins as in isWorkingDay
    const day = parseDay(holiday);
    if (day !== undefined && day > start && day <= end && !isWeekend(day)) count -= 1;
  }
  for (const workday of calendar.workdays) {
    const day = parseDay(workday);
    if (day !== undefined && day > start && day <= end && isWeekend(day)) count += 1;
  }
  return count;
}

/** Whether `date` is in a year the calendar covers (outside, only weekends count: callers may want to warn). */
export function covers(date: string, calendar: HolidayCalendar): boolean {
  dayOf(date);
  return calendar.years.has(Number(date.slice(0, 4)));
}
