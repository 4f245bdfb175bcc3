import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { AUTH_PROBLEMS, BEARER, problem, validationHook } from '../http/schemas.ts';
import { DECISION_EXAMPLE, DECISION_EXAMPLES } from './examples.ts';
import { DomainError } from '../errors.ts';
import { fileHandler } from '../filings/respond.ts';
import { FILED_RESPONSES, FILING_PROBLEMS, filingBadRequest } from '../filings/schemas.ts';
import { applyFiledDecisions } from './apply-decisions.ts';
import { DecisionRecordSchema } from './decision-record.ts';
import { decisionExport } from './views.ts';

const EXCHANGE_PAGE = 500;

const exchangeDecisions = createRoute({
  method: 'get',
  path: '/v1/exchange/decisions',
  tags: ['Exchange'],
  operationId: 'listExchangeDecisions',
  summary: 'Double-publicity decisions of every department, in the order they changed',
  description:
    'Every licensing and penalty decision departments filed, each in its current version, in the data items it was filed in (amounts in yuan, a natural person’s document number masked), with marketgate’s own fields: `seq` (the exchange cursor), the filing department, when it was first filed, the publication deadline (7 working days from the decision) and whether it was published late, and, for penalties, the credit penalty it became. Withdrawn decisions stay here with `status: withdrawn` (they leave the public pages). Read from `since` on: a sequence number (the `next_since` of the previous page) or a date or time (decisions changed at or after it).',
  security: BEARER,
  request: {
    query: z.object({
      since: z.string().max(40).optional().openapi({
        description: 'A `seq` (exclusive), or an RFC 3339 date or time (inclusive).',
        example: '0',
      }),
      kind: z.enum(['penalty', 'license']).optional(),
      limit: z.coerce.number().int().min(1).max(EXCHANGE_PAGE).default(100),
    }),
  },
  responses: {
    200: {
      description: 'A page of decisions; `next_since` reads on.',
      content: {
        'application/json': {
          schema: z
            .object({
              decisions: z.array(z.record(z.string(), z.unknown())),
              next_since: z.number().int(),
              has_more: z.boolean(),
            })
            .openapi({ example: DECISION_EXAMPLES.exchange }),
        },
      },
    },
    400: problem(
      'invalid_parameter: `since` is neither a sequence number nor a date or time, or another parameter breaks its rule.',
    ),
    ...AUTH_PROBLEMS,
  },
});

/** `since`: a sequence number read on from, or the first decision changed at or after a date or time. */
function afterOf(gw: Gateway, since: string | undefined): number {
  if (since === undefined || since === '') return 0;
  if (/^\d{1,15}$/.test(since)) return Number(since);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00+08:00` : since;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(at) ? new Date(at) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime()))
    throw new DomainError(
      'invalid_parameter',
      'since must be a sequence number, a date (YYYY-MM-DD, China Standard Time) or an RFC 3339 time',
      { parameter: 'since' },
    );
  return gw.decisions.seqAtOrAfter(time.toISOString()) - 1;
}

export function exchangeRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/decisions', requireRole(gw.accounts, ['department']));
  app.use('/v1/exchange/*', requireRole(gw.accounts, ['department', 'regulator', 'admin']));

  // The body streams and is read by the filing intake, so the route is documented here, not validated by it.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/decisions',
    tags: ['Exchange'],
    operationId: 'fileDecisions',
    summary: 'File double-publicity decisions (administrative licensing and penalties)',
    description:
      'For department keys. A JSON array (or {"records": [...]}), NDJSON, or CSV with a header row of the field names (docs/double-publicity.md). Each decision is created, updated (a new version: a correction, or `status: withdrawn` to withdraw it), unchanged or rejected, with a signed receipt, as seller filings are; a decision is identified by its authority’s code and its document number, and its kind cannot change. Published decisions become public at once: a penalty enters the subject’s credit record, a licence its public page; both are announced as events. Send an Idempotency-Key to make retries safe.',
    security: BEARER,
    request: {
      query: z.object({
        atomic: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'File nothing if any record is rejected.' }),
      }),
      headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.array(DecisionRecordSchema).openapi({ example: [DECISION_EXAMPLE] }),
          },
          'application/x-ndjson': { schema: DecisionRecordSchema },
          'text/csv': {
            schema: z.string().openapi({
              description: 'Header row of field names, then one decision per row.',
              example: DECISION_EXAMPLES.csv,
            }),
          },
        },
      },
    },
    responses: {
      ...FILED_RESPONSES,
      ...filingBadRequest(
        'malformed_json (with line and column), malformed_csv, unknown_columns or missing_columns (a CSV header), or invalid_encoding (not UTF-8)',
      ),
      ...AUTH_PROBLEMS,
      ...FILING_PROBLEMS,
      413: problem('payload_too_large: the body is larger than MARKETGATE_MAX_BODY_BYTES.'),
    },
  });

  const file = fileHandler(gw, 'decisions', ['json', 'ndjson', 'csv'], (config) => config.maxBodyBytes);
  app.post('/v1/decisions', async (c: Context<AppEnv>) => {
    const response = await file(c);
    // What the filing published is applied now; should this fail, the server's sweep finishes it.
    try {
      applyFiledDecisions(gw);
    } catch (err) {
      c.get('logger').error({ err }, 'filed decisions not applied yet: the sweep will retry');
    }
    return response;
  });

  app.openapi(exchangeDecisions, (c) => {
    const { since, kind, limit } = c.req.valid('query');
    const after = afterOf(gw, since);
    const rows = gw.decisions.exchange({ after, kind: kind ?? null, department: null, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return c.json(
      {
        decisions: page.map(decisionExport),
        next_since: page.at(-1)?.exchange_seq ?? after,
        has_more: rows.length > limit,
      },
      200,
    );
  });
  return app;
}
