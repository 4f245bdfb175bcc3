import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TestGateway } from '../helpers/gateway.ts';
import { assistanceGateway, createRequest, upload } from './helpers.ts';
import { consoleCookie } from '../helpers/console.ts';

/**
 * The console's assistance pages as a regulator's browser uses them: the list with due dates and flags,
 * the form that sends a request (session CSRF token), a request's page with its answers downloaded
 * through the session (audited), and the cancel form.
 */
let t: TestGateway;
let cookie = '';
let csrf = '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const get = (path: string) => t.app.request(path, { headers: { cookie: `${cookie}; lang=en` } });
const html = async (path: string) => {
  const res = await get(path);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
};
const post = (path: string, fields: Record<string, string>, withCsrf = true) =>
  t.app.request(path, {
    method: 'POST',
    headers: { ...FORM, cookie: `${cookie}; lang=en` },
    body: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields }).toString(),
  });

beforeAll(async () => {
  t = await assistanceGateway();
  cookie = await consoleCookie(t);
  csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/console/assistance'))![1]!;
});
afterAll(() => t.close());

const form = (overrides: Record<string, string> = {}) => ({
  platform: t.platformA.slug,
  seller_id: 'shop-a',
  case_number: 'CONSOLE-<b>1</b>',
  legal_basis: '《网络交易监督管理办法》',
  scope_identity: 'yes',
  scope_after_sales: 'yes',
  from: '2026-01-01',
  to: '2026-02-01',
  due_working_days: '7',
  ...overrides,
});

test('the form sends a request: announced, audited as the signed-in regulator, shown on its page', async () => {
  const res = await post('/console/assistance', form());
  expect(res.status, await res.clone().text()).toBe(303);
  const location = res.headers.get('location')!;
  const id = /^\/console\/assistance\/([0-9A-Z]{26})\?done=created$/.exec(location)![1]!;
  const row = t.gw.db.prepare('SELECT * FROM assistance_requests WHERE id = ?').get(id) as any;
  expect(row).toMatchObject({
    seller_id: 'shop-a',
    due_working_days: 7,
    scope: '["identity","after_sales"]',
  });
  expect(t.gw.audit.ofTarget('assistance_request', id)[0]!.actor).toMatch(/^regulator:\d+$/);
  expect(t.gw.events.feed({ platformId: row.platform_id }, 0, 100, 'assistance.requested').rows).toHaveLength(
    1,
  );
  const page = await html(location);
  expect(page).toContain('Request sent');
  expect(page).toContain('CONSOLE-&lt;b&gt;1&lt;/b&gt;');
  expect(page).not.toContain('CONSOLE-<b>');
  expect(page).toContain('Identity, After-sales');
  expect(page).toContain(row.due_date);
  expect(page).toContain('The platform has not answered yet.');
});

test('a refused form comes back with the problem and what was typed; without the CSRF token, 403', async () => {
  const before = t.gw.events.head();
  const noScope = await post('/console/assistance', form({ scope_identity: '', scope_after_sales: '' }));
  expect(noScope.status).toBe(400);
  const text = await noScope.text();
  expect(text).toContain('scope');
  expect(text).toContain('value="shop-a"');
  const unknownSeller = await post('/console/assistance', form({ seller_id: 'nobody' }));
  expect(unknownSeller.status).toBe(400);
  expect(await unknownSeller.text()).toContain('has filed no seller');
  const badDays = await post('/console/assistance', form({ due_working_days: '99' }));
  expect(badDays.status).toBe(400);
  const forged = await post('/console/assistance', form(), false);
  expect(forged.status).toBe(403);
  expect(t.gw.events.head()).toBe(before);
});

test('the list shows due dates and flags; a request’s page downloads its answers through the session', async () => {
  const r = await createRequest(t, { case_number: 'LIST-1' });
  const body = 'order_id,total\nO-1,12.50\n';
  const answered = await upload(t, r.request_id, body, 'text/csv');
  expect(answered.status, answered.text).toBe(201);
  const list = await html('/console/assistance');
  expect(list).toContain('data-testid="assistance-requests"');
  expect(list).toContain(`/console/assistance/${r.request_id}`);
  expect(list).toContain(r.due_date);
  expect(list).toContain('Answered');
  const zh = await t.app.request('/console/assistance', { headers: { cookie: `${cookie}; lang=zh` } });
  const zhText = await zh.text();
  expect(zh.status).toBe(200);
  expect(zhText).toContain('协查请求');
  expect(zhText).toContain('已答复');
  const filtered = await html('/console/assistance?status=open');
  expect(filtered).not.toContain(`/console/assistance/${r.request_id}"`);

  const page = await html(`/console/assistance/${r.request_id}`);
  const link = `/console/assistance/${r.request_id}/answers/${answered.json.answer_id}`;
  expect(page).toContain(link);
  expect(page).toContain('In time');
  expect(page).toContain('CST');
  const file = await get(link);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toBe('text/csv');
  expect(await file.text()).toBe(body);
  const entry = t.gw.audit.ofTarget('assistance_request', r.request_id)[0]!;
  expect(entry.action).toBe('assistance.answer_downloaded');
  expect(JSON.parse(entry.detail)).toMatchObject({ via: 'console' });
  expect((await get(`/console/assistance/${r.request_id}/answers/01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(
    404,
  );
  expect((await get('/console/assistance/nope')).status).toBe(404);
});

test('the cancel form withdraws an open request, with its reason', async () => {
  const r = await createRequest(t, { case_number: 'CANCEL-2' });
  const empty = await post(`/console/assistance/${r.request_id}/cancel`, { reason: ' ' });
  expect(empty.status).toBe(400);
  const res = await post(`/console/assistance/${r.request_id}/cancel`, { reason: '案件已撤销' });
  expect(res.status).toBe(303);
  const page = await html(res.headers.get('location')!);
  expect(page).toContain('Request cancelled');
  expect(page).toContain('案件已撤销');
  expect(page).not.toContain(`/console/assistance/${r.request_id}/cancel`);
  const again = await post(`/console/assistance/${r.request_id}/cancel`, { reason: 'again' });
  expect(again.status).toBe(409);
});
