import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signFormToken } from '../../src/console/security.ts';
import { attemptLogin, IDLE_MINUTES } from '../../src/console/sessions.ts';
import { consoleStore } from '../../src/console/store.ts';
import { enterprise, naturalPerson, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * The console's and the public pages' rules without a browser: sessions, CSRF, lock-out, the content
 * security policy, hostile form bodies and escaping, languages.
 */
let t: TestGateway;
const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });

async function login(): Promise<{ cookie: string; csrf: string }> {
  const res = await post(
    '/console/login',
    form({
      _form: signFormToken(t.gw.keys, 'login'),
      name: t.regulator.name,
      password: t.regulator.password,
    }),
  );
  expect(res.status, await res.clone().text()).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await t.app.request('/console/crawls', { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}
const store = () => consoleStore(t.gw.db);
const audits = (action: string) =>
  t.gw.audit.recent(Number.MAX_SAFE_INTEGER, 1000).filter((e) => e.action === action);

beforeAll(async () => {
  t = testGateway();
  const filed = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'shop-1' })]);
  expect(filed.status, filed.text).toBe(201);
});
afterAll(() => t.close());

describe('pages keep the content security policy', () => {
  test.each(['/', '/complaints/new', '/complaints/track', '/console/login'])('%s', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style/);
  });
  test('the style sheet is served from the gateway', async () => {
    const html = await (await t.app.request('/')).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    const css = await t.app.request(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('login, sessions and CSRF', () => {
  test('a login needs the form token and a same-origin request', async () => {
    const fields = { name: t.regulator.name, password: t.regulator.password };
    expect((await post('/console/login', form(fields))).status).toBe(403);
    const withToken = form({ ...fields, _form: signFormToken(t.gw.keys, 'login') });
    expect((await post('/console/login', withToken, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/console/login', withToken, { origin: 'https://evil.example' })).status).toBe(403);
  });

  test('the cookie is HttpOnly, SameSite=Strict, Path=/, and only its hash is stored', async () => {
    const res = await post(
      '/console/login',
      form({
        _form: signFormToken(t.gw.keys, 'login'),
        name: t.regulator.name,
        password: t.regulator.password,
      }),
    );
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^mg_console=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const secret = /^mg_console=([^;]+)/.exec(setCookie)![1]!;
    const rows = t.gw.db.prepare('SELECT hex(id_hash) AS h FROM console_sessions').all() as { h: string }[];
    expect(rows.some((r) => r.h.includes(Buffer.from(secret).toString('hex').toUpperCase()))).toBe(false);
    expect(audits('console.login').length).toBeGreaterThan(0);
  });

  test('a forged or unknown session cookie opens nothing', async () => {
    for (const value of ['A'.repeat(43), 'not-a-session', '']) {
      const res = await t.app.request('/console', { headers: { cookie: `mg_console=${value}` } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/console\/login/);
    }
    const refused = await post('/console/crawls', form({ _csrf: 'x' }), {
      cookie: 'mg_console=' + 'B'.repeat(43),
    });
    expect(refused.status).toBe(401);
  });

  test('every POST needs the session’s CSRF token and a same-origin request', async () => {
    const { cookie, csrf } = await login();
    const crawls = () => t.gw.verifications.recentCrawls(100).length;
    const before = crawls();
    expect((await post('/console/crawls', form({}), { cookie })).status).toBe(403);
    expect((await post('/console/crawls', form({ _csrf: 'wrong' }), { cookie })).status).toBe(403);
    expect(
      (await post('/console/crawls', form({ _csrf: csrf }), { cookie, 'sec-fetch-site': 'cross-site' }))
        .status,
    ).toBe(403);
    expect(crawls()).toBe(before);
    const ok = await post('/console/crawls', form({ _csrf: csrf, confirm_all: 'yes' }), {
      cookie,
      'sec-fetch-site': 'same-origin',
    });
    expect(ok.status).toBe(303);
    expect(crawls()).toBe(before + 1);
  });

  test('an idle session ends; logout ends it at once', async () => {
    const { cookie } = await login();
    expect((await t.app.request('/console', { headers: { cookie } })).status).toBe(200);
    const { cookie: other, csrf: otherCsrf } = await login();
    const out = await post('/console/logout', form({ _csrf: otherCsrf }), { cookie: other });
    expect(out.status).toBe(303);
    expect((await t.app.request('/console', { headers: { cookie: other } })).status).toBe(303);
    expect(audits('console.logout').length).toBe(1);
    // Idle: every session was last seen longer ago than the idle timeout.
    t.gw.db
      .prepare('UPDATE console_sessions SET last_seen_at = ?')
      .run(new Date(Date.now() - (IDLE_MINUTES + 1) * 60_000).toISOString());
    expect((await t.app.request('/console', { headers: { cookie } })).status).toBe(303);
  });
});

describe('lock-out', () => {
  test('five failures for an account lock it for 15 minutes, whatever the address, and are audited', () => {
    const gw = Object.assign(Object.create(t.gw), { consoleStore: store() });
    const name = t.regulator.name;
    const now = new Date('2030-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++)
      expect(attemptLogin(gw, { name, password: 'wrong', address: `10.0.0.${i}` }, now)).toEqual({
        ok: false,
        why: 'badLogin',
      });
    const right = { name, password: t.regulator.password, address: '10.0.1.1' };
    expect(attemptLogin(gw, right, new Date(now.getTime() + 60_000))).toEqual({
      ok: false,
      why: 'lockedOut',
    });
    expect(audits('console.lockout').length).toBeGreaterThan(0);
    expect(audits('console.login_failed').length).toBeGreaterThanOrEqual(5);
    expect(attemptLogin(gw, right, new Date(now.getTime() + 16 * 60_000))).toMatchObject({ ok: true });
    // The refusal during the lock-out is written as a summary, at the latest before the next login.
    expect(audits('console.login_refused_summary').length).toBeGreaterThan(0);
  });

  test('five failures from one address lock it, whatever the account', () => {
    const gw = Object.assign(Object.create(t.gw), { consoleStore: store() });
    const now = new Date('2031-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++)
      attemptLogin(gw, { name: `nobody-${i}`, password: 'x', address: '192.0.2.9' }, now);
    const right = { name: t.regulator.name, password: t.regulator.password };
    expect(attemptLogin(gw, { ...right, address: '192.0.2.9' }, now)).toEqual({
      ok: false,
      why: 'lockedOut',
    });
    expect(attemptLogin(gw, { ...right, address: '192.0.2.10' }, now)).toMatchObject({ ok: true });
  });

  test('over HTTP a locked login answers 429', async () => {
    const name = `locked-${Date.now()}`;
    const attempt = () =>
      post('/console/login', form({ _form: signFormToken(t.gw.keys, 'login'), name, password: 'nope' }));
    // app.request has no client address: every attempt counts against "unknown" as well.
    store().clearFailures('address', 'unknown');
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const locked = await attempt();
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('15');
    store().clearFailures('address', 'unknown');
  });
});

describe('hostile form bodies', () => {
  const lodgeToken = () => signFormToken(t.gw.keys, 'lodge');

  test('oversized, malformed and non-form bodies are refused before anything is done', async () => {
    const big = form({ _form: lodgeToken(), description: 'x'.repeat(100 * 1024) });
    expect((await post('/complaints/new', big)).status).toBe(413);
    expect((await post('/complaints/new', new Uint8Array([0x5f, 0x3d, 0xff, 0xfe, 0x80]))).status).toBe(400);
    expect((await post('/complaints/new', '{"a":1}', { 'content-type': 'application/json' })).status).toBe(
      415,
    );
    // The form takes files now: a multipart body it cannot read is a bad form, and nothing is lodged.
    const boundary = await post('/complaints/new', '--x\r\n', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(boundary.status).toBe(400);
    expect(t.gw.complaints.queue('open', 100)).toHaveLength(0);
  });

  test('a lodging without the form token is refused; script in fields comes back escaped', async () => {
    const fields = {
      platform: t.platformA.slug,
      seller_id: 'shop-1',
      category: 'quality',
      description: '<script>alert("x")</script>',
      name: '"><img src=x onerror=alert(1)>',
      phone: 'nope',
    };
    expect((await post('/complaints/new', form(fields))).status).toBe(403);
    const res = await post('/complaints/new', form({ ...fields, _form: lodgeToken() }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/id="e-phone"/);
  });

  test('tracking: a wrong token looks like no complaint; a step needs a form token bound to that code', async () => {
    const lodged = await post(
      '/complaints/new',
      form({
        _form: lodgeToken(),
        platform: t.platformA.slug,
        seller_id: 'shop-1',
        category: 'quality',
        description: '商品与描述不符，要求退货退款。',
        name: '王五',
        phone: '13700001111',
      }),
    );
    expect(lodged.status).toBe(201);
    const html = await lodged.text();
    const code = /data-testid="tracking-code">([^<]+)</.exec(html)![1]!.trim();
    const token = /data-testid="access-token">([^<]+)</.exec(html)![1]!.trim();
    const track = (fields: Record<string, string>) =>
      post('/complaints/track', form({ _form: signFormToken(t.gw.keys, 'track'), ...fields }));
    expect((await track({ code, token: 'wrong' })).status).toBe(404);
    expect((await track({ code: 'C-0000-0000', token })).status).toBe(404);
    expect((await track({ code, token })).status).toBe(200);
    const step = (formToken: string) =>
      post('/complaints/track/step', form({ _form: formToken, code, token, action: 'withdraw' }));
    expect((await step(signFormToken(t.gw.keys, 'step', 'C-AAAA-AAAA'))).status).toBe(403);
    expect((await step(signFormToken(t.gw.keys, 'step', code, -1000))).status).toBe(403);
    expect(t.gw.complaints.byCode(code)!.status).toBe('submitted');
    const done = await step(signFormToken(t.gw.keys, 'step', code));
    expect(done.status).toBe(200);
    expect(t.gw.complaints.byCode(code)!.status).toBe('closed');
  });
});

describe('languages', () => {
  test('Accept-Language picks the language; the cookie overrides it; the switch stays on this site', async () => {
    const en = await (
      await t.app.request('/', { headers: { 'accept-language': 'en-US,en;q=0.8,zh;q=0.5' } })
    ).text();
    expect(en).toContain('<html lang="en">');
    const zh = await (
      await t.app.request('/', { headers: { 'accept-language': 'fr;q=1,zh-TW;q=0.9' } })
    ).text();
    expect(zh).toContain('<html lang="zh-CN">');
    const cookie = await (
      await t.app.request('/', { headers: { 'accept-language': 'en', cookie: 'lang=zh' } })
    ).text();
    expect(cookie).toContain('<html lang="zh-CN">');
    const sw = await t.app.request('/lang?to=en&back=%2F%2Fevil.example%2F');
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/');
    expect(sw.headers.get('set-cookie')).toMatch(/^lang=en/);
  });
});

describe('public credit pages', () => {
  test("a natural person's page shows the name masked and no ID number", async () => {
    const filed = await t.fileSellers(t.platformB.key, [
      naturalPerson({ seller_id: 'np-1', legal_name: '王小明', store_url: 'https://np.example.cn/shop' }),
    ]);
    expect(filed.status, filed.text).toBe(201);
    const platformId = t.gw.accounts.platformBySlug(t.platformB.slug)!.id;
    const subjectId = t.gw.sellers.seller(platformId, 'np-1')!.subject_id;
    const html = await (await t.app.request(`/credit/subjects/${subjectId}`)).text();
    expect(html).toContain('王**');
    expect(html).not.toContain('王小明');
    expect(html).not.toContain('11010519491231002X');
    // Found by its store, never by its name.
    const byName = await (await t.app.request(`/?q=${encodeURIComponent('王小明')}`)).text();
    expect(byName).not.toContain(subjectId);
    const byStore = await (
      await t.app.request(`/?q=${encodeURIComponent('https://np.example.cn/shop')}`)
    ).text();
    expect(byStore).toContain(`/credit/subjects/${subjectId}`);
    expect((await t.app.request('/credit/subjects/NOPE')).status).toBe(404);
    const mark = await t.app.request('/credit/mark?id=01jabcdefghjkmnpqrstvwxyz0');
    expect(mark.status).toBe(303);
    expect(mark.headers.get('location')).toBe('/marks/01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect((await t.app.request('/credit/mark?id=../../v1/x')).status).toBe(404);
  });
});
