import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addWorker } from '../../src/accounts/service.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { testGateway } from '../helpers/gateway.ts';
import {
  type OpenApiDocument,
  type Operation,
  operationsOf,
  requiresBearer,
  urlOf,
} from '../helpers/openapi-operations.ts';
import { type PopulatedGateway, populatedGateway } from '../helpers/populated-gateway.ts';

/**
 * The security cases of every route, generated from the OpenAPI document the registry builds (unkey's
 * runCommonRouteTests): a route added to the registry is checked without anyone listing it here, and
 * one whose parameters the matrix cannot fill with real ids fails, naming the route.
 */

// The document is the registry's, whatever the data: read it before the tests are collected.
const docGateway = testGateway();
const doc = (await docGateway.call('GET', '/openapi.json')).json as OpenApiDocument;
await docGateway.close();
const operations = operationsOf(doc);
const bearerRoutes = operations.filter((op) => requiresBearer(op, doc));
const openRoutes = operations.filter((op) => !requiresBearer(op, doc));

/**
 * Who a bearer route is for (README, src/http/auth.ts): /v1/regulator/* regulators and admins, the event
 * feed and webhooks every account (each sees its own), decision filings departments, the decisions'
 * exchange departments, regulators and admins, /v1/worker/* the fleet's crawl workers, the rest platforms.
 */
const roleOf = (op: Operation) =>
  op.path.startsWith('/v1/regulator/')
    ? 'regulator'
    : op.path.startsWith('/v1/events') || op.path.startsWith('/v1/webhooks')
      ? 'any'
      : op.path === '/v1/decisions'
        ? 'department'
        : op.path.startsWith('/v1/exchange/')
          ? 'exchange'
          : op.path.startsWith('/v1/worker/')
            ? 'worker'
            : 'platform';

/** Routes that need no key, and why. */
const PUBLIC: Record<string, string> = {
  'GET /v1/receipt-key': 'anyone verifies receipts offline',
  'GET /v1/templates/sellers.xlsx': 'anyone prepares a seller spreadsheet',
  'GET /v1/marks/revoked': 'third parties poll revocations of the marks they show',
  'GET /v1/marks/{mark_id}': 'anyone verifies a trust mark',
  'GET /v1/marks/{mark_id}/snippet': 'a store copies the HTML of its mark',
  'GET /public/credit': 'the public credit inquiry',
  'GET /public/credit/subjects/{subject_id}': 'the public credit inquiry',
  'POST /public/complaints': 'consumers lodge complaints without an account',
  'GET /public/trace/{scheme}/{code}': 'anyone checks the trace code of a product',
};

/** Routes a consumer opens with the access token of one complaint (not an API key): no other token opens them. */
const CONSUMER_TOKEN = new Set([
  'GET /public/complaints/{tracking_code}',
  'POST /public/complaints/{tracking_code}/messages',
  'POST /public/complaints/{tracking_code}/accept',
  'POST /public/complaints/{tracking_code}/reject',
  'POST /public/complaints/{tracking_code}/withdraw',
  'POST /public/complaints/{tracking_code}/files',
  'GET /public/complaints/{tracking_code}/files/{sha256}',
]);

/** The routes of the hand-listed test this matrix replaces (test/http/security.test.ts). */
const HAND_LISTED = [
  'POST /v1/sellers',
  'GET /v1/sellers/{seller_id}',
  'GET /v1/sellers/{seller_id}/versions',
  'GET /v1/filings/{filing_id}',
];

/** The risk warnings' routes (issue 15, src/risk/routes.ts): regulators' and admins' alone. */
const RISK_ROUTES = [
  'GET /v1/regulator/risk/warnings',
  'GET /v1/regulator/risk/warnings/{warning_id}',
  'POST /v1/regulator/risk/warnings/{warning_id}/assign',
  'POST /v1/regulator/risk/warnings/{warning_id}/confirm',
  'POST /v1/regulator/risk/warnings/{warning_id}/dismiss',
  'GET /v1/regulator/risk/signals',
];

/**
 * Valid bodies of the platform routes that name a platform's data by id: the other platform must get
 * 404 for the id, not 400 for the body (commitments read the body before they look up the seller).
 */
