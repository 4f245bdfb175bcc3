/** The days of a month (1-12) of a year of the proleptic Gregorian calendar, as Date counts them. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A day that exists: month 1-12, day 1 to the month's last (2026-02-30 does not). */
export const isDayOf = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isDayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

// China Standard Time has been UTC+8 all year since 1992: the calendar the filings' dates are in.
const CST_OFFSET_MS = 8 * 3600_000;

const DAY_MS = 86_400_000;
// The China date of each day number met, for the per-order calls of a filing (a year's days at most,
// cleared past that).
const dayCache = new Map<number, string>();

/** The date YYYY-MM-DD in China Standard Time of an instant given in milliseconds since 1970. */
export function chinaDateOf(ms: number): string {
  const day = Math.floor((ms + CST_OFFSET_MS) / DAY_MS);
  let date = dayCache.get(day);
  if (date === undefined) {
    if (dayCache.size >= 4096) dayCache.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, date);
  }
  return date;
}

/** The month YYYY-MM in China Standard Time of an instant given in milliseconds since 1970. */
export const chinaMonthOf = (ms: number): string => chinaDateOf(ms).slice(0, 7);

/** Today's date in China Standard Time as YYYY-MM-DD: a store opened "today" in Beijing is not in the future. */
export const chinaToday = (now: Date = new Date()): string => chinaDateOf(now.getTime());

/** The month YYYY-MM of an instant in China Standard Time. */
export const chinaMonth = (iso: string): string => chinaMonthOf(Date.parse(iso));

/** An RFC 3339 timestamp in UTC with milliseconds, the form every time on the wire takes. */
export function utcNow(now: Date = new Date()): string {
  return now.toISOString();
}

/** An instant as China Standard Time, `YYYY-MM-DD HH:MM` (the zone is for the caller to say). */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar date YYYY-MM-DD of an instant in China Standard Time (a date alone is kept as it is). */
export function chinaDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant in China Standard Time with its offset, RFC 3339: `2026-11-20T15:24:00+08:00` (CSV exports). */
export function chinaTimestamp(iso: string): string {
  return `${new Date(Date.parse(iso) + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
