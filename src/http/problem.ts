import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../errors.ts';
import { ERROR_STATUS, problemHeaders } from './errors.ts';

export const PROBLEM_TYPE_BASE = 'urn:marketgate:problem:';

/** Writes an application/problem+json response (RFC 9457) with the request id. */
export function problemResponse(
  c: Context,
  error: DomainError,
  extraHeaders: Record<string, string> = {},
): Response {
  const status = ERROR_STATUS[error.code];
  const body = {
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: error.title,
    status,
    detail: error.detail,
    code: error.code,
    request_id: c.get('requestId') ?? null,
    ...error.extra,
  };
  const headers = new Headers({
    'content-type': 'application/problem+json',
    ...problemHeaders(error),
    ...extraHeaders,
  });
  const requestId = c.get('requestId');
  if (requestId) headers.set('x-request-id', requestId);
  return new Response(JSON.stringify(body), { status, headers });
}

/** The app's onError: typed errors become their problem; anything else is a 500 that reveals nothing. */
export function toProblem(err: unknown, c: Context): Response {
  if (err instanceof DomainError) return problemResponse(c, err);
  if (err instanceof HTTPException && err.status < 500) {
    const code =
      err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : 'invalid_body';
    return problemResponse(c, new DomainError(code, err.message || 'request refused'));
  }
  c.get('logger')?.error({ err, request_id: c.get('requestId') }, 'unhandled error');
  return problemResponse(
    c,
    new DomainError('internal_error', 'the gateway failed to handle this request; nothing was changed'),
  );
}
