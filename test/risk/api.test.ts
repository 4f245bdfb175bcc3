import { afterEach, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { addRegulator } from '../../src/accounts/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { runRisk } from '../../src/risk/run.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * The risk warnings' API (issue 15), through the real app: the queue and its filters and paging, one
 * warning, the workflow open → assigned → confirmed | dismissed with its audit entries, the signals'
 * precision, and the problems of bad requests. The warnings are order_brushing warnings raised as a
 * platform would cause them: an hour of a store's filed orders from few buyers, then runRisk.
 */

let t: TestGateway;
afterEach(async () => {
  // Entering a list crawls the subject's stores (here a closed port: the crawl fails at once, and at a
  // short spacing it is over at once).
  await t?.gw.crawls.idle();
  await t?.close();
});
const FAST_CRAWL = { crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } };

const HOUR = 3_600_000;
const W = '/v1/regulator/risk/warnings';
/** A well-formed id that names nothing. */
const NO_SUCH_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

let serial = 0;
const newUscc = () => {
  const first17 = `91440300${String(++serial).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
/** Names that share no bigram: no two subjects look alike to relisted_offender. */
const NAMES = [
  '青山茶行',
  '白云电器',
  '东海渔具',
  '南岭果园',
  '北辰文具',
  '西湖丝绸',
  '金桥五金',
  '玉兰服饰',
];

interface StoreSpec {
  platform: 'A' | 'B';
  /** Orders in the brushed hour, and the distinct buyers they came from. */
  orders: number;
  buyers: number;
  /** A store of the same subject as an earlier spec (its index). */
  sameSubjectAs?: number;
}

interface Store {
  sellerId: string;
  subjectId: string;
  platform: string;
  key: string;
}

const keyOf = (p: 'A' | 'B') => (p === 'A' ? t.platformA.key : t.platformB.key);
const slugOf = (p: 'A' | 'B') => (p === 'A' ? t.platformA.slug : t.platformB.slug);

/** The top of the hour two hours before `now`: the brushed hour. */
function brushedHour(now: Date): Date {
  const hour = new Date(now.getTime() - 2 * HOUR);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

function brushedOrders(sellerId: string, now: Date, orders: number, buyers: number) {
  const hour = brushedHour(now);
  return Array.from({ length: orders }, (_, i) =>
    order(sellerId, {
      placed_at: new Date(hour.getTime() + i * 3 * 60_000).toISOString(),
      buyer_ref: `${sellerId}-buyer-${i % buyers}`,
    }),
  );
}

async function fileOrders(key: string, records: unknown[]) {
  const res = await t.call('POST', '/v1/transactions', {
    key,
    type: 'application/x-ndjson',
    body: ndjson(records),
  });
  expect(res.status, res.text).toBe(201);
}

/**
 * Files each store (its own subject unless sameSubjectAs; phones, names and URLs of its own, so that no
 * other signal links them) and its brushed hour, then runs the signals at `now`.
 */
async function brushedStores(specs: StoreSpec[], now = new Date()): Promise<Store[]> {
  const stores: Store[] = [];
  const identities: { uscc: string; legal_name: string }[] = [];
  for (const [i, spec] of specs.entries()) {
    const n = ++serial;
    const identity =
      spec.sameSubjectAs === undefined
        ? {
            uscc: newUscc(),
            legal_name: `${NAMES[i % NAMES.length]}${'甲乙丙丁'[Math.floor(i / 8) % 4]}有限公司`,
          }
        : identities[spec.sameSubjectAs]!;
    identities.push(identity);
    const sellerId = `RISK-${n}`;
    const res = await t.fileSellers(keyOf(spec.platform), [
      enterprise({
        seller_id: sellerId,
        ...identity,
        contact_phone: `1390000${String(n).padStart(4, '0')}`,
        store_url: `http://127.0.0.1:9/store/${n}`,
      }),
    ]);
    expect(res.status, res.text).toBe(201);
    const platform = slugOf(spec.platform);
    const subjectId = t.gw.sellers.seller(t.gw.accounts.platformBySlug(platform)!.id, sellerId)!.subject_id;
    stores.push({ sellerId, subjectId, platform, key: keyOf(spec.platform) });
  }
  for (const [i, spec] of specs.entries())
    await fileOrders(stores[i]!.key, brushedOrders(stores[i]!.sellerId, now, spec.orders, spec.buyers));
  const report = runRisk(t.gw, { now });
  expect(report.signals.find((s) => s.signal === 'order_brushing')!.new).toBe(specs.length);
  return stores;
}

