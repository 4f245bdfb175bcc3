import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../errors.ts';
import { BEARER, NO_KEY, problem, RATE_LIMITED, READ_PROBLEMS, validationHook } from '../http/schemas.ts';
import { filerIdOf } from './respond.ts';
import { ReceiptKeySchema, ReceiptSchema } from './schemas.ts';

const MAX_ERRORS_PAGE = 5000;

const getFiling = createRoute({
  method: 'get',
  path: '/v1/filings/{filing_id}',
  tags: ['Filings'],
  operationId: 'getFiling',
  summary: 'A filing receipt, again',
  description:
    "Returns the signed receipt of one of your filings (a platform's filings, or a department's decisions). Long error lists come in pages (errors_offset, errors_limit); the signature still verifies, and errors_sha256 covers the whole list.",
  security: BEARER,
  request: {
    params: z.object({ filing_id: z.string().max(64) }),
    query: z.object({
      errors_offset: z.coerce.number().int().min(0).default(0),
      errors_limit: z.coerce.number().int().min(1).max(MAX_ERRORS_PAGE).default(1000),
    }),
  },
  responses: {
    200: { description: 'The receipt.', content: { 'application/json': { schema: ReceiptSchema } } },
    ...READ_PROBLEMS,
    404: problem('No filing of yours has this id.'),
  },
});

const receiptKey = createRoute({
  method: 'get',
  path: '/v1/receipt-key',
  tags: ['Filings'],
  operationId: 'getReceiptKey',
  summary: 'The public key that verifies receipts',
  security: NO_KEY,
  responses: {
    200: {
      description: 'Ed25519 public key.',
      content: { 'application/json': { schema: ReceiptKeySchema } },
    },
    ...RATE_LIMITED,
  },
});

export function filingRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/filings/*', requireRole(gw.accounts, ['platform', 'department']));

  app.openapi(getFiling, (c) => {
    const { filing_id } = c.req.valid('param');
    const { errors_offset: offset, errors_limit: limit } = c.req.valid('query');
    const receipt = gw.filings.byId(filerIdOf(c), filing_id, { offset, limit });
    if (!receipt) throw notFound('filing');
    return c.json(receipt, 200);
  });

  app.openapi(receiptKey, (c) =>
    c.json(
      { key_id: gw.keys.keyId, algorithm: 'Ed25519' as const, public_key_pem: gw.keys.publicKeyPem },
      200,
    ),
  );
  return app;
}
