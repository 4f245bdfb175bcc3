import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  COMMAND_PROBLEMS,
  jsonBodyLimits,
  jsonResponse,
  problem,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { EVENT_EXAMPLES } from './examples.ts';
import { EVENT_DESCRIPTIONS, EVENT_TYPES, payloadOf } from './types.ts';
import { acknowledgementsView, deliveryView, webhookView } from './views.ts';
import {
  acknowledgeEvent,
  createWebhook,
  deleteWebhook,
  ownWebhook,
  ownerOf,
  retryDelivery,
  rotateWebhookSecret,
  viewerOf,
} from './webhooks.ts';

const ULID = /^[0-9A-Z]{26}$/;
const SeqParam = z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const WebhookParam = z.object({ webhook_id: z.string().regex(ULID) });

const CreateWebhookSchema = z
  .object({
    url: z.string().min(1).max(2048),
    events: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length),
  })
  .strict()
  .openapi('WebhookRegistration', {
    example: {
      url: 'https://hooks.alpha-mall.example.cn/marketgate',
      events: ['complaint.forwarded', 'list.entered'],
    },
  });
const AckSchema = z
  .object({ note: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .openapi({ example: { note: '已下架该主体全部店铺。' } });
/** What a route with a webhook id (and no body) answers beside 200: a malformed or unknown id. */
const WEBHOOK_PROBLEMS = {
  ...READ_PROBLEMS,
  404: problem('No such webhook of yours.'),
};

const typeList = EVENT_TYPES.map((t) => `- \`${t}\`: ${EVENT_DESCRIPTIONS[t]}`).join('\n');

const routes = {
  feed: createRoute({
    method: 'get',
    path: '/v1/events',
    tags: ['Events'],
    operationId: 'listEvents',
    summary: 'The event feed: every change others must act on, in sequence',
    description: `Events are numbered without gaps in the order they were committed. A platform sees the events about subjects it filed sellers of and those addressed to it (its stores, complaints, requests); departments and regulators see all. Read on from \`next_after\`: when fewer than \`limit\` events came, it is the head of the feed, and nothing you may see lies before it. Each entry is the body a webhook delivery carries.\n\n${typeList}`,
    security: BEARER,
    request: {
      query: z.object({
        after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        type: z.enum(EVENT_TYPES).optional(),
      }),
    },
    responses: {
      200: jsonResponse('{"events": [...], "next_after": n, "head": n}', EVENT_EXAMPLES.feed),
      ...READ_PROBLEMS,
    },
  }),
  one: createRoute({
    method: 'get',
    path: '/v1/events/{seq}',
    tags: ['Events'],
    operationId: 'getEvent',
    summary: 'One event; for a platform, with when it acknowledged it',
    security: BEARER,
    request: { params: SeqParam },
    responses: {
      200: jsonResponse('The event.', EVENT_EXAMPLES.event),
      ...READ_PROBLEMS,
      404: problem('No such event you may see.'),
    },
  }),
  ack: createRoute({
    method: 'post',
    path: '/v1/events/{seq}/ack',
    tags: ['Events'],
    operationId: 'acknowledgeEvent',
    summary: 'Acknowledge an event that concerns your platform: seen, and acted on (joint punishment)',
    security: BEARER,
    request: {
      params: SeqParam,
      body: { required: false, content: { 'application/json': { schema: AckSchema } } },
    },
    responses: {
      200: jsonResponse('{"seq", "acknowledged_at"}', EVENT_EXAMPLES.ack),
      ...COMMAND_PROBLEMS,
      404: problem('No such event that concerns your platform.'),
    },
  }),
  acks: createRoute({
    method: 'get',
    path: '/v1/regulator/events/{seq}/acknowledgements',
    tags: ['Events'],
    operationId: 'listEventAcknowledgements',
    summary: 'Which platforms an event concerns, and which of them acknowledged it',
    security: BEARER,
    request: { params: SeqParam },
    responses: {
      200: jsonResponse('The platforms.', EVENT_EXAMPLES.acknowledgements),
      ...READ_PROBLEMS,
      404: problem('No such event.'),
    },
  }),
  createWebhook: createRoute({
    method: 'post',
    path: '/v1/webhooks',
    tags: ['Webhooks'],
    operationId: 'createWebhook',
    summary: 'Register a webhook; the signing secret is shown once',
    description:
      'Deliveries follow the Standard Webhooks specification: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the bytes of the secret after `whsec_`); the body is `{"type", "timestamp", "data", "seq"}`. Only 2xx counts; other answers are retried with exponential backoff for about three days; 410 disables the webhook. The URL must reach a public address.',
    security: BEARER,
    request: { body: { required: true, content: { 'application/json': { schema: CreateWebhookSchema } } } },
    responses: {
      201: jsonResponse('{"webhook_id", "secret"}', EVENT_EXAMPLES.created),
      ...badRequest(
        BAD_JSON,
        'invalid_body also for a URL that reaches no public address, or unknown event types',
      ),
      ...AUTH_PROBLEMS,
      409: problem('Too many webhooks.'),
      ...jsonBodyLimits(),
    },
  }),
  listWebhooks: createRoute({
    method: 'get',
    path: '/v1/webhooks',
    tags: ['Webhooks'],
    operationId: 'listWebhooks',
    summary: 'Your webhooks, with their delivery counts',
    security: BEARER,
    responses: { 200: jsonResponse('{"webhooks": [...]}', EVENT_EXAMPLES.webhooks), ...AUTH_PROBLEMS },
  }),
  deleteWebhook: createRoute({
    method: 'delete',
    path: '/v1/webhooks/{webhook_id}',
    tags: ['Webhooks'],
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook; deliveries waiting for it are cancelled',
    security: BEARER,
    request: { params: WebhookParam },
    responses: { 204: { description: 'Deleted.' }, ...WEBHOOK_PROBLEMS },
  }),
  rotate: createRoute({
    method: 'post',
    path: '/v1/webhooks/{webhook_id}/rotate-secret',
    tags: ['Webhooks'],
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret; the old one signs beside it for 24 hours',
    security: BEARER,
    request: { params: WebhookParam },
    responses: {
      200: jsonResponse('{"webhook_id", "secret", "previous_secret_valid_until"}', EVENT_EXAMPLES.rotated),
      ...WEBHOOK_PROBLEMS,
    },
  }),
  deliveries: createRoute({
    method: 'get',
    path: '/v1/webhooks/{webhook_id}/deliveries',
    tags: ['Webhooks'],
    operationId: 'listWebhookDeliveries',
    summary: "A webhook's deliveries, newest first",
    security: BEARER,
    request: {
      params: WebhookParam,
      query: z.object({
        status: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional(),
        before_seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: jsonResponse('{"deliveries": [...]}', EVENT_EXAMPLES.deliveries),
      ...WEBHOOK_PROBLEMS,
    },
  }),
  retry: createRoute({
    method: 'post',
    path: '/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry',
    tags: ['Webhooks'],
    operationId: 'retryWebhookDelivery',
    summary: 'Send a finished delivery again, now',
    security: BEARER,
    request: { params: WebhookParam.extend({ delivery_id: z.string().regex(ULID) }) },
    responses: {
      200: jsonResponse('The delivery, pending.', EVENT_EXAMPLES.retried),
      ...READ_PROBLEMS,
      404: problem('No such webhook of yours, or no such delivery of it.'),
      409: problem('Still pending, or the webhook is disabled.'),
    },
  }),
};

const ALL_ROLES = ['platform', 'department', 'regulator', 'admin'] as const;

export function eventRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/events', requireRole(gw.accounts, ALL_ROLES));
  app.use('/v1/events/*', requireRole(gw.accounts, ALL_ROLES));
  app.use('/v1/webhooks', requireRole(gw.accounts, ALL_ROLES));
  app.use('/v1/webhooks/*', requireRole(gw.accounts, ALL_ROLES));
  app.use('/v1/regulator/events/*', requireRole(gw.accounts, ['regulator', 'admin', 'department']));

  const visibleEvent = (c: { get(k: 'principal'): AppEnv['Variables']['principal'] }, seq: number) => {
    const event = gw.events.event(seq);
    if (!event || !gw.events.canSee(viewerOf(c.get('principal')), event)) throw notFound('event');
    return event;
  };

  app.openapi(routes.feed, (c) => {
    const { after, limit, type } = c.req.valid('query');
    const page = gw.events.feed(viewerOf(c.get('principal')), after, limit, type ?? null);
    return c.json({ events: page.rows.map(payloadOf), next_after: page.next_after, head: page.head }, 200);
  });
  app.openapi(routes.one, (c) => {
    const principal = c.get('principal');
    const event = visibleEvent(c, c.req.valid('param').seq);
    const ack = principal.kind === 'platform' ? gw.events.ack(event.seq, principal.platformId) : undefined;
    return c.json(
      { ...payloadOf(event), ...(principal.kind === 'platform' ? { acknowledged_at: ack?.at ?? null } : {}) },
      200,
    );
  });
  app.openapi(routes.acks, (c) => {
    const { seq } = c.req.valid('param');
    if (!gw.events.event(seq)) throw notFound('event');
    return c.json(acknowledgementsView(gw, seq), 200);
  });
  app.openapi(routes.listWebhooks, (c) => {
    const owner = ownerOf(c.get('principal'));
    return c.json({ webhooks: gw.events.webhooksOf(owner).map((w) => webhookView(gw, w)) }, 200);
  });
  app.openapi(routes.deleteWebhook, (c) => {
    deleteWebhook(gw, c.get('principal'), c.req.valid('param').webhook_id);
    return c.body(null, 204);
  });
  app.openapi(routes.deliveries, (c) => {
    const w = ownWebhook(gw, c.get('principal'), c.req.valid('param').webhook_id);
    const { status, before_seq, limit } = c.req.valid('query');
    const rows = gw.events.deliveries(w.id, before_seq ?? Number.MAX_SAFE_INTEGER, status ?? null, limit);
    return c.json({ deliveries: rows.map(deliveryView) }, 200);
  });

  // Commands read their bodies with readJsonBody (size limit, problems naming the field, 415), as the
  // other command routes do; the OpenAPI document describes them.
  const seqOf = (value: string | undefined) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new DomainError('invalid_parameter', 'seq: not an event number');
    return n;
  };
  const webhookIdOf = (value: string | undefined) => {
    if (value === undefined || !ULID.test(value))
      throw new DomainError('invalid_parameter', 'webhook_id: not a webhook id');
    return value;
  };
  const sentBody = (c: { req: { header(n: string): string | undefined } }) =>
    c.req.header('content-type') !== undefined || Number(c.req.header('content-length') ?? 0) > 0;

  app.openAPIRegistry.registerPath(routes.ack);
  app.post('/v1/events/:seq/ack', async (c) => {
    const seq = seqOf(c.req.param('seq'));
    const body = sentBody(c) ? await readJsonBody(c, AckSchema) : {};
    const result = acknowledgeEvent(gw, c.get('principal'), seq, body.note ?? null);
    return c.json({ seq: result.seq, acknowledged_at: result.acknowledged_at }, 200);
  });
  app.openAPIRegistry.registerPath(routes.createWebhook);
  app.post('/v1/webhooks', async (c) => {
    const body = await readJsonBody(c, CreateWebhookSchema);
    return c.json(createWebhook(gw, c.get('principal'), body), 201);
  });
  app.openAPIRegistry.registerPath(routes.rotate);
  app.post('/v1/webhooks/:webhook_id/rotate-secret', (c) =>
    c.json(rotateWebhookSecret(gw, c.get('principal'), webhookIdOf(c.req.param('webhook_id'))), 200),
  );
  app.openAPIRegistry.registerPath(routes.retry);
  app.post('/v1/webhooks/:webhook_id/deliveries/:delivery_id/retry', (c) => {
    const deliveryId = c.req.param('delivery_id');
    if (!ULID.test(deliveryId)) throw new DomainError('invalid_parameter', 'delivery_id: not a delivery id');
    const d = retryDelivery(gw, c.get('principal'), webhookIdOf(c.req.param('webhook_id')), deliveryId);
    gw.webhooks.poke();
    return c.json(deliveryView(d), 200);
  });
  return app;
}
