import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { limitedBody, requestBody } from '../filings/body.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import {
  AUTH_PROBLEMS,
  BAD_JSON,
  badRequest,
  BEARER,
  jsonBodyLimits,
  problem,
  READ_PROBLEMS,
  validationHook,
} from '../http/schemas.ts';
import { FLEET_EXAMPLES } from './examples.ts';
import { hasEvidence, putEvidence, recordWorkerResult, WORKER_EVIDENCE_MAX_BYTES } from './results.ts';
import { crawlIssuers } from '../verification/verifier.ts';
import { SHA256_HEX, WorkerConfigSchema, WorkerResultRecordedSchema, WorkerResultSchema } from './schemas.ts';

const Sha256Param = z.object({
  sha256: z
    .string()
    .regex(SHA256_HEX)
    .openapi({ example: 'a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f' }),
});
/**
 * An evidence file's media type: any well-formed one, as in-process (the crawler keeps what a store
 * answered, a PDF or an octet stream included: evidence of a not_html verdict). The gateway serves
 * evidence as an attachment, never rendered in its own origin.
 */
/** A worker's verification, with its record of what was found and visited, is read whole up to this size. */
const RESULT_MAX_BYTES = 4 * 1024 * 1024;
const BAD_PARAMETER_SHA256 = 'invalid_parameter: the path is not a SHA-256 (64 lowercase hex digits)';
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\s*(;.*)?$/i;

const routes = {
  config: createRoute({
    method: 'get',
    path: '/v1/worker/config',
    tags: ['Crawl workers'],
    operationId: 'workerConfig',
    summary: "The crawl policy the fleet follows (this gateway's): politeness, deadlines, issuers",
    description:
      'A worker reads it as it starts, so that every machine of the fleet crawls by the same rules, set in one place.',
    security: BEARER,
    responses: {
      200: { description: 'The policy.', content: { 'application/json': { schema: WorkerConfigSchema } } },
      ...AUTH_PROBLEMS,
    },
  }),
  hasEvidence: createRoute({
    method: 'get',
    path: '/v1/worker/evidence/{sha256}',
    tags: ['Crawl workers'],
    operationId: 'workerHasEvidence',
    summary: 'Whether the gateway holds an evidence file (a worker skips sending it then); HEAD as well',
    security: BEARER,
    request: { params: Sha256Param },
    responses: {
      200: {
        description: 'Held.',
        content: {
          'application/json': {
            schema: z
              .object({ sha256: z.string(), held: z.literal(true) })
              .openapi({ example: FLEET_EXAMPLES.held }),
          },
        },
      },
      ...READ_PROBLEMS,
      404: problem('Not held.'),
    },
  }),
  putEvidence: createRoute({
    method: 'put',
    path: '/v1/worker/evidence/{sha256}',
    tags: ['Crawl workers'],
    operationId: 'workerPutEvidence',
    summary: 'Send an evidence file, content-addressed: the body must hash to the path',
    description: `The body is the file (up to ${WORKER_EVIDENCE_MAX_BYTES / 1024 / 1024} MiB), its Content-Type its media type. Sending a file the gateway holds already changes nothing.`,
    security: BEARER,
    request: {
      params: Sha256Param,
      body: {
        required: true,
        content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } },
        description: "The evidence file, its Content-Type the file's media type.",
      },
    },
    responses: {
      201: { description: 'Kept.' },
      200: { description: 'Held already.' },
      ...badRequest(
        BAD_PARAMETER_SHA256,
        'invalid_body: the body does not hash to the path; body_incomplete: the body was cut off',
      ),
      ...AUTH_PROBLEMS,
      413: problem(`payload_too_large: past ${WORKER_EVIDENCE_MAX_BYTES / 1024 / 1024} MiB.`),
      415: problem('unsupported_media_type: no Content-Type, or not a media type.'),
    },
  }),
  result: createRoute({
    method: 'post',
    path: '/v1/worker/verifications',
    tags: ['Crawl workers'],
    operationId: 'workerRecordVerification',
    summary: "Record a store's verification made by a worker, once per job",
    security: BEARER,
    request: { body: { required: true, content: { 'application/json': { schema: WorkerResultSchema } } } },
    responses: {
      201: {
        description: 'Recorded.',
        content: { 'application/json': { schema: WorkerResultRecordedSchema } },
      },
      200: {
        description: 'Recorded before (a retry, or a second visit): the first verification stands.',
        content: { 'application/json': { schema: WorkerResultRecordedSchema } },
      },
      ...badRequest(BAD_JSON, 'invalid_body also for evidence files not sent yet (`missing` lists them)'),
      ...AUTH_PROBLEMS,
      404: problem('No such job.'),
      409: problem('The crawl was cancelled.'),
      ...jsonBodyLimits(RESULT_MAX_BYTES),
    },
  }),
};

/** The routes of the fleet's crawl workers (issue 20): worker keys only. */
export function fleetRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/worker/*', requireRole(gw.accounts, ['worker']));

  app.openapi(routes.config, (c) => {
    const principal = c.get('principal');
    const crawl = gw.config.crawl;
    return c.json(
      {
        worker: { name: principal?.kind === 'worker' ? principal.name : '' },
        redis_prefix: crawl.redisPrefix,
        crawl: {
          spacing_ms: crawl.spacingMs,
          concurrency: crawl.concurrency,
          timeout_ms: crawl.timeoutMs,
          allow_private_addresses: crawl.allowPrivateAddresses,
          lease_ms: crawl.leaseMs,
        },
        issuers: crawlIssuers(gw.config) as unknown as Record<string, unknown>[],
      },
      200,
    );
  });

  app.openapi(routes.hasEvidence, async (c) => {
    const { sha256 } = c.req.valid('param');
    if (!(await hasEvidence(gw, sha256))) throw notFound('evidence');
    return c.json({ sha256, held: true as const }, 200);
  });

  app.openapi(routes.putEvidence, async (c) => {
    const { sha256 } = c.req.valid('param');
    const type = c.req.header('content-type') ?? '';
    if (!MEDIA_TYPE.test(type) || type.length > 200)
      throw new DomainError('unsupported_media_type', "Content-Type must be the evidence file's media type");
    const parts: Uint8Array[] = [];
    for await (const chunk of limitedBody(
      requestBody(c),
      c.req.header('content-length'),
      WORKER_EVIDENCE_MAX_BYTES,
    ).chunks)
      parts.push(chunk);
    const { created } = await putEvidence(
      gw,
      sha256,
      Buffer.concat(parts),
      type.split(';')[0]!.trim().toLowerCase(),
    );
    return c.body(null, created ? 201 : 200);
  });

  // Read by readJsonBody (415, 413, malformed JSON with its place), as the other command bodies.
  app.openAPIRegistry.registerPath(routes.result);
  app.post(routes.result.path, async (c) => {
    const body = await readJsonBody(c, WorkerResultSchema, RESULT_MAX_BYTES);
    const principal = c.get('principal');
    const result = await recordWorkerResult(gw, {
      job_id: body.job_id,
      verification: body.verification as unknown as Verification,
      worker: principal?.kind === 'worker' ? principal.name : 'unknown',
    });
    return c.json(result, result.recorded ? 201 : 200);
  });
  return app;
}