const VALID_BODIES: Record<string, unknown> = {
  'POST /v1/sellers/{seller_id}/commitments': {
    text: '本店承诺依法公示营业执照信息。',
    signatory: '张三',
    signed_on: chinaToday(),
  },
  'POST /v1/complaints/{complaint_id}/responses': { kind: 'refund', message: '已全额退款。' },
  'POST /v1/complaints/{complaint_id}/messages': { message: '请提供收货照片。' },
  'POST /v1/events/{seq}/ack': { note: 'seen' },
  'POST /v1/webhooks/{webhook_id}/rotate-secret': {},
  'POST /v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry': {},
  'DELETE /v1/webhooks/{webhook_id}': {},
  'POST /v1/leads/{lead_id}/files': {},
  'POST /v1/assistance-requests/{request_id}/answers': {},
};

/** A body no route accepts: a POST that gets past the auth layer answers 400, and nothing changes. */
const MALFORMED = '{"matrix": ';

let w: PopulatedGateway;
/** A crawl worker's key (issue 20): the worker routes are its alone. */
let workerKey: string;
beforeAll(async () => {
  w = await populatedGateway();
  workerKey = addWorker(w.t.gw.accounts, { name: 'matrix-worker' }).token;
}, 60_000);
afterAll(() => w?.close());

/** A real value for each parameter a route names, from the data populatedGateway made. */
const valueOf = (name: string, op: Operation) => w.parameter(name, op.path);

async function send(
  op: Operation,
  authorization: string | undefined,
  init: { body?: unknown; params?: Record<string, string>; encoded?: boolean } = {},
) {
  let url = urlOf(op, valueOf, init.params);
  // The same route with the first letter of its second segment percent-encoded (/v1/%72egulator/...).
  if (init.encoded)
    url = url.replace(
      /^(\/[^/]+\/)(\w)/,
      (_, head: string, ch: string) => `${head}%${ch.charCodeAt(0).toString(16)}`,
    );
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const body =
    op.method === 'GET' ? undefined : init.body === undefined ? MALFORMED : JSON.stringify(init.body);
  const res = await w.t.call(op.method, url, { headers, body, type: body && 'application/json' });
  return { ...res, url, what: `${op.key} → ${res.status} ${res.text.slice(0, 500)}` };
}

const bearer = (key: string) => `Bearer ${key}`;
const wrongSecret = (key: string) => `Bearer ${key.split('_').slice(0, 2).join('_')}_${'A'.repeat(43)}`;

function expectProblem(res: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect(res.status, res.what).toBe(status);
  expect(res.headers.get('content-type'), res.what).toBe('application/problem+json');
  expect(res.json, res.what).toMatchObject({ status, code });
}

/**
 * The right key got past the auth layer with real ids: a GET answers 200; a POST is at most refused for
 * its body or the state of what it names (400, 409, a workflow's actor_not_permitted), never for who
 * sent it or for an id it cannot see.
 */
function expectReached(op: Operation, res: Awaited<ReturnType<typeof send>>) {
  if (op.method === 'GET') expect(res.status, res.what).toBe(200);
  else {
    expect(res.status, res.what).toBeLessThan(500);
    expect([401, 404], res.what).not.toContain(res.status);
    expect(['unauthorized', 'forbidden', 'not_found'], res.what).not.toContain(res.json?.code);
  }
}

