import { afterAll, expect, test } from 'vitest';
import { testGateway } from '../helpers/gateway.ts';

const t = testGateway();
afterAll(() => t.close());

test('every API route (/v1, /public) is in the OpenAPI document with its method', async () => {
  const doc = (await t.call('GET', '/openapi.json')).json as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = t.app.routes
    .filter((r) => r.method !== 'ALL' && /^\/(v1|public)\//.test(r.path))
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([a-z0-9_]+)/g, '{$1}')}`);
  expect(routes.length).toBeGreaterThan(40);
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`)),
  );
  expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  // And the other way: nothing documented that does not exist.
  const served = new Set(routes);
  expect([...documented].filter((d) => /^(get|post) \/(v1|public)\//.test(d) && !served.has(d))).toEqual([]);
});
