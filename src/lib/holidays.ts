// The holiday calendar working-day deadlines are counted on: the bundled cn.json (2025 and 2026, from the
// State Council notices) or an operator's replacement file in the same format.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { calendarFrom, covers } from './working-days.ts';
import type { HolidayCalendar } from './working-days.ts';

/** The calendar shipped with the gateway. */
export const BUNDLED_HOLIDAYS_FILE = fileURLToPath(new URL('./holidays/cn.json', import.meta.url));

/** Reads a holiday calendar file `{ "holidays": [...], "workdays": [...] }`; errors name the file. */
export function loadHolidayCalendar(file: string = BUNDLED_HOLIDAYS_FILE): HolidayCalendar {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read holiday calendar ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`holiday calendar ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`holiday calendar ${file} must be a JSON object with "holidays" and "workdays" arrays`);
  }
  const { holidays, workdays } = data as { holidays?: unknown; workdays?: unknown };
  if (!Array.isArray(holidays) || !Array.isArray(workdays)) {
    throw new Error(
      `holiday calendar ${file} must have "holidays" and "workdays" arrays of dates YYYY-MM-DD`,
    );
  }
  try {
    return calendarFrom({ holidays: holidays as string[], workdays: workdays as string[] });
  } catch (err) {
    throw new Error(`holiday calendar ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** How far ahead legal deadlines reach: 45 working days of mediation are about two and a half months. */
export const DEADLINE_HORIZON_DAYS = 90;

/**
 * The years from `today` to DEADLINE_HORIZON_DAYS later (China dates) that the calendar does not cover:
 * deadlines counted into them see weekends only, so the operator should supply the year's notice.
 */
export function uncoveredYears(calendar: HolidayCalendar, today: string): number[] {
  const end = new Date(Date.parse(`${today}T00:00:00Z`) + DEADLINE_HORIZON_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const years: number[] = [];
  for (let year = Number(today.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    if (!covers(`${year}-01-01`, calendar)) years.push(year);
  }
  return years;
}
