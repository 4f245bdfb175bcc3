import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { demoWebCommands, seedDemo, shellLine } from '../../src/cli/demo.ts';
import { DEMO_OUTLET_PLATFORM, RISK_PLANTS, seedDemoRisk } from '../../src/cli/demo-risk.ts';
import { DEMO_WEB_PLATFORM, demoWebSellers } from '../../src/cli/demo-web.ts';
import { DEMO_TRACE_CODES, TRACE_PLANTS } from '../../src/cli/demo-trace.ts';
import { publishDemoOpenData } from '../../src/cli/demo-opendata.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { verifyDay } from '../../src/opendata/verify.ts';
import { loadConfig } from '../../src/config.ts';
import { startGateway } from '../../src/http/server.ts';
import { SIGNALS } from '../../src/risk/rules.ts';
import { REPO, runCli, runPrintedLine } from '../helpers/cli.ts';
import { type TestGateway, tempDir, testGateway } from '../helpers/gateway.ts';

/**
 * What the demo prints for its stores works as printed (issue 14): each line runs through the shell in
 * a new process, which has none of the demo's settings, against the fixture web on 127.0.0.1.
 */
let web: FixtureWeb;
let t: TestGateway;
let issuersFile: string;
// Fast politeness and no browser; the crawler's refusal of private addresses stays as configured by
// default (off), whatever the environment running the tests says.
const env = {
  MARKETGATE_CRAWL_SPACING_MS: '20',
  MARKETGATE_CRAWL_TIMEOUT_MS: '2000',
  MARKETGATE_CRAWL_BROWSER_SLOTS: '0',
  MARKETGATE_CRAWL_ALLOW_PRIVATE: 'false',
  MARKETGATE_MARK_ISSUERS_FILE: '',
};
const fixture = (id: string) => web.cases.find((c) => c.id === id)!;
/** The lines as seedDemo prints them. */
const printed = () => {
  const commands = demoWebCommands({
    storeUrl: fixture('footer-text').url,
    dataDir: t.dataDir,
    issuersFile,
    cwd: REPO,
  });
  return {
    verify: `npx --no-install marketgate ${shellLine(commands.verify)}`,
    crawl: `npx --no-install marketgate ${shellLine(commands.crawl)}`,
  };
};

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 3_000 });
  t = testGateway();
  // As `marketgate demo` does (src/cli/serve.ts): the fixture web's issuers, in a file in the data folder.
  issuersFile = path.join(t.dataDir, 'demo-mark-issuers.json');
  fs.writeFileSync(issuersFile, JSON.stringify(web.markIssuers));
});
afterAll(async () => {
  await web?.close();
  await t?.close();
});

describe('the commands the demo prints', () => {
  test('verify: a verdict on the demo store, not inconclusive for its address', async () => {
    const { verify } = printed();
    expect(verify).toContain('--allow-private');
    const res = await runPrintedLine(verify, env);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out, res.stdout).toMatchObject({
      verdict: 'compliant',
      comparison: { shown: { uscc: fixture('footer-text').filed.uscc } },
    });
    expect(out.reason).toBeUndefined();

    // The default stays safe: the same command without the flag does not visit the store.
    const before = web.requests.length;
    const refused = await runCli(['verify', fixture('footer-text').url, '--json'], env);
    expect(refused.code, refused.stderr).toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'address_not_public',
    });
    expect(web.requests.length).toBe(before);
  }, 60_000);

  test("crawl: the demo platform's stores get their verdicts, and the fixture's marks their issuers", async () => {
    const platform = addPlatform(t.gw.accounts, DEMO_WEB_PLATFORM);
    const ids = ['footer-text', 'identity-missing', 'mark-status-genuine'];
    const filing = await t.fileSellers(platform.key, demoWebSellers(ids.map(fixture)));
    expect(filing.status, filing.text).toBe(201);

    const res = await runPrintedLine(printed().crawl, env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/crawl [0-9A-Z]{26}: 3 stores/);
    expect(res.stdout).not.toContain('address_not_public');
    const latest = async (id: string) => {
      const res = await t.call(
        'GET',
        `/v1/regulator/stores/${DEMO_WEB_PLATFORM.slug}/W-${id}/verifications`,
        {
          key: t.regulator.token,
        },
      );
      expect(res.status, res.text).toBe(200);
      return res.json.verifications[0];
    };
    expect(await latest('footer-text')).toMatchObject({ verdict: 'compliant' });
    expect(await latest('identity-missing')).toMatchObject({ verdict: 'identity_missing' });
    const marked = await latest('mark-status-genuine');
    expect(marked.marks, JSON.stringify(marked)).toEqual([
      expect.objectContaining({
        verdict: 'genuine',
        issuer: fixture('mark-status-genuine').expectMarks![0]!.issuer,
      }),
    ]);
  }, 60_000);
});

