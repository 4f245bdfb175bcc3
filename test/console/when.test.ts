import { expect, test } from 'vitest';
import { chinaDate, chinaMinute, chinaTimestamp } from '../../src/lib/dates.ts';
import { When } from '../../src/console/ui.tsx';

/**
 * Times on pages are China Standard Time with their zone (issue 18: a complaint lodged at 15:24 in
 * Beijing showed 07:24, and a penalty decided on 11-20 showed 11-19).
 */
const html = (node: unknown) => String(node);

test('an instant shows as Beijing time with its zone; the instant stays in datetime', () => {
  const lodged = '2026-11-20T07:24:00.000Z'; // 15:24 in Beijing
  expect(html(When({ lang: 'en', iso: lodged }))).toContain('>2026-11-20 15:24 CST</time>');
  expect(html(When({ lang: 'zh', iso: lodged }))).toContain('>2026-11-20 15:24 北京时间</time>');
  expect(html(When({ lang: 'en', iso: lodged }))).toContain(`datetime="${lodged}"`);
});

test('a date is the Beijing date of the instant: the day no longer shifts', () => {
  const decided = '2026-11-19T16:30:00.000Z'; // 00:30 on 11-20 in Beijing
  expect(html(When({ lang: 'en', iso: decided, date: true }))).toContain('>2026-11-20</time>');
  expect(chinaDate(decided)).toBe('2026-11-20');
  // A calendar date has no time to convert.
  expect(html(When({ lang: 'zh', iso: '2026-11-20', date: true }))).toContain('>2026-11-20</time>');
  expect(html(When({ lang: 'zh', iso: null }))).toBe('—');
});

test('CSV exports write the instant with its +08:00 offset', () => {
  expect(chinaTimestamp('2026-11-20T07:24:05.123Z')).toBe('2026-11-20T15:24:05+08:00');
  expect(chinaMinute('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
});
