import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { defaultIssuers, mergeIssuers } from '../../crawlers/marks/registry.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { CRAWLER_USER_AGENT } from '../../crawlers/version.ts';
import { type FixtureCase, type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { isRunning, processTree } from '../helpers/processes.ts';

/**
 * The whole crawler against the fixture web on 127.0.0.1, real Chromium included: every case's
 * verdict, politeness as the hosts saw it, retries, evidence. Timeouts are short so that the slow
 * cases are quick to judge.
 */
const SPACING_MS = 100;
let web: FixtureWeb;
let verifier: StoreVerifier;
let evidence: DirectoryEvidenceStore;
let browser: BrowserPool;
const results = new Map<string, Verification>();
let pids: number[] = [];

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 2_500 });
  evidence = new DirectoryEvidenceStore(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-crawl-evidence-')));
  browser = new BrowserPool({
    executablePath: findChromium(),
    userAgent: CRAWLER_USER_AGENT,
    slots: 2,
    navigationTimeoutMs: 10_000,
  });
  verifier = new StoreVerifier({
    evidence,
    browser,
    timeoutMs: 1_000,
    issuers: mergeIssuers(defaultIssuers(), web.markIssuers),
    retry: { tries: 3, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
    politeness: {
      perHostSpacingMs: SPACING_MS,
      perHostConcurrency: 1,
      globalConcurrency: 16,
      expirationMs: 30_000,
    },
  });
  const verifications = await Promise.all(
    web.cases.map(
      async (store) =>
        [store.id, await verifier.verifyStore({ url: store.url, filed: store.filed })] as const,
    ),
  );
  for (const [id, verification] of verifications) results.set(id, verification);
  pids = processTree(browser.livePids());
}, 120_000);

afterAll(async () => {
  await verifier?.close();
  await web?.close();
});

const byId = (id: string): [FixtureCase, Verification] => [
  web.cases.find((c) => c.id === id)!,
  results.get(id)!,
];

test('every case of the fixture web gets the verdict (and reason) it expects', () => {
  expect(web.cases.length).toBeGreaterThanOrEqual(50);
  const wrong = web.cases
    .map((store) => ({ store, got: results.get(store.id)! }))
    .filter(({ store, got }) => got.verdict !== store.expect.verdict || got.reason !== store.expect.reason)
    .map(
      ({ store, got }) =>
        `${store.id}: expected ${store.expect.verdict}/${store.expect.reason ?? '-'}, got ${got.verdict}/${got.reason ?? '-'} (${got.detail})`,
    );
  expect(wrong).toEqual([]);
});

test('every trust mark on the fixture stores gets the verdict its case expects, from the right issuer', () => {
  const withMarks = web.cases.filter((c) => c.expectMarks);
  expect(withMarks.length).toBeGreaterThanOrEqual(13);
  const wrong = withMarks
    .map((store) => ({
      store,
      got: results.get(store.id)!.marks.map((m) => ({ verdict: m.verdict, issuer: m.issuer })),
    }))
    .filter(({ store, got }) => JSON.stringify(got) !== JSON.stringify(store.expectMarks))
    .map(
      ({ store, got }) =>
        `${store.id}: expected ${JSON.stringify(store.expectMarks)}, got ${JSON.stringify(got)} ${JSON.stringify(results.get(store.id)!.marks.map((m) => m.reason))}`,
    );
  expect(wrong).toEqual([]);
  // A store with a mark that is not genuine has a violation in its verification, whatever its identity.
  expect(results.get('mark-status-copied')!).toMatchObject({ verdict: 'compliant', marks_violation: true });
  expect(results.get('mark-status-genuine')!.marks_violation).toBe(false);
  expect(results.get('mark-real-knet')!.marks_violation).toBe(false);
  // What the issuer answered is kept as evidence.
  expect(results.get('mark-status-revoked')!.marks[0]!.evidence).toMatchObject({ status: 'revoked' });
});