describe('demoWebCommands and shellLine', () => {
  test('paths in the working folder are shown relative to it, others whole; odd characters quoted', () => {
    const inside = demoWebCommands({
      storeUrl: 'http://127.0.0.1:4000/store/footer-text',
      dataDir: '/srv/mg/data',
      issuersFile: '/srv/mg/data/demo-mark-issuers.json',
      cwd: '/srv/mg',
    });
    expect(inside.crawl).toEqual([
      'crawl',
      '--platform',
      'demo-web',
      '--allow-private',
      '--mark-issuers',
      'data/demo-mark-issuers.json',
      '--data',
      'data',
    ]);
    const outside = demoWebCommands({
      storeUrl: 'http://127.0.0.1:4000/',
      dataDir: "/tmp/it's here",
      issuersFile: undefined,
      cwd: '/srv/mg',
    });
    expect(outside.verify).toEqual(['verify', 'http://127.0.0.1:4000/', '--allow-private', '--json']);
    expect(shellLine(outside.crawl)).toBe(
      `crawl --platform demo-web --allow-private --data '/tmp/it'\\''s here'`,
    );
  });
});

describe('the demo shows every capability, risk warnings included', () => {
  test('after the demo, every signal has a warning, on what the demo planted for it, and none on its look-alikes', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ dataDir, port: 0, logLevel: 'silent' });
    // The demo crawls every store of the fixture web, the slow ones included: each of its two crawls
    // waits out their timeouts (three tries each, one host), so a short timeout, still well under the
    // fixture's slowMs, keeps them timeouts and the crawls short (as in verify-fixture-web.test.ts).
    Object.assign(config.crawl, {
      allowPrivateAddresses: true,
      browserSlots: 0,
      spacingMs: 20,
      timeoutMs: 1000,
    });
    // As the demo command sets it: the metrics for this machine.
    config.metrics.addresses = ['127.0.0.1', '::1'];
    const running = await startGateway(config);
    try {
      const printed = await seedDemo(running, web);
      expect(printed).toMatch(/risk warnings: +\d+ open \(order_brushing [1-9]/);
      expect(printed).toContain(
        `monitoring:      ${running.url}/healthz, ${running.url}/readyz, ${running.url}/metrics`,
      );
      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      expect(metrics).toMatch(/marketgate_filings_total\{kind="transactions",outcome="applied"\} [1-9]/);
      // Issue 18: a consumer's complaint that opens on the tracking page, with what the demo printed.
      const consumer = new RegExp(
        `consumer: +track a complaint at ${running.url}/complaints/track +tracking code: (C-[0-9A-Z]{4}-[0-9A-Z]{4}) +access token: (\\S+)`,
      ).exec(printed);
      expect(consumer, printed).not.toBeNull();
      const [, trackingCode, accessToken] = consumer!;
      const track = async (token: string) => {
        const form = await (await fetch(`${running.url}/complaints/track`)).text();
        const formToken = /name="_form" value="([^"]+)"/.exec(form)?.[1];
        expect(formToken, form).toBeDefined();
        return fetch(`${running.url}/complaints/track`, {
          method: 'POST',
          body: new URLSearchParams({ _form: formToken!, code: trackingCode!, token }),
        });
      };
      const page = await track(accessToken!);
      const pageText = await page.text();
      expect(page.status, pageText).toBe(200);
      expect(pageText).toContain(trackingCode);
      expect(pageText).toContain('保温杯内胆有裂纹');
      expect((await track(`${accessToken}x`)).status).toBe(404);
      const api = await fetch(`${running.url}/public/complaints/${trackingCode}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(api.status).toBe(200);
      const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-credentials.json'), 'utf8'));
      // Events: the demo's list entries and penalties were announced; its department reads them all.
      expect(printed).toMatch(/events: +[1-9]\d* so far/);
      const feed = await fetch(`${running.url}/v1/events?type=list.entered`, {
        headers: { authorization: `Bearer ${credentials.department.key}` },
      });
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { events: unknown[] }).events.length).toBeGreaterThan(0);
      const get = async (query: string) => {
        const res = await fetch(`${running.url}/v1/regulator/risk/warnings?limit=500&${query}`, {
          headers: { authorization: `Bearer ${credentials.regulator.token}` },
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { warnings: Record<string, any>[] }).warnings;
      };
      const gw = running.gateway;
      const platform = (slug: string) => gw.accounts.platformBySlug(slug)!.id;
      const subjectOf = (slug: string, sellerId: string) =>
        gw.sellers.seller(platform(slug), sellerId)!.subject_id;

      const bySignal = Object.fromEntries(
        await Promise.all(SIGNALS.map(async (signal) => [signal, await get(`signal=${signal}`)] as const)),
      );
      for (const signal of SIGNALS)
        expect(bySignal[signal]!.length, `${signal} has no warning after the demo`).toBeGreaterThan(0);

      const stores = (signal: string) => bySignal[signal]!.map((w) => `${w.platform}/${w.seller_id}`);
      const subjects = (signal: string) => bySignal[signal]!.map((w) => w.subject_id);
      expect(stores('order_brushing')).toEqual([`demo-mall/${RISK_PLANTS.brushing}`]);
      expect(bySignal.order_brushing![0]!.explanation.found.rules_fired).toContain('few_buyers');
      expect(stores('complaint_spike')).toEqual([`demo-mall/${RISK_PLANTS.complaints}`]);
      expect(subjects('relisted_offender')).toEqual([subjectOf('demo-market', RISK_PLANTS.newVest)]);
      expect(bySignal.relisted_offender![0]!.explanation.found.matched).toBe(
        'phone, legal_representative, name',
      );
      expect(subjects('sporadic_threshold')).toContain(subjectOf('demo-mall', RISK_PLANTS.sporadic));
      expect(subjectOf('demo-mall', RISK_PLANTS.sporadic)).toBe(
        subjectOf('demo-market', RISK_PLANTS.sporadic),
      );
      expect(subjects('shared_contact').sort()).toEqual(
        [
          subjectOf('demo-mall', RISK_PLANTS.agents[0]),
          subjectOf('demo-mall', RISK_PLANTS.agents[1]),
          subjectOf('demo-market', RISK_PLANTS.agents[2]),
          subjectOf('demo-market', RISK_PLANTS.agents[3]),
        ].sort(),
      );
      expect(stores('filing_gap')).toContain(`${DEMO_WEB_PLATFORM.slug}/${RISK_PLANTS.stopped}`);
      // The platform rule is due once the half-year's filing month (January, July) is over.
      const month = new Date(Date.now() + 8 * 3_600_000).getUTCMonth();
      if (month !== 0 && month !== 6)
        expect(bySignal.filing_gap!.map((w) => w.platform)).toContain(DEMO_OUTLET_PLATFORM.slug);
      expect(bySignal.assistance_overdue!.map((w) => w.platform)).toEqual([DEMO_WEB_PLATFORM.slug]);
      // Issue 23: the pharmacy that sold boxes demo-mall had sold; the box returned and resold is not warned on.
      expect(stores('duplicate_trace_code')).toEqual([`demo-market/${TRACE_PLANTS.market}`]);
      expect(bySignal.duplicate_trace_code![0]!.explanation.found.codes).toBe(2);
      const check = async (code: string) =>
        (await (await fetch(`${running.url}/public/trace/drug/${code}`)).json()) as Record<string, any>;
      expect((await check(DEMO_TRACE_CODES.soldOnce)).result).toBe('sold_once');
      expect(await check(DEMO_TRACE_CODES.returnedAndResold)).toMatchObject({
        result: 'sold_once',
        returned_and_resold: 1,
      });
      expect((await check(DEMO_TRACE_CODES.soldTwice)).result).toBe('sold_more_than_once');
      expect((await check(DEMO_TRACE_CODES.recalled)).recall).not.toBeNull();
      expect((await check(DEMO_TRACE_CODES.never)).result).toBe('not_found');
      expect(printed).toContain(`${running.url}/trace?scheme=drug&code=${DEMO_TRACE_CODES.soldTwice}`);
      const recalls = await fetch(`${running.url}/v1/events?type=product.recalled`, {
        headers: { authorization: `Bearer ${credentials.department.key}` },
      });
      const recallEvents = ((await recalls.json()) as { events: { data: { orders_total: number } }[] })
        .events;
      expect(recallEvents.length).toBe(2); // demo-mall and demo-market sold boxes of the batch

      // Issue 16: the department's decisions (published, late, a warning kept back, withdrawn, a
      // licence), leads and assistance requests are there, each in the exchange or queue they belong to.
      const exchange = await fetch(`${running.url}/v1/exchange/decisions`, {
        headers: { authorization: `Bearer ${credentials.department.key}` },
      });
      const decisions = ((await exchange.json()) as { decisions: Record<string, any>[] }).decisions;
      expect(decisions.map((d) => `${d.kind}/${d.status}`).sort()).toEqual([
        'license/in_force',
        'penalty/in_force',
        'penalty/in_force',
        'penalty/in_force',
        'penalty/withdrawn',
      ]);
      expect(decisions.filter((d) => d.published_late).length).toBeGreaterThanOrEqual(1);
      const published = decisions
        .filter((d) => d.penalty_id)
        .map((d) => gw.creditRecords.penalty(d.penalty_id)!);
      expect(published.map((p) => (p.withdrawn_at ? 'withdrawn' : 'public')).sort()).toEqual([
        'public',
        'public',
        'withdrawn',
      ]);
      expect(printed).toMatch(/decisions: +5 double-publicity decisions/);
      const leads = await fetch(`${running.url}/v1/regulator/leads?status=all`, {
        headers: { authorization: `Bearer ${credentials.regulator.token}` },
      });
      expect(((await leads.json()) as { leads: unknown[] }).leads.length).toBe(3);
      const requests = await fetch(`${running.url}/v1/regulator/assistance-requests?status=all`, {
        headers: { authorization: `Bearer ${credentials.regulator.token}` },
      });
      expect(((await requests.json()) as { requests: unknown[] }).requests.length).toBe(2);

      // Open data: once the crawl is done, yesterday and (early, for the demo) today are published, and
      // today's files hold the demo's records.
      expect(printed).toContain(`open data:       ${running.url}/open-data`);
      const openData = await publishDemoOpenData(running);
      expect(openData).toContain(`${chinaToday()} published early for the demo`);
      const dayDir = path.join(dataDir, 'open-data', chinaToday());
      expect(await verifyDay(dayDir)).toEqual([]);
      const manifest = JSON.parse(fs.readFileSync(path.join(dayDir, 'manifest.json'), 'utf8'));
      const fullRows = Object.fromEntries(
        manifest.files
          .filter((f: any) => f.kind === 'full' && f.format === 'parquet')
          .map((f: any) => [f.dataset, f.rows]),
      );
      for (const dataset of [
        'penalties',
        'list_entries',
        'store_verifications',
        'verification_statistics',
        'complaint_statistics',
        'complaint_narratives',
        'platform_filing_statistics',
      ])
        expect(fullRows[dataset], `${dataset} is empty in the demo's open data`).toBeGreaterThan(0);
      expect(await publishDemoOpenData(running)).toBeNull();

      // A second start plants nothing more.
      const keys = Object.fromEntries(credentials.platforms.map((p: any) => [p.slug, p.key]));
      expect(await seedDemoRisk(running, keys, credentials.regulator.name)).toBeNull();
      const again = await seedDemo(running, web);
      expect(again).not.toMatch(/decisions: +5 double-publicity/);
      expect(again).toContain(`tracking code: ${trackingCode}  access token: ${accessToken}`);
      const after = await fetch(`${running.url}/v1/exchange/decisions`, {
        headers: { authorization: `Bearer ${credentials.department.key}` },
      });
      expect(((await after.json()) as { decisions: unknown[] }).decisions).toHaveLength(5);
    } finally {
      await running.gateway.crawls.stop();
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
