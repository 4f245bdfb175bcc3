import { z } from '@hono/zod-openapi';
import { INCONCLUSIVE_REASONS, VERDICTS } from '../../crawlers/types.ts';
import { FLEET_EXAMPLES } from './examples.ts';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** `<crawl id>:<the store's place in the crawl>`: what a result is recorded by, once. */
export const JOB_ID = /^([0-9A-Z]{26}):([1-9][0-9]{0,9})$/;

const EvidenceRefSchema = z
  .object({
    sha256: z.string().regex(SHA256_HEX),
    size: z.number().int().min(0),
    media_type: z.string().min(1).max(200),
  })
  .strict();

/**
 * A verification as the crawler makes it (crawlers/verify/verification.ts), sent by a worker. The
 * fields the gateway decides by are checked; the record of what was found and visited is kept as sent.
 */
export const WorkerVerificationSchema = z
  .object({
    url: z.string().max(4096),
    final_url: z.string().max(4096).nullable(),
    status: z.number().int().nullable(),
    verdict: z.enum(VERDICTS),
    reason: z.enum(INCONCLUSIVE_REASONS).optional(),
    detail: z.string().max(10_000),
    mode: z.enum(['static', 'browser']),
    found: z.record(z.string(), z.unknown()),
    comparison: z.record(z.string(), z.unknown()),
    trust_marks: z.array(z.unknown()).max(1000),
    marks: z.array(z.unknown()).max(1000),
    marks_violation: z.boolean(),
    evidence: z
      .object({
        raw: EvidenceRefSchema.optional(),
        rendered: EvidenceRefSchema.optional(),
        screenshot: EvidenceRefSchema.optional(),
        license_image: EvidenceRefSchema.optional(),
        ocr: EvidenceRefSchema.optional(),
      })
      .strict(),
    truncated: z.boolean(),
    retries: z.number().int().min(0),
    visits: z.array(z.record(z.string(), z.unknown())).max(1000),
    crawler: z.object({ name: z.string(), version: z.string(), user_agent: z.string() }),
    browser: z.object({ version: z.string() }).optional(),
    started_at: z.iso.datetime(),
    finished_at: z.iso.datetime(),
  })
  .strict()
  .refine((v) => (v.verdict === 'inconclusive') === (v.reason !== undefined), {
    message: 'reason is given with an inconclusive verdict, and only with it',
    path: ['reason'],
  })
  .openapi('WorkerVerification', { example: FLEET_EXAMPLES.result.verification });

export const WorkerResultSchema = z
  .object({
    job_id: z.string().regex(JOB_ID).openapi({ example: '01JF3M9Q2W8ZK6Y4T5R7N0B1CD:17' }),
    verification: WorkerVerificationSchema,
  })
  .strict()
  .openapi('WorkerResult', { example: FLEET_EXAMPLES.result });

export const WorkerResultRecordedSchema = z
  .object({
    verification_id: z.string(),
    recorded: z
      .boolean()
      .openapi({ description: 'false: this job was recorded before (a retry, or a second visit).' }),
  })
  .openapi('WorkerResultRecorded', { example: FLEET_EXAMPLES.recorded });

export const WorkerConfigSchema = z
  .object({
    worker: z.object({ name: z.string() }),
    redis_prefix: z.string().openapi({ description: "Prefix of the fleet's keys in Redis." }),
    crawl: z.object({
      spacing_ms: z
        .number()
        .int()
        .openapi({ description: 'Least time between two requests to one host, for the fleet.' }),
      concurrency: z
        .number()
        .int()
        .openapi({ description: 'Requests in flight at once, the whole fleet together.' }),
      timeout_ms: z.number().int(),
      allow_private_addresses: z.boolean(),
      lease_ms: z
        .number()
        .int()
        .openapi({ description: 'A job whose worker fell silent this long is taken by another.' }),
    }),
    issuers: z.array(z.record(z.string(), z.unknown())).openapi({
      description: 'Trust-mark issuers to recognise (crawlers/marks/types.ts IssuerEntry).',
    }),
  })
  .openapi('WorkerConfig', { example: FLEET_EXAMPLES.config });
