import { createRoute, z } from '@hono/zod-openapi';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  COMMAND_PROBLEMS,
  fileResponse,
  jsonBodyLimits,
  jsonResponse,
  problem,
  READ_PROBLEMS,
  UPLOAD_BODY,
  UPLOADED_FILE_TYPES,
  pageOffset,
} from '../http/schemas.ts';
import { LEAD_EXAMPLES } from './examples.ts';
import { AssignSchema, LeadInputSchema, LinkSchema, ReasonSchema, SHA256, ULID } from './schemas.ts';
import { LEAD_CATEGORIES, LEAD_STATUSES } from './terms.ts';

/** The lead routes as the OpenAPI document describes them (routes.ts serves them). */

/** A lead's JSON is small, its goods list included (100 goods with long URLs fit): past this it is refused. */
export const LEAD_BODY_MAX_BYTES = 512 * 1024;

const body = (schema: z.ZodType, required = true) => ({
  body: { required, content: { 'application/json': { schema } } },
});
const LeadParam = z.object({ lead_id: z.string().regex(ULID, 'not a lead id') });
const FileParams = LeadParam.extend({ sha256: z.string().regex(SHA256, 'not a SHA-256 hex digest') });
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: pageOffset(),
};
const FILE_RESPONSE = fileResponse(
  'The file, with the type read from its content, as an attachment.',
  UPLOADED_FILE_TYPES,
);
const FILE_PROBLEMS = { ...READ_PROBLEMS, 404: problem('No such lead or file.') };
const STEP_PROBLEMS = {
  ...COMMAND_PROBLEMS,
  404: problem('No such lead (or no such penalty or warning to link).'),
  409: problem(
    'illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject, or the lead changed meanwhile.',
  ),
};

