import { createRoute, z } from '@hono/zod-openapi';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  fileResponse,
  jsonBodyLimits,
  jsonResponse,
  NO_KEY,
  problem,
  PUBLIC_RATE_LIMIT,
  RATE_LIMITED,
  READ_PROBLEMS,
  STORE_UNAVAILABLE,
  UPLOAD_BODY,
  UPLOADED_FILE_TYPES,
  pageOffset,
} from '../http/schemas.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { MAX_TRACE_CODE, TRACE_SCHEMES } from '../trace/codes.ts';
import { ORDER_ID } from '../transactions/record.ts';
import { COMPLAINT_EXAMPLES, COMPLAINT_INPUTS } from './examples.ts';
import {
  ANSWER_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  OUTCOMES,
  REJECTION_REASONS,
} from './workflow.ts';

/**
 * The complaint routes as the OpenAPI document describes them, and the JSON bodies they read: routes.ts
 * registers and serves them.
 */

export const ULID = /^[0-9A-Z]{26}$/;
export const CODE = /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
export const SHA256 = /^[0-9a-f]{64}$/;
const body = (schema: z.ZodType) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const message = z.string().trim().min(1).max(5000);

/**
 * The consumer's access token: given once when the complaint is lodged, sent as a bearer token, and
 * opening that complaint alone. Its own scheme, apart from the API keys': no API key opens a complaint's
 * consumer routes, and the token opens nothing else.
 */
export const ACCESS_TOKEN_SCHEME = {
  name: 'complaintAccessToken',
  scheme: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The access token of one complaint, answered once as `access_token` when it is lodged (POST /public/complaints). It opens that complaint’s consumer routes and nothing else; an API key opens none of them.',
  },
} as const;
const ACCESS_TOKEN = [{ [ACCESS_TOKEN_SCHEME.name]: [] as string[] }];

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
    // Any strings here: the lodging checks the pair by its scheme (trace-code.ts) and refuses a bad one,
    // an unknown scheme included, as invalid_trace_code rather than in a schema's words as invalid_body.
    trace_code: z
      .object({
        scheme: z.string().openapi({
          enum: [...TRACE_SCHEMES],
          description: 'The scheme of the code, as filed orders name it (docs/trace-codes.md).',
        }),
        code: z.string().openapi({
          maxLength: MAX_TRACE_CODE,
          description: 'The code as printed on the package.',
          example: '(01)06901234567892(21)LJ250-0117',
        }),
      })
      .strict()
      .optional()
      .openapi({
        description:
          'The product trace code of the unit complained about, such as a code the public trace check said was sold more than once. A code its scheme refuses, or a scheme that is not one, is refused with invalid_trace_code. Shown back in every view of the complaint.',
      }),
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
  .openapi('ComplaintInput', { example: COMPLAINT_INPUTS.lodge });

export const MessageSchema = z
  .object({ message })
  .strict()
  .openapi('ComplaintMessage', { example: COMPLAINT_INPUTS.message });
const OptionalMessage = z
  .object({ message: message.optional() })
  .strict()
  .openapi({ example: COMPLAINT_INPUTS.optionalMessage });
export const ResponseSchema = z
  .object({ kind: z.enum(ANSWER_KINDS), message })
  .strict()
  .openapi('PlatformAnswer', { example: COMPLAINT_INPUTS.answer });
export const RevealSchema = z
  .object({ reason: z.string().trim().min(5).max(500) })
  .strict()
  .openapi({ example: COMPLAINT_INPUTS.reveal });
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
  .openapi('RegulatorStep', { example: COMPLAINT_INPUTS.step });

const codeParams = z.object({ tracking_code: z.string().regex(CODE) });
const idParams = z.object({ complaint_id: z.string().regex(ULID) });

const NOT_FOUND = problem('No such complaint (or the access token does not match it).');
/** The consumer routes' answer to a request without the access token (a wrong one is a 404). */
const NO_TOKEN = { 401: problem('unauthorized: no access token (Authorization: Bearer <access token>).') };
const STEP_CONFLICT =
  'illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again)';
const NOT_YOURS =
  'actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may)';
