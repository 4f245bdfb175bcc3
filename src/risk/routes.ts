import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_PARAMETER,
  badRequest,
  BEARER,
  COMMAND_PROBLEMS,
  jsonResponse,
  problem,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { RISK_EXAMPLES } from './examples.ts';
import { SIGNALS } from './rules.ts';
import { riskStore, WARNING_STATUSES } from './store.ts';
import { signalStats, warningView } from './views.ts';
import { assignWarning, confirmWarning, dismissWarning } from './workflow.ts';

const ULID = /^[0-9A-Z]{26}$/;
const WarningParam = z.object({ warning_id: z.string().regex(ULID) });
const reason = z.string().trim().min(1).max(2000);

const AssignSchema = z
  .object({
    assignee: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Defaults to the caller.' }),
  })
  .strict()
  .openapi({ example: { assignee: '张明（杭州市市场监督管理局）' } });
const ConfirmSchema = z
  .object({
    reason,
    penalty_id: z.string().regex(ULID).optional(),
    list_entry_id: z.string().regex(ULID).optional(),
  })
  .strict()
  .openapi('RiskConfirmation', {
    description:
      "Exactly one of penalty_id and list_entry_id (of the warning's subject) for a warning about a subject or store.",
    example: { reason: '经核查，该店铺组织刷单虚构交易，已立案处罚。', penalty_id: EX.penaltyId },
  });
const DismissSchema = z
  .object({ reason })
  .strict()
  .openapi({ example: { reason: '系企业团购订单，买家为同一单位采购人员，非刷单。' } });

/** The cursor is the last row's place in the queue's order (score descending, then id). */
const encodeCursor = (score: number, id: string) => Buffer.from(`${score}:${id}`).toString('base64url');
function decodeCursor(cursor: string): { score: number; id: string } {
  const m = /^[A-Za-z0-9_-]+$/.test(cursor)
    ? /^(\d{1,3}):([0-9A-Z]{26})$/.exec(Buffer.from(cursor, 'base64url').toString())
    : null;
  if (!m) throw new DomainError('invalid_parameter', 'cursor: not a cursor this endpoint gave');
  return { score: Number(m[1]), id: m[2]! };
}

