import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { runRisk } from '../../src/risk/run.ts';
import { riskStore } from '../../src/risk/store.ts';
import { warningView } from '../../src/risk/views.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';
import { consoleCookie } from '../helpers/console.ts';

/**
 * The risk console through HTTP, as a regulator's browser sends it: the queue, a warning's page, the
 * assign / confirm / dismiss forms (through src/risk/workflow.ts, audited), a subject's warnings.
 *
 * The market: subject X (a hostile name) with a store on each platform whose orders in one hour come
 * from two buyers (12 orders on A, 20 on B: order_brushing), and subjects Y and Z filed with X's phone
 * number (three subjects on one phone: shared_contact for each).
 */
let t: TestGateway;
let cookie = '';
let csrf = '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOSTILE = '<script>alert("x")</script>&示例商贸有限公司';
const ids = { X: '', Y: '', Z: '' };
const warnings = { brushA: '', brushB: '', sharedX: '', sharedY: '', sharedZ: '' };

let serial = 0;
const newUscc = () => {
  const first17 = `91440300${String(++serial).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
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
/** The warnings a queue page lists, in its order. */
const listed = (page: string) => [...page.matchAll(/data-warning="([0-9A-Z]{26})"/g)].map((m) => m[1]!);
const store = () => riskStore(t.gw.db);
const audit = (id: string) => t.gw.audit.ofTarget('risk_warning', id);
const subjectOf = (platform: string, sellerId: string) =>
  t.gw.sellers.seller(t.gw.accounts.platformBySlug(platform)!.id, sellerId)!.subject_id;

beforeAll(async () => {
  t = testGateway();
  const x = newUscc();
  const sellersA = [
    enterprise({ seller_id: 'brush-a', legal_name: HOSTILE, uscc: x }),
    enterprise({ seller_id: 'plain-y', legal_name: '深圳乙贸易有限公司', uscc: newUscc() }),
    enterprise({ seller_id: 'plain-z', legal_name: '深圳丙贸易有限公司', uscc: newUscc() }),
  ];
  const filedA = await t.fileSellers(t.platformA.key, sellersA);
  expect(filedA.status, filedA.text).toBe(201);
  expect(filedA.json.counts.rejected, filedA.text).toBe(0);
  const filedB = await t.fileSellers(t.platformB.key, [
    enterprise({ seller_id: 'brush-b', legal_name: HOSTILE, uscc: x }),
  ]);
  expect(filedB.status, filedB.text).toBe(201);
  ids.X = subjectOf(t.platformA.slug, 'brush-a');
  ids.Y = subjectOf(t.platformA.slug, 'plain-y');
  ids.Z = subjectOf(t.platformA.slug, 'plain-z');
  expect(subjectOf(t.platformB.slug, 'brush-b')).toBe(ids.X);

  const now = new Date();
  const hour = new Date(now.getTime() - 2 * 3_600_000);
  hour.setUTCMinutes(0, 0, 0);
  const brushed = (sellerId: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      order(sellerId, {
        placed_at: new Date(hour.getTime() + i * 2 * 60_000).toISOString(),
        buyer_ref: `brusher-${sellerId}-${i % 2}`,
      }),
    );
  for (const [key, sellerId, n] of [
    [t.platformA.key, 'brush-a', 12],
    [t.platformB.key, 'brush-b', 20],
  ] as const) {
    const filed = await t.call('POST', '/v1/transactions', {
      key,
      type: 'application/x-ndjson',
      body: ndjson(brushed(sellerId, n)),
    });
    expect(filed.status, filed.text).toBe(201);
  }
  runRisk(t.gw, { now });
  const all = store().list({ limit: 100 });
  const find = (signal: string, pred: (w: (typeof all)[number]) => boolean) => {
    const found = all.filter((w) => w.signal === signal && pred(w));
    expect(found, JSON.stringify(all.map((w) => [w.signal, w.target]))).toHaveLength(1);
    return found[0]!.id;
  };
  warnings.brushA = find('order_brushing', (w) => w.seller_id === 'brush-a');
  warnings.brushB = find('order_brushing', (w) => w.seller_id === 'brush-b');
  warnings.sharedX = find('shared_contact', (w) => w.subject_id === ids.X);
  warnings.sharedY = find('shared_contact', (w) => w.subject_id === ids.Y);
  warnings.sharedZ = find('shared_contact', (w) => w.subject_id === ids.Z);

  cookie = await consoleCookie(t);
  csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/console'))![1]!;
});
afterAll(() => t.close());

describe('the risk queue', () => {
  test('lists the undecided warnings riskiest first, with the signal in the reader’s language', async () => {
    const page = await html('/console/risk');
    const expected = store()
      .list({ limit: 100 })
      .filter((w) => w.status === 'open' || w.status === 'assigned')
      .map((w) => w.id);
    expect(listed(page)).toEqual(expected);
    expect(listed(page)[0]).toBe(warnings.brushB);
    expect(listed(page).indexOf(warnings.brushA)).toBe(1);
    const scores = [...page.matchAll(/<tr data-warning="[0-9A-Z]{26}"><td class="num">(\d+)</g)].map((m) =>
      Number(m[1]),
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(page).toContain('疑似刷单');
    expect(page).toContain('多个主体共用联系信息');
    expect(page).toContain(`${t.platformB.slug}/brush-b`);
    expect(await html('/console/risk', 'en')).toContain('Order brushing');
  });

  test('filters by signal, platform and status', async () => {
    expect(listed(await html('/console/risk?signal=order_brushing'))).toEqual([
      warnings.brushB,
      warnings.brushA,
    ]);
    const shared = listed(await html('/console/risk?signal=shared_contact'));
    expect(new Set(shared)).toEqual(new Set([warnings.sharedX, warnings.sharedY, warnings.sharedZ]));
    // Subject warnings belong to no platform: a platform's queue is its stores'.
    expect(listed(await html(`/console/risk?platform=${t.platformB.slug}`))).toEqual([warnings.brushB]);
    expect(listed(await html(`/console/risk?platform=${t.platformA.slug}&signal=shared_contact`))).toEqual(
      [],
    );
    const none = await html('/console/risk?status=dismissed');
    expect(listed(none)).toEqual([]);
    expect(none).toContain('没有符合条件的风险预警。');
    // Unknown values are no filter at all, not an error.
    expect(listed(await html('/console/risk?signal=nonsense&status=all&after=junk'))).toHaveLength(
      store().list({ limit: 100 }).length,
    );
  });

  test('pages by the store’s cursor without losing or repeating a warning', async () => {
    const all = store()
      .list({ limit: 100 })
      .map((w) => w.id);
    const seen: string[] = [];
    let path: string | undefined = '/console/risk?status=all&limit=2';
    while (path) {
      const page = await html(path);
      const rows = listed(page);
      expect(rows.length).toBeLessThanOrEqual(2);
      seen.push(...rows);
      path = /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');
      if (path) expect(path).toMatch(/after=\d+%3A[0-9A-Z]{26}/);
    }
    expect(seen).toEqual(all);
  });
});

describe('a warning’s page', () => {
  test('shows the explanation with its numbers and the evidence, linked', async () => {
    const v = warningView(store().byId(warnings.brushB)!);
    const page = await html(`/console/risk/${warnings.brushB}`, 'en');
    expect(page).toContain('order_brushing/1');
    expect(page).toContain('>Order brushing · ');
    expect(page).toContain(v.explanation.text.replaceAll("'", '&#39;'));
    expect(page).toContain(v.explanation.comparison!.replaceAll("'", '&#39;'));
    expect(page).toMatch(/<code>worst_orders<\/code><\/th><td[^>]*>20<\/td>/);
    expect(page).toMatch(/<code>worst_buyers<\/code><\/th><td[^>]*>2<\/td>/);
    expect(page).toMatch(/<code>few_buyers<\/code><\/th><td[^>]*>≥ 3 orders per buyer/);
    const orders = v.evidence.orders!;
    expect(orders.total).toBe(20);
    expect(page).toContain(`(${orders.ids.length} of 20)`);
    for (const id of orders.ids) expect(page).toContain(`<code>${id}</code>`);
    // A store of the evidence links to its subject's page.
    expect(page).toContain(`<a href="/console/subjects/${ids.X}">${t.platformB.slug}/brush-b</a>`);
    const zh = await html(`/console/risk/${warnings.brushB}`);
    expect(zh).toContain(`显示 ${orders.ids.length} 条，共 20 条`);
    expect(zh).toContain('疑似刷单');
  });

  test('escapes the names it shows', async () => {
    for (const path of [
      `/console/risk/${warnings.sharedY}`,
      `/console/risk/${warnings.brushA}`,
      '/console/risk',
    ]) {
      const page = await html(path);
      expect(page, path).not.toContain('<script>alert');
      expect(page, path).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;示例商贸有限公司');
    }
    // Y's evidence names the other subjects on its phone number, linked.
    const page = await html(`/console/risk/${warnings.sharedY}`);
    expect(page).toContain(`href="/console/subjects/${ids.X}"`);
    expect(page).toContain(`<a href="/console/subjects/${ids.Z}">深圳丙贸易有限公司</a>`);
  });

  test('answers 404 for a warning that does not exist', async () => {
    expect((await get('/console/risk/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await get('/console/risk/not-an-id')).status).toBe(404);
    expect((await post('/console/risk/01ARZ3NDEKTSV4RRFFQ69G5FAV/dismiss', { reason: 'x' })).status).toBe(
      404,
    );
  });
});

describe('the forms', () => {
  test('assign: to oneself by default, audited', async () => {
    const res = await post(`/console/risk/${warnings.brushA}/assign`, { assignee: '' });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/risk/${warnings.brushA}?done=assign`);
    const w = store().byId(warnings.brushA)!;
    expect(w.status).toBe('assigned');
    expect(w.assignee).toMatch(/^regulator:\d+$/);
    expect(audit(warnings.brushA).map((e) => e.action)).toEqual(['risk_warning.assign']);
    const page = await html(res.headers.get('location')!);
    expect(page).toContain('分派 ✓');
    expect(page).toMatch(new RegExp(`data-testid="assignee">${t.regulator.name}<`));
    expect(page).toMatch(/data-testid="status">已分派</);
  });

  test('confirm without a penalty or list entry: a clear error, nothing changed', async () => {
    const before = await html(`/console/risk/${warnings.brushA}`);
    expect(before).toContain('该主体还没有行政处罚或名单记录');
    const res = await post(`/console/risk/${warnings.brushA}/confirm`, { reason: '核实为刷单' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('确认预警须选择它导致的一项行政处罚或名单记录。');
    const en = await t.app.request(`/console/risk/${warnings.brushA}/confirm`, {
      method: 'POST',
      headers: { ...FORM, cookie: `${cookie}; lang=en` },
      body: new URLSearchParams({ _csrf: csrf, reason: 'brushing', led_to: 'penalty:nonsense' }).toString(),
    });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('choose the one penalty or list entry it led to');
    expect((await post(`/console/risk/${warnings.brushA}/confirm`, { reason: '  ' })).status).toBe(400);
    expect(store().byId(warnings.brushA)!.status).toBe('assigned');
    expect(audit(warnings.brushA)).toHaveLength(1);
  });

  test('confirm with the penalty it led to, audited, shown with the decision', async () => {
    const recorded = await post(`/console/subjects/${ids.X}/penalties`, {
      decision_number: '深市监罚〔2026〕88号',
      authority: '深圳市市场监督管理局',
      facts: '组织虚假交易（刷单）。',
      legal_basis: '电子商务法第十七条',
      penalty: '罚款',
      severity: 'moderate',
      sector: 'general',
      decided_on: '2026-11-02',
    });
    expect(recorded.status).toBe(303);
    const penalty = t.gw.creditRecords.penaltiesOf(ids.X)[0]!;
    const form = await html(`/console/risk/${warnings.brushA}`);
    expect(form).toContain(`<option value="penalty:${penalty.id}">`);

    const res = await post(`/console/risk/${warnings.brushA}/confirm`, {
      reason: '核实为刷单，已处罚',
      led_to: `penalty:${penalty.id}`,
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const w = store().byId(warnings.brushA)!;
    expect(w).toMatchObject({ status: 'confirmed', penalty_id: penalty.id, reason: '核实为刷单，已处罚' });
    const entries = audit(warnings.brushA);
    expect(entries.map((e) => e.action).sort()).toEqual(['risk_warning.assign', 'risk_warning.confirm']);
    expect(entries.find((e) => e.action === 'risk_warning.confirm')!.reason).toBe('核实为刷单，已处罚');

    const page = await html(`/console/risk/${warnings.brushA}`);
    expect(page).toContain('data-testid="decision"');
    expect(page).toContain('深市监罚〔2026〕88号');
    expect(page).toContain('核实为刷单，已处罚');
    expect(page).not.toContain(`/console/risk/${warnings.brushA}/confirm"`);

    const again = await post(`/console/risk/${warnings.brushA}/confirm`, {
      reason: '再次',
      led_to: `penalty:${penalty.id}`,
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('当前状态下不能进行此步骤（');
    expect(audit(warnings.brushA)).toHaveLength(2);
  });

  test('confirm with a list entry; another subject’s entry is refused', async () => {
    const entered = await post(`/console/subjects/${ids.Y}/lists`, {
      list: 'abnormal',
      reason: '通过登记的住所无法联系',
      legal_basis: '企业经营异常名录管理暂行办法第四条',
    });
    expect(entered.status).toBe(303);
    const entry = t.gw.creditRecords.entriesOf(ids.Y)[0]!;
    const wrong = await post(`/console/risk/${warnings.brushB}/confirm`, {
      reason: '误选',
      led_to: `entry:${entry.id}`,
    });
    expect(wrong.status).toBe(409);
    expect(await wrong.text()).toContain('与现有记录冲突（');
    expect(store().byId(warnings.brushB)!.status).toBe('open');
    expect(audit(warnings.brushB)).toHaveLength(0);

    const res = await post(`/console/risk/${warnings.sharedY}/confirm`, {
      reason: '共用号码的主体之一已列入异常名录',
      led_to: `entry:${entry.id}`,
    });
    expect(res.status).toBe(303);
    expect(store().byId(warnings.sharedY)).toMatchObject({ status: 'confirmed', list_entry_id: entry.id });
    expect(audit(warnings.sharedY).map((e) => e.action)).toEqual(['risk_warning.confirm']);
  });

  test('dismiss with a reason, audited; without one or without the CSRF token, nothing changes', async () => {
    expect((await post(`/console/risk/${warnings.sharedZ}/dismiss`, { reason: '' })).status).toBe(400);
    const forged = await post(`/console/risk/${warnings.sharedZ}/dismiss`, { reason: '伪造' }, false);
    expect(forged.status).toBe(403);
    expect(store().byId(warnings.sharedZ)!.status).toBe('open');
    expect(audit(warnings.sharedZ)).toHaveLength(0);

    const res = await post(`/console/risk/${warnings.sharedZ}/dismiss`, {
      reason: '同一集团的关联公司，正常',
    });
    expect(res.status).toBe(303);
    expect(store().byId(warnings.sharedZ)).toMatchObject({
      status: 'dismissed',
      reason: '同一集团的关联公司，正常',
    });
    const [entry] = audit(warnings.sharedZ);
    expect(entry).toMatchObject({ action: 'risk_warning.dismiss', reason: '同一集团的关联公司，正常' });
    expect(entry!.actor).toMatch(/^regulator:\d+$/);

    // The decisions measure the signal: one confirmed and one dismissed shared_contact is 50%.
    const queue = await html('/console/risk');
    expect(listed(queue)).not.toContain(warnings.sharedZ);
    expect(queue).toContain('50.0%');
    expect(listed(await html('/console/risk?status=dismissed'))).toEqual([warnings.sharedZ]);
  });
});

describe('around the console', () => {
  test('a subject’s page lists its warnings, riskiest first, linked', async () => {
    const page = await html(`/console/subjects/${ids.X}`);
    const table = /data-testid="subject-warnings">([\s\S]*?)<\/table>/.exec(page)![1]!;
    const linked = [...table.matchAll(/href="\/console\/risk\/([0-9A-Z]{26})"/g)].map((m) => m[1]);
    expect(linked).toEqual(
      store()
        .ofSubject(ids.X)
        .map((w) => w.id),
    );
    expect(new Set(linked)).toEqual(new Set([warnings.brushA, warnings.brushB, warnings.sharedX]));
    expect(table).toContain('已确认');
    const y = await html(`/console/subjects/${ids.Y}`);
    expect(y).toContain(`/console/risk/${warnings.sharedY}`);
    expect(y).not.toContain(`/console/risk/${warnings.brushA}`);
  });

  test('the navigation and the dashboard lead to the queue', async () => {
    const dash = await html('/console');
    expect(dash).toContain('<a href="/console/risk">风险预警</a>');
    expect(dash).toContain('data-chart="risk-signals"');
    expect(dash).toContain('疑似刷单');
  });
});
