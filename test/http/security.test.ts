import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { revokePlatformKey, rotatePlatformKey } from '../../src/accounts/service.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';

// Every authenticated route, with a request that would succeed for the right key.
const PLATFORM_ROUTES = [
  { method: 'POST', url: '/v1/sellers', type: 'application/json', body: '[]' },
  { method: 'GET', url: '/v1/sellers/E-1' },
  { method: 'GET', url: '/v1/sellers/E-1/versions' },
  { method: 'GET', url: '/v1/filings/01ARZ3NDEKTSV4RRFFQ69G5FAV' },
];

let t: TestGateway;
let revokedKey: string;
beforeAll(() => {
  t = testGateway();
  const rotated = rotatePlatformKey(t.gw.accounts, t.platformA.slug);
  revokedKey = rotated.key;
  revokePlatformKey(t.gw.accounts, t.platformA.slug, rotated.prefix);
});
afterAll(() => t.close());

describe.each(PLATFORM_ROUTES)('$method $url', (route) => {
  const send = (headers: Record<string, string>) =>
    t.app.request(route.url, {
      method: route.method,
      headers: { ...(route.type ? { 'content-type': route.type } : {}), ...headers },
      body: route.body,
    });

  test.each([
    ['no Authorization header', {}],
    ['a non-bearer scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a key that is not ours', { authorization: 'Bearer not-a-key' }],
    ['a well-formed unknown key', { authorization: `Bearer mgp_AAAAAAAA_${'x'.repeat(43)}` }],
  ])('refuses %s with 401 problem+json', async (_name, headers) => {
    const res = await send(headers as Record<string, string>);
    const body = await res.text();
    expect(res.status, body).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.parse(body)).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  test('refuses a known prefix with a wrong secret', async () => {
    const [kind, prefix] = t.platformA.key.split('_');
    const res = await send({ authorization: `Bearer ${kind}_${prefix}_${'A'.repeat(43)}` });
    expect(res.status).toBe(401);
  });

  test('refuses a revoked key', async () => {
    const res = await send({ authorization: `Bearer ${revokedKey}` });
    expect(res.status).toBe(401);
  });

  test("refuses a regulator's token: platform routes are for platforms", async () => {
    const res = await send({ authorization: `Bearer ${t.regulator.token}` });
    const body = await res.text();
    expect(res.status, body).toBe(403);
    expect(JSON.parse(body).code).toBe('forbidden');
  });
});

describe('another platform', () => {
  test("sees none of a platform's sellers or filings: its ids answer 404", async () => {
    const seller = enterprise();
    const filed = await t.fileSellers(t.platformA.key, [seller]);
    expect(filed.status, filed.text).toBe(201);
    for (const url of [
      `/v1/sellers/${seller.seller_id}`,
      `/v1/sellers/${seller.seller_id}/versions`,
      `/v1/filings/${filed.json.filing_id}`,
    ]) {
      const own = await t.call('GET', url, { key: t.platformA.key });
      expect(own.status, `${url} ${own.text}`).toBe(200);
      const other = await t.call('GET', url, { key: t.platformB.key });
      expect(other.status, `${url} ${other.text}`).toBe(404);
      expect(other.json.code).toBe('not_found');
    }
  });

  test('cannot change a seller of another platform by filing the same seller_id', async () => {
    const seller = enterprise();
    await t.fileSellers(t.platformA.key, [seller]);
    const res = await t.fileSellers(t.platformB.key, [{ ...seller, store_name: 'hijacked' }]);
    expect(res.json.counts.created).toBe(1);
    const own = await t.call('GET', `/v1/sellers/${seller.seller_id}`, { key: t.platformA.key });
    expect(own.json.record.store_name).toBe(seller.store_name);
    expect(own.json.version).toBe(1);
  });

  test('a platform field in the body is refused, never used to choose the platform', async () => {
    const res = await t.fileSellers(t.platformA.key, [enterprise({ platform: t.platformB.slug })]);
    expect(res.json.counts.rejected).toBe(1);
    expect(res.json.errors[0]).toMatchObject({ field: 'platform', code: 'unknown_field' });
    expect(res.json.platform).toBe(t.platformA.slug);
  });
});

describe('public and unknown routes', () => {
  test('an unknown route is a 404 problem with the request id', async () => {
    const res = await t.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.request_id).toBe(res.headers.get('x-request-id'));
  });

  test('a sane X-Request-Id is echoed, a hostile one replaced', async () => {
    const ok = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123');
    const bad = await t.call('GET', '/healthz', { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{26}$/);
  });

  test('the receipt key, the OpenAPI document and the docs page need no key', async () => {
    const key = await t.call('GET', '/v1/receipt-key');
    expect(key.status).toBe(200);
    expect(key.json.public_key_pem).toContain('BEGIN PUBLIC KEY');
    const doc = await t.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        '/v1/sellers',
        '/v1/sellers/{seller_id}',
        '/v1/filings/{filing_id}',
        '/v1/receipt-key',
      ]),
    );
    const docs = await t.call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('/openapi.json');
    const asset = await t.call('GET', '/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.text.length).toBeGreaterThan(100_000);
    const traversal = await t.call('GET', '/docs/assets/..%2F..%2Fpackage.json');
    expect(traversal.status).toBe(404);
  });
});
