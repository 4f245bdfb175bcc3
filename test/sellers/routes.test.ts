import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { enterprise, naturalPerson, type TestGateway, testGateway } from '../helpers/gateway.ts';

let t: TestGateway;
beforeAll(() => {
  t = testGateway({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => t.close());

describe('filing sellers', () => {
  test('a JSON array files each seller and answers 201 with a signed receipt', async () => {
    const records = [enterprise(), naturalPerson()];
    const res = await t.fileSellers(t.platformA.key, records);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/filings/${res.json.filing_id}`);
    expect(res.json).toMatchObject({
      platform: t.platformA.slug,
      kind: 'sellers',
      counts: { received: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 },
      errors: [],
      applied: true,
    });
    expect(res.json.received_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const key = await t.call('GET', '/v1/receipt-key');
    expect(verifyReceipt(res.json, key.json.public_key_pem)).toEqual({ valid: true, complete: true });
  });

  test('the receipt carries the SHA-256 of the raw body', async () => {
    const body = JSON.stringify([enterprise()]);
    const res = await t.fileSellers(t.platformA.key, body);
    const { createHash } = await import('node:crypto');
    expect(res.json.body_sha256).toBe(createHash('sha256').update(body).digest('hex'));
  });

  test('{"records": [...]} is accepted like an array', async () => {
    const res = await t.fileSellers(t.platformA.key, { records: [enterprise()] });
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts.created).toBe(1);
  });

  test('NDJSON reports errors by 1-based line and files the valid lines', async () => {
    const good = enterprise();
    const body = `${JSON.stringify(good)}\n{"seller_id": broken\n\n${JSON.stringify(enterprise({ uscc: '91330106673959654Q' }))}\n`;
    const res = await t.fileSellers(t.platformA.key, body, { type: 'application/x-ndjson' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 3, created: 1, rejected: 2 });
    expect(res.json.errors).toEqual([
      expect.objectContaining({ line: 2, code: 'malformed_json', seller_id: null }),
      expect.objectContaining({ line: 4, field: 'uscc', code: 'invalid_uscc' }),
    ]);
  });

  test('CSV with a BOM and a header of field names files each row; errors carry the line', async () => {
    const a = enterprise({ legal_name: '上海"引号",有限公司' });
    const csv = `\uFEFFseller_id,subject_type,legal_name,uscc,store_name,store_url\r\n${a.seller_id},enterprise,"上海""引号"",有限公司",${a.uscc},${a.store_name},${a.store_url}\r\nX-2,enterprise,Bad Co,123,s,https://x.cn\r\n`;
    const res = await t.fileSellers(t.platformA.key, csv, { type: 'text/csv; charset=utf-8' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 2, created: 1, rejected: 1 });
    expect(res.json.errors).toEqual([
      expect.objectContaining({ line: 3, seller_id: 'X-2', code: 'invalid_uscc' }),
    ]);
    const got = await t.call('GET', `/v1/sellers/${a.seller_id}`, { key: t.platformA.key });
    expect(got.json.record.legal_name).toBe('上海"引号",有限公司');
  });

  test('a CSV header with unknown or missing columns is refused with 400 naming them', async () => {
    const unknown = await t.fileSellers(
      t.platformA.key,
      'seller_id,subject_type,legal_name,store_name,store_url,shop_owner\n',
      {
        type: 'text/csv',
      },
    );
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'unknown_columns', unknown: ['shop_owner'] });
    const missing = await t.fileSellers(t.platformA.key, 'seller_id,legal_name\nA,B\n', { type: 'text/csv' });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ code: 'missing_columns' });
    expect(missing.json.missing).toEqual(['subject_type', 'store_name', 'store_url']);
  });

  test('a CSV that cannot be parsed is a 400 naming the line, without quoting the data', async () => {
    const csv =
      'seller_id,subject_type,legal_name,store_name,store_url\nA-1,enterprise,Co,s,https://a.cn\nA-2,enterprise,x"13812345678",s,https://b.cn\n';
    const res = await t.fileSellers(t.platformA.key, csv, { type: 'text/csv' });
    expect(res.status, res.text).toBe(400);
    expect(res.json).toMatchObject({ code: 'malformed_csv', line: 3 });
    expect(res.text).not.toContain('13812345678');
    expect((await t.call('GET', '/v1/sellers/A-1', { key: t.platformA.key })).status).toBe(404);
  });

  test('re-filing a seller: unchanged when equal, a new version when changed, no version lost', async () => {
    const seller = enterprise();
    await t.fileSellers(t.platformA.key, [seller]);
    const same = await t.fileSellers(t.platformA.key, [seller]);
    expect(same.json.counts).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    const changed = await t.fileSellers(t.platformA.key, [{ ...seller, store_name: '新店名' }]);
    expect(changed.json.counts).toMatchObject({ updated: 1 });
    const closed = await t.fileSellers(t.platformA.key, [
      { ...seller, store_name: '新店名', status: 'closed', closed_at: '2025-01-31' },
    ]);
    expect(closed.json.counts).toMatchObject({ updated: 1 });

    const current = await t.call('GET', `/v1/sellers/${seller.seller_id}`, { key: t.platformA.key });
    expect(current.json).toMatchObject({ version: 3, version_count: 3, filing_id: closed.json.filing_id });
    expect(current.json.record).toMatchObject({
      status: 'closed',
      store_name: '新店名',
      closed_at: '2025-01-31',
    });
    const versions = await t.call('GET', `/v1/sellers/${seller.seller_id}/versions`, {
      key: t.platformA.key,
    });
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.json.versions[2].record.store_name).toBe(seller.store_name);
    expect(versions.json.versions[2].filing_id).not.toBe(versions.json.versions[0].filing_id);
  });

  test('full-width characters and spaces in a USCC are normalised, and the store URL too', async () => {
    const seller = enterprise({
      uscc: '９１３３ ０１０６６７３９５９６５４ｐ',
      store_url: 'HTTPS://Shop.Example.CN:443/Store/1#top',
    });
    const res = await t.fileSellers(t.platformA.key, [seller]);
    expect(res.json.counts.created, res.text).toBe(1);
    const got = await t.call('GET', `/v1/sellers/${seller.seller_id}`, { key: t.platformA.key });
    expect(got.json.record.uscc).toBe('91330106673959654P');
    expect(got.json.record.store_url).toBe('https://shop.example.cn/Store/1');
  });

  test('the same subject filed by two platforms is one subject', async () => {
    const a = await t.fileSellers(t.platformA.key, [
      enterprise({ seller_id: 'same-subject', uscc: '91110108795101314G' }),
    ]);
    const b = await t.fileSellers(t.platformB.key, [
      enterprise({ seller_id: 'other-id', uscc: '91110108795101314G' }),
    ]);
    expect(a.json.counts.created + b.json.counts.created).toBe(2);
    const sa = await t.call('GET', '/v1/sellers/same-subject', { key: t.platformA.key });
    const sb = await t.call('GET', '/v1/sellers/other-id', { key: t.platformB.key });
    expect(sa.json.subject_id).toBe(sb.json.subject_id);
    const pa = await t.fileSellers(t.platformA.key, [
      naturalPerson({ seller_id: 'np-a', id_number: '440524188001010014' }),
    ]);
    const pb = await t.fileSellers(t.platformB.key, [
      naturalPerson({ seller_id: 'np-b', id_number: '440524188001010014' }),
    ]);
    expect(pa.json.counts.created + pb.json.counts.created).toBe(2);
    const na = await t.call('GET', '/v1/sellers/np-a', { key: t.platformA.key });
    const nb = await t.call('GET', '/v1/sellers/np-b', { key: t.platformB.key });
    expect(na.json.subject_id).toBe(nb.json.subject_id);
    expect(na.json.subject_id).not.toBe(sa.json.subject_id);
  });

  test('a seller_id twice in one filing: the first is filed, the later one rejected as duplicate_in_filing', async () => {
    const first = enterprise();
    const res = await t.fileSellers(t.platformA.key, [first, { ...first, store_name: 'second' }]);
    expect(res.json.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(res.json.errors[0]).toMatchObject({
      index: 1,
      seller_id: first.seller_id,
      code: 'duplicate_in_filing',
    });
    expect(res.json.errors[0].message).toContain('index 0');
  });

  test('every error code of a record is reported with its field, in record order', async () => {
    const res = await t.fileSellers(t.platformA.key, [
      {
        subject_type: 'enterprise',
        legal_name: 'A',
        uscc: '91330106673959654P',
        store_name: 's',
        store_url: 'https://a.cn',
      },
      enterprise({ uscc: '91330106673959654Q' }),
      naturalPerson({ id_number: '11010519491231001X' }),
      enterprise({ store_url: 'javascript:alert(1)' }),
      enterprise({ subject_type: 'company' }),
      enterprise({ nickname: 'x' }),
      enterprise({ id_number: '11010519491231002X' }),
      'not an object',
    ]);
    expect(res.status).toBe(201);
    const codes = res.json.errors.map((e: { index: number; field: string; code: string }) => [
      e.index,
      e.field,
      e.code,
    ]);
    expect(codes).toEqual([
      [0, 'seller_id', 'missing_field'],
      [1, 'uscc', 'invalid_uscc'],
      [2, 'id_number', 'invalid_id_number'],
      [3, 'store_url', 'invalid_url'],
      [4, 'subject_type', 'invalid_enum'],
      [5, 'nickname', 'unknown_field'],
      [6, 'id_number', 'field_not_allowed'],
      [7, null, 'invalid_type'],
    ]);
    expect(res.json.counts).toMatchObject({ received: 8, rejected: 8, created: 0 });
  });
});

