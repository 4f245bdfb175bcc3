import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { publishDeadline } from '../../src/credit/rules.ts';
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
