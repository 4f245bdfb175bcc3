import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import type { StoreTarget } from '../../crawlers/verify/verification.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { CrawlRunner, type RecordVisit } from '../../src/verification/crawl-runner.ts';
import { cancelCrawl, recordVerification } from '../../src/verification/service.ts';
import { enterprise, tempDir, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * Cancelling crawls. Runners of one store at a time, whose first visit waits until the test lets it go:
 * when a crawl is cancelled, one store is in flight and the others are pending, without timing.
 */
let web: FixtureWeb;
let t: TestGateway;
let platformId: number;
const IDS = ['footer-text', 'json-ld', 'split-elements', 'fullwidth-code', 'spaces-in-code', 'gbk-header'];
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  web = await startFixtureWeb();
  t = testGateway();
  const records = IDS.map((id) => {
    const store = web.cases.find((c) => c.id === id)!;
    return enterprise({
      seller_id: id,
      legal_name: store.filed.name,
      uscc: store.filed.uscc,
      store_url: store.url,
    });
  });
  expect((await t.fileSellers(t.platformA.key, records)).status).toBe(201);
  platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
});

const verifiers: StoreVerifier[] = [];
afterAll(async () => {
  await Promise.all(verifiers.map((v) => v.close()));
  await t?.close();
  await web?.close();
});

const record: RecordVisit = (crawlId, store, verification) =>
  recordVerification(t.gw, crawlId, store, verification).verification_id;

/**
 * A runner (one store at a time) whose verifier notes every store it starts to visit; the visit number
 * `holdAt` waits for `release()`, and `held` resolves when it has begun.
 */
function gatedRunner(holdAt = 1) {
  const started: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const held = new Promise<void>((resolve) => (begun = resolve));
  const verifier = () => {
    const real = new StoreVerifier({
      evidence: new DirectoryEvidenceStore(tempDir('mg-cancel-evidence-')),
      browser: null,
      politeness: { perHostSpacingMs: 20, globalConcurrency: 4 },
    });
    verifiers.push(real);
    return {
      async verifyStore(target: StoreTarget) {
        started.push(target.url);
        if (started.length === holdAt) {
          begun();
          await gate;
        }
        return real.verifyStore(target);
      },
    } as unknown as StoreVerifier;
  };
  const runner = new CrawlRunner(t.gw.verifications, verifier, record, logger, 1);
  return { runner, started, release, held };
}

const token = () => t.regulator.token;
const actor = () => `regulator:${t.gw.accounts.regulatorByName(t.regulator.name)!.id}`;
const cancel = (id: string, key = token()) => t.call('POST', `/v1/regulator/crawls/${id}/cancel`, { key });
const get = (path: string) => t.call('GET', path, { key: token() });
const allStores = () => ({ platform_ids: [platformId] });

test('cancelling a running crawl: the store in flight finishes, the pending ones are never visited, and it ends cancelled', async () => {
  const { runner, started, release, held } = gatedRunner();
  const crawl = runner.start(allStores(), actor());
  await held;
  const res = await cancel(crawl.id);
  expect(res.status, res.text).toBe(200);
  expect(res.json).toMatchObject({
    crawl_id: crawl.id,
    status: 'cancelled',
    finished_at: null,
    cancelled_at: expect.stringMatching(/Z$/),
    cancelled_by: { actor: actor(), name: t.regulator.name },
  });
  const startedAtCancel = started.length;
  expect(startedAtCancel).toBe(1);
  release();
  await runner.idle();

  // Nothing was taken after the cancel; the store in flight was recorded.
  expect(started).toHaveLength(startedAtCancel);
  const after = await get(`/v1/regulator/crawls/${crawl.id}`);
  expect(after.json).toMatchObject({ status: 'cancelled', total: IDS.length, done: 1, compliant: 1 });
  expect(after.json.finished_at).toEqual(expect.stringMatching(/Z$/));
  const unvisited = await get(`/v1/regulator/crawls/${crawl.id}/results?verdict=unvisited`);
  expect(unvisited.json.results).toHaveLength(IDS.length - 1);
  expect(unvisited.json.results.every((r: any) => r.verdict === null && r.verification_id === null)).toBe(
    true,
  );
  const visited = (await get(`/v1/regulator/crawls/${crawl.id}/results?verdict=compliant`)).json.results;
  expect(visited.map((r: any) => r.store_url)).toEqual(started);

  // Audited by the verb, once: cancelling again answers the same and writes nothing.
  const entries = () => t.gw.audit.ofTarget('crawl', crawl.id).filter((e) => e.action === 'crawl.cancel');
  expect(entries()).toEqual([
    expect.objectContaining({
      actor: actor(),
      detail: JSON.stringify({ status: 'running', stores: IDS.length, unvisited: IDS.length }),
    }),
  ]);
  const again = await cancel(crawl.id);
  expect(again.status, again.text).toBe(200);
  expect(again.json).toMatchObject({ status: 'cancelled', cancelled_at: res.json.cancelled_at });
  expect(entries()).toHaveLength(1);
}, 60_000);

