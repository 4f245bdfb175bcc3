import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { signAnswerReceipt } from '../../src/assistance/receipt.ts';
import { runCli } from '../helpers/cli.ts';
import { type TestGateway, tempDir, testGateway } from '../helpers/gateway.ts';

/**
 * `marketgate receipt verify --file` (issue 18): the receipt's signature, and that the file given is
 * the one it acknowledges, by the SHA-256 the gateway signed.
 */
let t: TestGateway;
const dir = tempDir('mg-receipt-file-');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const write = (name: string, bytes: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};
let filed: string;
let receiptFile: string;
let keyFile: string;
let bodySha: string;

beforeAll(async () => {
  t = testGateway();
  // Larger than a read stream's 64 KiB chunks: the whole file is hashed, not its first chunk.
  const records = [...generateSellers({ count: 600, seed: 18, idPrefix: 'RF' })].map((f) => f.record);
  const body = formatSellers(records, 'ndjson');
  filed = write('sellers.ndjson', body);
  expect(fs.statSync(filed).size).toBeGreaterThan(2 * 64 * 1024);
  const res = await t.fileSellers(t.platformA.key, body, { type: 'application/x-ndjson' });
  expect(res.status, res.text).toBe(201);
  bodySha = res.json.body_sha256;
  expect(bodySha).toBe(sha256(fs.readFileSync(filed)));
  receiptFile = write('sellers.receipt.json', res.text);
  keyFile = write('receipt-key.pem', t.gw.keys.publicKeyPem);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const verify = (...extra: string[]) =>
  runCli(['receipt', 'verify', receiptFile, '--public-key', keyFile, ...extra]);

describe('receipt verify --file', () => {
  test('the file that was filed: exit 0, and it says the file matches', async () => {
    const res = await verify('--file', filed);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^valid: filing \w+ by alpha-/);
    expect(res.stdout).toContain(`file matches: ${filed} has the receipt's body_sha256 ${bodySha}`);
  });

  test('one byte changed, past the first chunk: exit 1, naming both hashes', async () => {
    const bytes = fs.readFileSync(filed);
    const at = 100_000;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    const changed = write('changed.ndjson', bytes);
    const res = await verify('--file', changed);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stderr).toContain('MISMATCH');
    expect(res.stderr).toContain(`its sha256 is ${sha256(bytes)}`);
    expect(res.stderr).toContain(`the receipt's body_sha256 is ${bodySha}`);
    expect(res.stdout).not.toContain('valid');
  });

  test('a receipt altered to name the changed file fails on its signature', async () => {
    const changed = write('other.ndjson', 'not what was filed\n');
    const receipt = JSON.parse(fs.readFileSync(receiptFile, 'utf8'));
    const forged = write(
      'forged.receipt.json',
      JSON.stringify({ ...receipt, body_sha256: sha256(fs.readFileSync(changed)) }),
    );
    const res = await runCli(['receipt', 'verify', forged, '--public-key', keyFile, '--file', changed]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('INVALID');
  });

  test('a missing file is a usage error (exit 2), said before anything is checked', async () => {
    const missing = path.join(dir, 'missing.ndjson');
    const res = await verify('--file', missing);
    expect(res.code, res.stdout + res.stderr).toBe(2);
    expect(res.stderr).toContain(`cannot read the filed file ${missing}: ENOENT`);
    const folder = await verify('--file', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is not a file');
  });

  test("an assistance answer's receipt is checked against its sha256", async () => {
    const answer = write('answer.ndjson', '{"order_id":"O-1"}\n');
    const receipt = signAnswerReceipt(t.gw.keys, {
      request_id: 'R1',
      answer_id: 'A1',
      platform: t.platformA.slug,
      seller_id: 'S-1',
      case_number: 'CASE-1',
      part: 1,
      media_type: 'application/x-ndjson',
      sha256: sha256(fs.readFileSync(answer)),
      bytes: fs.statSync(answer).size,
      received_at: new Date().toISOString(),
      due_date: '2026-12-31',
      late: false,
      completes_request: true,
    });
    const answerReceipt = write('answer.receipt.json', JSON.stringify(receipt));
    const args = ['receipt', 'verify', answerReceipt, '--public-key', keyFile, '--file'];
    const ok = await runCli([...args, answer]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`file matches: ${answer} has the receipt's sha256 ${receipt.sha256}`);
    const bad = await runCli([...args, filed]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`the receipt's sha256 is ${receipt.sha256}`);
  });
});
