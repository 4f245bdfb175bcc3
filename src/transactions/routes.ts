import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { fileHandler, platformOf } from '../filings/respond.ts';
import { FILED_RESPONSES, FILING_PROBLEMS, filingBadRequest } from '../filings/schemas.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../errors.ts';
import {
  AUTH_PROBLEMS,
  BEARER,
  problem,
  READ_PROBLEMS,
  STORE_UNAVAILABLE,
  validationHook,
} from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { ORDER_ID, ORDER_EXAMPLE, TransactionRecordSchema } from './record.ts';
import type { OrderVersion } from './store.ts';

/** The example order as first filed (paid) and as filed again once completed. */
const PAID = {
  filing_id: '01JQ3P1R3T5V7X9Z1B3D5F7H9K',
  filed_at: '2026-03-01T02:05:13.881Z',
  status: 'paid',
  correction_reason: null,
  record: ORDER_EXAMPLE,
};
const COMPLETED = {
  filing_id: EX.filingId,
  filed_at: '2026-03-06T01:00:02.117Z',
  status: 'completed',
  correction_reason: null,
  record: { ...ORDER_EXAMPLE, status: 'completed', completed_at: '2026-03-05T18:20:00+08:00' },
};

const OrderVersionSchema = z
  .object({
    filing_id: z.string(),
    filed_at: z.string(),
    status: z.string(),
    correction_reason: z.string().nullable(),
    record: z.record(z.string(), z.unknown()),
  })
  .openapi('OrderVersion', { example: PAID });

const OrderSchema = z
  .object({
    order_id: z.string(),
    platform: z.string(),
    version_count: z.number().int(),
    current: OrderVersionSchema,
    history: z.array(OrderVersionSchema).openapi({ description: 'Every filed state, newest first.' }),
  })
  .openapi('Order', {
    example: {
      order_id: ORDER_EXAMPLE.order_id,
      platform: EX.platform,
      version_count: 2,
      current: COMPLETED,
      history: [COMPLETED, PAID],
    },
  });

const getOrder = createRoute({
  method: 'get',
  path: '/v1/transactions/{order_id}',
  tags: ['Transactions'],
  operationId: 'getOrder',
  summary: 'One of your orders with its history',
  security: BEARER,
  request: { params: z.object({ order_id: z.string().regex(ORDER_ID) }) },
  responses: {
    200: {
      description: 'The order as last filed, and every earlier state.',
      content: { 'application/json': { schema: OrderSchema } },
    },
    ...READ_PROBLEMS,
    404: problem('You have filed no order with this id (or its filing is still streaming in).'),
    ...STORE_UNAVAILABLE,
  },
});

function versionOut(v: OrderVersion) {
  return {
    filing_id: v.filing_id,
    filed_at: v.filed_at,
    status: v.status,
    correction_reason: v.correction_reason,
    record: v.record as Record<string, unknown>,
  };
}

export function transactionRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const auth = requireRole(gw.accounts, ['platform']);
  app.use('/v1/transactions', auth);
  app.use('/v1/transactions/*', auth);

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/transactions',
    tags: ['Transactions'],
    operationId: 'fileTransactions',
    summary: 'File transactions (orders), streamed',
    description:
      'NDJSON (one order per line) is streamed: memory stays bounded whatever the body size. A JSON array is read whole. The filing is all or nothing for readers: none of its orders is visible until the receipt is written; a filing cut off halfway leaves nothing, and a retry with the same Idempotency-Key files it afresh. Filing an order again records its new state in its history; seller_id and placed_at change only with a correction_reason. Items that do not add up to the total give a total_mismatch warning. Responses carry the first 1,000 errors; the rest are paged from GET /v1/filings/{filing_id}.',
    security: BEARER,
    request: {
      query: z.object({ atomic: z.enum(['true', 'false']).optional() }),
      headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
      body: {
        required: true,
        content: {
          'application/x-ndjson': { schema: TransactionRecordSchema },
          'application/json': {
            schema: z.array(TransactionRecordSchema).openapi({ example: [ORDER_EXAMPLE] }),
          },
        },
      },
    },
    responses: {
      ...FILED_RESPONSES,
      ...filingBadRequest('malformed_json (with line and column), or invalid_encoding (not UTF-8)'),
      ...AUTH_PROBLEMS,
      ...FILING_PROBLEMS,
      413: problem('payload_too_large: the body is larger than MARKETGATE_MAX_TRANSACTION_BODY_BYTES.'),
      ...STORE_UNAVAILABLE,
    },
  });

  app.post(
    '/v1/transactions',
    fileHandler(gw, 'transactions', ['json', 'ndjson'], (config) => config.maxTransactionBodyBytes),
  );

  app.openapi(getOrder, async (c) => {
    const platform = platformOf(c);
    const { order_id } = c.req.valid('param');
    const history = await gw.orders.history(platform.platformId, order_id);
    if (history.length === 0) throw notFound('order');
    return c.json(
      {
        order_id,
        platform: platform.slug,
        version_count: history.length,
        current: versionOut(history[0]!),
        history: history.map(versionOut),
      },
      200,
    );
  });
  return app;
}
