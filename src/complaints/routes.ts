import { uploadLimit, uploadedFiles } from '../http/uploads.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { platformOf } from '../filings/respond.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { DomainError, notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import { publicLimits } from '../http/rate-limit.ts';
import { AUTH_PROBLEMS, BEARER, problem, validationHook } from '../http/schemas.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { ORDER_ID } from '../transactions/record.ts';
import { addComplaintFiles } from './add-files.ts';
import { MAX_FILE_BYTES, storedFileName } from './files.ts';
import { complaintStep, lodgeComplaint, type StepActor, tokenMatches } from './service.ts';
import type { ComplaintRow } from './store.ts';
import { complaintView, revealComplainant } from './views.ts';
import {
  ANSWER_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  OUTCOMES,
  REJECTION_REASONS,
} from './workflow.ts';

const ULID = /^[0-9A-Z]{26}$/;
const CODE = /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
});
const body = (schema: z.ZodType) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const message = z.string().trim().min(1).max(5000);

export const LodgeSchema = z
  .object({
    platform: z.string().min(1).max(64).openapi({ description: "The platform's slug." }),
    store_url: z.string().max(2048).optional(),
    seller_id: z.string().regex(SELLER_ID).optional(),
    order_id: z.string().regex(ORDER_ID).optional(),
    category: z.enum(COMPLAINT_CATEGORIES),
    description: z.string().trim().min(10).max(5000),
    amount_claimed: z.string().max(32).optional().openapi({ example: '129.90' }),
    currency: z.string().length(3).optional().openapi({ example: 'CNY' }),
    complainant: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: z
          .string()
          .max(32)
          .refine(
            (v) => /^\+?[\d\s()-]{5,30}$/.test(v) && /\d{5}/.test(v.replace(/\D/g, '')),
            'must be a phone number',
          ),
        email: z.email().max(254).optional(),
      })
      .strict()
      .openapi({ description: 'Encrypted at rest; shown masked to all but the handling regulator.' }),
    publish_consent: z.boolean().default(false).openapi({
      description: 'Whether the narrative may be published (with personal data scrubbed) once closed.',
    }),
  })
  .strict()
  .refine((v) => v.store_url !== undefined || v.seller_id !== undefined, {
    message: 'name the store: store_url or seller_id',
    path: ['store_url'],
  })
  .refine((v) => (v.amount_claimed === undefined) === (v.currency === undefined), {
    message: 'amount_claimed and currency go together',
    path: ['currency'],
  })
  .openapi('ComplaintInput');

const MessageSchema = z.object({ message }).strict().openapi('ComplaintMessage');
const OptionalMessage = z.object({ message: message.optional() }).strict();
const ResponseSchema = z
  .object({ kind: z.enum(ANSWER_KINDS), message })
  .strict()
  .openapi('PlatformAnswer');
const RevealSchema = z.object({ reason: z.string().trim().min(5).max(500) }).strict();
export const RegulatorStepSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('accept'), message: message.optional() }).strict(),
    z
      .object({ type: z.literal('reject'), reason: z.enum(REJECTION_REASONS), message: message.optional() })
      .strict(),
    z.object({ type: z.literal('forward'), message: message.optional() }).strict(),
    z.object({ type: z.literal('mediate'), message: message.optional() }).strict(),
    z.object({ type: z.literal('close'), outcome: z.enum(OUTCOMES), message: message.optional() }).strict(),
    z.object({ type: z.literal('substantiate'), message }).strict(),
    z.object({ type: z.literal('message'), message }).strict(),
  ])
  .openapi('RegulatorStep');

const codeParams = z.object({ tracking_code: z.string().regex(CODE) });
const idParams = z.object({ complaint_id: z.string().regex(ULID) });
const STEP_PROBLEMS = {
  400: problem('Malformed JSON or a field that breaks a rule.'),
  404: problem('No such complaint (or the access token does not match it).'),
  409: problem(
    'illegal_transition: the complaint’s status does not allow this step; `allowed` lists what does.',
  ),
};