test('a failure to crawl is never a violation: every unreachable, slow or odd store is inconclusive', () => {
  const failing = [
    'dead-host',
    'connection-reset',
    'truncated-body',
    'slow-timeout',
    'slow-body',
    'always-500',
    'redirect-loop',
    'robots-5xx',
    'captcha',
    'not-html-pdf',
  ];
  for (const id of failing) expect(results.get(id)?.verdict, id).toBe('inconclusive');
});

test('violations come with a field-by-field comparison to the filing', () => {
  const [otherCode, got] = byId('other-company-code');
  expect(got.comparison.uscc).toBe('mismatch');
  expect(got.comparison.name).toBe('match');
  expect(got.comparison.filed).toEqual(otherCode.filed);
  expect(got.comparison.shown.uscc).not.toBe(otherCode.filed.uscc);
  expect(byId('wrong-check-character')[1].comparison.uscc).toBe('invalid_check_character');
  expect(byId('name-mismatch')[1].comparison).toMatchObject({ uscc: 'match', name: 'mismatch' });
  const [footer, compliant] = byId('footer-text');
  expect(compliant.comparison).toMatchObject({
    uscc: 'match',
    name: 'match',
    shown: { uscc: footer.filed.uscc },
  });
});

test('script-built stores are rendered in Chromium, with the rendered page and a screenshot kept', async () => {
  for (const store of web.cases.filter((c) => c.browser)) {
    const got = results.get(store.id)!;
    expect(got.mode, store.id).toBe('browser');
    expect(got.browser?.version, store.id).toMatch(/Chrom/);
    const shot = await evidence.get(got.evidence.screenshot!.sha256);
    expect(shot!.subarray(1, 4).toString(), store.id).toBe('PNG');
    const rendered = (await evidence.get(got.evidence.rendered!.sha256))!.toString();
    if (store.expect.verdict === 'compliant')
      expect(rendered, store.id).toContain(store.filed.name.replace(/\s/g, '').slice(0, 2));
  }
  // Static pages stay static.
  expect(results.get('footer-text')!.mode).toBe('static');
});

test('every visit keeps the raw response under its hash, with status, headers, timings and versions', async () => {
  const got = results.get('gbk-header')!;
  expect(got.status).toBe(200);
  expect(got.final_url).toBe(web.cases.find((c) => c.id === 'gbk-header')!.url);
  const raw = await evidence.get(got.evidence.raw!.sha256);
  expect(raw!.length).toBe(got.evidence.raw!.size);
  expect(got.evidence.raw!.media_type.toLowerCase()).toContain('gbk');
  const page = got.visits.find((v) => v.kind === 'page')!;
  expect(page.headers!['content-type']).toBeDefined();
  expect(page.timings_ms.total).toBeGreaterThanOrEqual(0);
  expect(got.crawler).toMatchObject({ name: 'marketgate-verifier', user_agent: CRAWLER_USER_AGENT });
  expect(Date.parse(got.started_at)).toBeLessThanOrEqual(Date.parse(got.finished_at));
  expect(got.finished_at.endsWith('Z')).toBe(true);
});

test('a huge page is read up to the limit only', () => {
  expect(results.get('huge-identity-top')!.truncated).toBe(true);
  expect(results.get('huge-identity-top')!.evidence.raw!.size).toBe(5 * 1024 * 1024);
});

