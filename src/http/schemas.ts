import type { Hook } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { DomainError } from '../errors.ts';
import { COMMAND_BODY_MAX_BYTES } from './json-body.ts';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:marketgate:problem:unauthorized' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .string()
      .openapi({ description: 'Stable, machine-readable error code.', example: 'unauthorized' }),
    request_id: z.string().nullable(),
  })
  .catchall(z.unknown())
  .openapi('Problem', {
    description: 'An RFC 9457 problem document (application/problem+json).',
    example: {
      type: 'urn:marketgate:problem:invalid_body',
      title: 'Invalid request body',
      status: 400,
      detail: 'reason: Too small: expected string to have >=3 characters',
      code: 'invalid_body',
      request_id: '01JQ3K7Y2M8N4P6R9S1T3V5W7X',
      errors: [{ field: 'reason', message: 'Too small: expected string to have >=3 characters' }],
    },
  });

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The errors every authenticated route can answer with. */
export const AUTH_PROBLEMS = {
  401: problem('Missing, unknown or revoked API key.'),
  403: problem('The key belongs to a role that may not use this route.'),
} as const;

export const BEARER = [{ bearer: [] as string[] }];

/** A paged list's `offset` query parameter (the next page: the `next_offset` its answer gave). */
export const pageOffset = () =>
  z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'Skip this many (paging: the next_offset of the previous page).' });

/** The security of a route anyone may call: no key at all (an empty list of requirements). */
export const NO_KEY: { [scheme: string]: string[] }[] = [];

/**
 * The ways a request is malformed, as the 400 answer lists them: a route names each way it can be, in
 * one description (`badRequest(BAD_PARAMETER, BAD_JSON)`), since a response has one per status.
 */
export const BAD_PARAMETER =
  'invalid_parameter: a path or query parameter breaks its rule (`errors` names each)';
export const BAD_JSON =
  'malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each)';
export const badRequest = (...ways: string[]) => ({ 400: problem(`${ways.join('; ')}.`) });

/** The 400 of a route whose only input is its path and query parameters. */
export const PARAMETER_PROBLEMS = badRequest(BAD_PARAMETER);

/** What a JSON command body read by readJsonBody (json-body.ts) is refused for beside its fields. */
export function jsonBodyLimits(maxBytes = COMMAND_BODY_MAX_BYTES) {
  const size = maxBytes % 1024 ** 2 === 0 ? `${maxBytes / 1024 ** 2} MiB` : `${maxBytes / 1024} KiB`;
  return {
    413: problem(`payload_too_large: the body passes ${size}.`),
    415: problem('unsupported_media_type: the body is not application/json.'),
  };
}

/** A read behind an API key, of what its path or query parameters name: those malformed, or no key. */
export const READ_PROBLEMS = { ...PARAMETER_PROBLEMS, ...AUTH_PROBLEMS };

/**
 * A command behind an API key, on what its path names, with a JSON body (readJsonBody): a malformed
 * parameter or body, no key, and the body's size and type. Each route adds its 404 and 409.
 */
export const COMMAND_PROBLEMS = {
  ...badRequest(BAD_PARAMETER, BAD_JSON),
  ...AUTH_PROBLEMS,
  ...jsonBodyLimits(),
};

/** The limit every public route shares (rate-limit.ts publicLimits): per client address, IPv6 by /64. */
export const PUBLIC_RATE_LIMIT =
  'rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again';
export const RATE_LIMITED = { 429: problem(`${PUBLIC_RATE_LIMIT}.`) };

/** The transactions store (ClickHouse, with MARKETGATE_TRANSACTIONS_URL) did not answer a read the route needs. */
export const STORE_UNAVAILABLE = {
  503: problem(
    'store_unavailable: the transactions store (ClickHouse, where MARKETGATE_TRANSACTIONS_URL is set) does not answer; nothing was changed, try again after Retry-After (30 s).',
  ),
};

/**
 * A JSON response whose body the capability's views shape (not described here field by field): its
 * example shows one. `schema` describes it where a route does.
 */
export const jsonResponse = (
  description: string,
  example: Record<string, unknown>,
  schema: z.ZodType = z.record(z.string(), z.unknown()),
) => ({
  description,
  content: { 'application/json': { schema: schema.openapi({ example }) } },
});

/** A file sent byte for byte, as one of `mediaTypes` (its type read from its content). */
export const fileResponse = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(
    mediaTypes.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }]),
  ),
});

/** The types an uploaded complaint or lead file can be (complaints/files.ts recognises them by their bytes). */
export const UPLOADED_FILE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];

/** The multipart body of a route that takes uploaded files (http/uploads.ts): the `file` field, once a file. */
export const UPLOAD_BODY = {
  body: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: z
          .object({ file: z.any().openapi({ type: 'string', format: 'binary' }) })
          .openapi({ description: 'The files, each in a form field "file".' }),
      },
    },
  },
};

/** Turns a failed validation of path or query parameters into a problem naming each parameter. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw new DomainError(
    'invalid_parameter',
    issues.map((i) => `${i.field || 'parameter'}: ${i.message}`).join('; '),
    { errors: issues },
  );
};