const routes = {
  list: createRoute({
    method: 'get',
    path: '/v1/regulator/risk/warnings',
    tags: ['Risk'],
    operationId: 'listRiskWarnings',
    summary: "Risk warnings: leads from all platforms' data together, riskiest first",
    description:
      'A warning is a lead for a regulator, not a violation: it never writes a credit event. The queue is ordered by score (descending); `next_cursor` pages on. Signals and their rules: docs/risk-model.md.',
    security: BEARER,
    request: {
      query: z.object({
        signal: z.enum(SIGNALS).optional(),
        status: z.enum(WARNING_STATUSES).optional(),
        subject_id: z.string().regex(ULID).optional(),
        platform: z.string().min(1).max(64).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: jsonResponse('{"warnings": [...], "next_cursor": string | null}', RISK_EXAMPLES.list),
      ...badRequest(`${BAD_PARAMETER}, or a cursor this endpoint did not give`),
      ...AUTH_PROBLEMS,
    },
  }),
  one: createRoute({
    method: 'get',
    path: '/v1/regulator/risk/warnings/{warning_id}',
    tags: ['Risk'],
    operationId: 'getRiskWarning',
    summary: 'One risk warning, with its explanation and evidence',
    security: BEARER,
    request: { params: WarningParam },
    responses: {
      200: jsonResponse('The warning.', RISK_EXAMPLES.warning),
      ...READ_PROBLEMS,
      404: problem('No such warning.'),
    },
  }),
  assign: createRoute({
    method: 'post',
    path: '/v1/regulator/risk/warnings/{warning_id}/assign',
    tags: ['Risk'],
    operationId: 'assignRiskWarning',
    summary: 'Assign a warning to a regulator (audited)',
    security: BEARER,
    request: {
      params: WarningParam,
      body: { required: false, content: { 'application/json': { schema: AssignSchema } } },
    },
    responses: {
      200: jsonResponse('The warning, assigned.', RISK_EXAMPLES.assigned),
      ...COMMAND_PROBLEMS,
      404: problem('No such warning.'),
      409: problem('The warning was decided already (illegal_transition).'),
    },
  }),
  confirm: createRoute({
    method: 'post',
    path: '/v1/regulator/risk/warnings/{warning_id}/confirm',
    tags: ['Risk'],
    operationId: 'confirmRiskWarning',
    summary: 'Confirm a warning: it led to a penalty or a list entry (audited)',
    security: BEARER,
    request: {
      params: WarningParam,
      body: { required: true, content: { 'application/json': { schema: ConfirmSchema } } },
    },
    responses: {
      200: jsonResponse('The warning, confirmed.', RISK_EXAMPLES.confirmed),
      ...COMMAND_PROBLEMS,
      404: problem('No such warning, penalty or list entry.'),
      409: problem('Decided already, or the penalty or entry concerns another subject.'),
    },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/v1/regulator/risk/warnings/{warning_id}/dismiss',
    tags: ['Risk'],
    operationId: 'dismissRiskWarning',
    summary: "Dismiss a warning, with the reason (audited; kept to measure the signal's precision)",
    security: BEARER,
    request: {
      params: WarningParam,
      body: { required: true, content: { 'application/json': { schema: DismissSchema } } },
    },
    responses: {
      200: jsonResponse('The warning, dismissed.', RISK_EXAMPLES.dismissed),
      ...COMMAND_PROBLEMS,
      404: problem('No such warning.'),
      409: problem('Decided already (illegal_transition).'),
    },
  }),
  signals: createRoute({
    method: 'get',
    path: '/v1/regulator/risk/signals',
    tags: ['Risk'],
    operationId: 'listRiskSignals',
    summary: 'Per signal: warnings by status and the share confirmed of those decided',
    security: BEARER,
    responses: { 200: jsonResponse('{"signals": [...]}', RISK_EXAMPLES.signals), ...AUTH_PROBLEMS },
  }),
};

export function riskRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/regulator/risk/*', requireRole(gw.accounts, ['regulator', 'admin']));
  const store = riskStore(gw.db);

  app.openapi(routes.list, (c) => {
    const { signal, status, subject_id, platform, limit, cursor } = c.req.valid('query');
    let platformId: number | undefined;
    if (platform !== undefined) {
      const p = gw.accounts.platformBySlug(platform);
      // An unknown platform has no warnings: an empty page, not an error (the filter is a filter).
      platformId = p ? p.id : -1;
    }
    const rows = store.list({
      signal,
      status,
      subject_id,
      platform_id: platformId,
      after: cursor ? decodeCursor(cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        warnings: page.map(warningView),
        next_cursor: rows.length > limit && last ? encodeCursor(last.score, last.id) : null,
      },
      200,
    );
  });
  app.openapi(routes.one, (c) => {
    const w = store.byId(c.req.valid('param').warning_id);
    if (!w) throw notFound('warning');
    return c.json(warningView(w), 200);
  });
  // Command bodies are read by readJsonBody (the size limit, problems naming the field, 415): the routes
  // are documented in the OpenAPI document, not validated by it, as the credit commands are.
  const warningId = (value: string | undefined) => {
    if (value === undefined || !ULID.test(value))
      throw new DomainError('invalid_parameter', 'warning_id: not a warning id');
    return value;
  };
  const command = (route: { path: string }) => route.path.replace('{warning_id}', ':warning_id');
  app.openAPIRegistry.registerPath(routes.assign);
  app.post(command(routes.assign), async (c) => {
    const id = warningId(c.req.param('warning_id'));
    // The body is optional: none (no Content-Type, nothing sent) assigns the caller.
    const sent =
      c.req.header('content-type') !== undefined || Number(c.req.header('content-length') ?? 0) > 0;
    const body = sent ? await readJsonBody(c, AssignSchema) : {};
    return c.json(warningView(assignWarning(gw, id, body, actorOf(c.get('principal')))), 200);
  });
  app.openAPIRegistry.registerPath(routes.confirm);
  app.post(command(routes.confirm), async (c) => {
    const id = warningId(c.req.param('warning_id'));
    const body = await readJsonBody(c, ConfirmSchema);
    return c.json(warningView(confirmWarning(gw, id, body, actorOf(c.get('principal')))), 200);
  });
  app.openAPIRegistry.registerPath(routes.dismiss);
  app.post(command(routes.dismiss), async (c) => {
    const id = warningId(c.req.param('warning_id'));
    const body = await readJsonBody(c, DismissSchema);
    return c.json(warningView(dismissWarning(gw, id, body, actorOf(c.get('principal')))), 200);
  });
  app.openapi(routes.signals, (c) => c.json({ signals: signalStats(store) }, 200));
  return app;
}
