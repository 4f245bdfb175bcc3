/**
 * The dates and conditions of penalties and lists, as pure functions: what the gateway computes,
 * enforces and shows. Dates are China Standard Time calendar dates 'YYYY-MM-DD'; working days count on
 * the holiday calendar (src/lib/working-days.ts).
 *
 * - A penalty decision must be published within 20 working days of the decision.
 * - Published, a minor penalty stays public for 3 months, any other for 3 years, from publication.
 * - An overturned penalty is withdrawn within 3 working days of the overturning.
 * - Credit repair of a penalty: not before 6 months of publication (1 year in food, drugs and special
 *   equipment); a minor penalty is public for 3 months only, so it is never repaired, it ends.
 * - The serious list: entry requires a qualifying penalty (not minor, not withdrawn, same subject) or an
 *   abnormal-list entry proposed for it; it expires after 3 years; repair removes it after 1 year.
 * - The abnormal list: no automatic expiry; an entry still open after 3 years is proposed for the serious
 *   list; the subject may be removed after repair at any time.
 */
import { chinaToday } from '../lib/dates.ts';
import { addWorkingDays, type HolidayCalendar } from '../lib/working-days.ts';
import type { CreditSeverity } from './model.ts';

export const PUBLISH_WITHIN_WORKING_DAYS = 20;
export const WITHDRAW_WITHIN_WORKING_DAYS = 3;
export const MINOR_PUBLIC_MONTHS = 3;
export const PUBLIC_MONTHS = 36;
export const LIST_MONTHS = 36;
export const SERIOUS_REPAIR_AFTER_MONTHS = 12;

export type Sector = 'general' | 'food' | 'drugs' | 'special_equipment';
export const SECTORS: readonly Sector[] = ['general', 'food', 'drugs', 'special_equipment'];
export type ListName = 'abnormal' | 'serious';

/** The date `months` calendar months after `date`; a day the month lacks becomes its last day (08-31 + 6 = 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month: the last of this
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`;
}

/** The instant a CST date begins, as an RFC 3339 UTC time: when something "on that date" starts or stops. */
export function startOfChinaDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

export const publishDeadline = (decidedOn: string, calendar: HolidayCalendar) =>
  addWorkingDays(decidedOn, PUBLISH_WITHIN_WORKING_DAYS, calendar);

export const withdrawDeadline = (overturnedOn: string, calendar: HolidayCalendar) =>
  addWorkingDays(overturnedOn, WITHDRAW_WITHIN_WORKING_DAYS, calendar);

/** The date a penalty published on `publishedOn` stops being public. */
export const publicUntil = (publishedOn: string, severity: CreditSeverity) =>
  addMonths(publishedOn, severity === 'minor' ? MINOR_PUBLIC_MONTHS : PUBLIC_MONTHS);

/** Months of publication before a penalty may be repaired; null: never (minor penalties simply end). */
export function penaltyRepairAfterMonths(severity: CreditSeverity, sector: Sector): number | null {
  if (severity === 'minor') return null;
  return sector === 'general' ? 6 : 12;
}

/** The date an entry ends: expiry of a serious entry, proposal of an abnormal one. */
export const listEndsOn = (enteredOn: string) => addMonths(enteredOn, LIST_MONTHS);

export interface PenaltyDates {
  severity: CreditSeverity;
  sector: Sector;
  decided_on: string;
  publish_by: string;
  published_at: string | null;
  public_until: string | null;
  withdraw_by: string | null;
  withdrawn_at: string | null;
  repaired_at: string | null;
}

export type PenaltyState = 'unpublished' | 'overdue' | 'published' | 'ended' | 'withdrawn' | 'repaired';

/** Where a penalty stands at `now`. */
export function penaltyState(p: PenaltyDates, now: Date): PenaltyState {
  const today = chinaToday(now);
  if (p.withdrawn_at) return 'withdrawn';
  if (p.repaired_at) return 'repaired';
  if (!p.published_at) return today > p.publish_by ? 'overdue' : 'unpublished';
  return p.public_until !== null && today >= p.public_until ? 'ended' : 'published';
}

/** Whether the public sees the penalty at `now`. */
export const penaltyIsPublic = (p: PenaltyDates, now: Date) => penaltyState(p, now) === 'published';

/** Published after its deadline (or not yet, and past it). */
export function publishedLate(p: PenaltyDates, now: Date): boolean {
  if (p.published_at) return chinaToday(new Date(p.published_at)) > p.publish_by;
  return !p.withdrawn_at && chinaToday(now) > p.publish_by;
}

export const withdrawnLate = (p: PenaltyDates) =>
  p.withdrawn_at !== null && p.withdraw_by !== null && chinaToday(new Date(p.withdrawn_at)) > p.withdraw_by;

/** Why a penalty cannot be repaired at `now`, or null when it can. */
export function penaltyRepairRefusal(p: PenaltyDates, now: Date): string | null {
  const state = penaltyState(p, now);
  if (state !== 'published') return `the penalty is ${state}: only a published penalty is repaired`;
  const months = penaltyRepairAfterMonths(p.severity, p.sector);
  if (months === null) return 'a minor penalty is public for 3 months only and is not repaired';
  const from = addMonths(chinaToday(new Date(p.published_at!)), months);
  if (chinaToday(now) < from)
    return `repair is possible from ${from}, ${months} months after publication (${p.sector})`;
  return null;
}

export interface ListEntryDates {
  list: ListName;
  entered_on: string;
  ends_on: string;
  removed_at: string | null;
}

/** Why an entry cannot be removed after repair at `now`, or null when it can. */
export function listRepairRefusal(e: ListEntryDates, now: Date): string | null {
  if (e.removed_at) return 'the entry was removed already';
  if (e.list === 'abnormal') return null;
  const from = addMonths(e.entered_on, SERIOUS_REPAIR_AFTER_MONTHS);
  return chinaToday(now) < from
    ? `repair removes a serious-list entry from ${from}, a year after entry`
    : null;
}

/** What the sweep does to an open entry at `now`: expire it, propose it for the serious list, or nothing. */
export function listSweepAction(
  e: ListEntryDates & { proposed_at: string | null },
  now: Date,
): 'expire' | 'propose' | null {
  if (e.removed_at || chinaToday(now) < e.ends_on) return null;
  if (e.list === 'serious') return 'expire';
  return e.proposed_at ? null : 'propose';
}

/** Why a penalty does not qualify a subject for the serious list, or null when it does. */
export function seriousListPenaltyRefusal(
  p: PenaltyDates & { subject_id: string },
  subjectId: string,
): string | null {
  if (p.subject_id !== subjectId) return 'the penalty concerns another subject';
  if (p.withdrawn_at) return 'the penalty was withdrawn';
  if (p.severity === 'minor') return 'a minor penalty does not qualify for the serious list';
  return null;
}
