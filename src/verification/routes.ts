import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Verification } from '../../crawlers/verify/verification.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import { type AppEnv, actorOf } from '../http/env.ts';
import { notFound } from '../errors.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  fileResponse,
  jsonBodyLimits,
  problem,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { SELLER_ID } from '../sellers/record.ts';
import { crawlOut, registerCrawlRoutes } from './crawl-routes.ts';
import {
  CrawlRequestSchema,
  CrawlSchema,
  CrawlStatsSchema,
  StoreEpisodesSchema,
  StoreVerificationsSchema,
} from './schemas.ts';
import { evidenceHeaders } from './evidence-file.ts';
import { startCrawl } from './service.ts';
import type { VerificationRow } from './store.ts';

const SHA256 = /^[0-9a-f]{64}$/;

// The body is read by readJsonBody (size limit, problem documents naming the field), so this route is
// registered for the documentation and handled by a plain app.post.
const startCrawlRoute = createRoute({
  method: 'post',
  path: '/v1/regulator/crawls',
  tags: ['Verification'],
  operationId: 'startCrawl',
  summary: 'Start a crawl that verifies stores',
  description:
    'Verifies the active filed stores the body names: by platform, by store, and/or those not verified within `stale_days`; every active store with `{"all": true}` (alone). A body that names nothing (`{}`) is refused. The crawl runs in the background; follow it at the returned `Location`, list crawls at GET /v1/regulator/crawls, cancel it with POST .../cancel.',
  security: BEARER,
  request: { body: { required: true, content: { 'application/json': { schema: CrawlRequestSchema } } } },
  responses: {
    202: {
      description: 'The crawl is queued.',
      content: { 'application/json': { schema: CrawlSchema } },
    },
    ...badRequest(
      BAD_JSON,
      'invalid_body also for an unknown platform or store, a body naming no platforms, stores or stale_days without `"all": true`, or `all` with any of them',
    ),
    ...AUTH_PROBLEMS,
    ...jsonBodyLimits(),
  },
});

const getCrawl = createRoute({
  method: 'get',
  path: '/v1/regulator/crawls/{crawl_id}',
  tags: ['Verification'],
  operationId: 'getCrawl',
  summary: 'Progress of a crawl',
  security: BEARER,
  request: { params: z.object({ crawl_id: z.string().regex(/^[0-9A-Z]{26}$/) }) },
  responses: {
    200: {
      description: 'Stores done so far, by verdict; what it covers, who started (or cancelled) it.',
      content: { 'application/json': { schema: CrawlSchema } },
    },
    ...READ_PROBLEMS,
    404: problem('No such crawl.'),
  },
});

const getCrawlStats = createRoute({
  method: 'get',
  path: '/v1/regulator/crawls/{crawl_id}/stats',
  tags: ['Verification'],
  operationId: 'getCrawlStats',
  summary: 'Statistics of a crawl, per host and overall',
  description:
    'Visits by verdict and by reason, a histogram of HTTP statuses (`error` for requests that got no answer), retries and browser renders.',
  security: BEARER,
  request: { params: z.object({ crawl_id: z.string().regex(/^[0-9A-Z]{26}$/) }) },
  responses: {
    200: { description: 'The statistics.', content: { 'application/json': { schema: CrawlStatsSchema } } },
    ...READ_PROBLEMS,
    404: problem('No such crawl.'),
  },
});

const storeVerifications = createRoute({
  method: 'get',
  path: '/v1/regulator/stores/{platform}/{seller_id}/verifications',
  tags: ['Verification'],
  operationId: 'listStoreVerifications',
  summary: "A store's verifications, newest first, with their evidence",
  security: BEARER,
  request: {
    params: z.object({ platform: z.string().min(1).max(64), seller_id: z.string().regex(SELLER_ID) }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      before: z
        .string()
        .datetime()
        .optional()
        .openapi({ description: 'Only verifications finished before this time (paging).' }),
    }),
  },
  responses: {
    200: {
      description: 'The verifications.',
      content: { 'application/json': { schema: StoreVerificationsSchema } },
    },
    ...READ_PROBLEMS,
    404: problem('No such platform or store.'),
  },
});

