import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leadsStore } from '../../src/leads/store.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';
import { asJson, fileSellers, insertWarning, leadBody, PNG, recordPenalty } from './helpers.ts';
import { consoleCookie } from '../helpers/console.ts';

/**
 * The lead pages of the console, as a regulator's browser uses them: the queue, a lead with its files and
 * links, and the forms (CSRF token, same origin) that take, link, dismiss and close it through the verbs.
 */
let t: TestGateway;
let cookie = '';
let csrf = '';
let subjectId = '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOSTILE = '<script>alert("lead")</script>';
const leads = { linked: '', dismissed: '', other: '' };
let penaltyId = '';
let warningId = '';
let fileSha = '';

const post = (path: string, fields: Record<string, string>, withCsrf = true) =>
  t.app.request(path, {
    method: 'POST',
    headers: { ...FORM, cookie },
    body: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields }).toString(),
  });
const get = (path: string, lang?: 'en') =>
  t.app.request(path, { headers: { cookie: lang ? `${cookie}; lang=${lang}` : cookie } });
const html = async (path: string, lang?: 'en') => {
  const res = await get(path, lang);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
};
const row = (id: string) => leadsStore(t.gw.db).byId(id)!;
const listed = (page: string) => [...page.matchAll(/data-lead="([0-9A-Z]{26})"/g)].map((m) => m[1]!);
const regulatorActor = () => `regulator:${t.gw.accounts.regulatorByName(t.regulator.name)!.id}`;

beforeAll(async () => {
  t = testGateway();
  const sellers = await fileSellers(t, t.platformA.key, ['c-lead-1', 'c-lead-2']);
  subjectId = sellers['c-lead-1']!.subject_id;
  await fileSellers(t, t.platformB.key, ['c-lead-b']);
  const file = async (sellerId: string, over: Record<string, unknown> = {}, key = t.platformA.key) => {
    const res = await t.call('POST', '/v1/leads', { key, ...asJson(leadBody(sellerId, over)) });
    expect(res.status, res.text).toBe(201);
    return res.json.lead_id as string;
  };
  leads.linked = await file('c-lead-1', { found: `页面含脚本 ${HOSTILE}，联系电话 13900001111。` });
  leads.dismissed = await file('c-lead-2', { category: 'price_fraud' });
  leads.other = await file('c-lead-b', {}, t.platformB.key);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)]), 'shot.png');
  const added = await t.call('POST', `/v1/leads/${leads.linked}/files`, { key: t.platformA.key, body: form });
  expect(added.status, added.text).toBe(201);
  fileSha = added.json.files[0].sha256;
  penaltyId = (await recordPenalty(t, subjectId)).id;
  const platformA = t.gw.accounts.platformBySlug(t.platformA.slug)!;
  warningId = insertWarning(t, { platformId: platformA.id, sellerId: 'c-lead-1', subjectId });

  cookie = await consoleCookie(t);
  csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/console'))![1]!;
});
afterAll(() => t?.close());

describe('the queue', () => {
  test('lists open leads of every platform, oldest first, and filters them', async () => {
    const page = await html('/console/leads');
    expect(listed(page)).toEqual([leads.linked, leads.dismissed, leads.other]);
    expect(page).toContain('违法线索队列');
    const onlyB = await html(`/console/leads?platform=${t.platformB.slug}`);
    expect(listed(onlyB)).toEqual([leads.other]);
    const priceFraud = await html('/console/leads?category=price_fraud', 'en');
    expect(listed(priceFraud)).toEqual([leads.dismissed]);
    expect(priceFraud).toContain('Price fraud');
    // Unknown filters are ignored, not errors.
    expect(listed(await html('/console/leads?status=bogus&category=%3Cx%3E'))).toHaveLength(3);
  });

  test('needs a session', async () => {
    const res = await t.app.request('/console/leads');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/console/login');
  });
});

