/**
 * The public credit page and the public trace check answered before Hono. They are the gateway's
 * busiest routes: anyone may ask, with no login, for any of millions of subjects or codes. Each answer
 * (a kept page, credit/pages.ts; a lookup of a code, trace/service.ts) costs less than Hono's own
 * handling of a request (a Request and Headers built from Node's, middleware, a Response turned back
 * into Node's), so the plain Node request listener answers them; everything else, and every case here
 * that is not the plain one, goes to Hono.
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
import { checkTraceCode } from '../trace/service.ts';
import { sameOriginHeaders } from './app.ts';
import { clientAddressOf } from './client-address.ts';
import { addressKey, publicLimits } from './rate-limit.ts';
import { logRequest, requestIdFor } from './request-id.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A route answered here: its path exactly (no query), its name as Hono's route, and its answer. */
interface HotRoute {
  path: RegExp;
  /** The route as Hono names it (metrics count answers by it). */
  route: string;
  /** The body and the route's own headers; throws (or the match is not the plain case): Hono answers. */
  answer(match: RegExpExecArray): { body: string; headers: Record<string, string> };
}

function hotRoutes(gw: Gateway): HotRoute[] {
  return [
    {
      // A subject's page (credit/public-routes.ts).
      path: /^\/public\/credit\/subjects\/([0-9A-Z]{26})$/,
      route: '/public/credit/subjects/:subject_id',
      answer: (m) => ({
        body: gw.creditPages.json(m[1]!),
        headers: { 'cache-control': 'public, max-age=60' },
      }),
    },
    {
      // A code's check (trace/routes.ts): a code its scheme refuses throws, and Hono describes why.
      path: /^\/public\/trace\/(drug|gs1|other)\/([^/?#]{1,200})$/,
      route: '/public/trace/:scheme/:code',
      answer: (m) => ({
        body: JSON.stringify(checkTraceCode(gw, m[1]!, decodeURIComponent(m[2]!))),
        headers: {},
      }),
    },
  ];
}

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
  const routes = hotRoutes(gw);
  return (fallback) => (req, res) => {
    const url = req.method === 'GET' ? (req.url ?? '') : '';
    let match: RegExpExecArray | null = null;
    const hot = url ? routes.find((r) => (match = r.path.exec(url))) : undefined;
    if (!hot || !match) return fallback(req, res);
    const started = performance.now();
    const forwarded = req.headers['x-forwarded-for'];
    const client = addressOf(
      req.socket.remoteAddress,
      Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    );
    if (!limit.take(addressKey(client)).ok) return fallback(req, res);
    let answer: ReturnType<HotRoute['answer']>;
    try {
      answer = hot.answer(match);
    } catch {
      // No such subject, a code refused, or anything unexpected: Hono answers it with the problem response.
      limit.counted(req);
      return fallback(req, res);
    }
    const incoming = req.headers['x-request-id'];
    const requestId = requestIdFor(typeof incoming === 'string' ? incoming : undefined);
    res.writeHead(200, {
      'content-type': 'application/json',
      ...answer.headers,
      'content-length': Buffer.byteLength(answer.body),
      ...security,
      'x-request-id': requestId,
    });
    res.end(answer.body);
    logRequest(gw.logger, { request_id: requestId, method: 'GET', path: req.url!, status: 200, started });
    // Counted as Hono counts the route's answers (metrics.ts): by its pattern.
    gw.metrics.request('GET', hot.route, 200, (performance.now() - started) / 1000);
  };
}