const storeEpisodes = createRoute({
  method: 'get',
  path: '/v1/regulator/stores/{platform}/{seller_id}/episodes',
  tags: ['Verification'],
  operationId: 'listStoreEpisodes',
  summary: "A store's violation episodes, newest first, with the verifications that found each",
  description:
    'A violation is an episode (docs/decisions/0014): the verification that first finds it opens it and writes its credit event; later ones that find the same thing extend it; one that finds the store compliant (the mark genuine, or gone) closes it. One further event for every 90 days an episode stays open.',
  security: BEARER,
  request: {
    params: z.object({ platform: z.string().min(1).max(64), seller_id: z.string().regex(SELLER_ID) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  },
  responses: {
    200: { description: 'The episodes.', content: { 'application/json': { schema: StoreEpisodesSchema } } },
    ...READ_PROBLEMS,
    404: problem('No such platform or store.'),
  },
});

const downloadEvidence = createRoute({
  method: 'get',
  path: '/v1/regulator/verifications/{verification_id}/evidence/{sha256}',
  tags: ['Verification'],
  operationId: 'downloadEvidence',
  summary: 'Download one piece of evidence of a verification',
  description:
    'The raw response, the rendered HTML or the screenshot, byte for byte; its SHA-256 is its name. Served as an attachment in a sandbox: a store page kept as evidence never runs on the gateway.',
  security: BEARER,
  request: {
    params: z.object({
      verification_id: z.string().regex(/^[0-9A-Z]{26}$/),
      sha256: z.string().regex(SHA256),
    }),
  },
  responses: {
    // Any type: the raw page as the store sent it (HTML, a PDF, an octet stream), a screenshot, OCR text.
    200: fileResponse('The bytes, with the media type they were received with.', ['*/*']),
    ...READ_PROBLEMS,
    404: problem('No such verification, or no such evidence in it.'),
  },
});

export function verificationRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/regulator/*', requireRole(gw.accounts, ['regulator', 'admin']));

  app.openAPIRegistry.registerPath(startCrawlRoute);
  app.post(startCrawlRoute.path, async (c) => {
    const body = await readJsonBody(c, CrawlRequestSchema);
    const crawl = startCrawl(gw, body, actorOf(c.get('principal')));
    c.header('location', `/v1/regulator/crawls/${crawl.id}`);
    return c.json(crawlOut(gw, gw.verifications.crawl(crawl.id)!), 202);
  });

  // The crawl list, a crawl's results and cancelling (crawl-routes.ts).
  registerCrawlRoutes(app, gw);

  app.openapi(getCrawl, (c) => {
    const crawl = gw.verifications.crawl(c.req.valid('param').crawl_id);
    if (!crawl) throw notFound('crawl');
    return c.json(crawlOut(gw, crawl), 200);
  });

  app.openapi(getCrawlStats, (c) => {
    const { crawl_id } = c.req.valid('param');
    if (!gw.verifications.crawl(crawl_id)) throw notFound('crawl');
    return c.json({ crawl_id, ...gw.verifications.crawlStats(crawl_id).toJSON() }, 200);
  });

  app.openapi(storeVerifications, (c) => {
    const { platform, seller_id } = c.req.valid('param');
    const { limit, before } = c.req.valid('query');
    const platformRow = gw.accounts.platformBySlug(platform);
    if (!platformRow || !gw.sellers.exists(platformRow.id, seller_id)) throw notFound('store');
    const rows = gw.verifications.verificationsOf(platformRow.id, seller_id, before ?? '9999', limit);
    return c.json({ platform, seller_id, verifications: rows.map(verificationOut) }, 200);
  });

  app.openapi(storeEpisodes, (c) => {
    const { platform, seller_id } = c.req.valid('param');
    const platformRow = gw.accounts.platformBySlug(platform);
    if (!platformRow || !gw.sellers.exists(platformRow.id, seller_id)) throw notFound('store');
    const episodes = gw.credit
      .episodesOfStore(platformRow.id, seller_id, c.req.valid('query').limit)
      .map((e) => ({
        id: e.id,
        about: e.about,
        mark: e.mark_key || null,
        violation: e.violation,
        kind: e.kind,
        severity: e.severity,
        opened_at: e.opened_at,
        last_seen_at: e.last_seen_at,
        closed_at: e.closed_at,
        close_reason: e.close_reason,
        seen: e.seen,
        verifications: gw.credit
          .evidenceOf(e.id)
          .map(({ verification_id, credit_event_id }) => ({ verification_id, credit_event_id })),
      }));
    return c.json({ platform, seller_id, episodes }, 200);
  });

  app.openapi(downloadEvidence, async (c) => {
    const { verification_id, sha256 } = c.req.valid('param');
    const piece = gw.verifications.evidence(verification_id, sha256);
    const bytes = piece ? await gw.evidence.get(sha256) : undefined;
    if (!piece || !bytes) throw notFound('evidence');
    return c.body(new Uint8Array(bytes), 200, evidenceHeaders(verification_id, piece, sha256, bytes.length));
  });
  return app;
}

function verificationOut(row: VerificationRow) {
  const record = JSON.parse(row.record) as Verification;
  const kinds = Object.keys(record.evidence) as (keyof Verification['evidence'])[];
  const evidence = kinds.map((kind) => ({
    kind,
    ...record.evidence[kind]!,
    url: `/v1/regulator/verifications/${row.id}/evidence/${record.evidence[kind]!.sha256}`,
  }));
  return {
    id: row.id,
    crawl_id: row.crawl_id,
    seller_version: row.seller_version,
    ...record,
    evidence,
  };
}
