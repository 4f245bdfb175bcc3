import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addComplaintFiles } from '../../src/complaints/add-files.ts';
import { complaintStep } from '../../src/complaints/service.ts';
import { DomainError } from '../../src/errors.ts';
import { signFormToken } from '../../src/console/security.ts';
import { REPO } from '../helpers/cli.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * What one complaint may hold (src/complaints/limits.ts): messages of the consumer and of the platform,
 * each in total and in 24 hours, the regulator's not at all; files in total and in 24 hours. And files
 * are named by their hash and sniffed type, never by their uploader: a GIF/HTML polyglot is a .gif.
 */
let t: TestGateway;
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const png = (n: number) => Buffer.concat([PNG, Buffer.from([n])]);
// A GIF header, then an HTML page: a browser that sniffs, or a file saved as .html, runs the script.
const POLYGLOT = Buffer.concat([
  Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'),
  Buffer.from('<html><body><script>alert(document.domain)</script></body></html>'),
]);
let phones = 0;

async function lodge() {
  const res = await t.call(
    'POST',
    '/public/complaints',
    json({
      platform: t.platformA.slug,
      seller_id: 'lim-1',
      category: 'quality',
      description: '收到的茶叶发霉，商家拒绝退款。',
      complainant: { name: '李四', phone: `1381234${String(++phones).padStart(4, '0')}` },
    }),
  );
  expect(res.status, res.text).toBe(201);
  return res.json as { complaint_id: string; tracking_code: string; access_token: string };
}
const asConsumer = (code: string, token: string, p: string, body?: unknown) =>
  t.call(body === undefined ? 'GET' : 'POST', `/public/complaints/${code}${p}`, {
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : json(body)),
  });
const asRegulator = (id: string, body: unknown) =>
  t.call('POST', `/v1/regulator/complaints/${id}/steps`, { key: t.regulator.token, ...json(body) });
const asPlatform = (id: string, message: string) =>
  t.call('POST', `/v1/complaints/${id}/messages`, { key: t.platformA.key, ...json({ message }) });
function upload(code: string, token: string, files: { name: string; bytes: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const f of files)
    form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/png' }), f.name);
  return t.call('POST', `/public/complaints/${code}/files`, {
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);

beforeAll(async () => {
  t = testGateway();
  t.config.complaints.perAddressPerHour = 1000;
  t.config.publicRequestsPerMinute = 1_000_000;
  Object.assign(t.config.complaints, {
    messagesPerComplaint: 5,
    messagesPerDay: 3,
    filesPerComplaint: 3,
    filesPerDay: 2,
  });
  const filed = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'lim-1' })]);
  expect(filed.status, filed.text).toBe(201);
});
afterAll(() => t.close());

describe('messages', () => {
  test('the consumer and the platform each have their allowance a day and in total; the regulator none', async () => {
    const c = await lodge();
    for (const type of ['accept', 'forward'])
      expect((await asRegulator(c.complaint_id, { type })).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect(
        (await asConsumer(c.tracking_code, c.access_token, '/messages', { message: `消费者留言 ${i}` }))
          .status,
      ).toBe(200);
    const daily = await asConsumer(c.tracking_code, c.access_token, '/messages', { message: '第四条' });
    expect(daily.status).toBe(429);
    expect(daily.json).toMatchObject({
      code: 'rate_limited',
      detail: expect.stringMatching(/at most 3 messages from the consumer/),
    });
    const retry = Number(daily.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(86_400 - 120);
    expect(retry).toBeLessThanOrEqual(86_400);

    // The consumer's messages do not use up the platform's.
    for (let i = 0; i < 3; i++) expect((await asPlatform(c.complaint_id, `平台回复 ${i}`)).status).toBe(200);
    expect((await asPlatform(c.complaint_id, '第四条')).status).toBe(429);
    // The regulator handling the case is never silenced.
    for (let i = 0; i < 8; i++)
      expect((await asRegulator(c.complaint_id, { type: 'message', message: `监管留言 ${i}` })).status).toBe(
        200,
      );

    // A day later the consumer may write again, up to five in all; then the complaint is full for good.
    const step = (hours: number, message: string) =>
      complaintStep(
        t.gw,
        c.complaint_id,
        { type: 'message', message },
        { role: 'consumer', id: null },
        later(hours),
      );
    step(25, '第二天 1');
    step(25.1, '第二天 2');
    let refused: unknown;
    try {
      step(25.2, '第二天 3');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'conflict', extra: { limit: 'messages_per_complaint', max: 5 } });
    const full = await asConsumer(c.tracking_code, c.access_token, '/messages', { message: '再来一条' });
    expect(full.status).toBe(409);
    expect(full.json).toMatchObject({ code: 'conflict', limit: 'messages_per_complaint' });
    // Other steps are not messages: the consumer may still withdraw.
    const withdrawn = complaintStep(
      t.gw,
      c.complaint_id,
      { type: 'withdraw' },
      { role: 'consumer', id: null },
      later(26),
    );
    expect(withdrawn.row.status).toBe('closed');
    const events = t.gw.complaints.events(c.complaint_id).filter((e) => e.action === 'message');
    expect(events.filter((e) => e.actor === 'consumer')).toHaveLength(5);
    expect(events.filter((e) => e.actor === 'platform')).toHaveLength(3);
    expect(events.filter((e) => e.actor === 'regulator')).toHaveLength(8);
  });

  test('on the tracking page a message past the allowance is refused with Retry-After', async () => {
    const c = await lodge();
    const post = (message: string) =>
      t.call('POST', '/complaints/track/step', {
        type: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          _form: signFormToken(t.gw.keys, 'step', c.tracking_code),
          code: c.tracking_code,
          token: c.access_token,
          action: 'message',
          message,
        }).toString(),
      });
    for (let i = 0; i < 3; i++) expect((await post(`留言 ${i}`)).status).toBe(200);
    const refused = await post('第四条');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.text).toContain('at most 3 messages from the consumer');
  });
});

