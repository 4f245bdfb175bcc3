import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { accountsStore } from '../../src/accounts/store.ts';
import { backupDataFolder } from '../../src/backup/backup.ts';
import { hashFile } from '../../src/backup/files.ts';
import type { BackupManifest } from '../../src/backup/manifest.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
import { runCli } from '../helpers/cli.ts';
import { enterprise, tempDir } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';
import {
  type GatewayProcess,
  peek as peekDatabase,
  startGatewayProcess,
} from '../helpers/gateway-process.ts';
import { cli, modeOf, PNG, request, sha256Of, sleep } from './helpers.ts';

/**
 * Backup and restore of a running gateway: a gateway in its own process files sellers and orders,
 * crawls stores (evidence files), takes a complaint with a file; backups are taken while a large
 * filing streams in, restored into new folders, and gateways opened on them.
 */
const dataDir = tempDir('mg-backup-data-');
const out = tempDir('mg-backup-out-');
const at = (name: string) => path.join(out, name);
let web: FixtureWeb;
let gw: GatewayProcess;
let key: string;
let token: string;
/** Every receipt the platform was given, in order. */
const receipts: any[] = [];
let complaintId: string;
const CRAWLED = ['footer-text', 'identity-missing', 'other-company-code'];

const api = (method: string, url: string, init: Parameters<typeof request>[3] = {}, base = gw.url) =>
  request(base, method, url, init);

/** Reads the live database from this process, as any other reader may. */
const peek = <T>(sql: string, ...params: unknown[]) => peekDatabase<T>(dataDir, sql, ...params);

/**
 * Starts filing `count` orders of seller S-1 as one NDJSON stream. With `gate`, the stream stops after
 * half of them until `release()`; `staged()` resolves once the gateway has staged some of them.
 */
function startLargeFiling(count: number, idempotencyKey: string, options: { gate: boolean }) {
  const orders = Array.from({ length: count }, () => order('S-1'));
  const lines = orders.map((o) => `${JSON.stringify(o)}\n`);
  let release!: () => void;
  const gate = options.gate ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  let sent = 0;
  const chunk = 1000;
  const body = new ReadableStream({
    async pull(controller) {
      if (sent === Math.floor(count / 2)) await gate;
      if (sent >= lines.length) return controller.close();
      controller.enqueue(new TextEncoder().encode(lines.slice(sent, sent + chunk).join('')));
      sent += chunk;
      // Spread over a second or two, so that a backup can land in the middle.
      if (!options.gate) await sleep(150);
    },
  });
  const response = api('POST', '/v1/transactions', {
    auth: key,
    type: 'application/x-ndjson',
    body: body as unknown as BodyInit,
    headers: { 'idempotency-key': idempotencyKey },
  });
  const staged = async () => {
    for (let i = 0; i < 600; i++) {
      const n = peek<number>(
        `SELECT count(*) FROM transaction_versions WHERE filing IN (SELECT key FROM transaction_filings
         WHERE id IN (SELECT id FROM filing_stages WHERE idempotency_key = ?))`,
        idempotencyKey,
      );
      if (n > 0) return n;
      await sleep(50);
    }
    throw new Error('the filing was never staged');
  };
  return { orders, response, staged, release: () => release?.() };
}