/** A message past its party's allowance (limits.ts): the consumer's and the platform's, not the regulator's. */
const MESSAGE_LIMITS = {
  409: problem(
    'illegal_transition (the status does not allow this step), or conflict: the consumer, or the platform, has added as many messages to the complaint as it may (200 each, configurable; `limit`).',
  ),
  429: problem(
    'rate_limited: 30 messages of one party on one complaint in 24 hours (configurable), with Retry-After.',
  ),
};

const doc = {
  lodge: createRoute({
    method: 'post',
    path: '/public/complaints',
    tags: ['Complaints'],
    summary: 'Lodge a complaint about an online purchase (no login)',
    description:
      'Linked to the platform’s filed order when order_id names one (a verified purchase), the store and its market subject. Answers with a tracking code and a secret access token, shown once. Purchases more than three years ago are refused; the same order and category open already is refused as a duplicate; lodging is rate-limited per client address and per phone number.',
    request: body(LodgeSchema),
    responses: {
      201: json('The complaint, its deadlines and what it was linked to, with the access token.'),
      400: problem('Malformed JSON or a field that breaks a rule.'),
      409: problem(
        'duplicate_complaint: the same order and category is open already (not named: lodging has no login).',
      ),
      413: problem('Body too large.'),
      422: problem('complaint_time_barred: the purchase is more than three years old.'),
      429: problem('rate_limited, with Retry-After.'),
    },
  }),
  track: createRoute({
    method: 'get',
    path: '/public/complaints/{tracking_code}',
    tags: ['Complaints'],
    summary: 'Track a complaint (Authorization: Bearer <access token>)',
    request: { params: codeParams },
    responses: {
      200: json('The complaint with every step.'),
      401: problem('No access token.'),
      404: STEP_PROBLEMS[404],
    },
  }),
  consumerStep: (path: string, summary: string, schema: z.ZodType) =>
    createRoute({
      method: 'post',
      path: `/public/complaints/{tracking_code}/${path}`,
      tags: ['Complaints'],
      summary: `${summary} (Authorization: Bearer <access token>)`,
      request: { params: codeParams, ...body(schema) },
      responses: {
        200: json('The complaint.'),
        401: problem('No access token.'),
        ...STEP_PROBLEMS,
        ...MESSAGE_LIMITS,
      },
    }),
  addFile: createRoute({
    method: 'post',
    path: '/public/complaints/{tracking_code}/files',
    tags: ['Complaints'],
    summary:
      'Add evidence files: images (JPEG, PNG, GIF, WebP) or PDF, up to 5 MB each (multipart field "file")',
    description:
      'The type is read from the content, never from the name; the file is known and downloaded by its hash and that type (`<16 hex digits>.gif`), never by the name it was uploaded with. At most 20 files per complaint, 10 in 24 hours (configurable).',
    request: {
      params: codeParams,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
          },
        },
      },
    },
    responses: {
      201: json('The files added.'),
      400: problem('No file in the form.'),
      401: problem('No access token.'),
      404: STEP_PROBLEMS[404],
      409: problem('conflict: the complaint holds as many files as it may (`limit`), or it is closed.'),
      413: problem('A file past 5 MB or a body past the limit.'),
      415: problem('unsupported_file_type: not an image or PDF by its content.'),
      429: problem('rate_limited: as many files in 24 hours as a complaint may take, with Retry-After.'),
    },
  }),
  consumerFile: createRoute({
    method: 'get',
    path: '/public/complaints/{tracking_code}/files/{sha256}',
    tags: ['Complaints'],
    summary: 'An evidence file of the complaint, as an attachment (Authorization: Bearer <access token>)',
    request: { params: codeParams.extend({ sha256: z.string().regex(SHA256) }) },
    responses: {
      200: {
        description: 'The file, with the type read from its content.',
        content: { 'application/octet-stream': { schema: z.string() } },
      },
      401: problem('No access token.'),
      404: problem('No such complaint or file.'),
    },
  }),
  regulatorFile: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints/{complaint_id}/files/{sha256}',
    tags: ['Complaints'],
    summary: 'An evidence file of a complaint, as an attachment',
    security: BEARER,
    request: { params: idParams.extend({ sha256: z.string().regex(SHA256) }) },
    responses: {
      200: { description: 'The file.', content: { 'application/octet-stream': { schema: z.string() } } },
      ...AUTH_PROBLEMS,
      404: problem('No such complaint or file.'),
    },
  }),
  platformList: createRoute({
    method: 'get',
    path: '/v1/complaints',
    tags: ['Complaints'],
    summary: "Complaints about this platform's sellers, nearest deadline first",
    security: BEARER,
    request: {
      query: z.object({
        status: z.enum([...COMPLAINT_STATUSES, 'all']).default('all'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: { 200: json('The complaints.'), ...AUTH_PROBLEMS },
  }),
  platformGet: createRoute({
    method: 'get',
    path: '/v1/complaints/{complaint_id}',
    tags: ['Complaints'],
    summary: 'One complaint about this platform’s sellers',
    security: BEARER,
    request: { params: idParams },
    responses: {
      200: json('The complaint.'),
      ...AUTH_PROBLEMS,
      404: problem('No such complaint for this platform.'),
    },
  }),
  respond: createRoute({
    method: 'post',
    path: '/v1/complaints/{complaint_id}/responses',
    tags: ['Complaints'],
    summary:
      'Answer a forwarded complaint (due within 10 working days; later answers are recorded as untimely)',
    security: BEARER,
    request: { params: idParams, ...body(ResponseSchema) },
    responses: { 200: json('The complaint.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
  platformMessage: createRoute({
    method: 'post',
    path: '/v1/complaints/{complaint_id}/messages',
    tags: ['Complaints'],
    summary: 'Add a message to a complaint',
    security: BEARER,
    request: { params: idParams, ...body(MessageSchema) },
    responses: { 200: json('The complaint.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS, ...MESSAGE_LIMITS },
  }),
  queue: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints',
    tags: ['Complaints'],
    summary: 'The regulator’s queue: open complaints (or one status), nearest deadline first',
    security: BEARER,
    request: {
      query: z.object({
        status: z.enum([...COMPLAINT_STATUSES, 'open']).default('open'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: z.coerce
          .number()
          .int()
          .min(0)
          .default(0)
          .openapi({ description: 'Skip this many (paging: the next_offset of the previous page).' }),
      }),
    },
    responses: {
      200: json(
        'The complaints, with the total the queue holds and the next page’s offset (null on the last).',
      ),
      ...AUTH_PROBLEMS,
    },
  }),
  regulatorGet: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints/{complaint_id}',
    tags: ['Complaints'],
    summary: 'A complaint with every step',
    security: BEARER,
    request: { params: idParams },
    responses: { 200: json('The complaint.'), ...AUTH_PROBLEMS, 404: problem('No such complaint.') },
  }),
  regulatorStep: createRoute({
    method: 'post',
    path: '/v1/regulator/complaints/{complaint_id}/steps',
    tags: ['Complaints'],
    summary: 'Accept, reject, forward, mediate, close, find the seller at fault, or add a message',
    security: BEARER,
    request: { params: idParams, ...body(RegulatorStepSchema) },
    responses: { 200: json('The complaint.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
  reveal: createRoute({
    method: 'post',
    path: '/v1/regulator/complaints/{complaint_id}/reveal',
    tags: ['Complaints'],
    summary: "The complainant's name, phone and e-mail unmasked, for a reason that is audited",
    security: BEARER,
    request: { params: idParams, ...body(RevealSchema) },
    responses: { 200: json('The personal data.'), ...AUTH_PROBLEMS, 404: problem('No such complaint.') },
  }),
};

const consumerActions = {
  messages: {
    schema: MessageSchema,
    summary: 'Add a message',
    action: (m?: string) => ({ type: 'message', message: m! }),
  },
  accept: {
    schema: OptionalMessage,
    summary: "Accept the platform's answer",
    action: (m?: string) => ({ type: 'consumer_accept', ...(m ? { message: m } : {}) }),
  },
  reject: {
    schema: OptionalMessage,
    summary: "Reject the platform's answer: the regulator mediates",
    action: (m?: string) => ({ type: 'consumer_reject', ...(m ? { message: m } : {}) }),
  },
  withdraw: {
    schema: OptionalMessage,
    summary: 'Withdraw the complaint',
    action: (m?: string) => ({ type: 'withdraw', ...(m ? { message: m } : {}) }),
  },
} as const;

const BEARER_RE = /^Bearer +([^\s]+) *$/i;

export function complaintRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // The same counter as the lodging form's (console/complaint-lodge.tsx): one allowance per address.
  const { lodging } = publicLimits(gw.config);
  const regulator = requireRole(gw.accounts, ['regulator', 'admin']);
  const platform = requireRole(gw.accounts, ['platform']);
  app.use('/v1/complaints', platform);
  app.use('/v1/complaints/*', platform);
  app.use('/v1/regulator/complaints', regulator);
  app.use('/v1/regulator/complaints/*', regulator);

  /** The complaint a consumer's code and token open; a wrong token looks like no complaint at all. */
  function consumerComplaint(c: Context<AppEnv>): ComplaintRow {
    const code = c.req.param('tracking_code') ?? '';
    const token = BEARER_RE.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token)
      throw new DomainError('unauthorized', 'send the access token as "Authorization: Bearer <token>"');
    const row = CODE.test(code) ? gw.complaints.byCode(code) : undefined;
    if (!row || !tokenMatches(row, token)) throw notFound('complaint');
    return row;
  }
  function platformComplaint(c: Context<AppEnv>): ComplaintRow {
    const id = c.req.param('complaint_id') ?? '';
    const row = ULID.test(id) ? gw.complaints.byId(id) : undefined;
    // Another platform's complaint does not exist for this one.
    if (!row || row.platform_id !== platformOf(c).platformId) throw notFound('complaint');
    return row;
  }
  function regulatorComplaint(c: Context<AppEnv>): ComplaintRow {
    const id = c.req.param('complaint_id') ?? '';
    const row = ULID.test(id) ? gw.complaints.byId(id) : undefined;
    if (!row) throw notFound('complaint');
    return row;
  }
  const consumer: StepActor = { role: 'consumer', id: null };
  const platformActor = (c: Context<AppEnv>): StepActor => ({
    role: 'platform',
    id: actorOf(c.get('principal')),
  });
  const regulatorActor = (c: Context<AppEnv>): StepActor => ({
    role: 'regulator',
    id: actorOf(c.get('principal')),
  });

  // Bodies are read by readJsonBody (limits, problems naming the field): documented, not validated, here.
  app.openAPIRegistry.registerPath(doc.lodge);
  app.post('/public/complaints', lodging, async (c) => {
    const input = await readJsonBody(c, LodgeSchema, 64 * 1024);
    let amount: number | null = null;
    if (input.amount_claimed !== undefined) {
      const currency = input.currency!.toUpperCase();
      const parsed = isCurrency(currency) ? parseMoney(input.amount_claimed, currency) : null;
      if (!parsed?.ok)
        throw new DomainError(
          'invalid_body',
          `amount_claimed: ${parsed ? parsed.reason : 'unknown currency'}`,
          {
            errors: [
              {
                field: parsed ? 'amount_claimed' : 'currency',
                message: parsed ? parsed.reason : 'unknown currency',
              },
            ],
          },
        );
      amount = parsed.minor;
    }
    // The order from the transactions store, which may be ClickHouse (asked before the verb's transaction).
    const platform = input.order_id ? gw.accounts.platformBySlug(input.platform) : undefined;
    const order = platform ? ((await gw.orders.history(platform.id, input.order_id!))[0] ?? null) : undefined;
    const { row, token } = lodgeComplaint(
      gw,
      { ...input, amount_minor: amount, currency: input.currency?.toUpperCase() ?? null },
      new Date(),
      order,
    );
    c.header('location', `/public/complaints/${row.tracking_code}`);
    c.header('cache-control', 'no-store');
    return c.json({ ...complaintView(gw, row, 'consumer'), access_token: token }, 201);
  });
  app.openAPIRegistry.registerPath(doc.track);
  app.get('/public/complaints/:tracking_code', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(complaintView(gw, consumerComplaint(c), 'consumer'), 200);
  });
  for (const [path, spec] of Object.entries(consumerActions)) {
    app.openAPIRegistry.registerPath(doc.consumerStep(path, spec.summary, spec.schema));
    app.post(`/public/complaints/:tracking_code/${path}`, async (c) => {
      const row = consumerComplaint(c);
      const input = (await readJsonBody(c, spec.schema)) as { message?: string };
      const result = complaintStep(gw, row.id, spec.action(input.message) as ComplaintAction, consumer);
      return c.json(complaintView(gw, result.row, 'consumer'), 200);
    });
  }
  app.openAPIRegistry.registerPath(doc.addFile);
  app.post('/public/complaints/:tracking_code/files', uploadLimit(MAX_FILE_BYTES), async (c) => {
    const row = consumerComplaint(c);
    const uploads = await uploadedFiles(c);
    return c.json({ files: await addComplaintFiles(gw, row, uploads) }, 201);
  });
  const sendFile = async (c: Context<AppEnv>, row: ComplaintRow) => {
    const sha = c.req.param('sha256') ?? '';
    const file = SHA256.test(sha) ? gw.complaints.file(row.id, sha) : undefined;
    const bytes = file ? await gw.complaintFiles.get(sha) : undefined;
    if (!file || !bytes) throw notFound('file');
    // Named by its hash and sniffed type, whatever name it was uploaded or once kept with.
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.media_type,
      'content-disposition': `attachment; filename="${storedFileName(file.sha256, file.media_type)}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  };
  app.openAPIRegistry.registerPath(doc.consumerFile);
  app.get('/public/complaints/:tracking_code/files/:sha256', (c) => sendFile(c, consumerComplaint(c)));

  app.openapi(doc.platformList, (c) => {
    const { status, limit } = c.req.valid('query');
    const rows = gw.complaints.ofPlatform(platformOf(c).platformId, status, limit);
    return c.json({ complaints: rows.map((r) => complaintView(gw, r, 'platform')) }, 200);
  });
  app.openapi(doc.platformGet, (c) => c.json(complaintView(gw, platformComplaint(c), 'platform'), 200));
  app.openAPIRegistry.registerPath(doc.respond);
  app.post('/v1/complaints/:complaint_id/responses', async (c) => {
    const row = platformComplaint(c);
    const input = await readJsonBody(c, ResponseSchema);
    const result = complaintStep(gw, row.id, { type: 'respond', ...input }, platformActor(c));
    return c.json(complaintView(gw, result.row, 'platform'), 200);
  });
  app.openAPIRegistry.registerPath(doc.platformMessage);
  app.post('/v1/complaints/:complaint_id/messages', async (c) => {
    const row = platformComplaint(c);
    const input = await readJsonBody(c, MessageSchema);
    const result = complaintStep(gw, row.id, { type: 'message', ...input }, platformActor(c));
    return c.json(complaintView(gw, result.row, 'platform'), 200);
  });

  app.openapi(doc.queue, (c) => {
    const { status, limit, offset } = c.req.valid('query');
    const total = gw.complaints.queueCount(status);
    return c.json(
      {
        complaints: gw.complaints.queue(status, limit, offset).map((r) => complaintView(gw, r, 'regulator')),
        total,
        next_offset: offset + limit < total ? offset + limit : null,
      },
      200,
    );
  });
  app.openapi(doc.regulatorGet, (c) => c.json(complaintView(gw, regulatorComplaint(c), 'regulator'), 200));
  app.openAPIRegistry.registerPath(doc.regulatorStep);
  app.post('/v1/regulator/complaints/:complaint_id/steps', async (c) => {
    const row = regulatorComplaint(c);
    const input = await readJsonBody(c, RegulatorStepSchema);
    const result = complaintStep(gw, row.id, input as ComplaintAction, regulatorActor(c));
    return c.json(complaintView(gw, result.row, 'regulator'), 200);
  });
  app.openAPIRegistry.registerPath(doc.reveal);
  app.post('/v1/regulator/complaints/:complaint_id/reveal', async (c) => {
    const row = regulatorComplaint(c);
    const { reason } = await readJsonBody(c, RevealSchema);
    const complainant = revealComplainant(gw, row, {
      actor: actorOf(c.get('principal')),
      reason,
      via: 'api',
    });
    c.header('cache-control', 'no-store');
    return c.json({ complaint_id: row.id, complainant }, 200);
  });
  app.openAPIRegistry.registerPath(doc.regulatorFile);
  app.get('/v1/regulator/complaints/:complaint_id/files/:sha256', (c) => sendFile(c, regulatorComplaint(c)));
  return app;
}
