import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { recordVerification } from '../../src/verification/service.ts';
import type { VerifiedStore } from '../../src/verification/store.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * Credit records do not depend on how often we crawl (issue 14, docs/decisions/0014): a violation is an
 * episode that one verification opens (one credit event), later ones extend and a compliant one closes;
 * each non-genuine mark is an episode of its own. Recording a verification is one transaction with its
 * events, mark changes and audit entry. Crawled for real, against the fixture web and a shop of our own
 * on 127.0.0.1 whose page the test changes.
 */
let web: FixtureWeb;
let t: TestGateway;
const fixture = (id: string) => web.cases.find((c) => c.id === id)!;

let codes = 0;
const newUscc = () => {
  const first17 = `91330106${String(++codes + 500).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

/** A shop whose page the test sets: the filed identity, another code, or closed (404: inconclusive). */
const FILED = { name: '杭州片段科技有限公司', uscc: newUscc() };
const OTHER_CODE = newUscc();
let page: 'compliant' | 'other_code' | 'closed' = 'other_code';
let shop: http.Server;
let shopUrl: string;

const platformId = () => t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
const sellerRow = (sellerId: string) =>
  t.gw.db
    .prepare<[number, string], VerifiedStore>(
      `SELECT platform_id, seller_id, subject_id, version AS seller_version, store_url FROM sellers
       WHERE platform_id = ? AND seller_id = ?`,
    )
    .get(platformId(), sellerId)!;
const eventsOf = (sellerId: string) =>
  t.gw.credit.eventsOf(sellerRow(sellerId).subject_id).filter((e) => e.seller_id === sellerId);
const episodesOf = (sellerId: string) => t.gw.credit.episodesOfStore(platformId(), sellerId, 100).reverse();
const count = (table: string) =>
  (t.gw.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function crawl(sellerId: string): Promise<void> {
  t.gw.crawls.start({ stores: [{ platform_id: platformId(), seller_id: sellerId }] }, 'test');
  await t.gw.crawls.idle();
}
const latest = (sellerId: string) => {
  const [row] = t.gw.verifications.verificationsOf(platformId(), sellerId, '9999', 1);
  return JSON.parse(row!.record) as Verification;
};

beforeAll(async () => {
  web = await startFixtureWeb();
  shop = http.createServer((req, res) => {
    if (req.url === '/robots.txt' || page === 'closed') {
      res.writeHead(404).end();
      return;
    }
    const code = page === 'compliant' ? FILED.uscc : OTHER_CODE;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>片段旗舰店</h1>
      <footer>营业执照：${FILED.name} 统一社会信用代码：${code}</footer></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const filed = (sellerId: string, id: string) =>
    enterprise({
      seller_id: sellerId,
      legal_name: fixture(id).filed.name,
      uscc: fixture(id).filed.uscc,
      store_url: fixture(id).url,
    });
  const res = await t.fileSellers(t.platformA.key, [
    filed('other-code', 'other-company-code'),
    filed('lookalike', 'mark-lookalike'),
    filed('honest', 'footer-text'),
    enterprise({ seller_id: 'shop', legal_name: FILED.name, uscc: FILED.uscc, store_url: shopUrl }),
  ]);
  expect(res.status, res.text).toBe(201);
}, 30_000);

afterAll(async () => {
  await t?.gw.crawls.idle();
  await t?.close();
  await web?.close();
  shop?.closeAllConnections();
  shop?.close();
});

describe('crawling an unchanged store again', () => {
  test("a store showing another company's code, crawled four times: one credit event, one episode with four verifications", async () => {
    for (let i = 0; i < 4; i++) await crawl('other-code');
    expect(eventsOf('other-code').map((e) => [e.kind, e.severity])).toEqual([
      ['verification_identity_mismatch', 'serious'],
    ]);
    const [episode] = episodesOf('other-code');
    expect(episodesOf('other-code')).toHaveLength(1);
    expect(episode).toMatchObject({
      about: 'identity',
      violation: `identity_mismatch/uscc/${latest('other-code').comparison.shown.uscc}`,
      seen: 4,
      events: 1,
      closed_at: null,
    });
    // The evidence is kept: every verification that found it, the first with the event.
    const evidence = t.gw.credit.evidenceOf(episode!.id);
    expect(evidence).toHaveLength(4);
    expect(evidence.map((e) => e.credit_event_id)).toEqual([eventsOf('other-code')[0]!.id, null, null, null]);
    // Regulators read it with its verifications.
    const path = `/v1/regulator/stores/${t.platformA.slug}/other-code/episodes`;
    const listed = await t.call('GET', path, { key: t.regulator.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.episodes).toEqual([
      expect.objectContaining({ id: episode!.id, about: 'identity', mark: null, seen: 4, closed_at: null }),
    ]);
    expect(listed.json.episodes[0].verifications).toHaveLength(4);
    expect((await t.call('GET', path, { key: t.platformA.key })).status).toBe(403);
    expect(
      (
        await t.call('GET', `/v1/regulator/stores/${t.platformA.slug}/nobody/episodes`, {
          key: t.regulator.token,
        })
      ).status,
    ).toBe(404);
    // One serious violation, not four: tier B, not D.
    const page = await t.call('GET', `/public/credit/subjects/${sellerRow('other-code').subject_id}`);
    expect(page.json.credit).toMatchObject({ score: 85, tier: 'B' });
  }, 60_000);

  test('a lookalike trust mark crawled three times: one event for the mark', async () => {
    for (let i = 0; i < 3; i++) await crawl('lookalike');
    expect(latest('lookalike')).toMatchObject({ verdict: 'compliant', marks_violation: true });
    expect(eventsOf('lookalike').map((e) => [e.kind, e.severity, e.source])).toEqual([
      ['mark_not_genuine', 'serious', 'trust_mark'],
    ]);
    expect(episodesOf('lookalike')).toEqual([
      expect.objectContaining({
        about: 'mark',
        mark_key: expect.stringMatching(/\|url:https:\/\/kxwz\.knet\.cn\.verify-seal\.com\//),
        violation: 'lookalike_issuer',
        seen: 3,
        events: 1,
      }),
    ]);
  }, 60_000);

  test('compliant closes the episode; an inconclusive visit neither extends nor closes it; found again, a new episode and a second event', async () => {
    page = 'other_code';
    await crawl('shop');
    await crawl('shop');
    page = 'closed';
    await crawl('shop');
    expect(latest('shop')).toMatchObject({ verdict: 'inconclusive', reason: 'store_closed' });
    expect(episodesOf('shop')).toEqual([expect.objectContaining({ seen: 2, closed_at: null })]);
    page = 'other_code';
    await crawl('shop');
    expect(eventsOf('shop')).toHaveLength(1);
    page = 'compliant';
    await crawl('shop');
    await crawl('shop');
    const [first] = episodesOf('shop');
    expect(first).toMatchObject({ seen: 3, events: 1, close_reason: 'resolved' });
    expect(eventsOf('shop')).toHaveLength(1);
    page = 'other_code';
    await crawl('shop');
    await crawl('shop');
    expect(eventsOf('shop').map((e) => e.kind)).toEqual([
      'verification_identity_mismatch',
      'verification_identity_mismatch',
    ]);
    expect(episodesOf('shop').map((e) => [e.seen, e.events, e.closed_at === null])).toEqual([
      [3, 1, false],
      [2, 1, true],
    ]);
    // The audit log has what the visits changed: two openings and a closing, not every visit.
    const entries = t.gw.audit
      .recent(Number.MAX_SAFE_INTEGER, 1000)
      .filter((e) => e.action === 'verification.record' && JSON.parse(e.detail).seller_id === 'shop');
    expect(entries).toHaveLength(3);
  }, 60_000);
});

describe('a violation that lasts', () => {
  test('one further event for every 90 days an episode stays open and is confirmed, whatever the number of crawls', () => {
    const store = sellerRow('other-code');
    const seen = latest('other-code');
    const opened = Date.parse(eventsOf('other-code')[0]!.occurred_at);
    const at = (days: number) => new Date(opened + days * 86_400_000).toISOString();
    const visit = (days: number) =>
      recordVerification(t.gw, null, store, { ...seen, finished_at: at(days) }, new Date(at(days)));
    for (const day of [10, 30, 60, 89]) expect(visit(day).episodes.events).toEqual([]);
    expect(visit(91).episodes.events).toEqual([
      expect.objectContaining({ kind: 'verification_identity_mismatch', severity: 'serious' }),
    ]);
    for (const day of [100, 150, 180]) expect(visit(day).episodes.events).toEqual([]);
    expect(visit(182).episodes.events).toHaveLength(1);
    const [episode] = episodesOf('other-code');
    expect(episode).toMatchObject({ events: 3, last_event_at: at(182) });
    expect(eventsOf('other-code').map((e) => e.source_id)).toEqual([
      episode!.id,
      `${episode!.id}/2`,
      `${episode!.id}/3`,
    ]);
  });
});

describe('recording a verification is all or nothing', () => {
  test('a failure in the middle leaves neither the verification nor its events, episodes, mark changes or audit entry', async () => {
    // A compliant store with a mark of ours; then a visit finds another company's code.
    page = 'compliant';
    await crawl('shop');
    const issued = await t.call('POST', '/v1/regulator/marks', {
      key: t.regulator.token,
      type: 'application/json',
      body: JSON.stringify({ platform: t.platformA.slug, seller_id: 'shop' }),
    });
    expect(issued.status, issued.text).toBe(201);
    page = 'other_code';
    // What the crawler recorded of the shop showing another code, visited again now.
    const earlier = t.gw.verifications
      .verificationsOf(platformId(), 'shop', '9999', 100)
      .find((v) => v.verdict === 'identity_mismatch')!;
    const violating = {
      ...(JSON.parse(earlier.record) as Verification),
      finished_at: new Date().toISOString(),
    };
    const before = {
      verifications: count('verifications'),
      events: count('credit_events'),
      episodes: count('violation_episodes'),
      evidence: count('violation_episode_verifications'),
      audit: t.gw.audit.head(),
      score: t.gw.creditRecords.scoresOf(sellerRow('shop').subject_id),
    };
    t.gw.db.exec(`CREATE TEMP TRIGGER fail_credit BEFORE INSERT ON credit_events
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    try {
      expect(() => recordVerification(t.gw, null, sellerRow('shop'), violating)).toThrow(/injected failure/);
      // Through the crawler: the visit is not recorded, the crawl says so, and the store stays unvisited.
      const crawlRow = t.gw.crawls.start(
        { stores: [{ platform_id: platformId(), seller_id: 'shop' }] },
        'test',
      );
      await t.gw.crawls.idle();
      expect(t.gw.crawls.progress(crawlRow.id)).toMatchObject({
        status: 'failed',
        done: 0,
        error: expect.stringMatching(/1 store could not be verified or recorded.*injected failure/),
      });
    } finally {
      t.gw.db.exec('DROP TRIGGER temp.fail_credit');
    }
    expect({
      verifications: count('verifications'),
      events: count('credit_events'),
      episodes: count('violation_episodes'),
      evidence: count('violation_episode_verifications'),
      audit: t.gw.audit.head(),
      score: t.gw.creditRecords.scoresOf(sellerRow('shop').subject_id),
    }).toEqual(before);
    expect(t.gw.marks.byId(issued.json.mark_id)).toMatchObject({ revoked_at: null });

    // Without the failure: all of it, in one go.
    const recorded = recordVerification(t.gw, null, sellerRow('shop'), violating);
    expect(recorded.revoked_marks).toEqual([issued.json.mark_id]);
    expect(recorded.episodes.events).toHaveLength(1);
    expect(t.gw.verifications.verification(recorded.verification_id)).toBeDefined();
    expect(t.gw.audit.ofTarget('verification', recorded.verification_id)).toEqual([
      expect.objectContaining({ action: 'verification.record', actor: 'system' }),
    ]);
    // Extended, not opened again: the mark is not revoked twice, no new event, no audit entry.
    const again = recordVerification(t.gw, null, sellerRow('shop'), {
      ...violating,
      finished_at: new Date().toISOString(),
    });
    expect(again).toMatchObject({ revoked_marks: [], episodes: { events: [], opened: [] } });
    expect(t.gw.audit.ofTarget('verification', again.verification_id)).toEqual([]);
  }, 60_000);
});
