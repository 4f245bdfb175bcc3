import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { newId } from '../lib/ids.ts';
import type { AppEnv } from './env.ts';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Gives every request an id (the caller's X-Request-Id when it is sane), echoes it and logs the outcome. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : newId();
    c.set('requestId', requestId);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    c.res.headers.set('x-request-id', requestId);
    // Only the method, path and outcome are logged: never a body, a query or a header value.
    logger.info(
      {
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
