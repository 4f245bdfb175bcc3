import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backupDataFolder } from '../../src/backup/backup.ts';
import type { BackupManifest } from '../../src/backup/manifest.ts';
import { enterprise, tempDir, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { cli, modeOf, PNG } from './helpers.ts';

/**
 * What backup and restore refuse: a damaged or unfinished backup (naming the file, writing nothing),
 * a data folder that is not empty, a backup folder that is not empty or inside the data folder.
 */
let t: TestGateway;
let source: BackupManifest;
const out = tempDir('mg-backup-refusals-');
const at = (name: string) => path.join(out, name);

beforeAll(async () => {
  t = testGateway();
  t.config.complaints.perAddressPerHour = 1000;
  const filed = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'shop-1' })]);
  expect(filed.status, filed.text).toBe(201);
  const lodged = await t.call('POST', '/public/complaints', {
    type: 'application/json',
    body: JSON.stringify({
      platform: t.platformA.slug,
      seller_id: 'shop-1',
      category: 'quality',
      description: '收到的茶叶发霉，商家拒绝退款。',
      complainant: { name: '李四', phone: '13912340002' },
    }),
  });
  expect(lodged.status, lodged.text).toBe(201);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png');
  const added = await t.call('POST', `/public/complaints/${lodged.json.tracking_code}/files`, {
    headers: { authorization: `Bearer ${lodged.json.access_token}` },
    body: form,
  });
  expect(added.status, added.text).toBe(201);
  await t.gw.evidence.put(Buffer.from('<html><body>示例</body></html>'), 'text/html');
  source = (await backupDataFolder({ dataDir: t.dataDir, target: at('pristine') })).manifest;
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const restore = (backup: string, data: string) => cli('restore', backup, '--data', data);

describe('a damaged or unfinished backup is refused, naming the file, and nothing is written', () => {
  /** A copy of the pristine backup, changed by `damage`; restore must refuse it with `message`. */
  async function expectRefused(name: string, damage: (dir: string) => void, message: RegExp) {
    const dir = at(`damaged-${name}`);
    fs.cpSync(at('pristine'), dir, { recursive: true });
    damage(dir);
    const target = at(`target-${name}`);
    const res = await restore(dir, target);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(fs.existsSync(target)).toBe(false);
    // Not even a folder beside it.
    expect(fs.readdirSync(out).filter((e) => e.includes('restoring'))).toEqual([]);
  }

  test('one byte changed in an evidence file', async () => {
    const evidence = source.files.find((f) => f.path.startsWith('evidence/'))!;
    await expectRefused(
      'evidence-byte',
      (dir) => {
        const file = path.join(dir, evidence.path);
        const bytes = fs.readFileSync(file);
        const i = Math.floor(bytes.length / 2);
        bytes[i] = bytes[i]! ^ 0x01;
        fs.writeFileSync(file, bytes);
      },
      new RegExp(`damaged: ${evidence.path} does not match its sha256.*nothing was restored`),
    );
  });

  test('one byte changed in the database', async () => {
    await expectRefused(
      'database-byte',
      (dir) => {
        const fd = fs.openSync(path.join(dir, 'marketgate.db'), 'r+');
        const b = Buffer.alloc(1);
        fs.readSync(fd, b, 0, 1, 5000);
        b[0] = b[0]! ^ 0xff;
        fs.writeSync(fd, b, 0, 1, 5000);
        fs.closeSync(fd);
      },
      /damaged: marketgate\.db does not match its sha256/,
    );
  });

  test('a complaint file missing', async () => {
    const missing = source.files.find((f) => f.path.startsWith('complaint-files/'))!;
    await expectRefused(
      'file-missing',
      (dir) => fs.rmSync(path.join(dir, missing.path)),
      new RegExp(`damaged: ${missing.path} is missing from the backup`),
    );
  });

  test('the data key cut short', async () => {
    await expectRefused(
      'key-truncated',
      (dir) => fs.writeFileSync(path.join(dir, 'keys/data.key'), Buffer.alloc(16)),
      /damaged: keys\/data\.key is 16 bytes, the manifest says 32/,
    );
  });

  test('the manifest missing: a backup that never finished', async () => {
    await expectRefused(
      'no-manifest',
      (dir) => fs.rmSync(path.join(dir, 'manifest.json')),
      /has no manifest\.json: it is not a marketgate backup, or one that did not finish/,
    );
  });

  test('a manifest that leaves out the keys', async () => {
    await expectRefused(
      'no-keys',
      (dir) => {
        const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
        m.files = m.files.filter((f: { path: string }) => !f.path.startsWith('keys/'));
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
      },
      /keys\/receipt-signing\.pem is not in the backup: it cannot be restored without it/,
    );
  });

  test('a manifest that names a path outside the data folder', async () => {
    await expectRefused(
      'escaping-path',
      (dir) => {
        const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
        m.files.push({ ...m.files[0], path: '../escaped' });
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
      },
      /file path "\.\.\/escaped" is not a plain relative path/,
    );
    expect(fs.existsSync(at('escaped'))).toBe(false);
  });
});

