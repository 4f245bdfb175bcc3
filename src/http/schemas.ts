import type { Hook } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { DomainError } from '../errors.ts';

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
  .openapi('Problem', { description: 'An RFC 9457 problem document (application/problem+json).' });

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
