import { createRoute, z } from '@hono/zod-openapi';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  BAD_PARAMETER,
  badRequest,
  BEARER,
  fileResponse,
  jsonBodyLimits,
  jsonResponse,
  problem,
  READ_PROBLEMS,
  pageOffset,
} from '../http/schemas.ts';
import { ASSISTANCE_EXAMPLES } from './examples.ts';
import { CancelSchema, NewRequestSchema } from './schemas.ts';
import { ANSWER_MEDIA_TYPES, STATUS_FILTERS } from './terms.ts';

/** The OpenAPI description of every assistance route (routes.ts registers and serves them). */
export const ULID = /^[0-9A-Z]{26}$/;
const requestParams = z.object({ request_id: z.string().regex(ULID) });
const answerParams = requestParams.extend({ answer_id: z.string().regex(ULID) });
const paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: pageOffset(),
};
const statusQuery = z.enum(STATUS_FILTERS).default('all').openapi({
  description: '`overdue`: open past its due date. Open requests come first, nearest due date first.',
});
const NOT_FOUND = problem('No such assistance request (for this platform).');
const binary = { schema: z.string().openapi({ type: 'string', format: 'binary' }) };

export const doc = {
  create: createRoute({
    method: 'post',
    path: '/v1/regulator/assistance-requests',
    tags: ['Assistance requests'],
    operationId: 'requestAssistance',
    summary: "Ask a platform for a seller's records (identity, orders, payments, logistics, after-sales)",
    description:
      'Due in working days on the holiday calendar, counted from the day after the request. The platform is told by the `assistance.requested` event (feed and webhooks). Audited.',
    security: BEARER,
    request: { body: { required: true, content: { 'application/json': { schema: NewRequestSchema } } } },
    responses: {
      201: jsonResponse('The request, with its due date.', ASSISTANCE_EXAMPLES.created),
      ...AUTH_PROBLEMS,
      ...badRequest(BAD_JSON, 'invalid_body also for an unknown platform, or a seller it never filed'),
      ...jsonBodyLimits(64 * 1024),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/regulator/assistance-requests',
    tags: ['Assistance requests'],
    operationId: 'listAssistanceRequestsAsRegulator',
    summary: 'Assistance requests: open first (nearest due date first), then the rest newest first',
    security: BEARER,
    request: {
      query: z.object({
        status: statusQuery,
        platform: z.string().min(1).max(64).optional().openapi({ description: "A platform's slug." }),
        ...paging,
      }),
    },
    responses: {
      200: jsonResponse(
        'The requests, the total and the next page’s offset (null on the last).',
        ASSISTANCE_EXAMPLES.list,
      ),
      ...AUTH_PROBLEMS,
      ...badRequest(`${BAD_PARAMETER}, or an unknown platform`),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/v1/regulator/assistance-requests/{request_id}',
    tags: ['Assistance requests'],
    operationId: 'getAssistanceRequestAsRegulator',
    summary: 'One assistance request with its answers',
    security: BEARER,
    request: { params: requestParams },
    responses: {
      200: jsonResponse('The request.', ASSISTANCE_EXAMPLES.regulator),
      ...READ_PROBLEMS,
      404: NOT_FOUND,
    },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/v1/regulator/assistance-requests/{request_id}/cancel',
    tags: ['Assistance requests'],
    operationId: 'cancelAssistanceRequest',
    summary: 'Cancel an open request (audited, with the reason); the platform sees it cancelled',
    security: BEARER,
    request: {
      params: requestParams,
      body: { required: true, content: { 'application/json': { schema: CancelSchema } } },
    },
    responses: {
      200: jsonResponse('The request.', ASSISTANCE_EXAMPLES.cancelled),
      ...AUTH_PROBLEMS,
      ...badRequest(BAD_JSON),
      404: NOT_FOUND,
      ...jsonBodyLimits(),
      409: problem('conflict: the request is answered or cancelled already.'),
    },
  }),
  download: createRoute({
    method: 'get',
    path: '/v1/regulator/assistance-requests/{request_id}/answers/{answer_id}',
    tags: ['Assistance requests'],
    operationId: 'downloadAssistanceAnswer',
    summary: 'Download an answer file, byte for byte as the platform sent it (audited)',
    security: BEARER,
    request: { params: answerParams },
    responses: {
      200: fileResponse('The file, with the type it was checked to be.', ANSWER_MEDIA_TYPES),
      ...READ_PROBLEMS,
      404: problem('No such request or answer.'),
    },
  }),
  platformList: createRoute({
    method: 'get',
    path: '/v1/assistance-requests',
    tags: ['Assistance requests'],
    operationId: 'listAssistanceRequests',
    summary: "This platform's assistance requests, open first (nearest due date first)",
    security: BEARER,
    request: { query: z.object({ status: statusQuery, ...paging }) },
    responses: {
      200: jsonResponse(
        'The requests, the total and the next page’s offset.',
        ASSISTANCE_EXAMPLES.platformList,
      ),
      ...READ_PROBLEMS,
    },
  }),
  platformGet: createRoute({
    method: 'get',
    path: '/v1/assistance-requests/{request_id}',
    tags: ['Assistance requests'],
    operationId: 'getAssistanceRequest',
    summary: 'One assistance request to this platform, with the answers it sent',
    security: BEARER,
    request: { params: requestParams },
    responses: {
      200: jsonResponse('The request.', ASSISTANCE_EXAMPLES.platform),
      ...READ_PROBLEMS,
      404: NOT_FOUND,
    },
  }),
  answer: createRoute({
    method: 'post',
    path: '/v1/assistance-requests/{request_id}/answers',
    tags: ['Assistance requests'],
    operationId: 'answerAssistanceRequest',
    summary: 'Answer with a file (NDJSON, CSV or ZIP as the raw body, up to 64 MiB); a signed receipt',
    description:
      'The content is checked against the Content-Type (NDJSON lines are JSON, CSV is UTF-8 with rows of one width, a ZIP has a readable central directory). Send several parts with `final=false` on all but the last; a part with `final` true (the default) completes the request. An answer after the due date is taken and flagged `late`. Nothing is kept of a body refused, cut off or too large.',
    security: BEARER,
    request: {
      params: requestParams,
      query: z.object({
        final: z
          .enum(['true', 'false'])
          .default('true')
          .openapi({ description: 'Whether this part completes the request.' }),
      }),
      body: {
        required: true,
        content: Object.fromEntries(ANSWER_MEDIA_TYPES.map((t) => [t, binary])),
      },
    },
    responses: {
      201: jsonResponse('The signed receipt of the file.', ASSISTANCE_EXAMPLES.receipt),
      ...AUTH_PROBLEMS,
      ...badRequest(
        'invalid_parameter: final neither true nor false',
        'invalid_body or malformed_json: an empty body, NDJSON that is not JSON, CSV that cannot be read, an empty ZIP; body_incomplete: a body cut off',
      ),
      404: NOT_FOUND,
      408: problem(
        'filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was kept, and the connection is closed.',
      ),
      409: problem('conflict: the request is answered or cancelled, or holds as many parts as it may (50).'),
      413: problem('payload_too_large: past 64 MiB; send more parts.'),
      415: problem(
        'unsupported_media_type (not one of the three), or unsupported_file_type (the content is not what the type says).',
      ),
    },
  }),
  receipt: createRoute({
    method: 'get',
    path: '/v1/assistance-requests/{request_id}/answers/{answer_id}',
    tags: ['Assistance requests'],
    operationId: 'getAssistanceAnswerReceipt',
    summary: 'The signed receipt of an answer this platform sent, again',
    security: BEARER,
    request: { params: answerParams },
    responses: {
      200: jsonResponse('The receipt.', ASSISTANCE_EXAMPLES.receipt),
      ...READ_PROBLEMS,
      404: problem('No such request or answer.'),
    },
  }),
};