describe('a lead', () => {
  test('shows the facts, the masked texts escaped, the files and the forms', async () => {
    const page = await html(`/console/leads/${leads.linked}`);
    expect(page).toContain('&lt;script&gt;alert(&quot;lead&quot;)&lt;/script&gt;');
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('139****1111');
    expect(page).not.toContain('13900001111');
    expect(page).toContain(`/console/leads/${leads.linked}/files/${fileSha}`);
    expect(page).toContain(`value="penalty:${penaltyId}"`);
    expect(page).toContain(`value="warning:${warningId}"`);
    for (const step of ['assign', 'link', 'dismiss']) expect(page).toContain(`data-step="${step}"`);
    // Close needs the lead taken or linked first.
    expect(page).not.toContain('data-step="close"');
    expect(page.match(/name="_csrf"/g)!.length).toBeGreaterThanOrEqual(4);
    const file = await get(`/console/leads/${leads.linked}/files/${fileSha}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect((await get(`/console/leads/${leads.linked}/files/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get(`/console/leads/${'0'.repeat(26)}`)).status).toBe(404);
    expect((await get('/console/leads/not-a-lead')).status).toBe(404);
  });

  test('a form without the CSRF token changes nothing', async () => {
    const res = await post(`/console/leads/${leads.linked}/assign`, {}, false);
    expect(res.status).toBe(403);
    expect(row(leads.linked).status).toBe('submitted');
  });

  test('take, link (refusals shown on the page), close: through the verbs, audited', async () => {
    const assigned = await post(`/console/leads/${leads.linked}/assign`, {});
    expect(assigned.status).toBe(303);
    expect(assigned.headers.get('location')).toBe(`/console/leads/${leads.linked}?done=assign`);
    expect(row(leads.linked)).toMatchObject({ status: 'in_review', assignee: regulatorActor() });
    expect(await html(`/console/leads/${leads.linked}?done=assign`)).toContain('承办 ✓');

    const nothing = await post(`/console/leads/${leads.linked}/link`, { target: '' });
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain('请选择或填写一项行政处罚或风险预警');
    const unknown = await post(`/console/leads/${leads.linked}/link`, { target_id: '0'.repeat(26) });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('未找到');
    expect(row(leads.linked).status).toBe('in_review');

    const linked = await post(`/console/leads/${leads.linked}/link`, {
      target: `penalty:${penaltyId}`,
      note: '已立案',
    });
    expect(linked.status).toBe(303);
    const typed = await post(`/console/leads/${leads.linked}/link`, { target_id: warningId.toLowerCase() });
    expect(typed.status).toBe(303);
    const links = leadsStore(t.gw.db).links(leads.linked);
    expect(links.map((l) => [l.kind, l.target_id, l.linked_by])).toEqual([
      ['penalty', penaltyId, regulatorActor()],
      ['risk_warning', warningId, regulatorActor()],
    ]);
    const page = await html(`/console/leads/${leads.linked}`, 'en');
    expect(page).toContain('Linked');
    expect(page).toContain(`/console/risk/${warningId}`);
    expect(page).not.toContain('data-step="dismiss"');

    const empty = await post(`/console/leads/${leads.linked}/close`, { reason: '  ' });
    expect(empty.status).toBe(400);
    const closed = await post(`/console/leads/${leads.linked}/close`, { reason: '已作出行政处罚。' });
    expect(closed.status).toBe(303);
    expect(row(leads.linked)).toMatchObject({
      status: 'closed',
      reason: '已作出行政处罚。',
      decided_by: regulatorActor(),
    });
    const again = await post(`/console/leads/${leads.linked}/close`, { reason: '再次办结' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('当前状态下不能进行此步骤');
    expect(
      t.gw.audit
        .ofTarget('lead', leads.linked)
        .reverse()
        .map((e) => [e.action, e.actor]),
    ).toEqual([
      ['lead.submit', `platform:${t.platformA.slug}`],
      ['lead.add_files', `platform:${t.platformA.slug}`],
      ['lead.assign', regulatorActor()],
      ['lead.link', regulatorActor()],
      ['lead.link', regulatorActor()],
      ['lead.close', regulatorActor()],
    ]);
  });

  test('dismiss with a reason; the platform sees it', async () => {
    const res = await post(`/console/leads/${leads.dismissed}/dismiss`, { reason: '价格标示符合规定。' });
    expect(res.status).toBe(303);
    const seen = await t.call('GET', `/v1/leads/${leads.dismissed}`, { key: t.platformA.key });
    expect(seen.json).toMatchObject({ status: 'dismissed', decision: { reason: '价格标示符合规定。' } });
    expect(listed(await html('/console/leads'))).toEqual([leads.other]);
    expect(listed(await html('/console/leads?status=all'))).toHaveLength(3);
  });
});
