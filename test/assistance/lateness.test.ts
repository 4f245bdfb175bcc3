import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dueDateOf, dueEndsAt, isLate, isOverdue } from '../../src/assistance/due.ts';
import { requestAssistance } from '../../src/assistance/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { runRisk } from '../../src/risk/run.ts';
import { RULES } from '../../src/risk/rules.ts';
import { platformAssistanceGap } from '../../src/risk/signals/assistance-overdue.ts';
import type { TestGateway } from '../helpers/gateway.ts';
import { assistanceGateway, createRequest, requestBody, upload } from './helpers.ts';

/**
 * Due dates in working days on the holiday calendar, late answers and overdue requests, and the
 * `assistance_overdue` risk signal that counts them against the platform.
 */
describe('due dates (pure)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await assistanceGateway();
  });
  afterAll(() => t.close());

  test('count working days from the next day, across the National Day holiday and its adjusted Saturday', () => {
    // Wednesday 30 September 2026, 10:00 CST. 1–7 October rest; Saturday 10 October is worked (调休).
    const at = new Date('2026-09-30T02:00:00Z');
    expect(dueDateOf(at, 1, t.gw.calendar)).toBe('2026-10-08');
    expect(dueDateOf(at, 2, t.gw.calendar)).toBe('2026-10-09');
    expect(dueDateOf(at, 3, t.gw.calendar)).toBe('2026-10-10');
    expect(dueDateOf(at, 4, t.gw.calendar)).toBe('2026-10-12');
    // 23:30 CST on 30 September is still 30 September (15:30 UTC); 00:30 CST on 1 October is not.
    expect(dueDateOf(new Date('2026-09-30T15:30:00Z'), 1, t.gw.calendar)).toBe('2026-10-08');
    expect(dueDateOf(new Date('2026-09-30T16:30:00Z'), 1, t.gw.calendar)).toBe('2026-10-08');
    // Thursday 24 September: Friday 25 to Sunday 27 rest (Mid-Autumn), so one day is Monday the 28th.
    expect(dueDateOf(new Date('2026-09-24T02:00:00Z'), 1, t.gw.calendar)).toBe('2026-09-28');
  });

  test('an answer is late from midnight at the end of the due date, China Standard Time', () => {
    expect(dueEndsAt('2026-10-10')).toBe('2026-10-10T16:00:00.000Z');
    expect(dueEndsAt('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
    expect(isLate(new Date('2026-10-10T15:59:59.999Z'), '2026-10-10')).toBe(false);
    expect(isLate(new Date('2026-10-10T16:00:00.000Z'), '2026-10-10')).toBe(true);
    expect(isOverdue({ status: 'open', due_date: '2026-10-10' }, new Date('2026-10-10T16:00:00Z'))).toBe(
      true,
    );
    expect(isOverdue({ status: 'answered', due_date: '2026-10-10' }, new Date('2026-10-11T16:00:00Z'))).toBe(
      false,
    );
  });

  test('the request made through the API carries the calendar’s due date', async () => {
    const r = await createRequest(t, { due_working_days: 3 });
    expect(r.due_date).toBe(dueDateOf(new Date(), 3, t.gw.calendar));
    expect(r.due_at).toBe(dueEndsAt(r.due_date));
  });
});

describe('late answers and the assistance_overdue signal', () => {
  let t: TestGateway;
  const DAY = 86_400_000;
  const warnings = async () => {
    const res = await t.call('GET', '/v1/regulator/risk/warnings?signal=assistance_overdue', {
      key: t.regulator.token,
    });
    expect(res.status, res.text).toBe(200);
    return res.json.warnings as any[];
  };
  let overdueId = '';
  beforeAll(async () => {
    t = await assistanceGateway();
    // Asked 40 days ago with 10 working days: past due now.
    const asked = new Date(Date.now() - 40 * DAY);
    const past = chinaToday(new Date(asked.getTime() - DAY));
    overdueId = requestAssistance(
      t.gw,
      { ...requestBody(t), from: '2025-01-01', to: past, due_working_days: 10 } as any,
      'regulator:1',
      asked,
    ).id;
    // Platform B answers its request at once: in time.
    const b = await createRequest(t, { platform: t.platformB.slug, seller_id: 'shop-b' });
    const answered = await upload(t, b.request_id, 'a,b\n1,2\n', 'text/csv', { key: t.platformB.key });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.json.late).toBe(false);
  });
  afterAll(() => t.close());

  test('an open request past its due date is overdue, in views and the overdue filter', async () => {
    const res = await t.call('GET', `/v1/regulator/assistance-requests/${overdueId}`, {
      key: t.regulator.token,
    });
    expect(res.json).toMatchObject({ status: 'open', overdue: true, late: null });
    const listed = await t.call('GET', '/v1/regulator/assistance-requests?status=overdue', {
      key: t.regulator.token,
    });
    expect(listed.json.requests.map((r: any) => r.request_id)).toEqual([overdueId]);
    const mine = await t.call('GET', '/v1/assistance-requests?status=overdue', { key: t.platformA.key });
    expect(mine.json.requests.map((r: any) => r.request_id)).toEqual([overdueId]);
  });

  test('the risk run warns on the platform with the overdue request, and not on the platform that answered', async () => {
    const report = runRisk(t.gw, { signals: ['assistance_overdue'] });
    expect(report.signals[0]).toMatchObject({ signal: 'assistance_overdue', fired: 1, new: 1 });
    const ws = await warnings();
    expect(ws.map((w) => w.platform)).toEqual([t.platformA.slug]);
    const w = ws[0];
    expect(w).toMatchObject({
      signal: 'assistance_overdue',
      rule_version: 'assistance_overdue/1',
      subject_id: null,
      seller_id: null,
      score: RULES.assistance_overdue.base + RULES.assistance_overdue.perOverdue,
      severity: 'medium',
      status: 'open',
    });
    expect(w.explanation.found).toMatchObject({ overdue_requests: 1, late_answers: 0, requests: overdueId });
    expect(w.explanation.text).toContain(t.platformA.slug);
    expect(w.evidence.sellers.ids).toEqual([`${t.platformA.slug}/shop-a`]);
  });

  test('answered now, the answer is taken but flagged late, and still counts against the platform', async () => {
    const res = await upload(t, overdueId, '{"late":true}\n', 'application/x-ndjson');
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ late: true, completes_request: true });
    const view = await t.call('GET', `/v1/regulator/assistance-requests/${overdueId}`, {
      key: t.regulator.token,
    });
    expect(view.json).toMatchObject({ status: 'answered', overdue: false, late: true });
    expect(view.json.answers[0].late).toBe(true);
    runRisk(t.gw, { signals: ['assistance_overdue'] });
    const ws = await warnings();
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({
      platform: t.platformA.slug,
      score: RULES.assistance_overdue.base + RULES.assistance_overdue.perLate,
    });
    expect(ws[0].explanation.found).toMatchObject({ overdue_requests: 0, late_answers: 1 });
  });

  test('the score grows with each request and is capped (pure)', () => {
    const base = {
      platform_id: 1,
      slug: 'p',
      oldest_due: '2026-01-05',
      request_ids: ['X'],
      sellers: ['p/s'],
    };
    expect(platformAssistanceGap({ ...base, overdue: 0, late: 0 }, new Date())).toBeNull();
    expect(platformAssistanceGap({ ...base, overdue: 3, late: 0 }, new Date())!.score).toBe(85);
    expect(platformAssistanceGap({ ...base, overdue: 10, late: 10 }, new Date())!.score).toBe(90);
  });
});
