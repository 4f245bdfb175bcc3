import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { DomainError, notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  COMMAND_PROBLEMS,
  jsonBodyLimits,
  NO_KEY,
  PARAMETER_PROBLEMS,
  problem,
  RATE_LIMITED,
  validationHook,
} from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';
import { MARK_EXAMPLES } from './examples.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { type MarkStatus, markStatus } from './mark.ts';
import { badgeSvg, snippetHtml, verificationPage } from './pages.ts';
import { DEFAULT_MARK_DAYS, issueMark, MAX_MARK_DAYS, revokeMark } from './service.ts';
import type { MarkRow } from './store.ts';

const MARK_ID = /^[0-9A-Z]{26}$/;

export const IssueMarkSchema = z
  .object({
    platform: z.string().min(1).max(64),
    seller_id: z.string().regex(SELLER_ID),
    days: z
      .number()
      .int()
      .min(1)
      .max(MAX_MARK_DAYS)
      .optional()
      .openapi({ description: `Validity in days (default ${DEFAULT_MARK_DAYS}).` }),
  })
  .strict()
  .openapi('IssueMark', { example: { platform: EX.platform, seller_id: EX.sellerId, days: 365 } });

export const RevokeMarkSchema = z
  .object({ reason: z.string().trim().min(3).max(500) })
  .strict()
  .openapi('RevokeMark', { example: { reason: '店铺被列入经营异常名录，撤销认证标识。' } });

const MarkSchema = z
  .object({
    mark_id: z.string(),
    status: z.enum(['active', 'expired', 'revoked']),
    origin: z.string(),
    subject: z.object({ id: z.string(), name: z.string(), uscc: z.string().nullable() }),
    store: z.object({ platform: z.string(), seller_id: z.string() }),
    issued_at: z.string(),
    expires_at: z.string(),
    revoked_at: z.string().nullable(),
    revoke_reason: z.string().nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'What was signed (verify its canonical JSON, RFC 8785).' }),
    signature: z.string().openapi({ description: 'Ed25519, base64, by the key at /v1/receipt-key.' }),
    verification_page: z.string(),
    opened_from_other_site: z.boolean().optional(),
  })
  .openapi('Mark', { example: MARK_EXAMPLES.mark });

const params = z.object({ mark_id: z.string().regex(MARK_ID) });

const issueRoute = createRoute({
  method: 'post',
  path: '/v1/regulator/marks',
  tags: ['Trust marks'],
  operationId: 'issueMark',
  summary: 'Issue a trust mark to a verified store',
  description: 'The store must be active and its latest verification compliant; one active mark per store.',
  security: BEARER,
  request: { body: { required: true, content: { 'application/json': { schema: IssueMarkSchema } } } },
  responses: {
    201: { description: 'The mark, signed.', content: { 'application/json': { schema: MarkSchema } } },
    ...badRequest(BAD_JSON),
    ...AUTH_PROBLEMS,
    ...jsonBodyLimits(),
    404: problem('No such platform or store.'),
    409: problem(
      'store_not_eligible (not active, not verified, latest verification not compliant) or conflict (an active mark exists).',
    ),
  },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/v1/regulator/marks/{mark_id}/revoke',
  tags: ['Trust marks'],
  operationId: 'revokeMark',
  summary: 'Revoke a trust mark, with a reason',
  security: BEARER,
  request: {
    params,
    body: { required: true, content: { 'application/json': { schema: RevokeMarkSchema } } },
  },
  responses: {
    200: {
      description: 'The revoked mark.',
      content: { 'application/json': { schema: MarkSchema, example: MARK_EXAMPLES.revoked } },
    },
    ...COMMAND_PROBLEMS,
    404: problem('No such mark.'),
    409: problem('Revoked already.'),
  },
});

const getMark = createRoute({
  method: 'get',
  path: '/v1/marks/{mark_id}',
  tags: ['Trust marks'],
  operationId: 'getMark',
  summary: 'A mark, its status and its signature (public)',
  security: NO_KEY,
  request: { params },
  responses: {
    200: { description: 'The mark.', content: { 'application/json': { schema: MarkSchema } } },
    ...PARAMETER_PROBLEMS,
    404: problem('No such mark.'),
    ...RATE_LIMITED,
  },
});

const snippetRoute = createRoute({
  method: 'get',
  path: '/v1/marks/{mark_id}/snippet',
  tags: ['Trust marks'],
  operationId: 'getMarkSnippet',
  summary: 'The HTML a store pastes into its page to show the mark (public)',
  description: 'A link to the public verification page around the badge image; it works without script.',
  security: NO_KEY,
  request: { params },
  responses: {
    200: {
      description: 'An HTML fragment.',
      content: { 'text/html': { schema: z.string().openapi({ example: MARK_EXAMPLES.snippet }) } },
    },
    ...PARAMETER_PROBLEMS,
    404: problem('No such mark.'),
    ...RATE_LIMITED,
  },
});

