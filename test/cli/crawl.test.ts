import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir, testGateway } from '../helpers/gateway.ts';

/**
 * `marketgate verify` and `marketgate crawl` against the fixture web, through the command line's main()
 * in this process (demo.test.ts runs both as a user types them, each in its own process).
 */
let web: FixtureWeb;
const fast = {
  MARKETGATE_CRAWL_SPACING_MS: '20',
  MARKETGATE_CRAWL_TIMEOUT_MS: '2000',
  MARKETGATE_CRAWL_BROWSER_SLOTS: '0',
  MARKETGATE_CRAWL_ALLOW_PRIVATE: 'true',
};
const url = (id: string) => web.cases.find((c) => c.id === id)!.url;
const filed = (id: string) => web.cases.find((c) => c.id === id)!.filed;

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 3_000 });
});
afterAll(async () => {
  await web?.close();
});

describe('marketgate verify', () => {
  test('--json prints one object with the verdict, what was found, the comparison and evidence hashes', async () => {
    const data = tempDir();
    const { name, uscc } = filed('other-company-code');
    const res = await runCli(
      [
        'verify',
        url('other-company-code'),
        '--expect-name',
        name,
        '--expect-uscc',
        uscc!,
        '--json',
        '--data',
        data,
      ],
      fast,
    );
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.verdict).toBe('identity_mismatch');
    expect(out.found.names).toContain(name);
    expect(out.found.usccs.map((c: { code: string }) => c.code)).not.toContain(uscc);
    expect(out.comparison).toMatchObject({ name: 'match', uscc: 'mismatch', filed: { name, uscc } });
    expect(out.evidence.raw.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The evidence is kept under its hash in the data folder, and no database was made.
    expect(
      fs.existsSync(`${data}/evidence/${out.evidence.raw.sha256.slice(0, 2)}/${out.evidence.raw.sha256}`),
    ).toBe(true);
    expect(fs.existsSync(`${data}/marketgate.db`)).toBe(false);
  });

  test('without expectations, a valid code shown is compliant; the text output names the verdict and the comparison', async () => {
    const bare = await runCli(['verify', url('footer-text'), '--json', '--data', tempDir()], fast);
    expect(bare.code, bare.stderr).toBe(0);
    expect(JSON.parse(bare.stdout)).toMatchObject({
      verdict: 'compliant',
      comparison: { shown: { uscc: filed('footer-text').uscc } },
    });
    const text = await runCli(
      ['verify', url('footer-text'), '--expect-uscc', filed('footer-text').uscc!, '--data', tempDir()],
      fast,
    );
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^compliant: /);
    expect(text.stdout).toContain(filed('footer-text').uscc!);
    expect(text.stdout).toMatch(/raw\s+sha256:[0-9a-f]{64}/);
  });

  test('a store that cannot be crawled exits 0 with an inconclusive verdict and its reason', async () => {
    for (const [id, reason] of [
      ['closed-404', 'store_closed'],
      ['robots-disallowed', 'blocked_by_robots'],
      ['js-rendered', 'render_failed'],
    ] as const) {
      const res = await runCli(['verify', url(id), '--json', '--data', tempDir()], fast);
      expect(res.code, `${id}: ${res.stderr}`).toBe(0);
      expect(JSON.parse(res.stdout), id).toMatchObject({ verdict: 'inconclusive', reason });
    }
  });

  test('--json reports the trust marks found, each with its issuer and verdict (issuers added by a file)', async () => {
    const data = tempDir();
    const issuersFile = `${data}/issuers.json`;
    fs.writeFileSync(issuersFile, JSON.stringify(web.markIssuers));
    const env = { ...fast, MARKETGATE_MARK_ISSUERS_FILE: issuersFile };
    for (const [id, verdict] of [
      ['mark-status-genuine', 'genuine'],
      ['mark-signed-bad-signature', 'forged'],
      ['mark-lookalike', 'lookalike_issuer'],
    ] as const) {
      const res = await runCli(['verify', url(id), '--json', '--data', data], env);
      expect(res.code, res.stderr).toBe(0);
      const out = JSON.parse(res.stdout);
      expect(out.marks, id).toEqual([
        expect.objectContaining({
          verdict,
          issuer: web.cases.find((c) => c.id === id)!.expectMarks![0]!.issuer,
        }),
      ]);
      expect(out.marks_violation, id).toBe(verdict !== 'genuine');
    }
    const broken = await runCli(['verify', url('footer-text'), '--json', '--data', data], {
      ...fast,
      MARKETGATE_MARK_ISSUERS_FILE: `${data}/none.json`,
    });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('none.json');
  });

  test('bad arguments exit 2 with a message; nothing is fetched', async () => {
    const before = web.requests.length;
    for (const args of [
      ['verify', 'not a url'],
      ['verify', 'ftp://127.0.0.1/x'],
      ['verify', url('footer-text'), '--expect-uscc', '91110108MA01XXXXXX'],
      ['verify'],
    ]) {
      const res = await runCli([...args, '--data', tempDir()], fast);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
    expect(web.requests.length).toBe(before);
  });
});

