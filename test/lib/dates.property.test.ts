import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  chinaDateOf,
  chinaMonth,
  chinaMonthOf,
  chinaToday,
  isCalendarDate,
  utcNow,
} from '../../src/lib/dates.ts';
import { isRfc3339 } from '../../src/transactions/record.ts';
import { validateTransactionRecord } from '../../src/transactions/validate.ts';
import { order } from '../helpers/orders.ts';

/** Calendar dates, RFC 3339 times and their offsets, and China Standard Time. */
const RUNS = { numRuns: 300 };
const NOW = new Date('2026-06-30T12:00:00Z');

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Instants of the years 0001-9998, to the millisecond. */
const instant = fc.date({
  min: new Date('0001-01-02T00:00:00Z'),
  max: new Date('9998-12-31T00:00:00Z'),
  noInvalidDate: true,
});
/** An RFC 3339 offset in minutes: -23:59 to +23:59. */
const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

/** `at` written as RFC 3339 in the zone `minutes` east of UTC, with 0-9 fraction digits. */
function inZone(at: Date, minutes: number, fractionDigits = 3, lowerCase = false): string {
  const local = new Date(at.getTime() + minutes * 60_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const fraction =
    fractionDigits === 0 ? '' : `.${local.slice(20, 23).padEnd(9, '0').slice(0, fractionDigits)}`;
  const zone =
    minutes === 0 && !lowerCase
      ? 'Z'
      : `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
  const text = `${local.slice(0, 19)}${fraction}${zone}`;
  return lowerCase ? text.toLowerCase() : text;
}

describe('isCalendarDate', () => {
  test('accepts a date exactly when the day exists in its month (years 1-9999, leap years too)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          expect(isCalendarDate(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)).toBe(d <= daysIn(y, m));
        },
      ),
      RUNS,
    );
  });

  test('refuses anything that is not YYYY-MM-DD, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (text) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(text));
        expect(isCalendarDate(text)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('RFC 3339', () => {
  test('utcNow writes UTC with milliseconds that reads back to the same instant', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const text = utcNow(at);
        expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(isRfc3339(text)).toBe(true);
        expect(new Date(text).getTime()).toBe(at.getTime());
      }),
      RUNS,
    );
  });

  test('an instant written in any offset, with 0-9 fraction digits, in either case, is the same instant', () => {
    fc.assert(
      fc.property(
        instant,
        offset,
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        (at, minutes, digits, lower) => {
          const text = inZone(at, minutes, digits, lower);
          expect(isRfc3339(text), text).toBe(true);
          const ms =
            digits >= 3 ? at.getTime() : at.getTime() - (at.getUTCMilliseconds() % 10 ** (3 - digits));
          expect(Date.parse(text), text).toBe(ms);
        },
      ),
      RUNS,
    );
  });

  test('refuses an hour, minute, second or offset that does not exist', () => {
    const bad = fc.oneof(
      fc.integer({ min: 24, max: 99 }).map((h) => `2026-03-01T${h}:00:00Z`),
      fc.integer({ min: 60, max: 99 }).map((m) => `2026-03-01T10:${m}:00Z`),
      fc.integer({ min: 60, max: 99 }).map((s) => `2026-03-01T10:00:${s}Z`),
      fc.integer({ min: 24, max: 99 }).map((h) => `2026-03-01T10:00:00+${h}:00`),
      fc.integer({ min: 60, max: 99 }).map((m) => `2026-03-01T10:00:00-08:${m}`),
      fc.integer({ min: 29, max: 31 }).map((d) => `2026-02-${d}T10:00:00Z`),
    );
    fc.assert(
      fc.property(bad, (text) => {
        expect(isRfc3339(text), text).toBe(false);
      }),
      RUNS,
    );
  });

  test('a filed time in any offset is kept as the same instant in UTC, as RFC 3339', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: NOW, noInvalidDate: true }),
        offset,
        (at, minutes) => {
          const placed = inZone(at, minutes);
          const checked = validateTransactionRecord(order('S-1', { placed_at: placed }), NOW);
          expect(checked.ok, `${placed} ${JSON.stringify(checked)}`).toBe(true);
          if (!checked.ok) return;
          expect(checked.record.placed_at).toBe(at.toISOString());
        },
      ),
      RUNS,
    );
  });

  // Found by the properties above: the instant of 0000-01-01T00:00:00+00:01 lies in the year -1, and
  // was stored as "-000001-12-31T23:59:00.000Z" (at 9999-12-31 with a negative offset: "+010000-..."),
  // no RFC 3339 time, sorting wrongly beside others. Such a time is refused now.
  test('a filed time whose UTC instant is outside the years 0000-9999 is refused or kept as RFC 3339', () => {
    for (const placed of ['0000-01-01T00:00:00+00:01', '0000-01-01T05:00:00+08:00']) {
      const checked = validateTransactionRecord(order('S-1', { placed_at: placed }), NOW);
      if (checked.ok) expect(isRfc3339(checked.record.placed_at), checked.record.placed_at).toBe(true);
    }
  });
});

describe('China Standard Time', () => {
  test('chinaToday is the date the instant has at +08:00, and chinaMonth its month', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const beijing = inZone(at, 8 * 60);
        expect(chinaToday(at)).toBe(beijing.slice(0, 10));
        expect(chinaMonth(at.toISOString())).toBe(beijing.slice(0, 7));
        expect(chinaMonth(inZone(at, -5 * 60))).toBe(beijing.slice(0, 7));
        expect(isCalendarDate(chinaToday(at))).toBe(true);
        // The cached forms, from milliseconds, the day after (a cached day must not answer for the next)
        // and the day before too.
        for (const ms of [at.getTime(), at.getTime() + 86_400_000, at.getTime() - 86_400_000]) {
          const there = inZone(new Date(ms), 8 * 60);
          expect(chinaDateOf(ms)).toBe(there.slice(0, 10));
          expect(chinaMonthOf(ms)).toBe(there.slice(0, 7));
        }
      }),
      RUNS,
    );
  });

  test('any time of a Beijing day is that day, from 00:00:00.000 to 23:59:59.999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('9998-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 86_400_000 - 1 }),
        (day, msIntoDay) => {
          const date = day.toISOString().slice(0, 10);
          const at = new Date(Date.parse(`${date}T00:00:00+08:00`) + msIntoDay);
          expect(chinaToday(at)).toBe(date);
          expect(chinaDateOf(at.getTime())).toBe(date);
        },
      ),
      RUNS,
    );
  });
});