const asRegulator = (url: string) => t.call('GET', url, { key: t.regulator.token });

async function warnings(query = ''): Promise<any[]> {
  const res = await asRegulator(`${W}${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json.warnings;
}

/** The order_brushing warning of a store. */
async function warningOf(store: Store) {
  const found = (await warnings(`?signal=order_brushing&limit=500`)).filter(
    (w) => w.seller_id === store.sellerId && w.platform === store.platform,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

/** A workflow command as a client sends it: JSON, with its length. */
function command(
  id: string,
  verb: 'assign' | 'confirm' | 'dismiss',
  body?: unknown,
  init: { key?: string; raw?: string; type?: string } = {},
) {
  const text = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return t.call('POST', `${W}/${id}/${verb}`, {
    key: init.key ?? t.regulator.token,
    body: text,
    type: text === undefined ? undefined : (init.type ?? 'application/json'),
    headers: text === undefined ? {} : { 'content-length': String(Buffer.byteLength(text)) },
  });
}

function expectProblem(res: Awaited<ReturnType<typeof t.call>>, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type'), res.text).toBe('application/problem+json');
  expect(res.json, res.text).toMatchObject({ status, code });
  expect(res.json.detail, res.text).toEqual(expect.any(String));
}

/** The audit entries about one warning, oldest first, as GET /v1/regulator/audit answers them. */
async function auditOf(id: string) {
  const res = await asRegulator('/v1/regulator/audit?limit=1000');
  expect(res.status, res.text).toBe(200);
  return (res.json.entries as any[]).filter((e) => e.target_id === id).reverse();
}

const actorOf = (name: string) => `regulator:${t.gw.accounts.regulatorByName(name)!.id}`;

async function penaltyOf(subjectId: string) {
  const res = await t.call('POST', '/v1/regulator/penalties', {
    key: t.regulator.token,
    type: 'application/json',
    body: JSON.stringify({
      decision_number: `深市监罚〔2026〕${++serial}号`,
      subject_id: subjectId,
      authority: '深圳市市场监督管理局',
      facts: '以虚构交易方式为自己的店铺进行虚假宣传。',
      legal_basis: '《中华人民共和国反不正当竞争法》第八条',
      penalty: '警告，罚款人民币二万元',
      severity: 'moderate',
      decided_on: chinaToday(),
    }),
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function abnormalEntryOf(subjectId: string) {
  const res = await t.call('POST', '/v1/regulator/lists/abnormal/entries', {
    key: t.regulator.token,
    type: 'application/json',
    body: JSON.stringify({
      subject_id: subjectId,
      reason: '通过登记的住所无法联系',
      legal_basis: '《企业信息公示暂行条例》',
    }),
  });
  expect(res.status, res.text).toBe(201);
  return res.json.entry.id as string;
}

/** The queue's order: score descending, then id. */
const queueOrder = (a: { score: number; warning_id: string }, b: { score: number; warning_id: string }) =>
  b.score - a.score || (a.warning_id < b.warning_id ? -1 : a.warning_id > b.warning_id ? 1 : 0);

/** Six stores on two platforms; two share a subject, two have the same score (65). */
const SIX: StoreSpec[] = [
  { platform: 'A', orders: 12, buyers: 1 },
  { platform: 'A', orders: 12, buyers: 2 },
  { platform: 'B', orders: 15, buyers: 3 },
  { platform: 'A', orders: 10, buyers: 2 },
  { platform: 'B', orders: 12, buyers: 3 },
  { platform: 'A', orders: 12, buyers: 4, sameSubjectAs: 1 },
];

describe('GET /v1/regulator/risk/warnings', () => {
  test('answers the queue riskiest first, each warning with its explanation and evidence', async () => {
    t = testGateway(FAST_CRAWL);
    const stores = await brushedStores(SIX);
    const list = await warnings('?signal=order_brushing');
    expect(list).toHaveLength(6);
    expect([...list].sort(queueOrder)).toEqual(list);
    // More orders per buyer is riskier: the one-buyer store first, the four-buyer store last.
    expect(list[0].seller_id).toBe(stores[0]!.sellerId);
    expect(list.at(-1).seller_id).toBe(stores[5]!.sellerId);
    expect(new Set(list.map((w) => w.score)).size).toBeLessThan(6);
    for (const w of list) {
      const store = stores.find((s) => s.sellerId === w.seller_id)!;
      expect(w).toMatchObject({
        warning_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        signal: 'order_brushing',
        rule_version: 'order_brushing/1',
        subject_id: store.subjectId,
        platform: store.platform,
        seller_id: store.sellerId,
        store_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/store\/\d+$/),
        severity: expect.stringMatching(/^(low|medium|high)$/),
        status: 'open',
        assignee: null,
        decision: null,
      });
      expect(w.score).toBeGreaterThanOrEqual(0);
      expect(w.score).toBeLessThanOrEqual(100);
      expect(w.first_seen).toBe(w.last_seen);
      expect(w.explanation).toMatchObject({
        text: expect.any(String),
        rule: 'order_brushing/1',
        threshold: expect.any(Object),
        found: expect.objectContaining({
          worst_orders: expect.any(Number),
          worst_buyers: expect.any(Number),
        }),
      });
      expect(w.evidence.orders.total).toBe(w.explanation.found.worst_orders);
      expect(w.evidence.orders.ids.length).toBeLessThanOrEqual(20);
    }
  });

  test('pages with limit and next_cursor: every warning exactly once, in score order', async () => {
    t = testGateway(FAST_CRAWL);
    await brushedStores(SIX);
    const all = await warnings('?signal=order_brushing&limit=500');
    expect(all).toHaveLength(6);
    for (const [limit, filter] of [
      [1, '&signal=order_brushing'],
      [2, '&signal=order_brushing'],
      [4, '&signal=order_brushing'],
      [6, '&signal=order_brushing'],
      [1, `&platform=${t.platformA.slug}`],
      [2, `&platform=${t.platformB.slug}`],
    ] as const) {
      const expected = all.filter(
        (w) => !filter.startsWith('&platform=') || w.platform === filter.slice('&platform='.length),
      );
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await asRegulator(`${W}${query}`);
        expect(res.status, res.text).toBe(200);
        expect(res.json.warnings.length, query).toBeLessThanOrEqual(limit);
        expect(res.json.warnings.length, `${query}: a page before the end is full`).toBe(
          res.json.next_cursor === null ? res.json.warnings.length : limit,
        );
        seen.push(...res.json.warnings);
        cursor = res.json.next_cursor;
        expect(++pages, 'paging ends').toBeLessThanOrEqual(expected.length);
      } while (cursor !== null);
      // No empty last page when the count is a multiple of the limit.
      expect(pages, `limit ${limit}${filter}`).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      expect(
        seen.map((w) => w.warning_id),
        `limit ${limit}${filter}`,
      ).toEqual(expected.map((w) => w.warning_id));
    }
  });

  test('filters by signal, status, subject_id and platform, together or alone', async () => {
    t = testGateway(FAST_CRAWL);
    const stores = await brushedStores(SIX);
    const ids = (list: any[]) => list.map((w) => w.seller_id).sort();
    const sellers = (...i: number[]) => i.map((n) => stores[n]!.sellerId).sort();

    expect(ids(await warnings('?signal=order_brushing'))).toEqual(sellers(0, 1, 2, 3, 4, 5));
    expect(await warnings('?signal=sporadic_threshold')).toEqual([]);
    expect(ids(await warnings(`?signal=order_brushing&platform=${t.platformA.slug}`))).toEqual(
      sellers(0, 1, 3, 5),
    );
    expect(ids(await warnings(`?platform=${t.platformB.slug}`))).toEqual(sellers(2, 4));
    expect(await warnings('?platform=no-such-platform')).toEqual([]);
    // Stores 1 and 5 are one subject's.
    expect(ids(await warnings(`?subject_id=${stores[1]!.subjectId}`))).toEqual(sellers(1, 5));
    expect(ids(await warnings(`?subject_id=${stores[2]!.subjectId}`))).toEqual(sellers(2));
    expect(await warnings(`?subject_id=${NO_SUCH_ID}`)).toEqual([]);

    const assigned = await warningOf(stores[3]!);
    expect((await command(assigned.warning_id, 'assign')).status).toBe(200);
    const dismissed = await warningOf(stores[2]!);
    expect(
      (await command(dismissed.warning_id, 'dismiss', { reason: '节日促销，买家为企业团购' })).status,
    ).toBe(200);
    expect(ids(await warnings('?status=assigned'))).toEqual(sellers(3));
    expect(ids(await warnings('?status=dismissed'))).toEqual(sellers(2));
    expect(ids(await warnings('?status=open&signal=order_brushing'))).toEqual(sellers(0, 1, 4, 5));
    expect(await warnings('?status=confirmed')).toEqual([]);
    expect(ids(await warnings(`?status=open&platform=${t.platformB.slug}`))).toEqual(sellers(4));
    expect(
      ids(await warnings(`?status=open&platform=${t.platformA.slug}&subject_id=${stores[1]!.subjectId}`)),
    ).toEqual(sellers(1, 5));
  });

  test('refuses a cursor it did not give, an unknown signal or status, a malformed subject id or limit: 400', async () => {
    t = testGateway(FAST_CRAWL);
    await brushedStores(SIX.slice(0, 3));
    const first = await asRegulator(`${W}?limit=1`);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    for (const [query, field] of [
      ['?cursor=abc', 'cursor'],
      ['?cursor=' + Buffer.from('not a cursor').toString('base64url'), 'cursor'],
      ['?cursor=' + Buffer.from(`999x:${NO_SUCH_ID}`).toString('base64url'), 'cursor'],
      [`?cursor=${'A'.repeat(201)}`, 'cursor'],
      ['?signal=brushing', 'signal'],
      ['?signal=ORDER_BRUSHING', 'signal'],
      ['?status=closed', 'status'],
      ['?subject_id=not-an-id', 'subject_id'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=two', 'limit'],
    ]) {
      const res = await asRegulator(`${W}${query}`);
      expectProblem(res, 400, 'invalid_parameter');
      expect(res.json.detail, query).toContain(field);
    }
  });
});

describe('GET /v1/regulator/risk/warnings/{warning_id}', () => {
  test('gives one warning as the queue shows it; 404 for an unknown id, 400 for a malformed one', async () => {
    t = testGateway(FAST_CRAWL);
    const [store] = await brushedStores(SIX.slice(0, 2));
    const inQueue = await warningOf(store!);
    const one = await asRegulator(`${W}/${inQueue.warning_id}`);
    expect(one.status, one.text).toBe(200);
    expect(one.json).toEqual(inQueue);

    expectProblem(await asRegulator(`${W}/${NO_SUCH_ID}`), 404, 'not_found');
    expectProblem(await asRegulator(`${W}/not-a-warning`), 400, 'invalid_parameter');
    for (const verb of ['assign', 'confirm', 'dismiss'] as const)
      expectProblem(
        await command(NO_SUCH_ID, verb, verb === 'assign' ? {} : { reason: '无此预警' }),
        404,
        'not_found',
      );
  });
});

describe('who may use the risk routes', () => {
  test('regulators and admins; platforms get 403, requests without a token 401', async () => {
    t = testGateway(FAST_CRAWL);
    const [store] = await brushedStores(SIX.slice(0, 1));
    const id = (await warningOf(store!)).warning_id;
    const admin = addRegulator(t.gw.accounts, { name: `risk-admin-${++serial}`, admin: true });
    const routes: [string, string, unknown][] = [
      ['GET', W, undefined],
      ['GET', `${W}/${id}`, undefined],
      ['GET', '/v1/regulator/risk/signals', undefined],
      ['POST', `${W}/${id}/assign`, {}],
      ['POST', `${W}/${id}/confirm`, { reason: '平台核实后确认', penalty_id: NO_SUCH_ID }],
      ['POST', `${W}/${id}/dismiss`, { reason: '平台核实后排除' }],
    ];
    for (const [method, url, body] of routes) {
      const init = body === undefined ? {} : { type: 'application/json', body: JSON.stringify(body) };
      for (const key of [t.platformA.key, t.platformB.key])
        expectProblem(await t.call(method, url, { key, ...init }), 403, 'forbidden');
      const anonymous = await t.call(method, url, init);
      expectProblem(anonymous, 401, 'unauthorized');
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expectProblem(
        await t.call(method, url, { key: 'mgr_AAAAAAAA_' + 'x'.repeat(43), ...init }),
        401,
        'unauthorized',
      );
    }
    for (const [, url] of routes.filter(([method]) => method === 'GET'))
      for (const key of [t.regulator.token, admin.token])
        expect((await t.call('GET', url, { key })).status, url).toBe(200);
    // Nothing above changed the warning.
    expect((await asRegulator(`${W}/${id}`)).json).toMatchObject({ status: 'open', assignee: null });
    expect(await auditOf(id)).toEqual([]);
    // An admin works the queue as a regulator does.
    const assigned = await command(id, 'assign', undefined, { key: admin.token });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json.assignee).toBe(`regulator:${t.gw.accounts.regulatorByName(admin.name)!.id}`);
  });
});

describe('the workflow', () => {
  test('assign: to the caller without a body, to the named regulator with one; audited', async () => {
    t = testGateway(FAST_CRAWL);
    const [store] = await brushedStores(SIX.slice(0, 1));
    const id = (await warningOf(store!)).warning_id;
    const me = actorOf(t.regulator.name);

    const mine = await command(id, 'assign');
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json).toMatchObject({ warning_id: id, status: 'assigned', assignee: me, decision: null });

    const empty = await command(id, 'assign', {});
    expect(empty.status, empty.text).toBe(200);
    expect(empty.json.assignee).toBe(me);

    const named = await command(id, 'assign', { assignee: '  稽查一科 张三  ' });
    expect(named.status, named.text).toBe(200);
    expect(named.json).toMatchObject({ status: 'assigned', assignee: '稽查一科 张三' });
    expect((await asRegulator(`${W}/${id}`)).json.assignee).toBe('稽查一科 张三');

    expect(await auditOf(id)).toEqual([
      expect.objectContaining({
        actor: me,
        action: 'risk_warning.assign',
        target_type: 'risk_warning',
        detail: { assignee: me },
      }),
      expect.objectContaining({ actor: me, action: 'risk_warning.assign', detail: { assignee: me } }),
      expect.objectContaining({
        actor: me,
        action: 'risk_warning.assign',
        detail: { assignee: '稽查一科 张三' },
      }),
    ]);
  });

  test('confirm: a reason and exactly one penalty or list entry of the warning’s subject; audited; final', async () => {
    t = testGateway(FAST_CRAWL);
    const [store, other] = await brushedStores(SIX.slice(0, 2));
    const id = (await warningOf(store!)).warning_id;
    const me = actorOf(t.regulator.name);
    const penalty = await penaltyOf(store!.subjectId);
    const othersPenalty = await penaltyOf(other!.subjectId);
    const othersEntry = await abnormalEntryOf(other!.subjectId);
    expect((await command(id, 'assign')).status).toBe(200);

    const refusals: [unknown, number, string, string][] = [
      [{ penalty_id: penalty }, 400, 'invalid_body', 'reason'],
      [{ reason: '刷单属实' }, 400, 'invalid_body', 'penalty_id'],
      [
        { reason: '刷单属实', penalty_id: penalty, list_entry_id: othersEntry },
        400,
        'invalid_body',
        'penalty_id',
      ],
      [{ reason: '刷单属实', penalty_id: 'not-an-id' }, 400, 'invalid_body', 'penalty_id'],
      [{ reason: '刷单属实', penalty_id: NO_SUCH_ID }, 404, 'not_found', 'penalty'],
      [{ reason: '刷单属实', list_entry_id: NO_SUCH_ID }, 404, 'not_found', 'entry'],
      [{ reason: '刷单属实', penalty_id: othersPenalty }, 409, 'conflict', 'subject'],
      [{ reason: '刷单属实', list_entry_id: othersEntry }, 409, 'conflict', 'subject'],
    ];
    for (const [body, status, code, word] of refusals) {
      const res = await command(id, 'confirm', body);
      expectProblem(res, status, code);
      expect(res.json.detail, JSON.stringify(body)).toContain(word);
    }
    // None of them changed the warning or wrote to the audit log.
    expect((await asRegulator(`${W}/${id}`)).json).toMatchObject({ status: 'assigned', decision: null });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['risk_warning.assign']);

    const confirmed = await command(id, 'confirm', {
      reason: '  经调查刷单属实，已立案处罚  ',
      penalty_id: penalty,
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json).toMatchObject({
      warning_id: id,
      status: 'confirmed',
      decision: {
        by: me,
        at: expect.any(String),
        reason: '经调查刷单属实，已立案处罚',
        penalty_id: penalty,
        list_entry_id: null,
      },
    });
    expect((await asRegulator(`${W}/${id}`)).json).toEqual(confirmed.json);
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(['risk_warning.assign', 'risk_warning.confirm']);
    expect(entries[1]).toMatchObject({
      actor: me,
      target_type: 'risk_warning',
      reason: '经调查刷单属实，已立案处罚',
      detail: { signal: 'order_brushing', penalty_id: penalty, list_entry_id: null },
    });

    // Decided: no step leads anywhere from here, and the refusals change nothing.
    for (const [verb, body] of [
      ['confirm', { reason: '再次确认', penalty_id: penalty }],
      ['dismiss', { reason: '改为排除' }],
      ['assign', {}],
      ['assign', undefined],
    ] as const) {
      const res = await command(id, verb, body);
      expectProblem(res, 409, 'illegal_transition');
      expect(res.json.detail).toContain('confirmed');
    }
    expect((await asRegulator(`${W}/${id}`)).json).toEqual(confirmed.json);
    expect(await auditOf(id)).toHaveLength(2);
  });

  test('confirm with a list entry of the warning’s subject, straight from open', async () => {
    t = testGateway(FAST_CRAWL);
    const [store] = await brushedStores(SIX.slice(0, 1));
    const id = (await warningOf(store!)).warning_id;
    const entry = await abnormalEntryOf(store!.subjectId);
    const res = await command(id, 'confirm', { reason: '刷单属实，经营异常', list_entry_id: entry });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      status: 'confirmed',
      decision: { reason: '刷单属实，经营异常', penalty_id: null, list_entry_id: entry },
    });
    expect(await auditOf(id)).toEqual([
      expect.objectContaining({
        action: 'risk_warning.confirm',
        reason: '刷单属实，经营异常',
        detail: { signal: 'order_brushing', penalty_id: null, list_entry_id: entry },
      }),
    ]);
  });

  test('dismiss: needs a reason; audited; final; stays dismissed when the signal fires again', async () => {
    t = testGateway(FAST_CRAWL);
    const now = new Date();
    const [store] = await brushedStores(SIX.slice(1, 2), now);
    const before = await warningOf(store!);
    const id = before.warning_id;
    const me = actorOf(t.regulator.name);

    // No body at all is not JSON (415, as everywhere in the API); a body without a reason is refused by name.
    expectProblem(await command(id, 'dismiss'), 415, 'unsupported_media_type');
    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const res = await command(id, 'dismiss', body);
      expectProblem(res, 400, 'invalid_body');
      expect(res.json.detail, JSON.stringify(body)).toContain('reason');
    }
    const dismissed = await command(id, 'dismiss', { reason: '买家为同一企业的采购员，属正常团购' });
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.json).toMatchObject({
      status: 'dismissed',
      assignee: null,
      decision: {
        by: me,
        reason: '买家为同一企业的采购员，属正常团购',
        penalty_id: null,
        list_entry_id: null,
      },
    });
    expect(await auditOf(id)).toEqual([
      expect.objectContaining({
        actor: me,
        action: 'risk_warning.dismiss',
        target_type: 'risk_warning',
        reason: '买家为同一企业的采购员，属正常团购',
        detail: { signal: 'order_brushing' },
      }),
    ]);
    for (const [verb, body] of [
      ['dismiss', { reason: '再次排除' }],
      ['confirm', { reason: '改为确认', penalty_id: NO_SUCH_ID }],
      ['assign', undefined],
    ] as const)
      expectProblem(await command(id, verb, body), 409, 'illegal_transition');

    // The signal fires again, unchanged: the warning stays dismissed, last seen now.
    const later = new Date(now.getTime() + 10 * 60_000);
    const again = runRisk(t.gw, { now: later, signals: ['order_brushing'] });
    expect(again.signals[0]).toMatchObject({ signal: 'order_brushing', new: 0, unchanged: 1 });
    const seenAgain = (await asRegulator(`${W}/${id}`)).json;
    expect(seenAgain).toMatchObject({
      status: 'dismissed',
      decision: dismissed.json.decision,
      first_seen: before.first_seen,
      last_seen: later.toISOString(),
      score: before.score,
    });

    // And with more orders in the hour: updated (score, evidence), still the one warning, still dismissed.
    await fileOrders(store!.key, [
      order(store!.sellerId, {
        placed_at: new Date(brushedHour(now).getTime() + 50 * 60_000).toISOString(),
        buyer_ref: `${store!.sellerId}-buyer-0`,
      }),
    ]);
    const latest = new Date(now.getTime() + 20 * 60_000);
    const third = runRisk(t.gw, { now: latest });
    expect(third.signals.find((s) => s.signal === 'order_brushing')).toMatchObject({ new: 0, updated: 1 });
    const updated = (await warnings(`?subject_id=${store!.subjectId}&signal=order_brushing`))[0];
    expect(await warnings(`?subject_id=${store!.subjectId}&signal=order_brushing`)).toHaveLength(1);
    expect(updated).toMatchObject({
      warning_id: id,
      status: 'dismissed',
      decision: dismissed.json.decision,
      first_seen: before.first_seen,
      last_seen: latest.toISOString(),
    });
    expect(updated.evidence.orders.total).toBe(before.evidence.orders.total + 1);
    expect(updated.score).toBeGreaterThan(before.score);
    // The runs wrote nothing to the audit log: only the regulator's dismissal is there.
    expect(await auditOf(id)).toHaveLength(1);
  });

  test('bad bodies: clear 400 problems, and nothing changed', async () => {
    t = testGateway(FAST_CRAWL);
    const [store] = await brushedStores(SIX.slice(0, 1));
    const id = (await warningOf(store!)).warning_id;
    const penalty = await penaltyOf(store!.subjectId);
    const cases: [
      'assign' | 'confirm' | 'dismiss',
      { raw: string; type?: string },
      number,
      string,
      string?,
    ][] = [
      ['assign', { raw: '{"assignee": ' }, 400, 'malformed_json'],
      ['confirm', { raw: '{"reason": "x", ' }, 400, 'malformed_json'],
      ['dismiss', { raw: '{reason: "x"}' }, 400, 'malformed_json'],
      ['dismiss', { raw: '["reason"]' }, 400, 'invalid_body'],
      ['assign', { raw: '{"who": "张三"}' }, 400, 'invalid_body', 'who'],
      [
        'confirm',
        { raw: JSON.stringify({ reason: 'x', penalty_id: penalty, fine: 1 }) },
        400,
        'invalid_body',
        'fine',
      ],
      ['dismiss', { raw: JSON.stringify({ reason: 'x', status: 'open' }) }, 400, 'invalid_body', 'status'],
      ['dismiss', { raw: JSON.stringify({ reason: '因'.repeat(2001) }) }, 400, 'invalid_body', 'reason'],
      [
        'confirm',
        { raw: JSON.stringify({ reason: 'x'.repeat(2001), penalty_id: penalty }) },
        400,
        'invalid_body',
        'reason',
      ],
      ['assign', { raw: JSON.stringify({ assignee: 'x'.repeat(201) }) }, 400, 'invalid_body', 'assignee'],
      ['dismiss', { raw: JSON.stringify({ reason: 42 }) }, 400, 'invalid_body', 'reason'],
      ['dismiss', { raw: '{"reason":"排除"}', type: 'text/plain' }, 415, 'unsupported_media_type'],
    ];
    for (const [verb, init, status, code, field] of cases) {
      const res = await command(id, verb, undefined, init);
      expectProblem(res, status, code);
      if (field) expect(res.json.detail, res.text).toContain(field);
    }
    // The longest reason allowed is fine: the limit is 2,000 characters.
    const w = (await asRegulator(`${W}/${id}`)).json;
    expect(w).toMatchObject({ status: 'open', assignee: null, decision: null });
    expect(await auditOf(id)).toEqual([]);
    const longest = await command(id, 'dismiss', { reason: '因'.repeat(2000) });
    expect(longest.status, longest.text).toBe(200);
    expect(longest.json.decision.reason).toHaveLength(2000);
  });
});

describe('GET /v1/regulator/risk/signals', () => {
  test('counts by status per signal; precision = confirmed / decided, null before any decision', async () => {
    t = testGateway(FAST_CRAWL);
    const stores = await brushedStores(SIX.slice(0, 5));
    const signals = async () => {
      const res = await asRegulator('/v1/regulator/risk/signals');
      expect(res.status, res.text).toBe(200);
      return res.json.signals as any[];
    };
    const first = await signals();
    expect(first.map((s) => s.signal)).toEqual([
      'order_brushing',
      'shared_contact',
      'relisted_offender',
      'sporadic_threshold',
      'complaint_spike',
      'filing_gap',
      'assistance_overdue',
      'duplicate_trace_code',
    ]);
    for (const s of first) {
      expect(s).toMatchObject({ rule_version: `${s.signal}/1`, decided: 0, precision: null });
      expect(Object.keys(s.counts).sort()).toEqual(['assigned', 'confirmed', 'dismissed', 'open']);
    }
    expect(first[0].counts).toEqual({ open: 5, assigned: 0, confirmed: 0, dismissed: 0 });

    const ids = await Promise.all(stores.map(async (s) => (await warningOf(s)).warning_id));
    expect((await command(ids[0]!, 'assign')).status).toBe(200);
    const penalty = await penaltyOf(stores[1]!.subjectId);
    expect((await command(ids[1]!, 'confirm', { reason: '属实', penalty_id: penalty })).status).toBe(200);
    expect((await command(ids[2]!, 'dismiss', { reason: '正常团购' })).status).toBe(200);
    let brushing = (await signals())[0];
    expect(brushing).toMatchObject({
      counts: { open: 2, assigned: 1, confirmed: 1, dismissed: 1 },
      decided: 2,
      precision: 0.5,
    });
    expect((await command(ids[3]!, 'dismiss', { reason: '员工测试下单' })).status).toBe(200);
    brushing = (await signals())[0];
    expect(brushing).toMatchObject({
      counts: { open: 1, assigned: 1, confirmed: 1, dismissed: 2 },
      decided: 3,
    });
    expect(brushing.precision).toBeCloseTo(1 / 3, 4);
    // Other signals' precision is their own: still nothing decided.
    for (const s of (await signals()).slice(1)) expect(s.precision).toBeNull();
  });
});
