import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/complaints/files.ts';
import { testGateway, type TestGateway } from '../helpers/gateway.ts';
import { asJson, fileSellers, leadBody, PDF, PNG } from './helpers.ts';

/**
 * The platforms' side of violation leads over HTTP: filing a lead about a seller (and every refusal),
 * Idempotency-Key, files typed by their content, and a platform seeing its own leads only.
 */
let t: TestGateway;
let subjects: Record<string, { subject_id: string; store_url: string }>;
const asPlatform = (method: string, url: string, body?: unknown, key = t.platformA.key, headers = {}) =>
  t.call(method, url, { key, headers, ...(body === undefined ? {} : asJson(body)) });
const fileLead = async (sellerId: string, over: Record<string, unknown> = {}) => {
  const res = await asPlatform('POST', '/v1/leads', leadBody(sellerId, over));
  expect(res.status, res.text).toBe(201);
  return res.json;
};
function upload(leadId: string, files: { name: string; bytes: Buffer }[], key = t.platformA.key) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
  return t.call('POST', `/v1/leads/${leadId}/files`, { key, body: form });
}
const audit = (id: string) => t.gw.audit.ofTarget('lead', id).reverse();

beforeAll(async () => {
  t = testGateway();
  subjects = await fileSellers(t, t.platformA.key, ['lead-1', 'lead-2', 'lead-3']);
  await fileSellers(t, t.platformB.key, ['b-lead-1']);
});
afterAll(() => t?.close());

