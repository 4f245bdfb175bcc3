import { afterAll, beforeAll, expect, test } from 'vitest';
import { testGateway } from '../helpers/gateway.ts';
import { API_KEY_SCHEME, type OpenApiDocument } from '../helpers/openapi-operations.ts';

const t = testGateway();
afterAll(() => t.close());

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  examples?: unknown;
  properties?: Record<string, Schema>;
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
type Document = OpenApiDocument & {
  info: { license?: { name: string; url?: string } };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
};

let doc: Document;
beforeAll(async () => {
  doc = (await t.call('GET', '/openapi.json')).json as Document;
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
  );

test('every API route (/v1, /public) is in the OpenAPI document with its method', async () => {
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

test('every operation has an operationId: camelCase, and no two the same', () => {
  const ids = operations().map(({ key, op }) => ({ key, id: op.operationId }));
  expect(ids.filter(({ id }) => !id || !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
  const seen = new Map<string, string[]>();
  for (const { key, id } of ids) seen.set(id!, [...(seen.get(id!) ?? []), key]);
  expect([...seen].filter(([, keys]) => keys.length > 1)).toEqual([]);
});

test('every operation declares its security: none, the API key, or a complaint’s access token', () => {
  expect(doc.security, 'no document-wide default: each operation says').toBeUndefined();
  const schemes = doc.components.securitySchemes;
  expect(schemes[API_KEY_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(schemes.complaintAccessToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  const undeclared = operations().filter(({ op }) => op.security === undefined);
  expect(undeclared.map(({ key }) => key)).toEqual([]);

  const bySecurity = (security: unknown) =>
    operations()
      .filter(({ op }) => JSON.stringify(op.security) === JSON.stringify(security))
      .map(({ key }) => key)
      .sort();
  expect(bySecurity([])).toEqual(
    [
      'GET /v1/receipt-key',
      'GET /v1/templates/sellers.xlsx',
      'GET /v1/marks/revoked',
      'GET /v1/marks/{mark_id}',
      'GET /v1/marks/{mark_id}/snippet',
      'GET /public/credit',
      'GET /public/credit/subjects/{subject_id}',
      'GET /public/trace/{scheme}/{code}',
      'POST /public/complaints',
    ].sort(),
  );
  // The consumer's routes of one complaint: its access token opens them, and nothing else does.
  const consumer = bySecurity([{ complaintAccessToken: [] }]);
  expect(consumer).toHaveLength(7);
  expect(consumer.every((key) => key.includes(' /public/complaints/{tracking_code}'))).toBe(true);
  const rest = operations().filter(({ key }) => !bySecurity([]).includes(key) && !consumer.includes(key));
  expect(
    rest.filter(({ op }) => JSON.stringify(op.security) !== JSON.stringify([{ [API_KEY_SCHEME]: [] }])),
  ).toEqual([]);
});

test('every request and response body has an example (a file’s bytes excepted)', () => {
  const resolve = (s: Schema | undefined) =>
    s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s;
  const binary = (s: Schema | undefined): boolean => {
    const r = resolve(s);
    if (r?.type === 'string' && r.format === 'binary') return true;
    return r?.type === 'object' && !!r.properties && Object.values(r.properties).every(binary);
  };
  const missing = operations().flatMap(({ key, op }) =>
    [
      ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => [`request ${type}`, m] as const),
      ...Object.entries(op.responses).flatMap(([status, r]) =>
        Object.entries(r.content ?? {}).map(([type, m]) => [`${status} ${type}`, m] as const),
      ),
    ]
      .filter(([, m]) => m.example === undefined && m.examples === undefined && !binary(m.schema))
      .filter(([, m]) => resolve(m.schema)?.example === undefined)
      .map(([what]) => `${key}: ${what}`),
  );
  expect(missing).toEqual([]);
});

test('the document names its licence (package.json: Apache-2.0)', () => {
  expect(doc.info.license).toMatchObject({ name: 'Apache-2.0' });
});