test('a queued crawl cancelled before it starts ends at once and is never started', async () => {
  const crawl = t.gw.verifications.createCrawl(allStores(), 'test');
  const res = await cancel(crawl.id);
  expect(res.status, res.text).toBe(200);
  expect(res.json).toMatchObject({ status: 'cancelled', started_at: null, done: 0 });
  expect(res.json.finished_at).toBe(res.json.cancelled_at);
  const { runner, started, release } = gatedRunner();
  release();
  runner.schedule(crawl);
  await runner.idle();
  expect(started).toEqual([]);
  expect(t.gw.verifications.crawl(crawl.id)).toMatchObject({ started_at: null });
});

test('a crawl cancelled while its runner was stopped is not resumed after a restart', async () => {
  const first = gatedRunner();
  const crawl = first.runner.start(allStores(), actor());
  await first.held;
  const stopping = first.runner.stop();
  first.release();
  await stopping;
  expect(t.gw.verifications.unfinishedCrawls().map((c) => c.id)).toContain(crawl.id);

  const cancelled = cancelCrawl(t.gw, crawl.id, actor());
  expect(cancelled).toMatchObject({ status: 'running', finished_at: null });
  expect(t.gw.verifications.unfinishedCrawls().map((c) => c.id)).not.toContain(crawl.id);

  const second = gatedRunner();
  second.release();
  second.runner.resume();
  await second.runner.idle();
  expect(second.started).toEqual([]);
  const after = (await get(`/v1/regulator/crawls/${crawl.id}`)).json;
  expect(after).toMatchObject({ status: 'cancelled', done: 1, total: IDS.length });
  expect(after.finished_at).toEqual(expect.stringMatching(/Z$/));
}, 60_000);

test('an urgent crawl cancelled while one of its stores is in flight ends; the crawl it jumped goes on', async () => {
  // The main crawl's first store is in flight when the urgent crawl comes; the urgent crawl's first
  // store, taken next, is held (the second visit) while the urgent crawl is cancelled.
  const { runner, started, release, held } = gatedRunner(2);
  const finished: string[] = [];
  runner.on('finished', (id) => finished.push(id));
  const stores = ['footer-text', 'json-ld'].map((seller_id) => ({ platform_id: platformId, seller_id }));
  const main = runner.start({ stores }, 'test');
  const urgent = runner.start(allStores(), 'list:test', { urgent: true });
  await held;
  const res = await cancel(urgent.id);
  expect(res.status, res.text).toBe(200);
  expect(res.json).toMatchObject({ status: 'cancelled', finished_at: null });
  release();
  await runner.idle();
  expect(started).toHaveLength(3);
  expect(finished).toEqual([urgent.id, main.id]);
  expect(runner.progress(urgent.id)).toMatchObject({ status: 'cancelled', done: 1, total: IDS.length });
  expect(runner.progress(urgent.id)!.finished_at).not.toBeNull();
  expect(runner.progress(main.id)).toMatchObject({ status: 'done', done: 2, total: 2 });
}, 60_000);

test('a crawl that ended cannot be cancelled (409); unknown crawls are 404; platforms may not cancel', async () => {
  const { runner, release } = gatedRunner();
  release();
  const crawl = runner.start({ stores: [{ platform_id: platformId, seller_id: 'footer-text' }] }, 'test');
  await runner.idle();
  const head = t.gw.audit.head();
  const res = await cancel(crawl.id);
  expect(res.status, res.text).toBe(409);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ code: 'conflict', status: 409, crawl_status: 'done' });
  expect(t.gw.verifications.crawl(crawl.id)).toMatchObject({ status: 'done', cancelled_at: null });
  expect((await cancel('01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  expect((await cancel('nope')).status).toBe(400);
  const queued = t.gw.verifications.createCrawl(allStores(), 'test');
  expect((await cancel(queued.id, t.platformA.key)).status).toBe(403);
  expect((await t.call('POST', `/v1/regulator/crawls/${queued.id}/cancel`)).status).toBe(401);
  expect(t.gw.audit.head()).toEqual(head);
  cancelCrawl(t.gw, queued.id, 'test');
});
