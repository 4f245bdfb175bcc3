import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import { actorOf } from '../accounts/principal.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  jsonBodyLimits,
  NO_KEY,
  problem,
  RATE_LIMITED,
  validationHook,
} from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { TRACE_RESULTS } from './check.ts';
import { MAX_TRACE_CODE, TRACE_SCHEMES } from './codes.ts';
import {
  checkTraceCode,
  MIN_RECALL_PREFIX,
  RECALL_EVENT_ORDERS,
  recallProducts,
  STORES_SHOWN,
} from './service.ts';

const StoreSchema = z.object({
  platform: z.string(),
  platform_name: z.string(),
  seller_id: z.string(),
  store_name: z.string().nullable(),
  store_url: z.string().nullable(),
  credit_page: z
    .string()
    .nullable()
    .openapi({ description: "The store's market subject's public credit page." }),
  verification: z.object({ verdict: z.string(), finished_at: z.string() }).nullable().openapi({
    description: "The latest crawl's verdict on the store: does it show its real-name identity.",
  }),
});

const STORE_EXAMPLE = {
  platform: EX.platform,
  platform_name: '示例商城',
  seller_id: 'S-1001',
  store_name: '杭州示例茶叶店',
  store_url: 'https://shop.example.cn/s/1001',
  credit_page: 'https://gateway.example.cn/credit/01JQ2S8W0C4D6E8F0G2H4J6K8M',
  verification: { verdict: 'compliant', finished_at: '2026-11-20T02:14:07.000Z' },
};

const TraceCheckSchema = z
  .object({
    scheme: z.enum(TRACE_SCHEMES),
    code: z.string(),
    result: z.enum(TRACE_RESULTS),
    sale: StoreSchema.extend({
      month: z.string().openapi({ description: 'The month of the sale (China Standard Time).' }),
      category: z.string().nullable(),
    })
      .nullable()
      .openapi({ description: 'With sold_once: who sold it, when and what.' }),
    sales: z
      .object({
        count: z.number().int(),
        first_month: z.string(),
        last_month: z.string(),
        stores: z.array(StoreSchema.extend({ sales: z.number().int() })),
        stores_total: z.number().int(),
      })
      .nullable()
      .openapi({
        description: `With sold_more_than_once: how many sales, the first and last month, and the stores (at most ${STORES_SHOWN}, most sales first).`,
      }),
    returned_and_resold: z.number().int().openapi({
      description:
        'Sales refunded and followed by a sale of the same store: the box came back and was sold again. Not counted twice.',
    }),
    recall: z
      .object({ recall_id: z.string(), reason: z.string(), legal_basis: z.string(), recalled_at: z.string() })
      .nullable()
      .openapi({ description: 'The recall that names this code, if one does.' }),
    meaning: z.string().openapi({ description: 'What the result may mean and what to do, in plain words.' }),
  })
  .openapi('TraceCheck', {
    example: {
      scheme: 'drug',
      code: '81234560012345678901',
      result: 'sold_more_than_once',
      sale: null,
      sales: {
        count: 2,
        first_month: '2026-10',
        last_month: '2026-11',
        stores: [
          { ...STORE_EXAMPLE, sales: 1 },
          {
            ...STORE_EXAMPLE,
            seller_id: 'S-2040',
            store_name: '某某大药房',
            store_url: 'https://shop.example.cn/s/2040',
            verification: null,
            credit_page: null,
            sales: 1,
          },
        ],
        stores_total: 2,
      },
      returned_and_resold: 0,
      recall: null,
      meaning:
        'This code was sold more than once. A code is printed on one box: a second sale may mean a box sold again after use, or a counterfeit carrying a copied code.',
    },
  });

const check = createRoute({
  method: 'get',
  path: '/public/trace/{scheme}/{code}',
  tags: ['Public'],
  operationId: 'checkTraceCode',
  summary: 'Check a product trace code: not sold, sold once, or sold more than once (no login)',
  description:
    'What the filed orders of every platform say about one trace code (docs/trace-codes.md): `not_found` (never filed as sold), `sold_once` (the platform, the store and its verification, the month, the category) or `sold_more_than_once` (how many sales, the first and last month, the stores), and whether a regulator recalled it. Never anything about a buyer. A cancelled order sold nothing; a refund followed by a sale of the same store is a return and a resale, counted once. A GS1 element string goes in the path percent-encoded: `(01)09506000134352(21)A1` as `%2801%2909506000134352%2821%29A1`.',
  security: NO_KEY,
  request: {
    params: z.object({
      scheme: z
        .string()
        .max(16)
        .openapi({ example: 'drug', description: `One of ${TRACE_SCHEMES.join(', ')}.` }),
      code: z.string().min(1).max(MAX_TRACE_CODE).openapi({ example: '81234560012345678901' }),
    }),
  },
  responses: {
    200: {
      description: 'What the filed orders say.',
      content: { 'application/json': { schema: TraceCheckSchema } },
    },
    400: problem(
      'invalid_trace_code: the scheme is not one of the schemes, or the code is not one of its codes (a GTIN with a wrong check digit); invalid_parameter: longer than a code.',
    ),
    ...RATE_LIMITED,
  },
});