describe('marketgate crawl', () => {
  test('crawls the filed stores of a platform and prints a summary by verdict and host', async () => {
    const t = testGateway();
    const ids = ['footer-text', 'identity-missing', 'closed-410'];
    const filing = await t.fileSellers(
      t.platformA.key,
      ids.map((id) => ({
        seller_id: id,
        subject_type: 'enterprise',
        legal_name: filed(id).name,
        uscc: filed(id).uscc,
        store_name: id,
        store_url: url(id),
      })),
    );
    expect(filing.status, filing.text).toBe(201);
    await t.gw.close();
    const data = t.dataDir;
    const slug = t.platformA.slug;

    const res = await runCli(['crawl', '--platform', slug, '--data', data], fast);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/crawl [0-9A-Z]{26}: 3 stores/);
    expect(res.stdout).toMatch(/compliant\W+1/);
    expect(res.stdout).toMatch(/identity_missing\W+1/);
    expect(res.stdout).toContain('store_closed');
    expect(res.stdout).toContain(new URL(url('footer-text')).host);

    const again = await runCli(
      ['crawl', '--platform', slug, '--stale-days', '1', '--json', '--data', data],
      fast,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'done', total: 0 });

    const unknown = await runCli(['crawl', '--platform', 'nope', '--data', data], fast);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope');
    const badDays = await runCli(['crawl', '--stale-days', 'x', '--data', data], fast);
    expect(badDays.code).toBe(2);
  }, 60_000);

  test('a crawl names what it covers: no scope is a usage error, --all crawls every store; list and cancel', async () => {
    const t = testGateway();
    const ids = ['footer-text', 'identity-missing'];
    const filing = await t.fileSellers(
      t.platformA.key,
      ids.map((id) => ({
        seller_id: id,
        subject_type: 'enterprise',
        legal_name: filed(id).name,
        uscc: filed(id).uscc,
        store_name: id,
        store_url: url(id),
      })),
    );
    expect(filing.status, filing.text).toBe(201);
    // A crawl queued by the server, not yet started: `crawl cancel` ends it from another process.
    const queued = t.gw.verifications.createCrawl(
      { platform_ids: [t.gw.accounts.platformBySlug(t.platformA.slug)!.id] },
      'schedule',
    );
    await t.gw.close();
    const data = t.dataDir;
    const before = web.requests.length;

    for (const args of [[], ['--all', '--platform', t.platformA.slug], ['--all', '--stale-days', '1']]) {
      const res = await runCli(['crawl', ...args, '--data', data], fast);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toContain('--all');
    }
    expect(web.requests.length).toBe(before);

    const all = await runCli(['crawl', '--all', '--json', '--data', data], fast);
    expect(all.code, all.stderr).toBe(0);
    const crawled = JSON.parse(all.stdout);
    expect(crawled).toMatchObject({ status: 'done', total: 2, done: 2 });

    const cancelled = await runCli(['crawl', 'cancel', queued.id, '--json', '--data', data], fast);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({
      crawl_id: queued.id,
      status: 'cancelled',
      cancelled_by: { actor: 'cli', name: null },
    });
    const finished = await runCli(['crawl', 'cancel', crawled.crawl_id, '--data', data], fast);
    expect(finished.code).toBe(1);
    expect(finished.stderr).toContain('nothing left to cancel');
    expect((await runCli(['crawl', 'cancel', '01ARZ3NDEKTSV4RRFFQ69G5FAV', '--data', data], fast)).code).toBe(
      1,
    );
    expect((await runCli(['crawl', 'cancel', 'nope', '--data', data], fast)).code).toBe(2);

    const list = await runCli(['crawl', 'list', '--json', '--data', data], fast);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { crawl_id: crawled.crawl_id, scope: { all: true }, started_by: { actor: 'cli' }, status: 'done' },
      { crawl_id: queued.id, status: 'cancelled', started_by: { actor: 'schedule' } },
    ]);
    const table = await runCli(['crawl', 'list', '--limit', '1', '--data', data], fast);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(crawled.crawl_id);
    expect(table.stdout).not.toContain(queued.id);
  }, 60_000);
});
