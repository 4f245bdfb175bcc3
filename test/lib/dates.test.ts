import { describe, expect, test } from 'vitest';
import { chinaMonth, chinaToday, isCalendarDate, utcNow } from '../../src/lib/dates.ts';

describe('isCalendarDate', () => {
  test.each([
    '2024-03-01',
    '2024-02-29',
    '2000-02-29',
    '1999-12-31',
    '2024-01-31',
    '2024-04-30',
    '1900-01-01',
    '9999-12-31',
  ])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  test.each([
    ['February 30', '2026-02-30'],
    ['February 29 of a common year', '2023-02-29'],
    ['February 29 of 1900, not a leap year', '1900-02-29'],
    ['April 31', '2024-04-31'],
    ['month 00', '2024-00-10'],
    ['month 13', '2024-13-01'],
    ['day 00', '2024-01-00'],
    ['day 32', '2024-01-32'],
    ['a one-digit month', '2024-1-01'],
    ['a two-digit year', '24-01-01'],
    ['slashes', '2024/01/01'],
    ['a time part', '2024-01-01T00:00:00Z'],
    ['surrounding white space', ' 2024-01-01'],
    ['a trailing newline', '2024-01-01\n'],
    ['full-width digits', '２０２４-01-01'],
    ['the empty string', ''],
  ])('rejects %s (%s)', (_why, text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  // Date.UTC maps years 0-99 to 1900-1999, so real (proleptic Gregorian) dates of the years 1-99 come out false.
  test('accepts dates of the years 1-99, which exist', () => {
    expect(['0001-01-01', '0050-06-15', '0099-12-31'].filter((d) => !isCalendarDate(d))).toEqual([]);
  });
});

describe('chinaToday and chinaMonth', () => {
  test('give the date and month in China Standard Time (UTC+8), whatever the UTC date', () => {
    expect(chinaToday(new Date('2024-03-02T07:30:00+08:00'))).toBe('2024-03-02');
    expect(chinaToday(new Date('2024-03-01T15:59:59.999Z'))).toBe('2024-03-01');
    expect(chinaToday(new Date('2024-03-01T16:00:00.000Z'))).toBe('2024-03-02');
    expect(chinaMonth('2024-03-31T16:00:00.000Z')).toBe('2024-04');
    expect(chinaMonth('2024-03-31T15:59:59.999Z')).toBe('2024-03');
  });

  test('gives a date that isCalendarDate accepts', () => {
    expect(isCalendarDate(chinaToday())).toBe(true);
  });
});

describe('utcNow', () => {
  test('writes RFC 3339 in UTC with milliseconds', () => {
    expect(utcNow(new Date('2024-03-02T07:30:00.5+08:00'))).toBe('2024-03-01T23:30:00.500Z');
  });

  test('reads the clock when given no date', () => {
    const before = Date.now();
    const now = utcNow();
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now());
  });
});