describe('politeness and retries, as the hosts saw them', () => {
  test('every request carries the honest User-Agent', () => {
    const ours = web.requests.filter((r) => r.userAgent.includes('marketgate-verifier'));
    expect(ours.length).toBeGreaterThan(50);
    // The static crawler sends nothing else; Chromium sends our User-Agent too.
    expect(
      web.requests.filter((r) => !r.userAgent.includes('marketgate-verifier') && r.host !== 'license'),
    ).toEqual([]);
  });

  test('requests for pages to one host start at least the spacing apart, Crawl-delay raises it', () => {
    const spacingOf = (host: string) => (host === new URL(web.origins.delay!).host ? 1_000 : SPACING_MS);
    // As the crawler sent them: when each answered request left (after the limiter), to the millisecond.
    // The limiter spaces the moments it lets requests go; the time stamp is taken a few event-loop turns
    // later, so on a loaded machine two stamps can come a few milliseconds closer than the spacing.
    const sent = new Map<string, number[]>();
    for (const verification of results.values()) {
      for (const visit of verification.visits) {
        if (visit.kind !== 'page' || visit.status === null) continue;
        const host = new URL(visit.url).host;
        if (!sent.has(host)) sent.set(host, []);
        sent.get(host)!.push(Date.parse(visit.started_at));
      }
    }
    expect(sent.size).toBeGreaterThan(5);
    for (const [host, times] of sent) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!, `${host} request ${i}`).toBeGreaterThanOrEqual(
          spacingOf(host) - 15,
        );
      }
    }
    // As the hosts saw them: arrival times carry the delays of new connections and of this busy process
    // (the fixture web runs in it), so only the whole span is checked, with one spacing of slack; without
    // the limiter the requests of a host would all arrive within a few milliseconds.
    const arrived = new Map<string, number[]>();
    for (const request of web.requests) {
      // Chromium fetches a page's scripts and pictures itself; issuers' status endpoints are other hosts.
      if (/\.(js|png|ico)$|\/api\//.test(request.path)) continue;
      const host = new URL(web.origins[request.host] ?? 'http://unknown').host;
      if (!arrived.has(host)) arrived.set(host, []);
      arrived.get(host)!.push(request.at);
    }
    for (const [host, times] of arrived) {
      const spacing = spacingOf(host);
      expect(times.at(-1)! - times[0]!, host).toBeGreaterThanOrEqual((times.length - 2) * spacing);
    }
  });

  test('robots.txt is asked once per host, failures included', () => {
    const robots = web.requests.filter((r) => r.path === '/robots.txt');
    const hosts = robots.map((r) => r.host);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts).toContain('robots-down');
    // The disallowed store itself was never requested.
    expect(web.requests.filter((r) => r.host === 'private' && r.path !== '/robots.txt')).toEqual([]);
  });

  test('5xx and 429 are retried (429 after its Retry-After), and retries are counted', () => {
    const flaky = results.get('flaky-recovers')!;
    expect(flaky.retries).toBe(2);
    expect(flaky.visits.filter((v) => v.kind === 'page').map((v) => v.status)).toEqual([503, 503, 200]);
    const busy = results.get('rate-limited')!;
    const attempts = busy.visits.filter((v) => v.kind === 'page');
    expect(attempts.map((v) => v.status)).toEqual([429, 200]);
    expect(Date.parse(attempts[1]!.started_at) - Date.parse(attempts[0]!.started_at)).toBeGreaterThanOrEqual(
      990,
    );
    expect(results.get('always-500')!.retries).toBe(2);
    expect(results.get('closed-404')!.retries).toBe(0);
  });

  test('statistics per host and overall count visits by verdict and reason, statuses and retries', () => {
    const stats = verifier.stats.toJSON();
    expect(stats.overall.visits).toBe(web.cases.length);
    const compliant = web.cases.filter((c) => c.expect.verdict === 'compliant').length;
    expect(stats.overall.verdicts.compliant).toBe(compliant);
    expect(stats.overall.reasons.store_closed).toBe(2);
    expect(stats.overall.statuses['503']).toBeGreaterThanOrEqual(2);
    expect(stats.overall.retries).toBeGreaterThanOrEqual(5);
    const flakyHost = new URL(web.origins.flaky!).host;
    expect(stats.hosts[flakyHost]!.visits).toBe(
      web.cases.filter((c) => c.url.startsWith(web.origins.flaky!)).length,
    );
  });
});

test('closing the verifier leaves no Chromium running', async () => {
  await verifier.close();
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) expect(isRunning(pid), `chromium process ${pid}`).toBe(false);
});
