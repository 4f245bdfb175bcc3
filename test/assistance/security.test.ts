import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestGateway } from '../helpers/gateway.ts';
import { assistanceGateway, createRequest, upload } from './helpers.ts';

/**
 * The security cases of every assistance route, as the shared matrix (test/http/security-matrix.test.ts)
 * runs them on every route: no key, a percent-encoded path, the wrong role, another platform's ids.
 */
let t: TestGateway;
const ids = { request: '', answer: '' };
beforeAll(async () => {
  t = await assistanceGateway();
  ids.request = (await createRequest(t)).request_id;
  const answered = await upload(t, ids.request, 'a,b\n1,2\n', 'text/csv', { query: '?final=false' });
  expect(answered.status, answered.text).toBe(201);
  ids.answer = answered.json.answer_id;
});
afterAll(() => t.close());

const routes = () => ({
  regulator: [
    ['POST', '/v1/regulator/assistance-requests'],
    ['GET', '/v1/regulator/assistance-requests'],
    ['GET', `/v1/regulator/assistance-requests/${ids.request}`],
    ['POST', `/v1/regulator/assistance-requests/${ids.request}/cancel`],
    ['GET', `/v1/regulator/assistance-requests/${ids.request}/answers/${ids.answer}`],
  ],
  platform: [
    ['GET', '/v1/assistance-requests'],
    ['GET', `/v1/assistance-requests/${ids.request}`],
    ['POST', `/v1/assistance-requests/${ids.request}/answers`],
    ['GET', `/v1/assistance-requests/${ids.request}/answers/${ids.answer}`],
  ],
});
const all = () => [...routes().regulator, ...routes().platform];
const send = (method: string, url: string, key?: string) =>
  t.call(method, url, {
    ...(key ? { key } : {}),
    ...(method === 'POST' ? { type: 'application/json', body: '{"matrix": ' } : {}),
  });

describe('every route', () => {
  test('is in the OpenAPI document with the bearer scheme', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .filter(([path]) => path.includes('assistance-requests'))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
      );
    expect(ops.map((o) => o.key).sort()).toEqual([
      'GET /v1/assistance-requests',
      'GET /v1/assistance-requests/{request_id}',
      'GET /v1/assistance-requests/{request_id}/answers/{answer_id}',
      'GET /v1/regulator/assistance-requests',
      'GET /v1/regulator/assistance-requests/{request_id}',
      'GET /v1/regulator/assistance-requests/{request_id}/answers/{answer_id}',
      'POST /v1/assistance-requests/{request_id}/answers',
      'POST /v1/regulator/assistance-requests',
      'POST /v1/regulator/assistance-requests/{request_id}/cancel',
    ]);
    for (const { key, op } of ops) expect(op.security, key).toEqual([{ bearer: [] }]);
  });

  test('refuses no key, and a percent-encoded path without one, with 401 and a Bearer challenge', async () => {
    for (const [method, url] of all()) {
      for (const path of [
        url!,
        url!.replace(/^\/v1\/(\w)/, (_, ch: string) => `/v1/%${ch.charCodeAt(0).toString(16)}`),
      ]) {
        const res = await send(method!, path);
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(401);
        expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer /);
      }
    }
  });

  test('refuses the wrong role with 403', async () => {
    for (const [method, url] of routes().regulator) {
      const res = await send(method!, url!, t.platformA.key);
      expect(res.json, `${method} ${url}`).toMatchObject({ status: 403, code: 'forbidden' });
    }
    for (const [method, url] of routes().platform) {
      const res = await send(method!, url!, t.regulator.token);
      expect(res.json, `${method} ${url}`).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  test("answers another platform's request for its ids with 404 and none of the data; the owner gets through", async () => {
    for (const [method, url] of routes().platform.filter(([, u]) => u!.includes(ids.request))) {
      const other = await send(method!, url!, t.platformB.key);
      expect(other.json, `${method} ${url}`).toMatchObject({ status: 404, code: 'not_found' });
      expect(other.text).not.toContain('shop-a');
      const own = await send(method!, url!, t.platformA.key);
      expect([200, 415], `${method} ${url}: ${own.text}`).toContain(own.status);
      if (method === 'GET') expect(own.text).toContain(ids.request);
    }
  });

  test('lets regulators through to real data', async () => {
    for (const [method, url] of routes().regulator) {
      const res = await send(method!, url!, t.regulator.token);
      if (method === 'GET') expect(res.status, `${url}: ${res.text}`).toBe(200);
      else expect(res.json, `${url}: ${res.text}`).toMatchObject({ status: 400, code: 'malformed_json' });
    }
  });
});
