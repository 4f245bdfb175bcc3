import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { CrawlRunner, interleaveByHost, type RecordVisit } from '../../src/verification/crawl-runner.ts';
import { recordVerification } from '../../src/verification/service.ts';
import { enterprise, tempDir, testGateway, type TestGateway } from '../helpers/gateway.ts';

let web: FixtureWeb;
let t: TestGateway;
const IDS = ['footer-text', 'json-ld', 'split-elements', 'fullwidth-code', 'spaces-in-code', 'gbk-header'];

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
});

afterAll(async () => {
  await Promise.all(made.map((v) => v.close()));
  await t?.close();
  await web?.close();
});

/** Visits are recorded as the gateway records them: by the verb, with their consequences. */
const record: RecordVisit = (crawlId, store, verification) =>
  recordVerification(t.gw, crawlId, store, verification).verification_id;
const made: StoreVerifier[] = [];
const verifier = () => {
  const v = new StoreVerifier({
    evidence: new DirectoryEvidenceStore(tempDir('mg-runner-evidence-')),
    browser: null,
    politeness: { perHostSpacingMs: 150, globalConcurrency: 4 },
  });
  made.push(v);
  return v;
};

test('a crawl interrupted by a stop goes on after a restart with the stores it had not visited, each visited once', async () => {
  const logger = pino({ level: 'silent' });
  const first = new CrawlRunner(t.gw.verifications, verifier, record, logger, 1);
  const crawl = first.start({ platform_ids: [t.gw.accounts.platformBySlug(t.platformA.slug)!.id] }, 'test');
  expect(crawl.total).toBe(IDS.length);
  await new Promise<void>((resolve) => first.once('verified', () => resolve()));
  await first.stop();
  const partial = first.progress(crawl.id)!;
  expect(partial.status).toBe('running');
  expect(partial.done).toBeGreaterThanOrEqual(1);
  expect(partial.done).toBeLessThan(IDS.length);

  const second = new CrawlRunner(t.gw.verifications, verifier, record, logger);
  second.resume();
  await second.idle();
  const done = second.progress(crawl.id)!;
  expect(done).toMatchObject({ status: 'done', total: IDS.length, done: IDS.length, compliant: IDS.length });
  const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
  const visited = IDS.map(
    (id) =>
      t.gw.verifications.verificationsOf(platformId, id, '9999', 10).filter((v) => v.crawl_id === crawl.id)
        .length,
  );
  expect(visited).toEqual(IDS.map(() => 1));
  // Each recorded visit counted once, by verdict and the store's host (GET /metrics).
  const host = new URL(web.cases.find((c) => c.id === IDS[0])!.url).hostname;
  expect(await t.gw.metrics.text()).toContain(
    `marketgate_crawl_pages_total{verdict="compliant",host="${host}"} ${IDS.length}\n`,
  );
}, 60_000);

test('stores are interleaved by host so that no host holds every slot', () => {
  const stores = ['a', 'a', 'a', 'b', 'b', 'c'].map((host, i) => ({
    store_url: `http://${host}.test/${i}`,
    i,
  }));
  expect(interleaveByHost(stores).map((s) => s.i)).toEqual([0, 3, 5, 1, 4, 2]);
  expect(interleaveByHost([{ store_url: 'not a url' }])).toHaveLength(1);
});

test('an urgent crawl (a listed subject) jumps the queue: a running crawl visits its stores next, and it finishes on its own', async () => {
  const logger = pino({ level: 'silent' });
  const runner = new CrawlRunner(t.gw.verifications, verifier, record, logger, 1);
  const platformId = t.gw.accounts.platformBySlug(t.platformA.slug)!.id;
  const order: [string, string][] = [];
  const finished: string[] = [];
  let urgentId = '';
  runner.on('verified', (crawlId, store) => {
    order.push([crawlId, store.seller_id]);
    if (order.length === 1) {
      urgentId = runner.start(
        { stores: [{ platform_id: platformId, seller_id: 'gbk-header' }] },
        'list:test',
        {
          urgent: true,
        },
      ).id;
    }
  });
  runner.on('finished', (crawlId) => finished.push(crawlId));
  const main = runner.start({ platform_ids: [platformId] }, 'test');
  // A third, ordinary crawl waits for the running one.
  const later = runner.start({ stores: [{ platform_id: platformId, seller_id: 'json-ld' }] }, 'test');
  await runner.idle();
  expect(order[1]).toEqual([urgentId, 'gbk-header']);
  expect(order.filter(([id]) => id === main.id)).toHaveLength(IDS.length);
  expect(order.at(-1)).toEqual([later.id, 'json-ld']);
  expect(finished).toEqual([urgentId, main.id, later.id]);
  expect(runner.progress(urgentId)).toMatchObject({ status: 'done', total: 1, done: 1 });
}, 60_000);
