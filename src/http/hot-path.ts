/**
 * The public credit page answered before Hono. It is the gateway's busiest route: anyone may ask, with
 * no login, for any of millions of subjects. Served from its kept page (credit/pages.ts), the page costs
 * less than Hono's own handling of a request (a Request and Headers built from Node's, middleware, a
 * Response turned back into Node's), so the plain Node request listener answers it; everything else,
 * and every case here that is not the plain one, goes to Hono.
 *
 * What the client gets is what the Hono route sends (test/http/hot-path.test.ts compares them): the
 * same body, status and headers, the security headers taken from the app's own middleware at start, the
 * caller's X-Request-Id echoed when sane, and the same log line.
 *
 * The page is a public route: it counts against the per-address limit of every public route, on the
 * same counter as Hono's middleware (rate-limit.ts, one Map lookup). A refused request goes to Hono,
 * whose middleware refuses it with the problem response; a request counted here that still goes to Hono
 * (an unknown subject) is marked so that it is not counted twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import { sameOriginHeaders } from './app.ts';
import { clientAddressOf } from './client-address.ts';
import { addressKey, publicLimits } from './rate-limit.ts';
import { logRequest, requestIdFor } from './request-id.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** GET of a subject's page: the path exactly, no query; anything else is Hono's (which validates it). */
const PAGE = /^\/public\/credit\/subjects\/([0-9A-Z]{26})$/;
/** The page's route as Hono names it (credit/public-routes.ts). */
const PAGE_ROUTE = '/public/credit/subjects/:subject_id';

/** The headers the app's security middleware sets on a response, read once from the middleware itself. */
async function securityHeaders(): Promise<Record<string, string>> {
  const probe = new Hono();
  probe.use('*', sameOriginHeaders());
  probe.get('/', (c) => c.body(null, 204));
  const res = await probe.request('/');
  return Object.fromEntries(res.headers);
}

/** Reads what it needs once; then wraps Hono's request listener: the public credit page first, the rest to Hono. */
export async function hotPath(gw: Gateway): Promise<(fallback: Listener) => Listener> {
  const security = await securityHeaders();
  const limit = publicLimits(gw.config).requests;
  const addressOf = clientAddressOf(gw.config.trustedProxies);
  return (fallback) => (req, res) => {
    const match = req.method === 'GET' ? PAGE.exec(req.url ?? '') : null;
    if (!match) return fallback(req, res);
    const started = performance.now();
    const forwarded = req.headers['x-forwarded-for'];
    const client = addressOf(
      req.socket.remoteAddress,
      Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    );
    if (!limit.take(addressKey(client)).ok) return fallback(req, res);
    let body: string;
    try {
      body = gw.creditPages.json(match[1]!);
    } catch {
      // No such subject, or anything unexpected: Hono answers it with the problem response.
      limit.counted(req);
      return fallback(req, res);
    }
    const incoming = req.headers['x-request-id'];
    const requestId = requestIdFor(typeof incoming === 'string' ? incoming : undefined);
    res.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'public, max-age=60',
      'content-length': Buffer.byteLength(body),
      ...security,
      'x-request-id': requestId,
    });
    res.end(body);
    logRequest(gw.logger, { request_id: requestId, method: 'GET', path: req.url!, status: 200, started });
    // Counted as Hono counts the route's answers (metrics.ts): by its pattern.
    gw.metrics.request('GET', PAGE_ROUTE, 200, (performance.now() - started) / 1000);
  };
}
