import { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { filingRoutes } from '../filings/routes.ts';
import type { Gateway } from '../gateway-types.ts';
import { docsRoutes } from '../openapi/routes.ts';
import { regulatorRoutes } from '../regulator/routes.ts';
import { riskRoutes } from '../risk/routes.ts';
import { eventRoutes } from '../events/routes.ts';
import { sellerRoutes } from '../sellers/routes.ts';
import { transactionRoutes } from '../transactions/routes.ts';
import { verificationRoutes } from '../verification/routes.ts';
import { markRoutes } from '../marks/routes.ts';
import { creditRoutes } from '../credit/routes.ts';
import { publicCreditRoutes } from '../credit/public-routes.ts';
import { complaintRoutes } from '../complaints/routes.ts';
import { leadRoutes } from '../leads/routes.ts';
import { exchangeRoutes } from '../exchange/routes.ts';
import { assistanceRoutes } from '../assistance/routes.ts';
import { consoleRoutes } from '../console/routes.tsx';
import { publicPages } from '../console/public-pages.tsx';
import { traceRoutes } from '../trace/routes.ts';
import { openDataRoutes } from '../opendata/routes.tsx';
import { fleetRoutes } from '../fleet/routes.ts';
import type { AppEnv } from './env.ts';
import { DomainError } from '../errors.ts';
import { problemResponse, toProblem } from './problem.ts';
import { healthRoutes } from './health.ts';
import { clientAddressOf } from './client-address.ts';
import { metricsRoutes, requestMetrics } from './metrics.ts';
import { peerAddress, publicLimits } from './rate-limit.ts';
import { requestContext } from './request-id.ts';
import { validationHook } from './schemas.ts';

/** The security headers of every response but the badges and open data (also read by hot-path.ts). */
export const sameOriginHeaders = () => secureHeaders({ crossOriginResourcePolicy: 'same-origin' });

/**
 * The routes anyone may call without an account, API and pages: one limit per client address across
 * all of them (also applied by hot-path.ts to the public credit page it answers before Hono).
 */
export const PUBLIC_PATHS = [
  '/public/*',
  '/',
  '/lang',
  '/credit/*',
  '/complaints/*',
  '/trace',
  '/marks/*',
  '/v1/marks/*',
  // What anyone may fetch from the API: the key that verifies receipts, the seller template.
  '/v1/receipt-key',
  '/v1/templates/*',
  // The open-data page, catalog and files: Hono's `/open-data/*` matches `/open-data` itself as well, so
  // listing both would count each visit to the page twice.
  '/open-data/*',
] as const;

/** Assembles the gateway's HTTP app: one room per capability, one error path. */
export function createApp(gw: Gateway): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestContext(gw.logger));
  app.use('*', requestMetrics(gw.metrics));
  // Who is asking, behind the trusted proxies only (MARKETGATE_TRUSTED_PROXIES): limits and audit use it.
  const addressOf = clientAddressOf(gw.config.trustedProxies);
  app.use('*', async (c, next) => {
    c.set('clientAddress', addressOf(peerAddress(c), c.req.header('x-forwarded-for')));
    await next();
  });
  const sameOrigin = sameOriginHeaders();
  // Trust-mark badges are embedded by stores on other sites, and the open data's catalog and files are
  // read by programs on other sites: only they may be loaded cross-origin (not the open-data page).
  const embeddable = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  const crossOrigin = /^\/marks\/[^/]+\/badge\.svg$|^\/open-data\/./;
  app.use('*', (c, next) => (crossOrigin.test(c.req.path) ? embeddable : sameOrigin)(c, next));
  const { requests } = publicLimits(gw.config);
  for (const path of PUBLIC_PATHS) app.use(path, requests);

  app.route('/', healthRoutes(gw));
  app.route('/', metricsRoutes(gw.metrics, gw.config.metrics));
  app.route('/', filingRoutes(gw));
  app.route('/', sellerRoutes(gw));
  app.route('/', transactionRoutes(gw));
  app.route('/', regulatorRoutes(gw));
  app.route('/', traceRoutes(gw));
  app.route('/', riskRoutes(gw));
  app.route('/', eventRoutes(gw));
  app.route('/', verificationRoutes(gw));
  app.route('/', markRoutes(gw));
  app.route('/', creditRoutes(gw));
  app.route('/', publicCreditRoutes(gw));
  app.route('/', complaintRoutes(gw));
  app.route('/', exchangeRoutes(gw));
  app.route('/', leadRoutes(gw));
  app.route('/', assistanceRoutes(gw));
  app.route('/', consoleRoutes(gw));
  app.route('/', publicPages(gw));
  app.route('/', openDataRoutes(gw));
  app.route('/', fleetRoutes(gw));
  docsRoutes(app);

  app.notFound((c) =>
    problemResponse(c, new DomainError('not_found', `no route ${c.req.method} ${c.req.path}`)),
  );
  app.onError((err, c) => toProblem(err, c));
  return app;
}
