import { afterAll, beforeAll, expect, test } from 'vitest';
import { lodgeComplaint } from '../../src/complaints/service.ts';
import { signFormToken } from '../../src/console/security.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * The regulator's actions through the console's forms, without a browser: complaint steps, the
 * audited reveal, penalties and lists on a subject page, the dashboard, a crawl's pages.
 */
let t: TestGateway;
let cookie = '';
let csrf = '';
let subjectId = '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const post = (path: string, fields: Record<string, string>) =>
  t.app.request(path, {
    method: 'POST',
    headers: { ...FORM, cookie },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
const get = (path: string) => t.app.request(path, { headers: { cookie } });

beforeAll(async () => {
  t = testGateway();
  const filed = await t.fileSellers(t.platformA.key, [
    enterprise({
      seller_id: 'shop-9',
      legal_name: '宁波示例电器有限公司',
      store_url: 'http://127.0.0.1:9/shop-9',
    }),
  ]);
  expect(filed.status, filed.text).toBe(201);
  subjectId = t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'shop-9')!.subject_id;
  const res = await t.app.request('/console/login', {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({
      _form: signFormToken(t.gw.keys, 'login'),
      name: t.regulator.name,
      password: t.regulator.password,
    }).toString(),
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/console')).text())![1]!;
});
afterAll(async () => {
  await t.gw.crawls.stop();
  await t.close();
});

test('complaint steps and the reveal, audited with a reason', async () => {
  const lodged = await t.app.request('/complaints/new', {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({
      _form: signFormToken(t.gw.keys, 'lodge'),
      platform: t.platformA.slug,
      seller_id: 'shop-9',
      category: 'quality',
      description: '电水壶使用一周后漏电。',
      name: '赵六',
      phone: '13600002222',
    }).toString(),
  });
  expect(lodged.status).toBe(201);
  const row = t.gw.complaints.queue('open', 10)[0]!;
  const page = await (await get(`/console/complaints/${row.id}`)).text();
  expect(page).toContain('赵*');
  expect(page).not.toContain('13600002222');

  const bad = await post(`/console/complaints/${row.id}/steps`, { type: 'close', outcome: 'withdrawn' });
  expect(bad.status).toBe(409);
  // A refusal in Chinese on a Chinese page, the domain's detail after it; in English, the detail alone.
  const badText = await bad.text();
  expect(badText).toContain('当前状态下不能进行此步骤（');
  const badEn = await t.app.request(`/console/complaints/${row.id}/steps`, {
    method: 'POST',
    headers: { ...FORM, cookie: `${cookie}; lang=en` },
    body: new URLSearchParams({ _csrf: csrf, type: 'close', outcome: 'withdrawn' }).toString(),
  });
  expect(badEn.status).toBe(409);
  const badEnText = await badEn.text();
  expect(badEnText).not.toContain('当前状态下不能进行此步骤');
  expect(badEnText).toMatch(/complaint cannot take close/);
  expect(badText).toMatch(/当前状态下不能进行此步骤（a [a-z_]+ complaint cannot take close/);
  expect((await post(`/console/complaints/${row.id}/steps`, { type: 'nonsense' })).status).toBe(400);
  const rejected = await post(`/console/complaints/${row.id}/steps`, {
    type: 'reject',
    reason: 'duplicate',
    message: '与另一投诉重复。',
  });
  expect(rejected.status).toBe(200);
  expect(t.gw.complaints.byId(row.id)!.status).toBe('rejected');

  expect((await post(`/console/complaints/${row.id}/reveal`, { reason: 'x' })).status).toBe(400);
  const revealed = await post(`/console/complaints/${row.id}/reveal`, { reason: '需电话核实投诉事实' });
  expect(await revealed.text()).toContain('13600002222');
  const audit = t.gw.audit.ofTarget('complaint', row.id);
  expect(audit.map((e) => e.action)).toEqual(['personal_data.reveal', 'complaint.reject']);
  expect(audit[0]!.reason).toBe('需电话核实投诉事实');
});

test('penalties and lists from the subject page', async () => {
  const recorded = await post(`/console/subjects/${subjectId}/penalties`, {
    decision_number: '测试罚〔2026〕1号',
    authority: '测试市场监督管理局',
    facts: '未公示营业执照信息。',
    legal_basis: '电子商务法第十五条',
    penalty: '警告',
    severity: 'moderate',
    sector: 'general',
    decided_on: '2026-11-02',
    store: `${t.platformA.slug}/shop-9`,
  });
  expect(recorded.status).toBe(303);
  const penalty = t.gw.creditRecords.penaltiesOf(subjectId)[0]!;
  expect(penalty.published_at).toBeNull();
  expect((await post(`/console/penalties/${penalty.id}/publish`, {})).status).toBe(303);
  expect(t.gw.creditRecords.penalty(penalty.id)!.published_at).not.toBeNull();
  const again = await post(`/console/penalties/${penalty.id}/publish`, {});
  expect(again.status).toBe(409);

  const invalid = await post(`/console/subjects/${subjectId}/penalties`, { decision_number: '' });
  expect(invalid.status).toBe(400);

  expect(
    (
      await post(`/console/subjects/${subjectId}/lists`, {
        list: 'abnormal',
        reason: '无法联系',
        legal_basis: '办法第四条',
      })
    ).status,
  ).toBe(303);
  const entry = t.gw.creditRecords.entriesOf(subjectId)[0]!;
  const dup = await post(`/console/subjects/${subjectId}/lists`, {
    list: 'abnormal',
    reason: '再次',
    legal_basis: '同上',
  });
  expect(dup.status).toBe(409);
  expect(await dup.text()).toContain('该主体已在此名录中（');
  expect(
    (await post(`/console/lists/${entry.id}/remove`, { reason: 'error', note: '错误列入' })).status,
  ).toBe(303);
  expect(t.gw.creditRecords.entry(entry.id)!.removed_at).not.toBeNull();

  const withdrawn = await post(`/console/penalties/${penalty.id}/withdraw`, { reason: '复议撤销' });
  expect(withdrawn.status).toBe(303);
  const page = await (await get(`/console/subjects/${subjectId}`)).text();
  expect(page).toContain('测试罚〔2026〕1号');
  expect(page).toContain('宁波示例电器有限公司');
  // The public page shows no withdrawn penalty.
  const pub = await (await t.app.request(`/credit/subjects/${subjectId}`)).text();
  expect(pub).not.toContain('测试罚〔2026〕1号');
});

test('the dashboard, search and crawl pages answer', async () => {
  const dash = await get('/console');
  expect(dash.status).toBe(200);
  expect((await dash.text()).match(/<figure class="chart"/g)?.length).toBeGreaterThanOrEqual(5);
  expect(await (await get('/console/subjects?q=宁波示例')).text()).toContain(
    `/console/subjects/${subjectId}`,
  );
  const started = await post('/console/crawls', { platform: t.platformA.slug });
  expect(started.status).toBe(303);
  const crawlPage = started.headers.get('location')!;
  expect((await get(crawlPage)).status).toBe(200);
  const progress = await get(`${crawlPage}/progress`);
  expect((await progress.json()).total).toBe(1);
  expect((await get('/console/subjects/NOTANID')).status).toBe(404);
  const unknown = await get('/console/no-such-page');
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toMatch(/text\/html/);
});

test('the complaint queue pages by 100, nearest deadline first, in the console and the API', async () => {
  // 150 more complaints, each from its own phone (the per-phone limit allows 3 a day).
  for (let i = 0; i < 150; i++)
    lodgeComplaint(t.gw, {
      platform: t.platformA.slug,
      seller_id: 'shop-9',
      category: 'quality',
      description: `第 ${i} 件：收到的商品有质量问题。`,
      amount_minor: null,
      currency: null,
      complainant: { name: '钱七', phone: `1370000${String(i).padStart(4, '0')}` },
      publish_consent: false,
    });
  const total = t.gw.complaints.queueCount('open');
  expect(total).toBeGreaterThanOrEqual(150);
  const codes = (html: string) =>
    [...html.matchAll(/href="\/console\/complaints\/[0-9A-Z]{26}">([^<]+)</g)].map((m) => m[1]);
  const first = await (await get('/console/complaints')).text();
  expect(codes(first)).toHaveLength(100);
  expect(first).toContain(`1–100 / ${total}`);
  expect(first).toContain('href="/console/complaints?status=open&amp;page=2"');
  expect(first).not.toContain('rel="prev"');
  const second = await (await get('/console/complaints?status=open&page=2')).text();
  expect(codes(second)).toHaveLength(total - 100);
  expect(second).toContain(`101–${total} / ${total}`);
  expect(second).not.toContain('rel="next"');
  // No complaint on both pages; together they are the whole queue, in the API's order.
  const api = await t.call('GET', '/v1/regulator/complaints?limit=1000', { key: t.regulator.token });
  expect([...codes(first), ...codes(second)]).toEqual(
    api.json.complaints.map((c: { tracking_code: string }) => c.tracking_code),
  );
  // A page past the end shows the last; a page that is not a number, the first.
  expect(codes(await (await get('/console/complaints?page=99')).text())).toEqual(codes(second));
  expect(codes(await (await get('/console/complaints?page=abc')).text())).toEqual(codes(first));

  // The API pages with offset and says where the next page starts.
  const one = await t.call('GET', '/v1/regulator/complaints?limit=60', { key: t.regulator.token });
  expect(one.json).toMatchObject({ total, next_offset: 60 });
  const two = await t.call('GET', '/v1/regulator/complaints?limit=60&offset=60', { key: t.regulator.token });
  expect(two.json.complaints[0].complaint_id).toBe(api.json.complaints[60].complaint_id);
  const last = await t.call('GET', `/v1/regulator/complaints?limit=60&offset=${total - 1}`, {
    key: t.regulator.token,
  });
  expect(last.json).toMatchObject({ total, next_offset: null });
  expect(last.json.complaints).toHaveLength(1);
  expect((await t.call('GET', '/v1/regulator/complaints?offset=-1', { key: t.regulator.token })).status).toBe(
    400,
  );
});
