import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDepartment } from '../../src/accounts/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { license, penalty } from '../helpers/decisions.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';
import { consoleCookie } from '../helpers/console.ts';

/**
 * The decisions page of the console (issue 16): departments' decisions latest first, with their kind
 * filter, deadlines and lateness, and paging; signed-in regulators only; hostile text is escaped.
 */
let t: TestGateway;
let cookie = '';
const HOSTILE = '<script>alert("x")</script>示例商贸有限公司';
const late = penalty({ decided_on: '2026-04-28', subject_name: HOSTILE });
const onTime = penalty({ decided_on: chinaToday() });
const granted = license();

beforeAll(async () => {
  t = testGateway();
  const tax = addDepartment(t.gw.accounts, { slug: 'console-tax', name: '税务局' });
  const filed = await t.call('POST', '/v1/decisions', {
    key: tax.key,
    type: 'application/json',
    body: JSON.stringify([late, onTime, granted]),
  });
  expect(filed.status, filed.text).toBe(201);
  cookie = await consoleCookie(t);
});
afterAll(() => t.close());

const page = async (path: string, withCookie = true) => {
  const res = await t.app.request(path, { headers: withCookie ? { cookie: `${cookie}; lang=en` } : {} });
  return { status: res.status, text: await res.text() };
};

test('lists every decision latest first, with its deadline and whether it was published late', async () => {
  const { status, text } = await page('/console/decisions');
  expect(status).toBe(200);
  expect(text).toContain('data-testid="decisions"');
  const positions = [granted, onTime, late].map((d) => text.indexOf(d.decision_number as string));
  expect(positions.every((p) => p > 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(text).toContain('2026-05-11'); // 04-28 + 7 working days across May Day
  expect(text.match(/Published late/g)).toHaveLength(1 + 1); // the late decision and the licence of 2026-04-01
  expect(text).toContain('console-tax');
  expect(text).not.toContain('<script>alert');
  expect(text).toContain('&lt;script&gt;');
});

test('filters by kind and pages back', async () => {
  const licences = (await page('/console/decisions?kind=license')).text;
  expect(licences).toContain(granted.decision_number as string);
  expect(licences).not.toContain(onTime.decision_number as string);
  const older = (await page('/console/decisions?before=3')).text;
  expect(older).not.toContain(granted.decision_number as string);
  expect(older).toContain(late.decision_number as string);
});

test('is for signed-in regulators only', async () => {
  const anonymous = await page('/console/decisions', false);
  expect(anonymous.status).toBe(303);
});
