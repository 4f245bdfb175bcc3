import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';
import { asJson, fileSellers, insertWarning, leadBody, PNG, recordPenalty } from './helpers.ts';

/**
 * The regulators' side of violation leads over HTTP: the queue, and the steps (assign, link to a real
 * penalty or risk warning, dismiss, close), every step audited, and the platform following the status.
 */
let t: TestGateway;
let subjects: Record<string, { subject_id: string; store_url: string }>;
let otherSubject = '';
const asPlatform = (method: string, url: string, body?: unknown, key = t.platformA.key, headers = {}) =>
  t.call(method, url, { key, headers, ...(body === undefined ? {} : asJson(body)) });
const asRegulator = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: t.regulator.token, ...(body === undefined ? {} : asJson(body)) });
const fileLead = async (sellerId: string, over: Record<string, unknown> = {}) => {
  const res = await asPlatform('POST', '/v1/leads', leadBody(sellerId, over));
  expect(res.status, res.text).toBe(201);
  return res.json;
};
function upload(leadId: string, files: { name: string; bytes: Buffer }[], key = t.platformA.key) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  return t.call('POST', `/v1/leads/${leadId}/files`, { key, body: form });
}
const regulatorActor = () => `regulator:${t.gw.accounts.regulatorByName(t.regulator.name)!.id}`;
const audit = (id: string) => t.gw.audit.ofTarget('lead', id).reverse();

beforeAll(async () => {
  t = testGateway();
  subjects = await fileSellers(t, t.platformA.key, ['lead-1', 'lead-2', 'lead-3']);
  const b = await fileSellers(t, t.platformB.key, ['b-lead-1']);
  otherSubject = b['b-lead-1']!.subject_id;
  // A queue to page through: two leads of A, one of B.
  await fileLead('lead-1');
  await fileLead('lead-2');
  const other = await asPlatform('POST', '/v1/leads', leadBody('b-lead-1'), t.platformB.key);
  expect(other.status, other.text).toBe(201);
});
afterAll(() => t?.close());