export const routes = {
  file: createRoute({
    method: 'post',
    path: '/v1/leads',
    tags: ['Leads'],
    operationId: 'fileLead',
    summary: 'Report a violation found on this platform (a lead for regulators)',
    description:
      'The 2025 online-trading compliance data measures: the seller (one this platform filed), the store, the goods, what was found, the records kept, the measures taken. ID and phone numbers in the texts are masked before they are stored. Idempotency-Key: the same key and body answer 200 with the lead filed first (Idempotent-Replayed: true); another body is refused. Attach files with POST /v1/leads/{lead_id}/files. Fields and closed lists: docs/leads.md.',
    security: BEARER,
    request: {
      headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
      ...body(LeadInputSchema),
    },
    responses: {
      201: jsonResponse(
        'The lead, submitted, with its id (Location: /v1/leads/{lead_id}).',
        LEAD_EXAMPLES.lead,
      ),
      200: jsonResponse('A replay of an Idempotency-Key: the lead filed the first time.', LEAD_EXAMPLES.lead),
      ...AUTH_PROBLEMS,
      ...badRequest(
        'invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters',
        BAD_JSON,
        'invalid_body also for a seller this platform did not file',
      ),
      ...jsonBodyLimits(LEAD_BODY_MAX_BYTES),
      422: problem('idempotency_key_reused: the key was used with another body.'),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/leads',
    tags: ['Leads'],
    operationId: 'listLeads',
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
    responses: {
      200: jsonResponse('{"leads": [...], "total": n, "next_offset": n | null}', LEAD_EXAMPLES.list),
      ...READ_PROBLEMS,
    },
  }),
  one: createRoute({
    method: 'get',
    path: '/v1/leads/{lead_id}',
    tags: ['Leads'],
    operationId: 'getLead',
    summary: 'One lead of this platform, with its status and every step',
    security: BEARER,
    request: { params: LeadParam },
    responses: {
      200: jsonResponse('The lead.', LEAD_EXAMPLES.lead),
      ...READ_PROBLEMS,
      404: problem('No such lead of this platform.'),
    },
  }),
  addFiles: createRoute({
    method: 'post',
    path: '/v1/leads/{lead_id}/files',
    tags: ['Leads'],
    operationId: 'addLeadFiles',
    summary:
      'Attach files to a lead: images (JPEG, PNG, GIF, WebP) or PDF, up to 5 MB each (multipart field "file")',
    description:
      'The type is read from the content, never from the name; a file is known by its hash and that type (`<16 hex digits>.png`). At most 20 files per lead; none once it is dismissed or closed.',
    security: BEARER,
    request: { params: LeadParam, ...UPLOAD_BODY },
    responses: {
      201: jsonResponse('{"files": [...]}: the files added.', LEAD_EXAMPLES.files),
      ...AUTH_PROBLEMS,
      ...badRequest(
        'invalid_parameter: a malformed lead id; invalid_body: no file in the form, or a form that cannot be read',
      ),
      404: problem('No such lead of this platform.'),
      409: problem('The lead holds as many files as it may, or it is dismissed or closed.'),
      413: problem('payload_too_large: a file past 5 MB or a body past the limit.'),
      415: problem('unsupported_file_type: not an image or PDF by its content; or not multipart/form-data.'),
    },
  }),
  platformFile: createRoute({
    method: 'get',
    path: '/v1/leads/{lead_id}/files/{sha256}',
    tags: ['Leads'],
    operationId: 'downloadLeadFile',
    summary: 'A file of one of this platform’s leads',
    security: BEARER,
    request: { params: FileParams },
    responses: { 200: FILE_RESPONSE, ...FILE_PROBLEMS },
  }),
  queue: createRoute({
    method: 'get',
    path: '/v1/regulator/leads',
    tags: ['Leads'],
    operationId: 'listLeadsAsRegulator',
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
      200: jsonResponse('{"leads": [...], "total": n, "next_offset": n | null}', LEAD_EXAMPLES.queue),
      ...READ_PROBLEMS,
    },
  }),
  regulatorOne: createRoute({
    method: 'get',
    path: '/v1/regulator/leads/{lead_id}',
    tags: ['Leads'],
    operationId: 'getLeadAsRegulator',
    summary: 'A lead with its links, files and every step',
    security: BEARER,
    request: { params: LeadParam },
    responses: {
      200: jsonResponse('The lead.', LEAD_EXAMPLES.regulator),
      ...READ_PROBLEMS,
      404: problem('No such lead.'),
    },
  }),
  regulatorFile: createRoute({
    method: 'get',
    path: '/v1/regulator/leads/{lead_id}/files/{sha256}',
    tags: ['Leads'],
    operationId: 'downloadLeadFileAsRegulator',
    summary: 'A file of a lead',
    security: BEARER,
    request: { params: FileParams },
    responses: { 200: FILE_RESPONSE, ...FILE_PROBLEMS },
  }),
  assign: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/assign',
    tags: ['Leads'],
    operationId: 'assignLead',
    summary: 'Take a lead, or give it to a colleague: submitted → in_review (audited)',
    security: BEARER,
    request: { params: LeadParam, ...body(AssignSchema, false) },
    responses: { 200: jsonResponse('The lead.', LEAD_EXAMPLES.assigned), ...STEP_PROBLEMS },
  }),
  link: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/links',
    tags: ['Leads'],
    operationId: 'linkLead',
    summary: "Link a lead to a penalty or a risk warning of its seller's subject (audited): → linked",
    security: BEARER,
    request: { params: LeadParam, ...body(LinkSchema) },
    responses: { 200: jsonResponse('The lead, linked.', LEAD_EXAMPLES.linked), ...STEP_PROBLEMS },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/dismiss',
    tags: ['Leads'],
    operationId: 'dismissLead',
    summary: 'Dismiss a lead that gives no ground for action, with the reason the platform sees (audited)',
    security: BEARER,
    request: { params: LeadParam, ...body(ReasonSchema) },
    responses: { 200: jsonResponse('The lead, dismissed.', LEAD_EXAMPLES.dismissed), ...STEP_PROBLEMS },
  }),
  close: createRoute({
    method: 'post',
    path: '/v1/regulator/leads/{lead_id}/close',
    tags: ['Leads'],
    operationId: 'closeLead',
    summary:
      'Close a lead that was taken or linked, saying how it was handled (audited; the platform sees it)',
    security: BEARER,
    request: { params: LeadParam, ...body(ReasonSchema) },
    responses: { 200: jsonResponse('The lead, closed.', LEAD_EXAMPLES.closed), ...STEP_PROBLEMS },
  }),
};