describe('files', () => {
  test('at most so many a day and in total; a request past them keeps nothing', async () => {
    const c = await lodge();
    const ok = await upload(c.tracking_code, c.access_token, [
      { name: 'a.png', bytes: png(1) },
      { name: 'b.png', bytes: png(2) },
    ]);
    expect(ok.status, ok.text).toBe(201);
    const daily = await upload(c.tracking_code, c.access_token, [{ name: 'c.png', bytes: png(3) }]);
    expect(daily.status).toBe(429);
    expect(daily.json).toMatchObject({ code: 'rate_limited' });
    expect(Number(daily.headers.get('retry-after'))).toBeGreaterThan(86_400 - 120);

    const row = t.gw.complaints.byId(c.complaint_id)!;
    const tooMany = addComplaintFiles(
      t.gw,
      row,
      [
        { bytes: png(4), uploadedName: 'd.png' },
        { bytes: png(5), uploadedName: 'e.png' },
      ],
      later(25),
    );
    await expect(tooMany).rejects.toMatchObject({
      code: 'conflict',
      extra: { limit: 'files_per_complaint', max: 3 },
    });
    expect(t.gw.complaints.files(c.complaint_id)).toHaveLength(2);
    await addComplaintFiles(t.gw, row, [{ bytes: png(6), uploadedName: 'f.png' }], later(25));
    const full = await upload(c.tracking_code, c.access_token, [{ name: 'g.png', bytes: png(7) }]);
    expect(full.status).toBe(409);
    expect(full.json).toMatchObject({ code: 'conflict', limit: 'files_per_complaint' });
    expect(t.gw.complaints.files(c.complaint_id)).toHaveLength(3);
  });

  test('a GIF/HTML polyglot named .html is kept and served by its hash as a GIF, as an attachment, not sniffed', async () => {
    const c = await lodge();
    const res = await upload(c.tracking_code, c.access_token, [
      { name: 'evil.html', bytes: POLYGLOT, type: 'text/html' },
    ]);
    expect(res.status, res.text).toBe(201);
    const [file] = res.json.files as { sha256: string; media_type: string; name: string }[];
    const sha = file!.sha256;
    expect(file).toMatchObject({ media_type: 'image/gif', name: `${sha.slice(0, 16)}.gif` });

    // On disk: under its hash, nothing named after the uploader.
    const root = path.join(t.dataDir, 'complaint-files');
    expect(fs.readFileSync(path.join(root, sha.slice(0, 2), sha)).equals(POLYGLOT)).toBe(true);
    const names = fs.readdirSync(root, { recursive: true }).map(String);
    expect(names.filter((n) => /html|evil/i.test(n))).toEqual([]);
    expect(JSON.stringify(t.gw.db.prepare('SELECT * FROM complaint_files').all())).not.toMatch(/html|evil/i);
    const view = await asConsumer(c.tracking_code, c.access_token, '');
    expect(view.text).not.toMatch(/evil|\.html/);

    for (const back of [
      await asConsumer(c.tracking_code, c.access_token, `/files/${sha}`),
      await t.call('GET', `/v1/regulator/complaints/${c.complaint_id}/files/${sha}`, {
        key: t.regulator.token,
      }),
    ]) {
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe('image/gif');
      expect(back.headers.get('content-disposition')).toBe(`attachment; filename="${sha.slice(0, 16)}.gif"`);
      expect(back.headers.get('x-content-type-options')).toBe('nosniff');
      expect(back.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  test('migration 013 renames files kept under their uploaders’ names', async () => {
    const c = await lodge();
    const sha = 'ab'.repeat(32);
    for (const [name, type] of [
      ['evil.html', 'image/gif'],
      ['收据.pdf', 'application/pdf'],
    ] as const)
      t.gw.complaints.insertFile({
        complaint_id: c.complaint_id,
        sha256: type === 'image/gif' ? sha : 'cd'.repeat(32),
        media_type: type,
        size: 10,
        name,
        added_at: new Date().toISOString(),
      });
    t.gw.db.exec(fs.readFileSync(path.join(REPO, 'src/db/migrations/013_complaint_file_names.sql'), 'utf8'));
    expect(
      t.gw.complaints
        .files(c.complaint_id)
        .map((f) => f.name)
        .sort(),
    ).toEqual([`${'ab'.repeat(8)}.gif`, `${'cd'.repeat(8)}.pdf`].sort());
    const applied = t.gw.db.prepare('SELECT version FROM schema_migrations WHERE version = 13').get();
    expect(applied).toBeDefined();
  });
});
