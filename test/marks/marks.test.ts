import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { verifyMark } from '../../src/marks/mark.ts';
import { revokeForSubject } from '../../src/marks/service.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/** marketgate as an issuer of trust marks: issue, embed, verify, revoke (by hand and after a crawl). */
let web: FixtureWeb;
let t: TestGateway;
const store = (id: string) => web.cases.find((c) => c.id === id)!;

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const records = ['footer-text', 'json-ld', 'identity-missing'].map((id) =>
    enterprise({
      seller_id: id,
      legal_name: store(id).filed.name,
      uscc: store(id).filed.uscc,
      store_url: store(id).url,
    }),
  );
  expect((await t.fileSellers(t.platformA.key, records)).status).toBe(201);
  t.gw.crawls.start({ platform_ids: [t.gw.accounts.platformBySlug(t.platformA.slug)!.id] }, 'test');
  await t.gw.crawls.idle();
  // Filed after the crawl: never verified.
  expect((await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'never-crawled' })])).status).toBe(
    201,
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
  await web?.close();
});

const issue = (body: unknown, key = t.regulator.token) =>
  t.call('POST', '/v1/regulator/marks', { key, type: 'application/json', body: JSON.stringify(body) });

describe('issuing', () => {
  let mark: any;
  beforeAll(async () => {
    const res = await issue({ platform: t.platformA.slug, seller_id: 'footer-text', days: 30 });
    expect(res.status, res.text).toBe(201);
    mark = res.json;
  });

  test('a compliant store gets a signed mark for its origin that verifies offline with the published key', async () => {
    expect(mark).toMatchObject({
      status: 'active',
      origin: new URL(store('footer-text').url).origin,
      subject: { name: store('footer-text').filed.name, uscc: store('footer-text').filed.uscc },
      store: { platform: t.platformA.slug, seller_id: 'footer-text' },
    });
    expect(Date.parse(mark.expires_at) - Date.parse(mark.issued_at)).toBe(30 * 86_400_000);
    const key = (await t.call('GET', '/v1/receipt-key')).json.public_key_pem;
    expect(verifyMark(mark.payload, mark.signature, key)).toBe(true);
    // Any change to what was signed breaks it.
    expect(verifyMark({ ...mark.payload, origin: 'http://evil.test' }, mark.signature, key)).toBe(false);
    expect(verifyMark({ ...mark.payload, expires_at: '2099-01-01T00:00:00.000Z' }, mark.signature, key)).toBe(
      false,
    );
  });

  test('one active mark per store; stores not verified compliant, not filed or not active are refused', async () => {
    const again = await issue({ platform: t.platformA.slug, seller_id: 'footer-text' });
    expect(again.status).toBe(409);
    expect(again.json.mark_id).toBe(mark.mark_id);
    const missing = await issue({ platform: t.platformA.slug, seller_id: 'identity-missing' });
    expect(missing.status).toBe(409);
    expect(missing.json).toMatchObject({
      code: 'store_not_eligible',
      detail: expect.stringContaining('identity_missing'),
    });
    expect((await issue({ platform: t.platformA.slug, seller_id: 'never-crawled' })).json.detail).toContain(
      'not been verified',
    );
    expect((await issue({ platform: t.platformA.slug, seller_id: 'nobody' })).status).toBe(404);
    expect((await issue({ platform: 'nope', seller_id: 'footer-text' })).status).toBe(404);
    for (const body of [
      {},
      { platform: t.platformA.slug, seller_id: 'json-ld', days: 0 },
      { platform: t.platformA.slug, seller_id: 'json-ld', days: 5000 },
      { platform: t.platformA.slug, seller_id: 'json-ld', extra: 1 },
    ]) {
      expect((await issue(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await issue({ platform: t.platformA.slug, seller_id: 'json-ld' }, t.platformA.key)).status).toBe(
      403,
    );
    expect(
      (await t.call('POST', '/v1/regulator/marks', { type: 'application/json', body: '{}' })).status,
    ).toBe(401);
  });

  test('the snippet is a script-free link to the verification page around the badge', async () => {
    const res = await t.call('GET', `/v1/marks/${mark.mark_id}/snippet`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(
      new RegExp(
        `^<a href="http://localhost/marks/${mark.mark_id}"[^>]*><img src="http://localhost/marks/${mark.mark_id}/badge.svg"[^>]*></a>$`,
      ),
    );
    expect(res.text).not.toMatch(/<script/i);
    const badge = await t.call('GET', `/marks/${mark.mark_id}/badge.svg`);
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(badge.text).toContain('有效');
    // Other sites embed it.
    expect(badge.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  test('the verification page says valid, to whom and for which site, and warns when opened from another site', async () => {
    const own = await t.call('GET', `/marks/${mark.mark_id}`, {
      headers: { referer: `${mark.origin}/store/footer-text` },
    });
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/data-testid="mark-status">有效</);
    expect(own.text).toContain(mark.subject.name);
    expect(own.text).toContain(mark.origin);
    expect(own.text).not.toContain('data-testid="elsewhere"');
    const elsewhere = await t.call('GET', `/marks/${mark.mark_id}`, {
      headers: { referer: 'http://copycat.test/shop' },
    });
    expect(elsewhere.text).toContain('data-testid="elsewhere"');
    expect(elsewhere.text).toContain('http://copycat.test');
    const json = await t.call('GET', `/marks/${mark.mark_id}`, {
      headers: { accept: 'application/json', referer: 'http://copycat.test/' },
    });
    expect(json.json).toMatchObject({
      status: 'active',
      opened_from_other_site: true,
      mark_id: mark.mark_id,
    });
    expect((await t.call('GET', '/marks/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await t.call('GET', '/marks/<script>')).status).toBe(404);
  });
});

describe('revoking', () => {
  test('a regulator revokes with a reason; the page, the badge and the public list say so', async () => {
    const issued = (await issue({ platform: t.platformA.slug, seller_id: 'json-ld' })).json;
    const revoke = (body: unknown, key = t.regulator.token) =>
      t.call('POST', `/v1/regulator/marks/${issued.mark_id}/revoke`, {
        key,
        type: 'application/json',
        body: JSON.stringify(body),
      });
    expect((await revoke({})).status).toBe(400);
    expect((await revoke({ reason: 'forged license' }, t.platformA.key)).status).toBe(403);
    const res = await revoke({ reason: 'the store sold counterfeits' });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ status: 'revoked', revoke_reason: 'the store sold counterfeits' });
    expect((await revoke({ reason: 'again' })).status).toBe(409);
    // Issued and revoked by the verbs, each with its audit entry (the refused second revocation has none).
    expect(
      t.gw.audit
        .ofTarget('mark', issued.mark_id)
        .map((e) => [e.action, e.reason])
        .reverse(),
    ).toEqual([
      ['mark.issue', null],
      ['mark.revoke', 'the store sold counterfeits'],
    ]);
    const page = (await t.call('GET', `/marks/${issued.mark_id}`)).text;
    expect(page).toMatch(/data-testid="mark-status">已撤销</);
    expect(page).toContain('the store sold counterfeits');
    expect((await t.call('GET', `/marks/${issued.mark_id}/badge.svg`)).text).toContain('已撤销');
    const list = await t.call('GET', '/v1/marks/revoked');
    expect(list.json.revoked).toContainEqual({
      mark_id: issued.mark_id,
      origin: issued.origin,
      revoked_at: res.json.revoked_at,
      reason: 'the store sold counterfeits',
    });
    // The store may be given a new mark once the old one is revoked.
    expect((await issue({ platform: t.platformA.slug, seller_id: 'json-ld' })).status).toBe(201);
  });

  test('a verification that finds the identity missing revokes the store’s mark at once', async () => {
    const target = store('footer-text');
    const active = (
      await t.call('GET', `/v1/regulator/stores/${t.platformA.slug}/footer-text/verifications`, {
        key: t.regulator.token,
      })
    ).json;
    expect(active.verifications[0].verdict).toBe('compliant');
    const mark = (await issue({ platform: t.platformA.slug, seller_id: 'footer-text' })).json;
    // The store moves to a page that shows no identity; the platform files the new address.
    await t.fileSellers(t.platformA.key, [
      enterprise({
        seller_id: 'footer-text',
        legal_name: target.filed.name,
        uscc: target.filed.uscc,
        store_url: store('identity-missing').url,
      }),
    ]);
    t.gw.crawls.start(
      {
        stores: [
          { platform_id: t.gw.accounts.platformBySlug(t.platformA.slug)!.id, seller_id: 'footer-text' },
        ],
      },
      'test',
    );
    await t.gw.crawls.idle();
    const after = (await t.call('GET', `/v1/marks/${mark.mark_id}`)).json;
    expect(after).toMatchObject({ status: 'revoked', revoke_reason: 'verification_identity_missing' });
  });
});

describe('policy and subjects', () => {
  test('with auto-issue on, a store a crawl finds compliant gets a mark from the policy', async () => {
    const target = store('split-elements');
    await t.fileSellers(t.platformA.key, [
      enterprise({
        seller_id: 'auto',
        legal_name: target.filed.name,
        uscc: target.filed.uscc,
        store_url: target.url,
      }),
    ]);
    const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
    t.gw.config.marks.autoIssue = true;
    try {
      t.gw.crawls.start({ stores: [{ platform_id: platformId, seller_id: 'auto' }] }, 'test');
      await t.gw.crawls.idle();
    } finally {
      t.gw.config.marks.autoIssue = false;
    }
    const mark = t.gw.marks.activeOfStore(platformId, 'auto', new Date().toISOString());
    expect(mark).toMatchObject({ issued_by: 'policy', subject_name: target.filed.name });
  });

  test('revoking for a subject revokes its marks on every store, and only its own', async () => {
    const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
    const auto = t.gw.marks.activeOfStore(platformId, 'auto', new Date().toISOString())!;
    const other = t.gw.marks.activeOfStore(platformId, 'json-ld', new Date().toISOString())!;
    expect(revokeForSubject(t.gw, auto.subject_id, 'list:test', 'listed: abnormal operations')).toEqual([
      auto.id,
    ]);
    expect(t.gw.marks.byId(auto.id)).toMatchObject({
      revoke_reason: 'listed: abnormal operations',
      revoked_by: 'list:test',
    });
    expect(t.gw.marks.byId(other.id)!.revoked_at).toBeNull();
    expect(revokeForSubject(t.gw, auto.subject_id, 'list:test', 'again')).toEqual([]);
  });
});