/** A step's refusals beside the caller's own: its body, the complaint, and the step the state allows. */
const STEP_PROBLEMS = {
  ...badRequest(BAD_JSON),
  404: NOT_FOUND,
  409: problem(`${STEP_CONFLICT}.`),
  ...jsonBodyLimits(),
};
/** A platform's or regulator's step: its key's role, or a step the state leaves to another party. */
const STAFF_STEP_PROBLEMS = {
  ...STEP_PROBLEMS,
  ...AUTH_PROBLEMS,
  403: problem(`forbidden: the key belongs to a role that may not use this route; or ${NOT_YOURS}.`),
  404: problem('No such complaint (for this platform).'),
};

/** A message past its party's allowance (limits.ts): the consumer's and the platform's, not the regulator's. */
const MESSAGE_LIMITS = {
  409: problem(
    `${STEP_CONFLICT}; or conflict: the consumer, or the platform, has added as many messages to the complaint as it may (200 each, configurable; \`limit\`).`,
  ),
  429: problem(
    'rate_limited: 30 messages of one party on one complaint in 24 hours (configurable), with Retry-After.',
  ),
};
/** The limit of every public route, and for a consumer's messages also theirs. */
const CONSUMER_MESSAGE_LIMITS = {
  ...MESSAGE_LIMITS,
  429: problem(`${PUBLIC_RATE_LIMIT}; or ${MESSAGE_LIMITS[429].description}`),
};
const FILE_TYPES_TEXT = 'images (JPEG, PNG, GIF, WebP) or PDF';