describe('filing a lead', () => {
  test('a lead about a filed seller is submitted, with the store as filed and an audit entry', async () => {
    const res = await asPlatform(
      'POST',
      '/v1/leads',
      leadBody('lead-1', {
        store_url: subjects['lead-1']!.store_url,
        found: '买家反映商家以手机 13812345678 私下交易，身份证号 11010519491231002X 不符，鉴定为假货。',
        records: ['聊天记录（含电话 0571-88881234）'],
        measures: [{ measure: 'delisted_goods' }, { measure: 'other' }],
        measures_note: '冻结店铺保证金',
        reference: 'RISK-1',
      }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/leads/${res.json.lead_id}`);
    expect(res.json).toMatchObject({
      lead_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      platform: t.platformA.slug,
      status: 'submitted',
      category: 'counterfeit',
      seller: {
        seller_id: 'lead-1',
        subject_id: subjects['lead-1']!.subject_id,
        store_url: subjects['lead-1']!.store_url,
      },
      goods: [{ name: '气垫运动鞋 42码', sku: 'SKU-1', url: 'https://shop.example.cn/item/1' }],
      measures: [
        { measure: 'delisted_goods', taken_on: null },
        { measure: 'other', taken_on: null },
      ],
      measures_note: '冻结店铺保证金',
      reference: 'RISK-1',
      decision: null,
      links: [],
      files: [],
      events: [{ seq: 1, action: 'submit', actor: `platform:${t.platformA.slug}`, to: 'submitted' }],
    });
    // ID and phone numbers are masked before they are stored: not in the answer, not in the database.
    expect(res.json.found).toContain('138****5678');
    expect(res.json.found).toContain('110105********002X');
    expect(res.json.records[0]).toContain('057*****1234');
    const stored = JSON.stringify(t.gw.db.prepare('SELECT * FROM leads WHERE id = ?').get(res.json.lead_id));
    for (const secret of ['13812345678', '11010519491231002X', '88881234']) {
      expect(res.text).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    const entries = audit(res.json.lead_id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: `platform:${t.platformA.slug}`, action: 'lead.submit' });
    // The audit entry says what was filed, not what it says.
    expect(entries[0]!.detail).not.toContain('1381');
    expect(JSON.parse(entries[0]!.detail)).toEqual({
      seller_id: 'lead-1',
      category: 'counterfeit',
      goods: 1,
    });
  });

  test('a seller the platform did not file is refused, naming the field, and nothing is written', async () => {
    const before = t.gw.db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number };
    for (const sellerId of ['nobody', 'b-lead-1']) {
      const res = await asPlatform('POST', '/v1/leads', leadBody(sellerId));
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json).toMatchObject({ code: 'invalid_body', errors: [{ field: 'seller_id' }] });
    }
    expect(t.gw.db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual(before);
  });

  test.each([
    ['an unknown category', { category: 'tax_evasion' }, 'category'],
    ['no goods', { goods: [] }, 'goods'],
    [
      'a goods URL that is not http(s)',
      { goods: [{ name: 'x', url: 'javascript:alert(1)' }] },
      'goods.0.url',
    ],
    ['a finding too short', { found: '假货' }, 'found'],
    ['no records', { records: [] }, 'records'],
    ['an unknown measure', { measures: [{ measure: 'fined_seller' }] }, 'measures.0.measure'],
    [
      'a measure twice',
      { measures: [{ measure: 'warned_seller' }, { measure: 'warned_seller' }] },
      'measures.1.measure',
    ],
    ['"other" without a note', { measures: [{ measure: 'other' }] }, 'measures_note'],
    ['a date that does not exist', { found_on: '2026-02-30' }, 'found_on'],
    ['a date in the future', { found_on: '2999-01-01' }, 'found_on'],
    [
      'a measure taken in the future',
      { measures: [{ measure: 'warned_seller', taken_on: '2999-01-01' }] },
      'measures.0.taken_on',
    ],
    ['a store URL that is not the filed store', { store_url: 'https://elsewhere.example.cn/' }, 'store_url'],
    ['an unknown field', { seller_phone: '13812345678' }, ''],
  ])('refuses %s: 400 naming the field', async (_why, over, field) => {
    const res = await asPlatform('POST', '/v1/leads', leadBody('lead-1', over));
    expect(res.status, res.text).toBe(400);
    expect(res.json.code, res.text).toBe('invalid_body');
    expect(
      res.json.errors.map((e: { field: string }) => e.field),
      res.text,
    ).toContain(field);
  });

  test('refuses malformed JSON, a body that is not JSON, and a body past the limit', async () => {
    const malformed = await t.call('POST', '/v1/leads', {
      key: t.platformA.key,
      type: 'application/json',
      body: '{"seller_id": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe('malformed_json');
    const form = await t.call('POST', '/v1/leads', { key: t.platformA.key, type: 'text/plain', body: 'x' });
    expect(form.status).toBe(415);
    const huge = await asPlatform('POST', '/v1/leads', leadBody('lead-1', { found: 'x'.repeat(600 * 1024) }));
    expect(huge.status, huge.text.slice(0, 300)).toBe(413);
    expect(huge.json.code).toBe('payload_too_large');
  });

  test('an Idempotency-Key replays the lead for the same body and refuses another body', async () => {
    const body = leadBody('lead-2', { category: 'price_fraud' });
    const headers = { 'idempotency-key': 'lead-key-1' };
    const first = await asPlatform('POST', '/v1/leads', body, t.platformA.key, headers);
    expect(first.status, first.text).toBe(201);
    const again = await asPlatform('POST', '/v1/leads', body, t.platformA.key, headers);
    expect(again.status, again.text).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.lead_id).toBe(first.json.lead_id);
    const other = await asPlatform(
      'POST',
      '/v1/leads',
      { ...body, found: '另一段不同的描述文字。' },
      t.platformA.key,
      headers,
    );
    expect(other.status, other.text).toBe(422);
    expect(other.json.code).toBe('idempotency_key_reused');
    // Keys are per platform: B may use the same key for its own lead.
    const b = await asPlatform('POST', '/v1/leads', leadBody('b-lead-1'), t.platformB.key, headers);
    expect(b.status, b.text).toBe(201);
    const bad = await asPlatform('POST', '/v1/leads', body, t.platformA.key, {
      'idempotency-key': 'with space',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('invalid_parameter');
  });
});

describe('files', () => {
  test('a PNG and a PDF are kept by their content; a disguised file is refused and nothing is kept', async () => {
    const lead = await fileLead('lead-1');
    const disguised = await upload(lead.lead_id, [
      { name: 'photo.png', bytes: PNG },
      { name: 'evidence.png', bytes: Buffer.from('<html><script>alert(1)</script></html>'.padEnd(64)) },
    ]);
    expect(disguised.status, disguised.text).toBe(415);
    expect(disguised.json).toMatchObject({ code: 'unsupported_file_type' });
    expect(disguised.json.detail).toContain('evidence.png');
    let view = await asPlatform('GET', `/v1/leads/${lead.lead_id}`);
    expect(view.json.files).toEqual([]);

    const added = await upload(lead.lead_id, [
      { name: 'photo.gif', bytes: PNG },
      { name: '../../etc/report.exe', bytes: PDF },
    ]);
    expect(added.status, added.text).toBe(201);
    expect(added.json.files.map((f: { media_type: string }) => f.media_type)).toEqual([
      'image/png',
      'application/pdf',
    ]);
    expect(added.json.files[0].name).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(added.text).not.toContain('report.exe');
    view = await asPlatform('GET', `/v1/leads/${lead.lead_id}`);
    expect(view.json.files).toHaveLength(2);
    expect(view.json.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'add_files']);
    expect(audit(lead.lead_id).map((e) => e.action)).toEqual(['lead.submit', 'lead.add_files']);

    const sha = added.json.files[0].sha256;
    for (const [url, key] of [
      [`/v1/leads/${lead.lead_id}/files/${sha}`, t.platformA.key],
      [`/v1/regulator/leads/${lead.lead_id}/files/${sha}`, t.regulator.token],
    ] as const) {
      const res = await t.app.request(url, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sha.slice(0, 16)}.png"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const unknown = await asPlatform('GET', `/v1/leads/${lead.lead_id}/files/${'0'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    const malformed = await asPlatform('GET', `/v1/leads/${lead.lead_id}/files/not-a-hash`);
    expect(malformed.status).toBe(400);
  });

  test('refuses no file, a form that is not multipart, and a file past 5 MB', async () => {
    const lead = await fileLead('lead-1');
    const none = await t.call('POST', `/v1/leads/${lead.lead_id}/files`, {
      key: t.platformA.key,
      body: new FormData(),
    });
    expect(none.status, none.text).toBe(400);
    const jsonBody = await asPlatform('POST', `/v1/leads/${lead.lead_id}/files`, { file: 'x' });
    expect(jsonBody.status).toBe(415);
    expect(jsonBody.json.code).toBe('unsupported_media_type');
    const big = await upload(lead.lead_id, [
      { name: 'big.png', bytes: Buffer.concat([PNG, Buffer.alloc(MAX_FILE_BYTES)]) },
    ]);
    expect(big.status, big.text).toBe(413);
  });

  test("another platform's lead does not exist for it: 404 for the lead, its files and an upload", async () => {
    const lead = await fileLead('lead-1');
    const added = await upload(lead.lead_id, [{ name: 'a.png', bytes: PNG }]);
    expect(added.status).toBe(201);
    for (const url of [
      `/v1/leads/${lead.lead_id}`,
      `/v1/leads/${lead.lead_id}/files/${added.json.files[0].sha256}`,
    ]) {
      const res = await asPlatform('GET', url, undefined, t.platformB.key);
      expect(res.status, url).toBe(404);
      expect(res.text).not.toContain('lead-1');
    }
    const upl = await upload(lead.lead_id, [{ name: 'b.png', bytes: PNG }], t.platformB.key);
    expect(upl.status).toBe(404);
    const list = await asPlatform('GET', '/v1/leads?limit=500', undefined, t.platformB.key);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(lead.lead_id);
    expect(list.json.leads.every((l: { platform: string }) => l.platform === t.platformB.slug)).toBe(true);
  });
});

describe("the platform's list", () => {
  test('its own leads, latest change first, by status and changed after a time, paged', async () => {
    const res = await asPlatform('GET', '/v1/leads?limit=3');
    expect(res.status, res.text).toBe(200);
    expect(res.json.leads).toHaveLength(3);
    expect(res.json.next_offset).toBe(3);
    const all = await asPlatform('GET', '/v1/leads?limit=500');
    const updated = all.json.leads.map((l: { updated_at: string }) => l.updated_at);
    expect(updated).toEqual([...updated].sort().reverse());
    expect(all.json.leads.every((l: { platform: string }) => l.platform === t.platformA.slug)).toBe(true);
    const newest = updated[0];
    const since = await asPlatform('GET', `/v1/leads?updated_after=${encodeURIComponent(newest)}`);
    expect(since.json).toMatchObject({ leads: [], total: 0 });
    const submitted = await asPlatform('GET', '/v1/leads?status=submitted&limit=500');
    expect(submitted.json.total).toBe(all.json.total);
    const closed = await asPlatform('GET', '/v1/leads?status=closed');
    expect(closed.json).toMatchObject({ leads: [], total: 0, next_offset: null });
    // No key, also on a percent-encoded path to the same route: 401 with a Bearer challenge.
    for (const url of ['/v1/leads', '/v1/%6ceads', `/v1/leads/${all.json.leads[0].lead_id}`]) {
      const res = await t.call('GET', url);
      expect(res.status, url).toBe(401);
      expect(res.headers.get('www-authenticate'), url).toMatch(/^Bearer /);
    }
    for (const [method, url] of [
      ['GET', '/v1/leads/not-a-lead'],
      ['GET', `/v1/leads/not-a-lead/files/${'0'.repeat(64)}`],
      ['POST', '/v1/leads/not-a-lead/files'],
    ] as const) {
      const r = await asPlatform(method, url, method === 'POST' ? {} : undefined);
      expect(r.status, url).toBe(400);
      expect(r.json.code, url).toBe('invalid_parameter');
    }
    const missing = await asPlatform('GET', `/v1/leads/${'0'.repeat(26)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    for (const bad of ['status=open', 'updated_after=yesterday', 'limit=9999']) {
      const r = await asPlatform('GET', `/v1/leads?${bad}`);
      expect(r.status, bad).toBe(400);
    }
  });
});