describe('the matrix', () => {
  test('covers every operation of the document, each in exactly one class', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(bearerRoutes.length).toBeGreaterThanOrEqual(30);
    const unclassified = openRoutes
      .map((op) => op.key)
      .filter((key) => !(key in PUBLIC) && !CONSUMER_TOKEN.has(key));
    expect(
      unclassified,
      'routes without a bearer scheme that are neither public nor consumer routes',
    ).toEqual([]);
    const known = new Set(operations.map((op) => op.key));
    const stale = [...Object.keys(PUBLIC), ...CONSUMER_TOKEN, ...Object.keys(VALID_BODIES)].filter(
      (key) => !known.has(key),
    );
    expect(stale, 'entries of the lists above that are no route of the document').toEqual([]);
  });

  test('covers at least the routes of the hand-listed security test', () => {
    expect(bearerRoutes.map((op) => op.key)).toEqual(expect.arrayContaining(HAND_LISTED));
  });

  test('covers the risk routes, each a bearer route for regulators', () => {
    const risk = operations.filter((op) => op.path.startsWith('/v1/regulator/risk/'));
    expect(risk.map((op) => op.key).sort()).toEqual([...RISK_ROUTES].sort());
    for (const op of risk) {
      expect(requiresBearer(op, doc), op.key).toBe(true);
      expect(roleOf(op), op.key).toBe('regulator');
    }
  });

  test('knows the role of every bearer route, and every scheme a route names is defined', () => {
    expect(bearerRoutes.filter((op) => !op.path.startsWith('/v1/')).map((op) => op.key)).toEqual([]);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const undefinedSchemes = operations.flatMap((op) =>
      (op.security ?? []).flatMap((r) =>
        Object.keys(r).filter((name) => !doc.components?.securitySchemes?.[name]),
      ),
    );
    expect(undefinedSchemes).toEqual([]);
  });

  test('fills every path and required query parameter of every route with a real value', () => {
    const unfilled = operations.flatMap((op) => {
      try {
        urlOf(op, valueOf);
        return [];
      } catch (err) {
        return [(err as Error).message];
      }
    });
    expect(unfilled).toEqual([]);
  });
});