const revokedRoute = createRoute({
  method: 'get',
  path: '/v1/marks/revoked',
  tags: ['Trust marks'],
  operationId: 'listRevokedMarks',
  summary: 'Revoked marks, oldest revocation first (public)',
  security: NO_KEY,
  request: {
    query: z.object({
      since: z
        .string()
        .datetime()
        .optional()
        .openapi({ description: 'Only revocations after this time (paging).' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: {
      description: 'The revocations.',
      content: {
        'application/json': {
          schema: z
            .object({
              revoked: z.array(
                z.object({
                  mark_id: z.string(),
                  origin: z.string(),
                  revoked_at: z.string(),
                  reason: z.string(),
                }),
              ),
              next_since: z.string().nullable(),
            })
            .openapi({ example: MARK_EXAMPLES.revocations }),
        },
      },
    },
    ...PARAMETER_PROBLEMS,
    ...RATE_LIMITED,
  },
});

function markOut(gw: Gateway, c: Context, mark: MarkRow, status: MarkStatus) {
  const payload = JSON.parse(mark.payload) as { store: { platform: string; seller_id: string } };
  return {
    mark_id: mark.id,
    status,
    origin: mark.origin,
    subject: { id: mark.subject_id, name: mark.subject_name, uscc: mark.subject_uscc },
    store: payload.store,
    issued_at: mark.issued_at,
    expires_at: mark.expires_at,
    revoked_at: mark.revoked_at,
    revoke_reason: mark.revoke_reason,
    payload: payload as Record<string, unknown>,
    signature: mark.signature,
    verification_page: `${baseUrl(c)}/marks/${mark.id}`,
  };
}

/** Where this gateway is reached, as the client reached it. */
const baseUrl = (c: Context) => new URL(c.req.url).origin;

function refererOrigin(c: Context): string | null {
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

export function markRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  const find = (id: string) => {
    const mark = gw.marks.byId(id);
    if (!mark) throw notFound('mark');
    return mark;
  };

  // Bodies are read by readJsonBody (limits, problems naming the field): documented, not validated, here.
  app.openAPIRegistry.registerPath(issueRoute);
  app.post(issueRoute.path, regulator, async (c) => {
    const body = await readJsonBody(c, IssueMarkSchema);
    const platform = gw.accounts.platformBySlug(body.platform);
    if (!platform) throw notFound('platform');
    const mark = issueMark(gw, {
      platformId: platform.id,
      sellerId: body.seller_id,
      days: body.days ?? DEFAULT_MARK_DAYS,
      issuedBy: actorOf(c.get('principal')),
    });
    c.header('location', `/v1/marks/${mark.id}`);
    return c.json(markOut(gw, c, mark, markStatus(mark)), 201);
  });

  app.openAPIRegistry.registerPath(revokeRoute);
  app.post('/v1/regulator/marks/:mark_id/revoke', regulator, async (c) => {
    const id = c.req.param('mark_id');
    if (!MARK_ID.test(id)) throw new DomainError('invalid_parameter', 'mark_id: not a mark id');
    const body = await readJsonBody(c, RevokeMarkSchema);
    const mark = revokeMark(gw, id, actorOf(c.get('principal')), body.reason);
    return c.json(markOut(gw, c, mark, 'revoked'), 200);
  });

  app.openapi(revokedRoute, (c) => {
    const { since, limit } = c.req.valid('query');
    const rows = gw.marks.revokedSince(since ?? '', limit);
    return c.json(
      {
        revoked: rows.map((m) => ({
          mark_id: m.id,
          origin: m.origin,
          revoked_at: m.revoked_at!,
          reason: m.revoke_reason!,
        })),
        next_since: rows.length === limit ? rows.at(-1)!.revoked_at : null,
      },
      200,
    );
  });

  app.openapi(getMark, (c) => {
    const mark = find(c.req.valid('param').mark_id);
    return c.json(markOut(gw, c, mark, markStatus(mark)), 200);
  });

  app.openapi(snippetRoute, (c) => {
    const mark = find(c.req.valid('param').mark_id);
    return c.html(snippetHtml(baseUrl(c), mark), 200);
  });

  // The public verification page: HTML for people, JSON for programs (Accept: application/json).
  app.get('/marks/:mark_id', (c) => {
    const id = c.req.param('mark_id');
    const mark = MARK_ID.test(id) ? gw.marks.byId(id) : undefined;
    if (!mark) throw notFound('mark');
    const status = markStatus(mark);
    const from = refererOrigin(c);
    c.header('vary', 'Accept, Referer');
    c.header('cache-control', 'no-store');
    if (/application\/json/i.test(c.req.header('accept') ?? '')) {
      return c.json({
        ...markOut(gw, c, mark, status),
        opened_from_other_site: from !== null && from !== mark.origin,
      });
    }
    return verificationPage(c, mark, status, from);
  });

  app.get('/marks/:mark_id/badge.svg', (c) => {
    const id = c.req.param('mark_id');
    const mark = MARK_ID.test(id) ? gw.marks.byId(id) : undefined;
    if (!mark) throw notFound('mark');
    return c.body(badgeSvg(markStatus(mark)), 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      // The status can change at any time: always asked again.
      'cache-control': 'no-cache',
      // Stores on other sites embed the badge.
      'cross-origin-resource-policy': 'cross-origin',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
  return app;
}
