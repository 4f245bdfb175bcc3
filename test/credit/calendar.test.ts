import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { publishDeadline } from '../../src/credit/rules.ts';
import { loadHolidayCalendar, uncoveredYears } from '../../src/lib/holidays.ts';
import { openGateway } from '../../src/gateway.ts';
import { tempDir } from '../helpers/gateway.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test('MARKETGATE_HOLIDAYS_FILE replaces the bundled calendar for every deadline the gateway computes', async () => {
  const dir = tempDir('mg-holidays-');
  dirs.push(dir);
  const file = path.join(dir, 'holidays.json');
  // A week of holidays in March 2027 (a year the bundled file does not cover), and a Saturday worked.
  fs.writeFileSync(
    file,
    JSON.stringify({
      holidays: ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12'],
      workdays: ['2027-03-13'],
    }),
  );
  const config = loadConfig({}, { MARKETGATE_DATA: path.join(dir, 'data'), MARKETGATE_HOLIDAYS_FILE: file });
  const gw = openGateway({ ...config, checkWorkers: 0 }, pino({ level: 'silent' }));
  try {
    // 20 working days from Monday 1 March 2027: 2-5 Mar (4), Sat 13 Mar (5), 15-19 (10), 22-26 (15), 29 Mar-2 Apr (20).
    expect(publishDeadline('2027-03-01', gw.calendar)).toBe('2027-04-02');
    const bundled = openGateway(
      { ...config, holidaysFile: undefined, dataDir: path.join(dir, 'bundled'), checkWorkers: 0 },
      pino({ level: 'silent' }),
    );
    expect(publishDeadline('2027-03-01', bundled.calendar)).toBe('2027-03-29');
    await bundled.close();
  } finally {
    await gw.close();
  }
});

test('a broken holiday file stops the gateway before it opens anything, naming the file', () => {
  const dir = tempDir('mg-holidays-');
  dirs.push(dir);
  const file = path.join(dir, 'broken.json');
  fs.writeFileSync(file, '{"holidays": ["2027-02-30"], "workdays": []}');
  const config = loadConfig({ dataDir: path.join(dir, 'data'), holidaysFile: file, checkWorkers: 0 });
  expect(() => openGateway(config, pino({ level: 'silent' }))).toThrow(/broken\.json.*2027-02-30/);
  expect(fs.existsSync(path.join(dir, 'data', 'marketgate.db'))).toBe(false);
});

test('the bundled calendar holds the 2026 dates of the State Council notice of 4 November 2025', () => {
  const { holidays, workdays } = JSON.parse(
    fs.readFileSync(new URL('../../src/lib/holidays/cn.json', import.meta.url), 'utf8'),
  ) as { holidays: string[]; workdays: string[] };
  const range = (from: string, days: number) =>
    Array.from({ length: days }, (_, i) =>
      new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    );
  // 元旦 1-3 Jan; 春节 15-23 Feb; 清明 4-6 Apr; 劳动节 1-5 May; 端午 19-21 Jun; 中秋 25-27 Sep; 国庆 1-7 Oct.
  const notice = [
    ...range('2026-01-01', 3),
    ...range('2026-02-15', 9),
    ...range('2026-04-04', 3),
    ...range('2026-05-01', 5),
    ...range('2026-06-19', 3),
    ...range('2026-09-25', 3),
    ...range('2026-10-01', 7),
  ];
  expect(holidays.filter((d) => d.startsWith('2026'))).toEqual(notice);
  // 上班: 4 Jan, 14 and 28 Feb, 9 May, 20 Sep, 10 Oct.
  expect(workdays.filter((d) => d.startsWith('2026'))).toEqual([
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]);
});

test('the years legal deadlines reach that the calendar does not cover are named, for the server to warn', () => {
  const calendar = loadHolidayCalendar();
  expect(uncoveredYears(calendar, '2026-06-01')).toEqual([]);
  // 90 days from 24 November 2026 reach February 2027, which the bundled file does not hold.
  expect(uncoveredYears(calendar, '2026-11-24')).toEqual([2027]);
  expect(uncoveredYears(calendar, '2026-10-02')).toEqual([]);
  expect(uncoveredYears(calendar, '2026-10-03')).toEqual([2027]);
  expect(uncoveredYears(calendar, '2028-03-01')).toEqual([2028]);
});
