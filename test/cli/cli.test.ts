import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { runCli, runCliProcess, startServeProcess } from '../helpers/cli.ts';
import { signAnswerReceipt } from '../../src/assistance/receipt.ts';
import { license } from '../helpers/decisions.ts';
import { tempDir, testGateway } from '../helpers/gateway.ts';

/**
 * The marketgate command as a user runs it. Each kind of command runs once in its own process (the
 * launcher, and a command that must finish and exit by itself: `platform add`, `serve`, `file sellers`);
 * the other cases run through the command line's main() in this process, against the same gateway.
 */
const dataDir = tempDir('mg-cli-');
const workDir = tempDir('mg-cli-files-');
let server: { url: string; stop: () => Promise<void> };
let key: string;

beforeAll(async () => {
  const added = await runCliProcess([
    'platform',
    'add',
    'cli-shop',
    '--name',
    'CLI Shop',
    '--uscc',
    '91330106673959654P',
    '--json',
    '--data',
    dataDir,
  ]);
  expect(added.code, added.stderr).toBe(0);
  const parsed = JSON.parse(added.stdout);
  expect(Object.keys(parsed).sort()).toEqual(['key', 'slug']);
  key = parsed.key;
  server = await startServeProcess(dataDir);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('marketgate file decisions', () => {
  test("files a department's decisions from CSV with its key, not a platform's; the receipt verifies", async () => {
    const dept = await runCli([
      'department',
      'add',
      'cli-tax',
      '--name',
      '税务局',
      '--json',
      '--data',
      dataDir,
    ]);
    expect(dept.code, dept.stderr).toBe(0);
    const deptKey = JSON.parse(dept.stdout).key as string;
    const record = license();
    const columns = Object.keys(record);
    const file = write(
      'decisions.csv',
      [columns.join(','), columns.map((c) => String(record[c])).join(',')].join('\n') + '\n',
    );
    const refused = await runCli(['file', 'decisions', file, '--url', server.url, '--key', key]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('department');
    const res = await runCli(['file', 'decisions', file, '--url', server.url, '--key', deptKey]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('created 1');
    const ok = await runCli(['receipt', 'verify', `${file}.receipt.json`, '--url', server.url]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^valid: filing \w+ by cli-tax/);
  }, 60_000);

  test('receipt verify names what an assistance answer receipt acknowledges', async () => {
    const t = testGateway();
    try {
      const receipt = signAnswerReceipt(t.gw.keys, {
        request_id: 'R1',
        answer_id: 'A1',
        platform: 'cli-shop',
        seller_id: 'S-1',
        case_number: 'CASE-1',
        part: 1,
        media_type: 'application/x-ndjson',
        sha256: 'ab'.repeat(32),
        bytes: 10,
        received_at: new Date().toISOString(),
        due_date: '2026-12-31',
        late: false,
        completes_request: true,
      });
      const receiptFile = write('answer.receipt.json', JSON.stringify(receipt));
      const keyFile = write('answer-key.pem', t.gw.keys.publicKeyPem);
      const ok = await runCli(['receipt', 'verify', receiptFile, '--public-key', keyFile]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(`answer A1 to assistance request R1 (file sha256 ${'ab'.repeat(32)})`);
    } finally {
      await t.close();
    }
  });
});

describe('marketgate file sellers', () => {
  test('files a clean file, saves a receipt that verifies offline, exits 0', async () => {
    const records = [...generateSellers({ count: 40, seed: 5, idPrefix: 'C' })].map((f) => f.record);
    const file = write('clean.ndjson', formatSellers(records, 'ndjson'));
    const res = await runCliProcess(['file', 'sellers', file, '--url', server.url, '--key', key]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('created 40');
    const receiptFile = `${file}.receipt.json`;
    const receipt = JSON.parse(fs.readFileSync(receiptFile, 'utf8'));
    expect(receipt.counts.created).toBe(40);

    const keyFile = write('receipt-key.json', await (await fetch(`${server.url}/v1/receipt-key`)).text());
    const ok = await runCli(['receipt', 'verify', receiptFile, '--public-key', keyFile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^valid/);
    const online = await runCli(['receipt', 'verify', receiptFile, '--url', server.url]);
    expect(online.code, online.stderr).toBe(0);

    const tampered = write(
      'tampered.json',
      JSON.stringify({ ...receipt, counts: { ...receipt.counts, rejected: 0, created: 41 } }),
    );
    const bad = await runCli(['receipt', 'verify', tampered, '--public-key', keyFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INVALID');

    const again = await runCli(['file', 'sellers', file, '--url', server.url, '--key', key]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already filed');
  }, 60_000);

  test('exits 3 and prints the first errors when records were rejected (CSV)', async () => {
    const fixtures = [...generateSellers({ count: 30, seed: 9, idPrefix: 'B', badShare: 0.4 })].filter(
      (f) => f.expectedError !== 'unknown_field',
    );
    const bad = fixtures.filter((f) => f.expectedError).length;
    expect(bad).toBeGreaterThan(0);
    const file = write(
      'mixed.csv',
      formatSellers(
        fixtures.map((f) => f.record),
        'csv',
      ),
    );
    const res = await runCli(['file', 'sellers', file, '--url', server.url, '--key', key]);
    expect(res.code, res.stdout + res.stderr).toBe(3);
    expect(res.stdout).toContain(`rejected ${bad}`);
    expect(res.stdout).toMatch(/line \d+ \(B\d+\): \w+: /);
    const receipt = JSON.parse(fs.readFileSync(`${file}.receipt.json`, 'utf8'));
    const byLine = new Map(receipt.errors.map((e: { line: number; code: string }) => [e.line, e.code]));
    fixtures.forEach((f, i) => {
      if (f.expectedError) expect(byLine.get(i + 2), `row ${i}`).toBe(f.expectedError);
    });
  }, 60_000);

  test('a wrong key, an unreachable gateway and an unknown file type fail with a clear message', async () => {
    const file = write('one.json', JSON.stringify([]));
    const wrongKey = await runCli([
      'file',
      'sellers',
      file,
      '--url',
      server.url,
      '--key',
      'mgp_AAAAAAAA_xxx',
    ]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('unauthorized');
    const noFile = await runCli([
      'file',
      'sellers',
      path.join(workDir, 'missing.ndjson'),
      '--url',
      server.url,
      '--key',
      key,
    ]);
    expect(noFile.code).toBe(2);
    const txt = await runCli(['file', 'sellers', write('x.txt', 'hello'), '--url', server.url, '--key', key]);
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('.csv, .ndjson');
  }, 60_000);
});

describe('accounts on the command line', () => {
  test('rotate-key adds a second working key; revoke-key turns the old one off; a third is refused', async () => {
    const rotated = await runCli(['platform', 'rotate-key', 'cli-shop', '--json', '--data', dataDir]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKey = JSON.parse(rotated.stdout).key as string;
    const third = await runCli(['platform', 'rotate-key', 'cli-shop', '--data', dataDir]);
    expect(third.code).toBe(2);
    expect(third.stderr).toContain('revoke one first');

    const probe = (k: string) =>
      fetch(`${server.url}/v1/sellers/none`, { headers: { authorization: `Bearer ${k}` } });
    expect((await probe(key)).status).toBe(404);
    expect((await probe(newKey)).status).toBe(404);
    const oldPrefix = key.split('_').slice(0, 2).join('_');
    const revoked = await runCli(['platform', 'revoke-key', 'cli-shop', oldPrefix, '--data', dataDir]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await probe(key)).status).toBe(401);
    expect((await probe(newKey)).status).toBe(404);
    key = newKey;
  }, 60_000);

  test('regulator add --json prints name, token and password', async () => {
    const res = await runCli(['regulator', 'add', 'inspector-cli', '--json', '--data', dataDir]);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['name', 'password', 'token']);
    expect(out.token).toMatch(/^mgr_/);
    const onPlatformRoute = await fetch(`${server.url}/v1/sellers/x`, {
      headers: { authorization: `Bearer ${out.token}` },
    });
    expect(onPlatformRoute.status).toBe(403);
  }, 60_000);

  test('worker add --json prints name and token; a worker key opens no platform or regulator route', async () => {
    const res = await runCli(['worker', 'add', 'crawler-1', '--json', '--data', dataDir]);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['name', 'token']);
    expect(out.name).toBe('crawler-1');
    expect(out.token).toMatch(/^mgw_[A-Z2-9]{8}_/);
    for (const url of ['/v1/sellers/x', '/v1/regulator/crawls', '/v1/events']) {
      const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${out.token}` } });
      expect(res.status, url).toBe(403);
    }
    const again = await runCli(['worker', 'add', 'crawler-1', '--data', dataDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  }, 60_000);

  test.each([
    [['platform', 'add', 'Bad Slug', '--name', 'x', '--uscc', '91330106673959654P'], 'slug'],
    [['platform', 'add', 'okslug', '--name', 'x', '--uscc', '91330106673959654Q'], 'uscc'],
    [['platform', 'add', 'okslug', '--name', 'x'], 'uscc'],
    [['platform', 'revoke-key', 'cli-shop', 'mgp_NOPENOPE'], 'no key'],
    [['serve', '--port', 'eighty'], '--port'],
    [['receipt', 'verify', 'r.json'], 'exactly one'],
    [['no-such-command'], 'unknown command'],
  ])(
    'refuses %j with exit 2 and says why',
    async (args, says) => {
      const res = await runCli([...args, '--data', dataDir]);
      expect(res.code, res.stdout + res.stderr).toBe(2);
      expect(res.stderr).toContain(says);
    },
    30_000,
  );
});
