import { createRoute, z } from '@hono/zod-openapi';
import { AUTH_PROBLEMS, BEARER, problem } from '../http/schemas.ts';
import { AssignSchema, LeadInputSchema, LinkSchema, ReasonSchema, SHA256, ULID } from './schemas.ts';
import { LEAD_CATEGORIES, LEAD_STATUSES } from './terms.ts';

/** The lead routes as the OpenAPI document describes them (routes.ts serves them). */

/** A lead's JSON is small, its goods list included (100 goods with long URLs fit): past this it is refused. */
export const LEAD_BODY_MAX_BYTES = 512 * 1024;

const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
});
const body = (schema: z.ZodType, required = true) => ({
  body: { required, content: { 'application/json': { schema } } },
});
const LeadParam = z.object({ lead_id: z.string().regex(ULID, 'not a lead id') });
const FileParams = LeadParam.extend({ sha256: z.string().regex(SHA256, 'not a SHA-256 hex digest') });
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'Skip this many (paging: the next_offset of the previous page).' }),
};
const FILE_RESPONSE = {
  description: 'The file, with the type read from its content, as an attachment.',
  content: { 'application/octet-stream': { schema: z.string() } },
};
const STEP_PROBLEMS = {
  400: problem('Malformed JSON, a field that breaks a rule, or a malformed lead id.'),
  404: problem('No such lead (or no such penalty or warning to link).'),
  409: problem(
    'illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject.',
  ),
  413: problem('Body too large.'),
  415: problem('Not application/json.'),
};

