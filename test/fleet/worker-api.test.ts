import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../../src/accounts/service.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

let t: TestGateway;
let worker: string;
const sellers = [enterprise(), enterprise()];
const page = Buffer.from('<html><body>杭州示例商贸有限公司 91330106673959654P</body></html>');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = testGateway();
  worker = addWorker(t.gw.accounts, { name: 'crawler-1' }).token;
  const filed = await t.fileSellers(t.platformA.key, sellers);
  expect(filed.status, filed.text).toBe(201);
});
afterAll(() => t?.close());

/** A crawl the fleet would run: created, its stores pending, never run in-process. */
function fleetCrawl() {
  const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
  return t.gw.verifications.createCrawl(
    { stores: sellers.map((s) => ({ platform_id: platformId, seller_id: s.seller_id })) },
    'test',
  );
}

/** A verification as the crawler makes it, of the store at `url`. */
function verification(url: string, verdict: 'compliant' | 'identity_missing', raw = page) {
  const now = new Date().toISOString();
  return {
    url,
    final_url: url,
    status: 200,
    verdict,
    detail: verdict === 'compliant' ? 'the filed code and name are shown' : 'no identity shown',
    mode: 'static',
    found: {
      names: [],
      usccs: [],
      registration_numbers: [],
      license_links: [],
      license_images: [],
      hidden: { names: [], usccs: [] },
    },
    comparison: {
      name: verdict === 'compliant' ? 'match' : 'absent',
      uscc: verdict === 'compliant' ? 'match' : 'absent',
      filed: { name: 'x', uscc: null },
      shown: { name: null, uscc: null },
    },
    trust_marks: [],
    marks: [],
    marks_violation: false,
    evidence: { raw: { sha256: sha(raw), size: raw.length, media_type: 'text/html' } },
    truncated: false,
    retries: 0,
    visits: [{ kind: 'page', url, attempt: 1, status: 200, started_at: now, timings_ms: { total: 12 } }],
    crawler: { name: 'marketgate-crawler', version: '1', user_agent: 'marketgate-crawler/1' },
    started_at: now,
    finished_at: now,
  };
}

const asWorker = (method: string, url: string, init: { body?: BodyInit; type?: string } = {}) =>
  t.call(method, url, { key: worker, ...init });
const postResult = (body: unknown) =>
  asWorker('POST', '/v1/worker/verifications', { type: 'application/json', body: JSON.stringify(body) });

