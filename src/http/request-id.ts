import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { newId } from '../lib/ids.ts';
import type { AppEnv } from './env.ts';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The id of a request: the caller's X-Request-Id when it is sane, else a new one. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : newId();
}

/** The one log line of a request: only the method, path and outcome, never a body, a query or a header value. */
export function logRequest(
  logger: Logger,
  line: { request_id: string; method: string; path: string; status: number; started: number },
): void {
  if (!logger.isLevelEnabled('info')) return;
  const { started, ...rest } = line;
  logger.info({ ...rest, ms: Math.round(performance.now() - started) }, 'request');
}

/** Gives every request an id (the caller's X-Request-Id when it is sane), echoes it and logs the outcome. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const requestId = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    c.res.headers.set('x-request-id', requestId);
    logRequest(logger, {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      started,
    });
  };
}
