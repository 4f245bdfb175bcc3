import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { limitedBody, requestBody } from '../filings/body.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { readJsonBody } from '../http/json-body.ts';
import { AUTH_PROBLEMS, BEARER, problem, validationHook } from '../http/schemas.ts';
import { hasEvidence, putEvidence, recordWorkerResult, WORKER_EVIDENCE_MAX_BYTES } from './results.ts';
import { SHA256_HEX, WorkerResultRecordedSchema, WorkerResultSchema } from './schemas.ts';

const Sha256Param = z.object({
  sha256: z
    .string()
    .regex(SHA256_HEX)
    .openapi({ example: 'a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f' }),
});
/** What an evidence file may be: what the crawler keeps (pages, screenshots, pictures, OCR readings). */
const EVIDENCE_TYPE =
  /^(text\/html|application\/xhtml\+xml|image\/(png|jpeg|gif|webp|bmp)|application\/json|text\/plain)\b/i;

const routes = {
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
        content: { 'application/json': { schema: z.object({ sha256: z.string(), held: z.literal(true) }) } },
      },
      400: problem('Not a SHA-256.'),
      ...AUTH_PROBLEMS,
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
    request: { params: Sha256Param },
    responses: {
      201: { description: 'Kept.' },
      200: { description: 'Held already.' },
      400: problem('The body does not hash to the path, or the body was cut off.'),
      ...AUTH_PROBLEMS,
      413: problem('Larger than the limit.'),
      415: problem('Not a media type the crawler keeps.'),
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
      400: problem('An invalid body, or evidence files not sent yet (`missing` lists them).'),
      ...AUTH_PROBLEMS,
      404: problem('No such job.'),
      409: problem('The crawl was cancelled.'),
    },
  }),
};

/** The routes of the fleet's crawl workers (issue 20): worker keys only. */
export function fleetRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/worker/*', requireRole(gw.accounts, ['worker']));

  app.openapi(routes.hasEvidence, async (c) => {
    const { sha256 } = c.req.valid('param');
    if (!(await hasEvidence(gw, sha256))) throw notFound('evidence');
    return c.json({ sha256, held: true as const }, 200);
  });

  app.openapi(routes.putEvidence, async (c) => {
    const { sha256 } = c.req.valid('param');
    const type = c.req.header('content-type') ?? '';
    if (!EVIDENCE_TYPE.test(type))
      throw new DomainError('unsupported_media_type', 'evidence is HTML, an image, JSON or plain text');
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
    const body = await readJsonBody(c, WorkerResultSchema, 4 * 1024 * 1024);
    const result = await recordWorkerResult(gw, {
      job_id: body.job_id,
      verification: body.verification as unknown as Verification,
    });
    return c.json(result, result.recorded ? 201 : 200);
  });
  return app;
}
