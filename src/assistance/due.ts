/**
 * When an answer is due and when it is late (pure). As a complaint's deadlines (src/complaints/workflow.ts):
 * the due date is `n` working days on China's holiday calendar counted from the day after the request
 * (China Standard Time dates); an answer received on the due date, up to its last instant in China
 * Standard Time, is in time, and from the next day on it is late.
 */
import { chinaToday } from '../lib/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../lib/working-days.ts';

const CST_MS = 8 * 3_600_000;

export function dueDateOf(requestedAt: Date, workingDays: number, calendar: HolidayCalendar): string {
  return addWorkingDays(chinaToday(requestedAt), workingDays, calendar);
}

/** The first instant past the due date: midnight at its end in China Standard Time, in UTC. */
export function dueEndsAt(dueDate: string): string {
  const [y, m, d] = dueDate.split('-').map(Number) as [number, number, number];
  const end = new Date(0);
  end.setUTCFullYear(y, m - 1, d + 1);
  return new Date(end.getTime() - CST_MS).toISOString();
}

/** Whether something done at `at` was done after its due date (China Standard Time). */
export const isLate = (at: Date, dueDate: string) => chinaToday(at) > dueDate;

/** Whether an open request is past its due date at `now`. */
export const isOverdue = (row: { status: string; due_date: string }, now: Date) =>
  row.status === 'open' && isLate(now, row.due_date);