describe('the regulator', () => {
  test('the queue lists open leads oldest first, filtered by status and platform, paged', async () => {
    const res = await asRegulator('GET', '/v1/regulator/leads?limit=2');
    expect(res.status, res.text).toBe(200);
    expect(res.json.leads).toHaveLength(2);
    expect(res.json.total).toBeGreaterThan(2);
    expect(res.json.next_offset).toBe(2);
    const all = await asRegulator('GET', '/v1/regulator/leads?limit=500');
    const times = all.json.leads.map((l: { submitted_at: string }) => l.submitted_at);
    expect(times).toEqual([...times].sort());
    expect(all.json.leads.map((l: { lead_id: string }) => l.lead_id).slice(0, 2)).toEqual(
      res.json.leads.map((l: { lead_id: string }) => l.lead_id),
    );
    const b = await asRegulator('GET', `/v1/regulator/leads?platform=${t.platformB.slug}`);
    expect(b.json.leads.length).toBeGreaterThan(0);
    expect(b.json.leads.every((l: { platform: string }) => l.platform === t.platformB.slug)).toBe(true);
    const none = await asRegulator('GET', '/v1/regulator/leads?platform=no-such-platform');
    expect(none.json).toMatchObject({ leads: [], total: 0, next_offset: null });
    for (const bad of ['status=done', 'limit=0', 'limit=501', 'offset=-1', 'category=tax']) {
      const r = await asRegulator('GET', `/v1/regulator/leads?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.code, bad).toBe('invalid_parameter');
    }
  });

  test('assign, link to a real penalty and a real warning, close: each audited, the platform follows', async () => {
    const subject = subjects['lead-3']!.subject_id;
    const lead = await fileLead('lead-3', { category: 'unlicensed' });
    const id = lead.lead_id;
    const assigned = await asRegulator('POST', `/v1/regulator/leads/${id}/assign`);
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json).toMatchObject({ status: 'in_review', assignee: regulatorActor() });

    // Unknown ids are refused; so are a penalty and a warning of another subject.
    const unknownPenalty = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, {
      penalty_id: '0'.repeat(26),
    });
    expect(unknownPenalty.status, unknownPenalty.text).toBe(404);
    const unknownWarning = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, {
      warning_id: '0'.repeat(26),
    });
    expect(unknownWarning.status).toBe(404);
    const foreignPenalty = await recordPenalty(t, otherSubject);
    const foreign = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, {
      penalty_id: foreignPenalty.id,
    });
    expect(foreign.status, foreign.text).toBe(409);
    const platformA = t.gw.accounts.platformBySlug(t.platformA.slug)!;
    const foreignWarning = insertWarning(t, {
      platformId: platformA.id,
      sellerId: 'lead-2',
      subjectId: subjects['lead-2']!.subject_id,
    });
    const foreignW = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, {
      warning_id: foreignWarning,
    });
    expect(foreignW.status, foreignW.text).toBe(409);
    for (const body of [
      {},
      { penalty_id: foreignPenalty.id, warning_id: foreignWarning },
      { penalty_id: 'nope' },
    ]) {
      const r = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(audit(id).map((e) => e.action)).toEqual(['lead.submit', 'lead.assign']);

    const penalty = await recordPenalty(t, subject);
    const linked = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, {
      penalty_id: penalty.id,
      note: '已立案处罚',
    });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.json.status).toBe('linked');
    expect(linked.json.links).toEqual([
      expect.objectContaining({
        kind: 'penalty',
        penalty_id: penalty.id,
        decision_number: penalty.decision_number,
        published: false,
      }),
    ]);
    const again = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, { penalty_id: penalty.id });
    expect(again.status).toBe(409);
    const warning = insertWarning(t, { platformId: platformA.id, sellerId: 'lead-3', subjectId: subject });
    const both = await asRegulator('POST', `/v1/regulator/leads/${id}/links`, { warning_id: warning });
    expect(both.status, both.text).toBe(200);
    expect(both.json.links.map((l: { kind: string }) => l.kind)).toEqual(['penalty', 'risk_warning']);
    expect(both.json.links[1]).toMatchObject({ warning_id: warning, signal: 'order_brushing' });

    // The platform sees the status and the steps, not which regulator, nor the warning, nor an unpublished penalty.
    const seen = await asPlatform('GET', `/v1/leads/${id}`);
    expect(seen.json.status).toBe('linked');
    expect(seen.json.links).toEqual([
      { kind: 'penalty', linked_at: expect.any(String) },
      { kind: 'risk_warning', linked_at: expect.any(String) },
    ]);
    expect(seen.text).not.toContain(warning);
    expect(seen.text).not.toContain(penalty.id);
    expect(seen.text).not.toContain(regulatorActor());
    expect(seen.json.events.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['submit', `platform:${t.platformA.slug}`],
      ['assign', 'regulator'],
      ['link', 'regulator'],
      ['link', 'regulator'],
    ]);
    // Once the penalty is published, the platform sees which it was.
    const published = await asRegulator('POST', `/v1/regulator/penalties/${penalty.id}/publish`);
    expect(published.status, published.text).toBe(200);
    const after = await asPlatform('GET', `/v1/leads/${id}`);
    expect(after.json.links[0]).toMatchObject({
      penalty_id: penalty.id,
      decision_number: penalty.decision_number,
    });

    const dismiss = await asRegulator('POST', `/v1/regulator/leads/${id}/dismiss`, { reason: '不成立' });
    expect(dismiss.status).toBe(409);
    expect(dismiss.json).toMatchObject({
      code: 'illegal_transition',
      lead_status: 'linked',
      allowed: ['assign', 'link', 'close'],
    });
    const closed = await asRegulator('POST', `/v1/regulator/leads/${id}/close`, {
      reason: '已作出行政处罚，线索办结。',
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toMatchObject({
      status: 'closed',
      decision: { status: 'closed', reason: '已作出行政处罚，线索办结。', by: regulatorActor() },
      next_steps: [],
    });
    const platformView = await asPlatform('GET', `/v1/leads/${id}`);
    expect(platformView.json.decision).toEqual({
      status: 'closed',
      reason: '已作出行政处罚，线索办结。',
      at: expect.any(String),
    });
    // Closed for good: no more steps, no more files.
    for (const step of ['assign', 'close']) {
      const r = await asRegulator('POST', `/v1/regulator/leads/${id}/${step}`, { reason: 'x' });
      expect(r.status, step).toBe(step === 'assign' ? 400 : 409);
    }
    expect((await asRegulator('POST', `/v1/regulator/leads/${id}/assign`)).status).toBe(409);
    expect((await upload(id, [{ name: 'late.png', bytes: PNG }])).status).toBe(409);

    const actions = audit(id);
    expect(actions.map((e) => e.action)).toEqual([
      'lead.submit',
      'lead.assign',
      'lead.link',
      'lead.link',
      'lead.close',
    ]);
    expect(actions.slice(1).every((e) => e.actor === regulatorActor())).toBe(true);
    expect(JSON.parse(actions[2]!.detail)).toMatchObject({
      kind: 'penalty',
      target_id: penalty.id,
      from: 'in_review',
      to: 'linked',
    });
    expect(actions[4]!.reason).toBe('已作出行政处罚，线索办结。');
    expect(t.gw.audit.verify()).toMatchObject({ ok: true });
  });

  test('dismiss with a reason; the platform sees it, the queue no longer does', async () => {
    const lead = await fileLead('lead-2', { category: 'false_advertising' });
    const noReason = await asRegulator('POST', `/v1/regulator/leads/${lead.lead_id}/dismiss`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].field).toBe('reason');
    const close = await asRegulator('POST', `/v1/regulator/leads/${lead.lead_id}/close`, {
      reason: '未核查',
    });
    expect(close.status, close.text).toBe(409);
    const res = await asRegulator('POST', `/v1/regulator/leads/${lead.lead_id}/dismiss`, {
      reason: '宣传用语有检测报告支持，不构成虚假宣传。',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.status).toBe('dismissed');
    const mine = await asPlatform('GET', `/v1/leads?status=dismissed`);
    const seen = mine.json.leads.find((l: { lead_id: string }) => l.lead_id === lead.lead_id);
    expect(seen.decision.reason).toBe('宣传用语有检测报告支持，不构成虚假宣传。');
    const open = await asRegulator('GET', '/v1/regulator/leads?limit=500');
    expect(open.text).not.toContain(lead.lead_id);
    const dismissed = await asRegulator('GET', '/v1/regulator/leads?status=dismissed');
    expect(dismissed.text).toContain(lead.lead_id);
    expect(audit(lead.lead_id).map((e) => e.action)).toEqual(['lead.submit', 'lead.dismiss']);
  });

  test('bad ids and bodies on every regulator route are problems; a platform key is refused', async () => {
    const lead = await fileLead('lead-1');
    for (const url of [
      '/v1/regulator/leads/not-an-id',
      '/v1/regulator/leads/not-an-id/files/' + '0'.repeat(64),
    ]) {
      const r = await asRegulator('GET', url);
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await asRegulator('GET', `/v1/regulator/leads/${'0'.repeat(26)}`)).status).toBe(404);
    for (const step of ['assign', 'links', 'dismiss', 'close']) {
      const badId = await asRegulator('POST', `/v1/regulator/leads/nope/${step}`, { reason: 'x' });
      expect(badId.status, step).toBe(400);
      expect(badId.json.code).toBe('invalid_parameter');
      const valid =
        step === 'links' ? { penalty_id: '0'.repeat(26) } : step === 'assign' ? {} : { reason: 'x' };
      const missing = await asRegulator('POST', `/v1/regulator/leads/${'0'.repeat(26)}/${step}`, valid);
      expect(missing.status, step).toBe(404);
      const malformed = await t.call('POST', `/v1/regulator/leads/${lead.lead_id}/${step}`, {
        key: t.regulator.token,
        type: 'application/json',
        body: '{',
      });
      expect(malformed.status, step).toBe(400);
      expect(malformed.json.code).toBe('malformed_json');
      const extra = await asRegulator('POST', `/v1/regulator/leads/${lead.lead_id}/${step}`, {
        reason: 'x',
        penalty_id: '0'.repeat(26),
        extra: 1,
      });
      expect(extra.status, step).toBe(400);
      const asPlatformKey = await asPlatform('POST', `/v1/regulator/leads/${lead.lead_id}/${step}`, {
        reason: 'x',
      });
      expect(asPlatformKey.status, step).toBe(403);
    }
    const regulatorOnPlatform = await asRegulator('POST', '/v1/leads', leadBody('lead-1'));
    expect(regulatorOnPlatform.status).toBe(403);
    const noKey = await t.call('GET', '/v1/leads');
    expect(noKey.status).toBe(401);
    // Nothing happened to the lead.
    expect(audit(lead.lead_id).map((e) => e.action)).toEqual(['lead.submit']);
  });
});