describe('personal data', () => {
  const id = '11010519491231002X';
  const phone = '13987654321';

  test('is masked in every response and never stored in plain text', async () => {
    const seller = naturalPerson({ id_number: id, contact_phone: phone });
    const filed = await t.fileSellers(t.platformA.key, [
      seller,
      { ...seller, seller_id: 'dup-pii', id_number: '11010519491231001X' },
    ]);
    expect(filed.json.counts.created, filed.text).toBe(1);
    const got = await t.call('GET', `/v1/sellers/${seller.seller_id}`, { key: t.platformA.key });
    expect(got.json.record.id_number).toBe('110105********002X');
    expect(got.json.record.contact_phone).toBe('139****4321');
    const versions = await t.call('GET', `/v1/sellers/${seller.seller_id}/versions`, {
      key: t.platformA.key,
    });
    const filing = await t.call('GET', `/v1/filings/${filed.json.filing_id}`, { key: t.platformA.key });
    for (const text of [filed.text, got.text, versions.text, filing.text]) {
      expect(text).not.toContain(id);
      expect(text).not.toContain('11010519491231001X');
      expect(text).not.toContain(phone);
    }
    t.gw.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(t.dataDir).filter((f) => f.startsWith('marketgate.db'))) {
      const bytes = fs.readFileSync(path.join(t.dataDir, file));
      expect(bytes.includes(Buffer.from(id)), file).toBe(false);
      expect(bytes.includes(Buffer.from(phone)), file).toBe(false);
    }
  });

  test('an invalid ID number is rejected without echoing it', async () => {
    const res = await t.fileSellers(t.platformA.key, [naturalPerson({ id_number: '11010519491231001X' })]);
    expect(res.json.errors[0].code).toBe('invalid_id_number');
    expect(res.text).not.toContain('11010519491231001X');
  });
});