export const doc = {
  lodge: createRoute({
    method: 'post',
    path: '/public/complaints',
    tags: ['Complaints'],
    operationId: 'lodgeComplaint',
    summary: 'Lodge a complaint about an online purchase (no login)',
    description:
      'Linked to the platform’s filed order when order_id names one (a verified purchase), the store and its market subject. A product trace code (trace_code) names the unit complained about; every view of the complaint shows it, or null. Answers with a tracking code and a secret access token, shown once. Purchases more than three years ago are refused; the same order and category open already is refused as a duplicate; lodging is rate-limited per client address and per phone number.',
    security: NO_KEY,
    request: body(LodgeSchema),
    responses: {
      201: jsonResponse(
        'The complaint, its deadlines and what it was linked to, with the access token.',
        COMPLAINT_EXAMPLES.lodged,
      ),
      ...badRequest(
        BAD_JSON,
        'invalid_body also for an unknown platform, a store_url that is not http(s), or an amount its currency cannot have',
        'invalid_trace_code: a trace_code its scheme refuses, or a scheme that is not one (`errors` names the field)',
      ),
      409: problem(
        'duplicate_complaint: the same order and category is open already (not named: lodging has no login).',
      ),
      ...jsonBodyLimits(64 * 1024),
      422: problem('complaint_time_barred: the purchase is more than three years old.'),
      429: problem(
        `${PUBLIC_RATE_LIMIT}; or rate_limited: more complaints from one address in an hour (MARKETGATE_COMPLAINTS_PER_ADDRESS_PER_HOUR, 10) or from one phone number in a day (MARKETGATE_COMPLAINTS_PER_PHONE_PER_DAY, 3) than allowed, with Retry-After.`,
      ),
      // The order named is looked up in the transactions store, which may be ClickHouse.
      ...STORE_UNAVAILABLE,
    },
  }),
  track: createRoute({
    method: 'get',
    path: '/public/complaints/{tracking_code}',
    tags: ['Complaints'],
    operationId: 'trackComplaint',
    summary: 'Track a complaint (Authorization: Bearer <access token>)',
    security: ACCESS_TOKEN,
    request: { params: codeParams },
    responses: {
      200: jsonResponse('The complaint with every step.', COMPLAINT_EXAMPLES.consumer),
      ...NO_TOKEN,
      404: NOT_FOUND,
      ...RATE_LIMITED,
    },
  }),
  consumerStep: (path: string, spec: ConsumerAction) =>
    createRoute({
      method: 'post',
      path: `/public/complaints/{tracking_code}/${path}`,
      tags: ['Complaints'],
      operationId: spec.operationId,
      summary: `${spec.summary} (Authorization: Bearer <access token>)`,
      security: ACCESS_TOKEN,
      request: { params: codeParams, ...body(spec.schema) },
      responses: {
        200: jsonResponse('The complaint.', spec.example),
        ...NO_TOKEN,
        403: problem(`${NOT_YOURS}.`),
        ...STEP_PROBLEMS,
        ...(spec.action().type === 'message' ? CONSUMER_MESSAGE_LIMITS : RATE_LIMITED),
      },
    }),
  addFile: createRoute({
    method: 'post',
    path: '/public/complaints/{tracking_code}/files',
    tags: ['Complaints'],
    operationId: 'addComplaintFiles',
    summary: `Add evidence files: ${FILE_TYPES_TEXT}, up to 5 MB each (multipart field "file")`,
    description:
      'The type is read from the content, never from the name; the file is known and downloaded by its hash and that type (`<16 hex digits>.gif`), never by the name it was uploaded with. At most 20 files per complaint, 10 in 24 hours (configurable).',
    security: ACCESS_TOKEN,
    request: { params: codeParams, ...UPLOAD_BODY },
    responses: {
      201: jsonResponse('The files added.', COMPLAINT_EXAMPLES.files),
      ...badRequest('invalid_body: no file in the form, or a form that cannot be read'),
      ...NO_TOKEN,
      404: NOT_FOUND,
      409: problem('conflict: the complaint holds as many files as it may (`limit`), or it is closed.'),
      413: problem('payload_too_large: a file past 5 MB or a body past the limit.'),
      415: problem(
        `unsupported_file_type: not ${FILE_TYPES_TEXT} by its content; or unsupported_media_type: not multipart/form-data.`,
      ),
      429: problem(
        `${PUBLIC_RATE_LIMIT}; or rate_limited: as many files in 24 hours as a complaint may take, with Retry-After.`,
      ),
    },
  }),
  consumerFile: createRoute({
    method: 'get',
    path: '/public/complaints/{tracking_code}/files/{sha256}',
    tags: ['Complaints'],
    operationId: 'downloadComplaintFileAsConsumer',
    summary: 'An evidence file of the complaint, as an attachment (Authorization: Bearer <access token>)',
    security: ACCESS_TOKEN,
    request: { params: codeParams.extend({ sha256: z.string().regex(SHA256) }) },
    responses: {
      200: fileResponse('The file, with the type read from its content.', UPLOADED_FILE_TYPES),
      ...NO_TOKEN,
      404: problem('No such complaint or file.'),
      ...RATE_LIMITED,
    },
  }),
  regulatorFile: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints/{complaint_id}/files/{sha256}',
    tags: ['Complaints'],
    operationId: 'downloadComplaintFileAsRegulator',
    summary: 'An evidence file of a complaint, as an attachment',
    security: BEARER,
    request: { params: idParams.extend({ sha256: z.string().regex(SHA256) }) },
    responses: {
      200: fileResponse('The file, with the type read from its content.', UPLOADED_FILE_TYPES),
      ...AUTH_PROBLEMS,
      404: problem('No such complaint or file.'),
    },
  }),
  platformList: createRoute({
    method: 'get',
    path: '/v1/complaints',
    tags: ['Complaints'],
    operationId: 'listComplaints',
    summary: "Complaints about this platform's sellers, nearest deadline first",
    security: BEARER,
    request: {
      query: z.object({
        status: z.enum([...COMPLAINT_STATUSES, 'all']).default('all'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: jsonResponse('The complaints.', COMPLAINT_EXAMPLES.platformList),
      ...READ_PROBLEMS,
    },
  }),
  platformGet: createRoute({
    method: 'get',
    path: '/v1/complaints/{complaint_id}',
    tags: ['Complaints'],
    operationId: 'getComplaint',
    summary: 'One complaint about this platform’s sellers',
    security: BEARER,
    request: { params: idParams },
    responses: {
      200: jsonResponse('The complaint.', COMPLAINT_EXAMPLES.platform),
      ...READ_PROBLEMS,
      404: problem('No such complaint for this platform.'),
    },
  }),
  respond: createRoute({
    method: 'post',
    path: '/v1/complaints/{complaint_id}/responses',
    tags: ['Complaints'],
    operationId: 'answerComplaint',
    summary:
      'Answer a forwarded complaint (due within 10 working days; later answers are recorded as untimely)',
    security: BEARER,
    request: { params: idParams, ...body(ResponseSchema) },
    responses: {
      200: jsonResponse('The complaint.', COMPLAINT_EXAMPLES.platformAnswered),
      ...STAFF_STEP_PROBLEMS,
    },
  }),
  platformMessage: createRoute({
    method: 'post',
    path: '/v1/complaints/{complaint_id}/messages',
    tags: ['Complaints'],
    operationId: 'addComplaintMessage',
    summary: 'Add a message to a complaint',
    security: BEARER,
    request: { params: idParams, ...body(MessageSchema) },
    responses: {
      200: jsonResponse('The complaint.', COMPLAINT_EXAMPLES.platform),
      ...STAFF_STEP_PROBLEMS,
      ...MESSAGE_LIMITS,
    },
  }),
  queue: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints',
    tags: ['Complaints'],
    operationId: 'listComplaintsAsRegulator',
    summary: 'The regulator’s queue: open complaints (or one status), nearest deadline first',
    security: BEARER,
    request: {
      query: z.object({
        status: z.enum([...COMPLAINT_STATUSES, 'open']).default('open'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: pageOffset(),
      }),
    },
    responses: {
      200: jsonResponse(
        'The complaints, with the total the queue holds and the next page’s offset (null on the last).',
        COMPLAINT_EXAMPLES.queue,
      ),
      ...READ_PROBLEMS,
    },
  }),
  regulatorGet: createRoute({
    method: 'get',
    path: '/v1/regulator/complaints/{complaint_id}',
    tags: ['Complaints'],
    operationId: 'getComplaintAsRegulator',
    summary: 'A complaint with every step',
    security: BEARER,
    request: { params: idParams },
    responses: {
      200: jsonResponse('The complaint.', COMPLAINT_EXAMPLES.regulator),
      ...READ_PROBLEMS,
      404: problem('No such complaint.'),
    },
  }),
  regulatorStep: createRoute({
    method: 'post',
    path: '/v1/regulator/complaints/{complaint_id}/steps',
    tags: ['Complaints'],
    operationId: 'takeComplaintStep',
    summary: 'Accept, reject, forward, mediate, close, find the seller at fault, or add a message',
    security: BEARER,
    request: { params: idParams, ...body(RegulatorStepSchema) },
    responses: {
      200: jsonResponse('The complaint.', COMPLAINT_EXAMPLES.regulatorStep),
      ...STAFF_STEP_PROBLEMS,
    },
  }),
  reveal: createRoute({
    method: 'post',
    path: '/v1/regulator/complaints/{complaint_id}/reveal',
    tags: ['Complaints'],
    operationId: 'revealComplainant',
    summary: "The complainant's name, phone and e-mail unmasked, for a reason that is audited",
    security: BEARER,
    request: { params: idParams, ...body(RevealSchema) },
    responses: {
      200: jsonResponse('The personal data.', COMPLAINT_EXAMPLES.revealed),
      ...badRequest(BAD_JSON),
      ...AUTH_PROBLEMS,
      404: problem('No such complaint.'),
      ...jsonBodyLimits(),
    },
  }),
};

interface ConsumerAction {
  schema: z.ZodType;
  summary: string;
  operationId: string;
  example: Record<string, unknown>;
  action: (m?: string) => { type: string; message?: string };
}

export const consumerActions: Record<string, ConsumerAction> = {
  messages: {
    schema: MessageSchema,
    summary: 'Add a message',
    operationId: 'addComplaintMessageAsConsumer',
    example: COMPLAINT_EXAMPLES.consumerMessage,
    action: (m?: string) => ({ type: 'message', message: m! }),
  },
  accept: {
    schema: OptionalMessage,
    summary: "Accept the platform's answer",
    operationId: 'acceptComplaintAnswer',
    example: COMPLAINT_EXAMPLES.consumerAccept,
    action: (m?: string) => ({ type: 'consumer_accept', ...(m ? { message: m } : {}) }),
  },
  reject: {
    schema: OptionalMessage,
    summary: "Reject the platform's answer: the regulator mediates",
    operationId: 'rejectComplaintAnswer',
    example: COMPLAINT_EXAMPLES.consumerReject,
    action: (m?: string) => ({ type: 'consumer_reject', ...(m ? { message: m } : {}) }),
  },
  withdraw: {
    schema: OptionalMessage,
    summary: 'Withdraw the complaint',
    operationId: 'withdrawComplaint',
    example: COMPLAINT_EXAMPLES.withdrawn,
    action: (m?: string) => ({ type: 'withdraw', ...(m ? { message: m } : {}) }),
  },
};