const RecallBodySchema = z
  .object({
    scheme: z
      .string()
      .max(16)
      .openapi({ description: `One of ${TRACE_SCHEMES.join(', ')}.` }),
    codes: z
      .array(z.string().max(MAX_TRACE_CODE))
      .min(1)
      .max(10_000)
      .optional()
      .openapi({ description: 'The recalled codes (or code_prefix).' }),
    code_prefix: z
      .string()
      .max(MAX_TRACE_CODE)
      .optional()
      .openapi({
        description: `Every code starting with it (at least ${MIN_RECALL_PREFIX} characters): a drug's 7-digit product identifier and the start of its serials, a GS1 "(01)" and GTIN.`,
      }),
    reason: z.string().trim().min(3).max(1000),
    legal_basis: z.string().trim().min(3).max(500),
  })
  .strict()
  .openapi('RecallRequest', {
    example: {
      scheme: 'drug',
      code_prefix: '8123456001',
      reason: '批次 20260915 含量不合格，召回。',
      legal_basis: '《药品管理法》第八十二条',
    },
  });

const RecallSchema = z
  .object({
    recall_id: z.string(),
    scheme: z.enum(TRACE_SCHEMES),
    codes: z.number().int().openapi({ description: 'Codes named (0 for a prefix).' }),
    code_prefix: z.string().nullable(),
    reason: z.string(),
    legal_basis: z.string(),
    recalled_at: z.string(),
    recalled_by: z.string(),
    codes_sold: z.number().int().openapi({ description: 'Recalled codes found sold.' }),
    orders: z.number().int().openapi({ description: 'Orders that sold them (cancelled ones sold nothing).' }),
    platforms: z.array(
      z.object({
        platform: z.string(),
        orders: z.number().int(),
        codes: z.number().int(),
        event_seq: z.number().int().openapi({ description: 'The product.recalled event that told it.' }),
      }),
    ),
  })
  .openapi('Recall', {
    example: {
      recall_id: '01JQ3A5B7C9D1E3F5G7H9J1K3M',
      scheme: 'drug',
      codes: 0,
      code_prefix: '8123456001',
      reason: '批次 20260915 含量不合格，召回。',
      legal_basis: '《药品管理法》第八十二条',
      recalled_at: '2026-12-01T03:00:00.000Z',
      recalled_by: 'regulator:zhang.wei',
      codes_sold: 412,
      orders: 398,
      platforms: [{ platform: EX.platform, orders: 398, codes: 412, event_seq: 1042 }],
    },
  });

const recall = createRoute({
  method: 'post',
  path: '/v1/regulator/recalls',
  tags: ['Regulator'],
  operationId: 'recallProducts',
  summary: 'Recall products by their trace codes and tell the platforms that sold them',
  description: `Finds the filed orders that sold the codes (named, or under a prefix), and tells each platform concerned with a \`product.recalled\` event on its feed and webhooks: the recall, its orders' ids (at most ${RECALL_EVENT_ORDERS}) and counts. Audited. From then on the public check of a recalled code says so.`,
  security: BEARER,
  request: { body: { required: true, content: { 'application/json': { schema: RecallBodySchema } } } },
  responses: {
    201: {
      description: 'The recall, and whom it told.',
      content: { 'application/json': { schema: RecallSchema } },
    },
    ...badRequest(BAD_JSON, 'invalid_trace_code: a code or the scheme is not valid, or the prefix too short'),
    ...AUTH_PROBLEMS,
    ...jsonBodyLimits(),
  },
});

export function traceRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(check, (c) => {
    const { scheme, code } = c.req.valid('param');
    return c.json(checkTraceCode(gw, scheme, code), 200);
  });

  // The body is read by readJsonBody (limits, problems naming the field): documented, not validated, here.
  app.openAPIRegistry.registerPath(recall);
  app.post(recall.path, requireRole(gw.accounts, ['regulator', 'admin']), async (c) => {
    const body = await readJsonBody(c, RecallBodySchema);
    const made = recallProducts(gw, body, actorOf(c.get('principal')));
    return c.json(made, 201);
  });
  return app;
}