describe('idempotency', () => {
  test('a retry with the same key and body returns the original receipt and changes nothing', async () => {
    const records = [enterprise()];
    const first = await t.fileSellers(t.platformA.key, records, { idempotencyKey: 'batch-1' });
    expect(first.status).toBe(201);
    const again = await t.fileSellers(t.platformA.key, records, { idempotencyKey: 'batch-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const seller = await t.call('GET', `/v1/sellers/${records[0]!.seller_id}`, { key: t.platformA.key });
    expect(seller.json.version).toBe(1);
  });

  test('the same key with another body answers 422 idempotency_key_reused and files nothing', async () => {
    await t.fileSellers(t.platformA.key, [enterprise()], { idempotencyKey: 'batch-2' });
    const other = enterprise();
    const res = await t.fileSellers(t.platformA.key, [other], { idempotencyKey: 'batch-2' });
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('idempotency_key_reused');
    const seller = await t.call('GET', `/v1/sellers/${other.seller_id}`, { key: t.platformA.key });
    expect(seller.status).toBe(404);
  });

  test("keys are per platform: another platform's key of the same name is its own", async () => {
    const a = await t.fileSellers(t.platformA.key, [enterprise()], { idempotencyKey: 'shared-name' });
    const b = await t.fileSellers(t.platformB.key, [enterprise()], { idempotencyKey: 'shared-name' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.filing_id).not.toBe(a.json.filing_id);
  });

  test('a malformed Idempotency-Key is refused', async () => {
    const res = await t.fileSellers(t.platformA.key, [enterprise()], { idempotencyKey: 'has space' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_parameter');
  });
});

describe('atomic filings', () => {
  test('?atomic=true files nothing when one record is rejected, and says so with a signed receipt', async () => {
    const good = enterprise();
    const res = await t.fileSellers(t.platformA.key, [good, enterprise({ uscc: 'bad' })], {
      query: '?atomic=true',
    });
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('atomic_filing_rejected');
    expect(res.json.receipt).toMatchObject({
      applied: false,
      atomic: true,
      counts: { created: 0, rejected: 1, received: 2 },
    });
    const key = await t.call('GET', '/v1/receipt-key');
    expect(verifyReceipt(res.json.receipt, key.json.public_key_pem).valid).toBe(true);
    expect((await t.call('GET', `/v1/sellers/${good.seller_id}`, { key: t.platformA.key })).status).toBe(404);
  });

  test('?atomic=true with only valid records files them all', async () => {
    const res = await t.fileSellers(t.platformA.key, [enterprise(), enterprise()], { query: '?atomic=true' });
    expect(res.status).toBe(201);
    expect(res.json.counts.created).toBe(2);
  });

  test('?atomic=maybe is a bad parameter', async () => {
    const res = await t.fileSellers(t.platformA.key, [enterprise()], { query: '?atomic=maybe' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_parameter');
  });
});

describe('bad bodies get a clear error', () => {
  test.each([
    ['[{"seller_id": "a",}]', 1, 20],
    ['[\n  {"seller_id": "a"},\n  {"seller_id" "b"}\n]', 3, 16],
    ['[{"seller_id": "a"}', 1, 20],
    ['', 1, 1],
  ])('malformed JSON %j is a 400 naming line %i column %i', async (body, line, column) => {
    const res = await t.fileSellers(t.platformA.key, body);
    expect(res.status, res.text).toBe(400);
    expect(res.json).toMatchObject({ code: 'malformed_json', line, column });
  });

  test('a JSON body that is neither an array nor {"records"} is a 400', async () => {
    const res = await t.fileSellers(t.platformA.key, { sellers: [] });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_body');
  });

  test.each([
    ['text/plain'],
    ['application/xml'],
    ['multipart/form-data; boundary=x'],
    ['application/json; charset=gbk'],
  ])('Content-Type %s is a 415', async (type) => {
    const res = await t.fileSellers(t.platformA.key, '[]', { type });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('unsupported_media_type');
  });

  test('a missing Content-Type is a 415', async () => {
    const res = await t.call('POST', '/v1/sellers', { key: t.platformA.key, body: '[]' });
    expect(res.status).toBe(415);
  });

  test('a body over the limit is a 413, by Content-Length or by counting', async () => {
    const big = JSON.stringify(Array.from({ length: 400 }, () => enterprise()));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await t.fileSellers(t.platformA.key, big);
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('payload_too_large');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await t.app.request('/v1/sellers', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.platformA.key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  test('a body that is not UTF-8 is a 400 invalid_encoding', async () => {
    const gbk = Buffer.from([0x5b, 0x7b, 0x22, 0xc9, 0xcc, 0x22, 0x3a, 0x31, 0x7d, 0x5d]);
    const res = await t.call('POST', '/v1/sellers', {
      key: t.platformA.key,
      body: gbk,
      type: 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_encoding');
  });

  test('hostile values are stored as text and returned as JSON, never interpreted', async () => {
    const seller = enterprise({
      legal_name: "Robert'); DROP TABLE sellers;--",
      store_name: '<script>alert(1)</script>',
    });
    const res = await t.fileSellers(t.platformA.key, [seller]);
    expect(res.json.counts.created).toBe(1);
    const got = await t.call('GET', `/v1/sellers/${seller.seller_id}`, { key: t.platformA.key });
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.json.record.legal_name).toBe(seller.legal_name);
    expect(got.json.record.store_name).toBe(seller.store_name);
  });

  test('a __proto__ key cannot pollute anything; it is an unknown field', async () => {
    const res = await t.fileSellers(
      t.platformA.key,
      `[${JSON.stringify(enterprise()).slice(0, -1)},"__proto__":{"polluted":1}}]`,
    );
    expect(res.json.errors[0]).toMatchObject({ field: '__proto__', code: 'unknown_field' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('GET /v1/filings/{filing_id}', () => {
  test('returns the receipt again, and pages a long error list that still verifies', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => enterprise({ uscc: `bad-${i}` }));
    const filed = await t.fileSellers(t.platformA.key, bad);
    const whole = await t.call('GET', `/v1/filings/${filed.json.filing_id}`, { key: t.platformA.key });
    expect(whole.json).toEqual(filed.json);
    const page = await t.call('GET', `/v1/filings/${filed.json.filing_id}?errors_offset=3&errors_limit=2`, {
      key: t.platformA.key,
    });
    expect(page.status, page.text).toBe(200);
    expect(page.json.errors).toEqual(filed.json.errors.slice(3, 5));
    expect(page.json.errors_page).toEqual({
      offset: 3,
      limit: 2,
      total: 7,
      next: `/v1/filings/${filed.json.filing_id}?errors_offset=5&errors_limit=2`,
    });
    const key = await t.call('GET', '/v1/receipt-key');
    expect(verifyReceipt(page.json, key.json.public_key_pem)).toEqual({ valid: true, complete: false });
  });

  test('bad paging parameters are a 400 naming the parameter', async () => {
    const res = await t.call('GET', '/v1/filings/x?errors_limit=0', { key: t.platformA.key });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_parameter');
    expect(res.json.detail).toContain('errors_limit');
  });
});