describe('where a restore and a backup may write', () => {
  test('restore into a data folder that is not empty is refused and leaves it as it was', async () => {
    const target = at('occupied');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'marketgate.db'), 'someone else’s');
    const res = await restore(at('pristine'), target);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${target} is not empty`);
    expect(fs.readdirSync(target)).toEqual(['marketgate.db']);
    expect(fs.readFileSync(path.join(target, 'marketgate.db'), 'utf8')).toBe('someone else’s');
  });

  test('restore into an existing empty folder puts the data in its place, owner-only', async () => {
    const target = at('empty-target');
    fs.mkdirSync(target, { mode: 0o755 });
    const res = await restore(at('pristine'), target);
    expect(res.code, res.stderr).toBe(0);
    expect(modeOf(target)).toBe('700');
    expect(modeOf(path.join(target, 'keys/data.key'))).toBe('600');
    // The backup's files, and the restore's marker (a gateway with orders in ClickHouse reads it).
    expect(fs.readdirSync(target).sort()).toEqual(
      [
        ...fs.readdirSync(at('pristine')).filter((e) => e !== 'manifest.json'),
        'restored-from-backup.json',
      ].sort(),
    );
    expect(JSON.parse(fs.readFileSync(path.join(target, 'restored-from-backup.json'), 'utf8'))).toMatchObject(
      {
        backup_created_at: expect.any(String),
      },
    );
  });

  test('restore needs --data', async () => {
    const res = await cli('restore', at('pristine'));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("required option '--data <dir>'");
  });

  test('backup into a folder that is not empty, or inside the data folder, is refused', async () => {
    const res = await cli('backup', at('pristine'), '--data', t.dataDir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('is not empty: a backup goes into a new or empty folder');
    const inside = await cli('backup', path.join(t.dataDir, 'backups'), '--data', t.dataDir);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain('is inside the data folder');
    expect(fs.existsSync(path.join(t.dataDir, 'backups'))).toBe(false);
    const nothing = await cli('backup', at('from-nowhere'), '--data', at('no-data-here'));
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('has no marketgate.db');
    expect(fs.existsSync(at('from-nowhere'))).toBe(false);
  });

  test('a backup of a data folder that lost a file its database names says so and exits 1', async () => {
    // A stopped gateway's data folder (a restored one) whose complaint file went missing.
    const broken = at('lost-a-file');
    expect((await restore(at('pristine'), broken)).code).toBe(0);
    const lost = source.files.find((f) => f.path.startsWith('complaint-files/'))!.path;
    fs.rmSync(path.join(broken, lost));
    const res = await cli('backup', at('of-lost-a-file'), '--data', broken);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`MISSING    ${lost}: referred to by the database, not in the data folder`);
    expect(res.stderr).toContain('the backup is complete, but 1 file(s) the database refers to were not in');
    expect(fs.existsSync(at('of-lost-a-file/manifest.json'))).toBe(true);
  });
});

describe('files of leads and assistance answers', () => {
  test('are backed up, and one the database refers to but the data folder lacks is reported missing', async () => {
    const lead = await t.call('POST', '/v1/leads', {
      key: t.platformA.key,
      type: 'application/json',
      body: JSON.stringify({
        seller_id: 'shop-1',
        goods: [{ name: '有机绿茶礼盒 250g' }],
        category: 'counterfeit',
        found: '品牌方鉴定为假冒商品，商家无法提供授权。',
        records: ['商品页面快照'],
        measures: [{ measure: 'delisted_goods' }],
        found_on: '2026-12-01',
      }),
    });
    expect(lead.status, lead.text).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'lead.png');
    const file = await t.call('POST', `/v1/leads/${lead.json.lead_id}/files`, {
      key: t.platformA.key,
      body: form,
    });
    expect(file.status, file.text).toBe(201);
    const request = await t.call('POST', '/v1/regulator/assistance-requests', {
      key: t.regulator.token,
      type: 'application/json',
      body: JSON.stringify({
        platform: t.platformA.slug,
        seller_id: 'shop-1',
        legal_basis: '《网络交易监督管理办法》第三十四条',
        case_number: 'BACKUP-1',
        scope: ['identity'],
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    });
    expect(request.status, request.text).toBe(201);
    const requestId = (request.json.request_id ?? request.json.id) as string;
    const answer = await t.call('POST', `/v1/assistance-requests/${requestId}/answers`, {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: '{"record":"identity","seller_id":"shop-1"}\n',
    });
    expect(answer.status, answer.text).toBe(201);
    const sha = answer.json.sha256 as string;

    const whole = await backupDataFolder({ dataDir: t.dataDir, target: at('with-leads') });
    const paths = whole.manifest.files.map((f) => f.path);
    expect(paths).toContain(`lead-files/${sha256Prefix(file.json.files[0].sha256)}`);
    expect(paths).toContain(`assistance-files/${sha256Prefix(sha)}`);
    expect(whole.missing).toEqual([]);

    fs.rmSync(path.join(t.dataDir, `assistance-files/${sha256Prefix(sha)}`));
    const short = await backupDataFolder({ dataDir: t.dataDir, target: at('without-answer') });
    expect(short.missing).toEqual([`assistance-files/${sha256Prefix(sha)}`]);
  });
});

const sha256Prefix = (sha: string) => `${sha.slice(0, 2)}/${sha}`;