export const routes = {
  file: createRoute({
    method: 'post',
    path: '/v1/leads',
    tags: ['Leads'],
    summary: 'Report a violation found on this platform (a lead for regulators)',
    description:
      'The 2025 online-trading compliance data measures: the seller (one this platform filed), the store, the goods, what was found, the records kept, the measures taken. ID and phone numbers in the texts are masked before they are stored. Idempotency-Key: the same key and body answer 200 with the lead filed first (Idempotent-Replayed: true); another body is refused. Attach files with POST /v1/leads/{lead_id}/files. Fields and closed lists: docs/leads.md.',
    security: BEARER,
    request: {
      headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
      ...body(LeadInputSchema),
    },
    responses: {
      201: json('The lead, submitted, with its id (Location: /v1/leads/{lead_id}).'),
      200: json('A replay of an Idempotency-Key: the lead filed the first time.'),
      ...AUTH_PROBLEMS,
      400: problem(
        'Malformed JSON, a field that breaks a rule (`errors` names each), or a seller this platform did not file.',
      ),
      413: problem(`Body past ${LEAD_BODY_MAX_BYTES} bytes.`),
      415: problem('Not application/json.'),
      422: problem('idempotency_key_reused: the key was used with another body.'),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/leads',
    tags: ['Leads'],
    summary: "This platform's leads with their status, latest change first",
    security: BEARER,
    request: {
      query: z.object({
        status: z.enum([...LEAD_STATUSES, 'all']).default('all'),
        updated_after: z.iso.datetime({ offset: true }).optional().openapi({
          description: 'Only leads changed after this time (poll with the last updated_at seen).',
        }),
        ...paging,
      }),
    },
    responses: { 200: json('{"leads": [...], "total": n, "next_offset": n | null}'), ...AUTH_PROBLEMS },
  }),
  one: createRoute({
    method: 'get',
    path: '/v1/leads/{lead_id}',
    tags: ['Leads'],
    summary: 'One lead of this platform, with its status and every step',
    security: BEARER,
    request: { params: LeadParam },
    responses: { 200: json('The lead.'), ...AUTH_PROBLEMS, 404: problem('No such lead of this platform.') },
  }),
  addFiles: createRoute({
    method: 'post',
    path: '/v1/leads/{lead_id}/files',
    tags: ['Leads'],
    summary:
      'Attach files to a lead: images (JPEG, PNG, GIF, WebP) or PDF, up to 5 MB each (multipart field "file")',
    description:
      'The type is read from the content, never from the name; a file is known by its hash and that type (`<16 hex digits>.png`). At most 20 files per lead; none once it is dismissed or closed.',
    security: BEARER,
    request: {
      params: LeadParam,
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
      201: json('{"files": [...]}: the files added.'),
      ...AUTH_PROBLEMS,
      400: problem('No file in the form, or a form that cannot be read.'),
      404: problem('No such lead of this platform.'),
      409: problem('The lead holds as many files as it may, or it is dismissed or closed.'),
      413: problem('A file past 5 MB or a body past the limit.'),
      415: problem('unsupported_file_type: not an image or PDF by its content; or not multipart/form-data.'),
    },
  }),
  platformFile: createRoute({
    method: 'get',
    path: '/v1/leads/{lead_id}/files/{sha256}',
    tags: ['Leads'],
    summary: 'A file of one of this platform’s leads',
    security: BEARER,
    request: { params: FileParams },
    responses: { 200: FILE_RESPONSE, ...AUTH_PROBLEMS, 404: problem('No such lead or file.') },
  }),
  queue: createRoute({
    method: 'get',
    path: '/v1/regulator/leads',
    tags: ['Leads'],
    summary: 'The regulators’ queue of leads: open ones (or one status), oldest first',
    security: BEARER,
    request: {
      query: z.object({
        status: z
          .enum([...LEAD_STATUSES, 'open', 'all'])
          .default('open')
          .openapi({ description: 'open: submitted, in_review or linked.' }),
        platform: z.string().min(1).max(64).optional().openapi({ description: "A platform's slug." }),
        category: z.enum(LEAD_CATEGORIES).optional(),
        ...paging,
      }),
    },
    responses: {
      200: json('{"leads": [...], "total": n, "next_offset": n | null}'),
      ...AUTH_PROBLEMS,
    },
  }),
  regulatorOne: createRoute({
    method: 'get',
    path: '/v1/regulator/leads/{lead_id}',
    tags: ['Leads'],
    summary: 'A lead with its links, files and every step',
    security: BEARER,
    request: { params: LeadParam },
    responses: { 200: json('The lead.'), ...AUTH_PROBLEMS, 404: problem('No such lead.') },
  }),
  regulatorFile: createRoute({
    method: 'get',
    path: '/v1/regulator/leads/{lead_id}/files/{sha256}',
    tags: ['Leads'],
    summary: 'A file of a lead',
    security: BEARER,
    request: { params: FileParams },
    responses: { 200: FILE_RESPONSE, ...AUTH_PROBLEMS, 404: problem('No such lead or file.') },
  }),
  assign: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/assign',
    tags: ['Leads'],
    summary: 'Take a lead, or give it to a colleague: submitted → in_review (audited)',
    security: BEARER,
    request: { params: LeadParam, ...body(AssignSchema, false) },
    responses: { 200: json('The lead.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
  link: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/links',
    tags: ['Leads'],
    summary: "Link a lead to a penalty or a risk warning of its seller's subject (audited): → linked",
    security: BEARER,
    request: { params: LeadParam, ...body(LinkSchema) },
    responses: { 200: json('The lead, linked.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/dismiss',
    tags: ['Leads'],
    summary: 'Dismiss a lead that gives no ground for action, with the reason the platform sees (audited)',
    security: BEARER,
    request: { params: LeadParam, ...body(ReasonSchema) },
    responses: { 200: json('The lead, dismissed.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
  close: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/close',
    tags: ['Leads'],
    summary:
      'Close a lead that was taken or linked, saying how it was handled (audited; the platform sees it)',
    security: BEARER,
    request: { params: LeadParam, ...body(ReasonSchema) },
    responses: { 200: json('The lead, closed.'), ...AUTH_PROBLEMS, ...STEP_PROBLEMS },
  }),
};