describe('the crawl workers’ API', () => {
  it('takes evidence by its hash, once, and refuses bytes that are not that hash', async () => {
    const hash = sha(page);
    expect((await asWorker('HEAD', `/v1/worker/evidence/${hash}`)).status).toBe(404);
    const wrong = await asWorker('PUT', `/v1/worker/evidence/${hash}`, {
      type: 'text/html',
      body: `${page}x`,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.detail).toMatch(/not the .* it was sent as/);
    expect(
      (await asWorker('PUT', `/v1/worker/evidence/${hash}`, { type: 'not a media type', body: page })).status,
    ).toBe(415);
    expect((await asWorker('PUT', `/v1/worker/evidence/${hash}`, { body: page })).status).toBe(415);
    expect(
      (await asWorker('PUT', `/v1/worker/evidence/${hash}`, { type: 'text/html', body: page })).status,
    ).toBe(201);
    expect(
      (await asWorker('PUT', `/v1/worker/evidence/${hash}`, { type: 'text/html', body: page })).status,
    ).toBe(200);
    expect((await asWorker('HEAD', `/v1/worker/evidence/${hash}`)).status).toBe(200);
    expect((await asWorker('HEAD', '/v1/worker/evidence/NOTAHASH')).status).toBe(400);
  });

  it('records each store once by its job, with the consequences of a visit, and ends the crawl', async () => {
    const crawl = fleetCrawl();
    const [first, second] = sellers;
    const missingPage = Buffer.from('<html><body>nothing</body></html>');
    // Evidence not sent yet: refused, naming it.
    const early = await postResult({
      job_id: `${crawl.id}:2`,
      verification: verification(second!.store_url, 'identity_missing', missingPage),
    });
    expect(early.status, early.text).toBe(400);
    expect(early.json.missing).toEqual([sha(missingPage)]);
    const sent = await asWorker('PUT', `/v1/worker/evidence/${sha(missingPage)}`, {
      type: 'text/html',
      body: missingPage,
    });
    expect(sent.status).toBe(201);

    const one = await postResult({
      job_id: `${crawl.id}:1`,
      verification: verification(first!.store_url, 'compliant'),
    });
    expect(one.status, one.text).toBe(201);
    expect(one.json.recorded).toBe(true);
    // Sent again (a retry, or a second worker after a lease ran out): the first stands.
    const again = await postResult({
      job_id: `${crawl.id}:1`,
      verification: verification(first!.store_url, 'identity_missing'),
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ verification_id: one.json.verification_id, recorded: false });
    expect(t.gw.verifications.crawl(crawl.id)!.status).not.toBe('done');

    const two = await postResult({
      job_id: `${crawl.id}:2`,
      verification: verification(second!.store_url, 'identity_missing', missingPage),
    });
    expect(two.status, two.text).toBe(201);
    expect(t.gw.verifications.crawl(crawl.id)!.status).toBe('done');
    // As a regulator sees them: one verification per store, with the verdicts the workers found.
    const seen = await t.call(
      'GET',
      `/v1/regulator/stores/${t.platformA.slug}/${second!.seller_id}/verifications`,
      {
        key: t.regulator.token,
      },
    );
    expect(seen.json.verifications.map((v: { verdict: string }) => v.verdict)).toEqual(['identity_missing']);
    const firstSeen = await t.call(
      'GET',
      `/v1/regulator/stores/${t.platformA.slug}/${first!.seller_id}/verifications`,
      {
        key: t.regulator.token,
      },
    );
    expect(firstSeen.json.verifications).toHaveLength(1);
    // The consequence of a store not showing who it is: an episode opened, its platform told.
    const feed = await t.call('GET', '/v1/events?type=verification.violation', { key: t.platformA.key });
    expect(feed.status, feed.text).toBe(200);
    expect(feed.json.events.map((e: { data: { seller_id: string } }) => e.data.seller_id)).toContain(
      second!.seller_id,
    );
  });

  it('refuses results for a cancelled crawl, an unknown job and a malformed verification', async () => {
    const crawl = fleetCrawl();
    t.gw.verifications.cancelCrawl(crawl.id, 'test', new Date());
    const cancelled = await postResult({
      job_id: `${crawl.id}:1`,
      verification: verification(sellers[0]!.store_url, 'compliant'),
    });
    expect(cancelled.status).toBe(409);
    const unknown = await postResult({
      job_id: '01JF3M9Q2W8ZK6Y4T5R7N0B1CD:1',
      verification: verification('https://x.example/', 'compliant'),
    });
    expect(unknown.status).toBe(404);
    const bad = await postResult({
      job_id: `${crawl.id}:2`,
      verification: { ...verification(sellers[1]!.store_url, 'compliant'), verdict: 'excellent' },
    });
    expect(bad.status).toBe(400);
    const noReason = await postResult({
      job_id: `${crawl.id}:2`,
      verification: { ...verification(sellers[1]!.store_url, 'compliant'), verdict: 'inconclusive' },
    });
    expect(noReason.status).toBe(400);
  });

  it('opens only to worker keys', async () => {
    for (const key of [t.platformA.key, t.regulator.token]) {
      const res = await t.call('HEAD', `/v1/worker/evidence/${sha(page)}`, { key });
      expect(res.status).toBe(403);
    }
    expect((await t.call('HEAD', `/v1/worker/evidence/${sha(page)}`)).status).toBe(401);
  });
});