const UNAUTHENTICATED: [string, () => string | undefined][] = [
  ['no Authorization header', () => undefined],
  ['a non-bearer scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
  ['an empty bearer', () => 'Bearer '],
  ['a bearer that is no key of ours', () => 'Bearer not-a-key'],
  ['a well-formed unknown platform key', () => `Bearer mgp_AAAAAAAA_${'x'.repeat(43)}`],
  ['a well-formed unknown regulator token', () => `Bearer mgr_AAAAAAAA_${'x'.repeat(43)}`],
  ["a platform key's prefix with a wrong secret", () => wrongSecret(w.keys.platformA)],
  ["a regulator token's prefix with a wrong secret", () => wrongSecret(w.keys.regulator)],
  ['a revoked platform key', () => bearer(w.keys.revokedPlatform)],
  ['a revoked regulator token', () => bearer(w.keys.revokedRegulator)],
];

describe.each(bearerRoutes.map((op) => [op.key, op] as const))('%s', (_key, op) => {
  const role = roleOf(op);

  test.each(UNAUTHENTICATED)('refuses %s: 401 problem with a Bearer challenge', async (_why, header) => {
    const res = await send(op, header());
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate'), res.what).toMatch(/^Bearer /);
  });

  test('refuses a request without a key on a percent-encoded path to it', async () => {
    const res = await send(op, undefined, { encoded: true });
    expect(res.url, 'the path was not encoded').toMatch(/^\/[^/]+\/%[0-9a-f]{2}/);
    expectProblem(res, 401, 'unauthorized');
  });

  const wrongRoles: [string, () => string][] =
    role === 'any'
      ? []
      : role === 'regulator'
        ? [
            ['a platform key', () => w.keys.platformA],
            ['a department key', () => w.keys.department],
          ]
        : role === 'department'
          ? [
              ['a platform key', () => w.keys.platformA],
              ['a regulator token', () => w.keys.regulator],
            ]
          : role === 'exchange'
            ? [['a platform key', () => w.keys.platformA]]
            : role === 'worker'
              ? [
                  ['a platform key', () => w.keys.platformA],
                  ['a department key', () => w.keys.department],
                  ['a regulator token', () => w.keys.regulator],
                  ['an admin token', () => w.keys.admin],
                ]
              : [
                  ['a regulator token', () => w.keys.regulator],
                  ['an admin token', () => w.keys.admin],
                ];
  if (wrongRoles.length)
    test.each(wrongRoles)(`refuses %s: 403, the route is for ${role}s`, async (_who, key) => {
      expectProblem(await send(op, bearer(key())), 403, 'forbidden');
    });

  const rightRoles: [string, () => string][] =
    role === 'worker'
      ? [['a crawl worker', () => workerKey]]
      : role === 'department'
        ? [['a department', () => w.keys.department]]
        : role === 'exchange'
          ? [
              ['a department', () => w.keys.department],
              ['a regulator', () => w.keys.regulator],
              ['an admin', () => w.keys.admin],
            ]
          : // A webhook is its owner's alone: a regulator is refused another account's as if it did not exist.
            role === 'platform' ||
              (role === 'any' && (op.method !== 'GET' || op.pathParams.includes('webhook_id')))
            ? [['its platform', () => w.keys.platformA]]
            : role === 'any'
              ? [
                  ['its platform', () => w.keys.platformA],
                  ['a regulator', () => w.keys.regulator],
                ]
              : op.method === 'GET'
                ? [
                    ['a regulator', () => w.keys.regulator],
                    ['an admin', () => w.keys.admin],
                  ]
                : [['a regulator', () => w.keys.regulator]];
  test.each(rightRoles)('lets %s through to real data', async (_who, key) => {
    expectReached(op, await send(op, bearer(key())));
  });

  // Admins work the risk queue as regulators do (src/risk/routes.ts): its commands let them through too.
  if (RISK_ROUTES.includes(op.key) && op.method !== 'GET') {
    test('lets an admin through to real data', async () => {
      expectReached(op, await send(op, bearer(w.keys.admin)));
    });
  }

  if ((role === 'platform' || role === 'any') && op.pathParams.length > 0) {
    test("answers another platform's request for its ids with 404, never the data", async () => {
      const body = op.method === 'GET' ? undefined : VALID_BODIES[op.key];
      expect(
        op.method === 'GET' || body !== undefined,
        `${op.key}: give VALID_BODIES a valid body, so that the other platform's 404 is for the id`,
      ).toBe(true);
      const other = await send(op, bearer(w.keys.platformB), { body });
      expectProblem(other, 404, 'not_found');
      for (const id of w.privateToA.filter((s) => !other.url.includes(s)))
        expect(other.text, other.what).not.toContain(id);
      // The same request of the owner finds it: the 404 above is for the owner, not for the request.
      const own = await send(op, bearer(w.keys.platformA), { body });
      expectReached(op, own);
    });
  }

  // A lead file's bytes hold no ids (an image): that another platform gets 404 for it is checked above.
  const leadFile = op.path.startsWith('/v1/leads/') && op.path.endsWith('/files/{sha256}');
  if ((role === 'platform' || role === 'any') && op.method === 'GET' && !leadFile) {
    test("shows a platform its own data and none of another platform's", async () => {
      const own = await send(op, bearer(w.keys.platformA));
      expect(
        w.privateToA.some((id) => own.text.includes(id)),
        `${own.what}: the owner's answer shows none of its data`,
      ).toBe(true);
      const other = await send(op, bearer(w.keys.platformB));
      for (const id of w.privateToA.filter((s) => !other.url.includes(s)))
        expect(other.text, other.what).not.toContain(id);
    });
  }

  if (role === 'regulator' && op.pathParams.includes('platform') && op.pathParams.includes('seller_id')) {
    test("answers 404 for a platform's store named under another platform", async () => {
      const res = await send(op, bearer(w.keys.regulator), { params: { platform: w.ids.otherPlatform } });
      expectProblem(res, 404, 'not_found');
    });
  }
});

describe.each([...CONSUMER_TOKEN].map((key) => [key] as const))('%s (access token)', (key) => {
  const op = () => operations.find((o) => o.key === key)!;

  test('refuses a request without a token: 401 problem with a Bearer challenge', async () => {
    const res = await send(op(), undefined);
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate'), res.what).toMatch(/^Bearer /);
  });

  test.each([
    ["another complaint's access token", () => w.ids.otherAccessToken],
    ['a platform key', () => w.keys.platformA],
    ['a regulator token', () => w.keys.regulator],
    ['an admin token', () => w.keys.admin],
  ])('answers %s with 404, as if there were no complaint', async (_who, token) => {
    const res = await send(op(), bearer(token()));
    expectProblem(res, 404, 'not_found');
    expect(res.text, res.what).not.toContain(w.ids.complaintId);
  });

  test("lets the complaint's own token through", async () => {
    expectReached(op(), await send(op(), bearer(w.ids.accessToken)));
  });
});

describe.each(Object.entries(PUBLIC))('%s (public: %s)', (key) => {
  test('answers without a key', async () => {
    const op = operations.find((o) => o.key === key)!;
    const res = await send(op, undefined);
    expect([401, 403], res.what).not.toContain(res.status);
    expectReached(op, res);
  });
});