beforeAll(async () => {
  web = await startFixtureWeb({ slowMs: 2_000 });
  // Accounts as `marketgate platform add` and `regulator add` make them, before the gateway starts.
  const db = openDatabase(dataDir);
  openKeyring(dataDir);
  const accounts = accountsStore(db);
  key = addPlatform(accounts, { slug: 'backup-shop', name: 'Backup Shop', uscc: '91330106673959654P' }).key;
  token = addRegulator(accounts, { name: 'backup-inspector' }).token;
  db.close();
  // A file of the kind the demo keeps beside the database: it is part of the data folder.
  fs.writeFileSync(path.join(dataDir, 'demo-credentials.json'), '{"note":"kept"}', { mode: 0o600 });
  gw = await startGatewayProcess(dataDir);

  const stores = CRAWLED.map((id) => {
    const c = web.cases.find((x) => x.id === id)!;
    return enterprise({
      seller_id: `W-${id}`,
      legal_name: c.filed.name,
      uscc: c.filed.uscc,
      store_url: c.url,
    });
  });
  const sellers = await api('POST', '/v1/sellers', {
    auth: key,
    json: [enterprise({ seller_id: 'S-1' }), enterprise({ seller_id: 'S-2' }), ...stores],
  });
  expect(sellers.status, sellers.text).toBe(201);
  receipts.push(sellers.json);
  const orders = [order('S-1', { order_id: 'ORD-1' }), ...Array.from({ length: 200 }, () => order('S-2'))];
  const filed = await api('POST', '/v1/transactions', {
    auth: key,
    type: 'application/x-ndjson',
    body: ndjson(orders),
  });
  expect(filed.status, filed.text).toBe(201);
  receipts.push(filed.json);
  // One bad record: its receipt carries an error list, which the signature covers by digest.
  const bad = await api('POST', '/v1/transactions', {
    auth: key,
    type: 'application/x-ndjson',
    body: ndjson([order('S-2'), order('NO-SUCH-SELLER')]),
  });
  expect(bad.status, bad.text).toBe(201);
  expect(bad.json.counts.rejected).toBe(1);
  receipts.push(bad.json);

  // A crawl: verifications with evidence files, and an audit entry.
  const crawl = await api('POST', '/v1/regulator/crawls', {
    auth: token,
    json: { platforms: ['backup-shop'] },
  });
  expect(crawl.status, crawl.text).toBe(202);
  for (let i = 0; ; i++) {
    const progress = await api('GET', `/v1/regulator/crawls/${crawl.json.crawl_id}`, { auth: token });
    if (progress.json?.status === 'done') break;
    if (i > 300) throw new Error(`the crawl did not finish: ${progress.text}`);
    await sleep(100);
  }

  // A complaint with a file, accepted by the regulator (audited), its complainant revealed (audited).
  const lodged = await api('POST', '/public/complaints', {
    json: {
      platform: 'backup-shop',
      seller_id: 'S-1',
      order_id: 'ORD-1',
      category: 'quality',
      description: '收到的茶叶发霉，商家拒绝退款。',
      complainant: { name: '李四', phone: '13912340001' },
    },
  });
  expect(lodged.status, lodged.text).toBe(201);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png');
  const added = await api('POST', `/public/complaints/${lodged.json.tracking_code}/files`, {
    auth: lodged.json.access_token,
    body: form,
  });
  expect(added.status, added.text).toBe(201);
  complaintId = lodged.json.complaint_id;
  const step = await api('POST', `/v1/regulator/complaints/${complaintId}/steps`, {
    auth: token,
    json: { type: 'accept' },
  });
  expect(step.status, step.text).toBe(200);
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await web?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

/** A gateway opened on a restored data folder, in this process, listening on a free port. */
async function openRestored(restored: string): Promise<RunningGateway> {
  const config = loadConfig({
    dataDir: restored,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    checkWorkers: 0,
  });
  return startGateway(config, openGateway(config, pino({ level: 'silent' })));
}

/** What every restored folder must show, whatever the moment of its backup. */
async function expectCompleteRestore(
  restored: string,
  manifest: BackupManifest,
  running: RunningGateway,
  receiptsBefore: number,
) {
  const { gateway, url } = running;
  // Owner-only, as the gateway made them: it refuses keys that others can read.
  expect(modeOf(restored)).toBe('700');
  expect(modeOf(path.join(restored, 'keys'))).toBe('700');
  expect(modeOf(path.join(restored, 'keys/receipt-signing.pem'))).toBe('600');
  expect(modeOf(path.join(restored, 'keys/data.key'))).toBe('600');
  expect(fs.readFileSync(path.join(restored, 'demo-credentials.json'), 'utf8')).toBe('{"note":"kept"}');
  expect(gateway.keys.keyId).toBe(manifest.receipt_key_id);

  // Every receipt the platform holds verifies with the restored gateway's key, and every filing it was
  // given a receipt for before the backup began is there.
  const publicKey = (await api('GET', '/v1/receipt-key', {}, url)).json.public_key_pem as string;
  for (const [i, r] of receipts.entries()) {
    expect(verifyReceipt(r, publicKey), r.filing_id).toEqual({ valid: true, complete: true });
    if (i < receiptsBefore)
      expect(gateway.db.prepare('SELECT count(*) FROM filings WHERE id = ?').pluck().get(r.filing_id)).toBe(
        1,
      );
  }
  // So does every filing the restored gateway holds, with its whole error list.
  const ids = gateway.db.prepare('SELECT id FROM filings ORDER BY id').pluck().all() as string[];
  expect(ids.length).toBe(manifest.counts.filings);
  for (const id of ids) {
    const res = await api('GET', `/v1/filings/${id}`, { auth: key }, url);
    expect(res.status, res.text).toBe(200);
    expect(verifyReceipt(res.json, publicKey), id).toEqual({ valid: true, complete: true });
  }
  // The audit log: intact, and as long as it was at the backup.
  const chain = gateway.audit.verify();
  expect(chain).toMatchObject({ ok: true, entries: manifest.counts.audit_entries });
  expect(gateway.audit.head()).toEqual(manifest.audit_head);
  expect(manifest.counts.audit_entries).toBeGreaterThanOrEqual(2);

  // Every evidence and complaint file the database names is there, byte for byte.
  const evidence = gateway.db.prepare('SELECT verification_id, sha256 FROM verification_evidence').all() as {
    verification_id: string;
    sha256: string;
  }[];
  expect(evidence.length).toBeGreaterThanOrEqual(CRAWLED.length);
  for (const e of evidence) {
    const file = path.join(restored, 'evidence', e.sha256.slice(0, 2), e.sha256);
    expect((await hashFile(file)).sha256).toBe(e.sha256);
  }
  const shown = await fetch(
    `${url}/v1/regulator/verifications/${evidence[0]!.verification_id}/evidence/${evidence[0]!.sha256}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(shown.status).toBe(200);
  const file = await fetch(`${url}/v1/regulator/complaints/${complaintId}/files/${sha256Of(PNG)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

  // Personal data encrypted with the backed-up data key reads back.
  const revealed = await api(
    'POST',
    `/v1/regulator/complaints/${complaintId}/reveal`,
    { auth: token, json: { reason: 'checking a restored backup' } },
    url,
  );
  expect(revealed.status, revealed.text).toBe(200);
  expect(revealed.json.complainant).toMatchObject({ name: '李四', phone: '13912340001' });
}

describe('a backup taken while a large filing streams in', () => {
  let filing: ReturnType<typeof startLargeFiling>;
  let during: BackupManifest;
  let after: BackupManifest;
  let receipt: any;

  beforeAll(async () => {
    filing = startLargeFiling(20_000, 'large-during-backup', { gate: true });
    await filing.staged();
    const made = await cli('backup', at('during'), '--data', dataDir, '--json');
    expect(made.code, made.stderr).toBe(0);
    const printed = JSON.parse(made.stdout);
    during = JSON.parse(fs.readFileSync(at('during/manifest.json'), 'utf8'));
    expect(printed).toMatchObject({ target: at('during'), files: during.files.length, missing: [] });
    expect(printed.counts).toEqual(during.counts);
    filing.release();
    const res = await filing.response;
    expect(res.status, res.text.slice(0, 500)).toBe(201);
    receipt = res.json;
    receipts.push(receipt);
    after = (await backupDataFolder({ dataDir, target: at('after') })).manifest;
  }, 120_000);

  test('the backup is owner-only, lists every file with its hash, and says the filing was in progress', async () => {
    expect(modeOf(at('during'))).toBe('700');
    expect(modeOf(at('during/keys'))).toBe('700');
    for (const f of during.files) {
      expect(modeOf(at(`during/${f.path}`)), f.path).toBe('600');
      expect(await hashFile(at(`during/${f.path}`)), f.path).toEqual({ sha256: f.sha256, size: f.size });
    }
    const paths = during.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['marketgate.db', 'keys/data.key', 'keys/receipt-signing.pem']),
    );
    expect(paths).toContain('demo-credentials.json');
    expect(paths.filter((p) => p.startsWith('evidence/')).length).toBeGreaterThanOrEqual(CRAWLED.length);
    expect(paths.filter((p) => p.startsWith('complaint-files/'))).toEqual([
      `complaint-files/${sha256Of(PNG).slice(0, 2)}/${sha256Of(PNG)}`,
    ]);
    // The live database's WAL companions are never copied: the snapshot is one self-contained file.
    expect(fs.readdirSync(at('during')).sort()).toEqual([
      'complaint-files',
      'demo-credentials.json',
      'evidence',
      'keys',
      'manifest.json',
      'marketgate.db',
    ]);
    expect(during.database.sha256).toBe(during.files.find((f) => f.path === 'marketgate.db')!.sha256);
    expect(during.counts).toMatchObject({
      filings: 3,
      filings_in_progress: 1,
      complaint_files: 1,
    });
    expect(during.counts.transaction_versions).toBe(202);
    // The crawl and the complaint's acceptance at least (recording verifications may add more).
    expect(during.counts.audit_entries).toBeGreaterThanOrEqual(2);
    expect(after.counts).toMatchObject({ filings: 4, filings_in_progress: 0 });
    expect(after.counts.transaction_versions).toBe(202 + 20_000);
  });

  test('restored, the filing in progress is wholly absent; every receipt and the audit log verify', async () => {
    const restored = at('restored-during');
    const done = await cli('restore', at('during'), '--data', restored, '--json');
    expect(done.code, done.stderr).toBe(0);
    const summary = JSON.parse(done.stdout);
    expect(summary).toMatchObject({
      files: during.files.length,
      receipt_key_id: during.receipt_key_id,
      database: { integrity: 'ok' },
      receipts: { filings: 3, invalid: 0 },
      audit: { ok: true, entries: during.counts.audit_entries },
    });
    const running = await openRestored(restored);
    try {
      await expectCompleteRestore(restored, during, running, 3);
      const db = running.gateway.db;
      expect(db.prepare('SELECT count(*) FROM filings WHERE id = ?').pluck().get(receipt.filing_id)).toBe(0);
      expect(
        db
          .prepare(
            'SELECT count(*) FROM transaction_versions WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?)',
          )
          .pluck()
          .get(receipt.filing_id),
      ).toBe(0);
      const seen = await api(
        'GET',
        `/v1/transactions/${filing.orders[0]!.order_id}`,
        { auth: key },
        running.url,
      );
      expect(seen.status).toBe(404);
      // What it had staged goes at start, as after a crash; a retry with its key files it afresh.
      for (let i = 0; i < 100 && db.prepare('SELECT count(*) FROM filing_stages').pluck().get() !== 0; i++)
        await sleep(50);
      expect(db.prepare('SELECT count(*) FROM filing_stages').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM transaction_versions').pluck().get()).toBe(202);
    } finally {
      await running.close();
    }
  });

  test('restored from the backup after it, the filing is wholly present with its receipt', async () => {
    const restored = at('restored-after');
    const done = await cli('restore', at('after'), '--data', restored);
    expect(done.code, done.stderr).toBe(0);
    const running = await openRestored(restored);
    try {
      await expectCompleteRestore(restored, after, running, 4);
      const db = running.gateway.db;
      expect(
        db
          .prepare(
            'SELECT count(*) FROM transaction_versions WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?)',
          )
          .pluck()
          .get(receipt.filing_id),
      ).toBe(20_000);
      const last = await api(
        'GET',
        `/v1/transactions/${filing.orders.at(-1)!.order_id}`,
        { auth: key },
        running.url,
      );
      expect(last.status, last.text).toBe(200);
    } finally {
      await running.close();
    }
  });
});

test('the marketgate command backs up during a filing and restores it whole or not at all', async () => {
  const receiptsBefore = receipts.length;
  const filing = startLargeFiling(20_000, 'large-during-cli-backup', { gate: false });
  await filing.staged();
  // Neither the moment nor the order is arranged: the filing goes on while the other process copies.
  const made = await runCli(['backup', at('cli'), '--data', dataDir]);
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toMatch(/backed up to .*cli/);
  expect(made.stdout).toContain('manifest.json, written last');
  const res = await filing.response;
  expect(res.status, res.text.slice(0, 500)).toBe(201);
  receipts.push(res.json);

  const restored = at('restored-cli');
  const done = await runCli(['restore', at('cli'), '--data', restored]);
  expect(done.code, done.stdout + done.stderr).toBe(0);
  expect(done.stdout).toContain('every file matched its sha256');
  expect(done.stdout).toMatch(/audit log {2}intact/);

  const manifest = JSON.parse(fs.readFileSync(at('cli/manifest.json'), 'utf8')) as BackupManifest;
  const running = await openRestored(restored);
  try {
    await expectCompleteRestore(restored, manifest, running, receiptsBefore);
    const db = running.gateway.db;
    const present = db.prepare('SELECT count(*) FROM filings WHERE id = ?').pluck().get(res.json.filing_id);
    for (let i = 0; i < 100 && db.prepare('SELECT count(*) FROM filing_stages').pluck().get() !== 0; i++)
      await sleep(50);
    const versions = db
      .prepare(
        'SELECT count(*) FROM transaction_versions WHERE filing = (SELECT key FROM transaction_filings WHERE id = ?)',
      )
      .pluck()
      .get(res.json.filing_id);
    // Whole with its receipt, or not there at all: never a part of it.
    expect({ present, versions }).toEqual(
      present === 1 ? { present: 1, versions: 20_000 } : { present: 0, versions: 0 },
    );
  } finally {
    await running.close();
  }
}, 120_000);
