import { z } from '@hono/zod-openapi';
import { badRequest, problem } from '../http/schemas.ts';
import { EX } from '../openapi/examples.ts';

const RecordErrorSchema = z
  .object({
    index: z.number().int().optional().openapi({ description: '0-based position in a JSON array body.' }),
    line: z.number().int().optional().openapi({ description: '1-based line of an NDJSON or CSV body.' }),
    seller_id: z.string().nullable().optional(),
    order_id: z.string().nullable().optional(),
    decision_number: z.string().nullable().optional(),
    field: z.string().nullable().openapi({ example: 'uscc' }),
    code: z.string().openapi({
      example: 'invalid_uscc',
      description:
        'Stable code: missing_field, invalid_type, invalid_format, invalid_enum, invalid_uscc, invalid_id_number, invalid_url, invalid_date, invalid_phone, control_character, too_long, unknown_field, field_not_allowed, duplicate_in_filing, malformed_json, invalid_encoding, record_too_large, record_too_deep, wrong_column_count; for orders also invalid_time, invalid_currency, invalid_amount, invalid_items, too_small, too_large, invalid_region, personal_data_in_pseudonym, unknown_seller, immutable_field_changed; for decisions also invalid_amount, decision_of_another_department, immutable_field_changed (kind). A record gets one error per field that fails, for every such field. Warnings: total_mismatch (orders), subject_on_blacklist (sellers).',
    }),
    message: z.string(),
  })
  .openapi('RecordError');

const ProblemCountsSchema = z.object({
  total: z.number().int().openapi({ description: 'Found in the whole body.' }),
  kept: z.number().int().openapi({ description: 'Listed in full (errors, and their pages).' }),
  by_code: z.record(z.string(), z.number().int()).openapi({ example: { missing_field: 3 } }),
});

export const ReceiptSchema = z
  .object({
    filing_id: z.string().openapi({ example: '01JH3X8K6Q2M7N4P5R6S7T8V9W' }),
    platform: z
      .string()
      .openapi({ example: 'shop-one', description: 'The slug of the platform (or department) that filed.' }),
    kind: z.enum(['sellers', 'transactions', 'decisions']),
    received_at: z.string().openapi({ format: 'date-time' }),
    body_sha256: z.string().openapi({ description: 'SHA-256 (hex) of the raw request body.' }),
    idempotency_key: z.string().nullable(),
    atomic: z.boolean(),
    applied: z.boolean().openapi({ description: 'False when an atomic filing was refused as a whole.' }),
    counts: z.object({
      received: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    errors_sha256: z.string().openapi({ description: 'SHA-256 of the canonical JSON of the listed errors.' }),
    warnings_sha256: z.string(),
    problems: z
      .object({
        kept_limit: z.number().int().openapi({
          description:
            'Errors (and warnings) a filing lists in full; past them each is only counted by its code.',
          example: 10000,
        }),
        errors: ProblemCountsSchema,
        warnings: ProblemCountsSchema,
      })
      .optional()
      .openapi({ description: 'Every error and warning found, by code, and how many are listed. Signed.' }),
    key_id: z.string().openapi({ description: 'Fingerprint of the signing key (see /v1/receipt-key).' }),
    signature: z.string().openapi({
      description:
        'Ed25519 (base64) over the RFC 8785 canonical JSON of every member except signature, errors, warnings and errors_page.',
    }),
    errors: z.array(RecordErrorSchema),
    warnings: z.array(RecordErrorSchema),
    errors_page: z
      .object({
        offset: z.number().int(),
        limit: z.number().int(),
        total: z.number().int(),
        next: z.string().nullable(),
      })
      .optional(),
  })
  .openapi('Receipt', {
    description: 'Signed proof of a filing.',
    example: {
      filing_id: EX.filingId,
      platform: EX.platform,
      kind: 'sellers',
      received_at: '2026-03-02T01:15:42.318Z',
      body_sha256: '9febeb0371787f56fa238f261b2447228020ff2c88d6b9f30de08b1ef1c221c0',
      idempotency_key: 'sellers-2026-03-02-batch-1',
      atomic: false,
      applied: true,
      counts: { received: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 },
      errors_sha256: '3b1f6e2c0a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f',
      warnings_sha256: '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
      problems: {
        kept_limit: 10000,
        errors: { total: 1, kept: 1, by_code: { invalid_uscc: 1 } },
        warnings: { total: 0, kept: 0, by_code: {} },
      },
      key_id: EX.keyId,
      signature: EX.signature,
      errors: [
        {
          index: 2,
          seller_id: 'S-1003',
          field: 'uscc',
          code: 'invalid_uscc',
          message: 'is not a valid unified social credit code (GB 32100-2015)',
        },
      ],
      warnings: [],
    },
  });

export const ReceiptKeySchema = z
  .object({
    key_id: z.string(),
    algorithm: z.literal('Ed25519'),
    public_key_pem: z.string(),
  })
  .openapi('ReceiptKey', {
    example: {
      key_id: EX.keyId,
      algorithm: 'Ed25519',
      public_key_pem:
        '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAytsn8n6S4WxyTw3ykw61bx/YZl68JzB4LkXx+MvTGas=\n-----END PUBLIC KEY-----\n',
    },
  });

/** The answers of every filing route that files: the receipt, new or replayed. */
export const FILED_RESPONSES = {
  201: {
    description: 'Filed: the signed receipt.',
    content: { 'application/json': { schema: ReceiptSchema } },
  },
  200: {
    description: 'A replay of an earlier Idempotency-Key: the original receipt.',
    content: { 'application/json': { schema: ReceiptSchema } },
  },
};

/** A filing's parameters that break their rule: answered before a byte of the body is read. */
export const BAD_FILING_PARAMETER =
  'invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters, or atomic neither true nor false';

/**
 * The refusals every filing route shares (respond.ts fileHandler): the body's type, a body that stops
 * arriving, and an Idempotency-Key or atomic filing that refuses it whole. Each route adds its 400 and 413.
 */
export const FILING_PROBLEMS = {
  408: problem(
    'filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was filed, and the connection is closed.',
  ),
  415: problem(
    'unsupported_media_type: a Content-Type this route does not take, or a charset other than UTF-8.',
  ),
  422: problem(
    'idempotency_key_reused (the key came with another body), or atomic_filing_rejected (the problem carries the signed receipt).',
  ),
};

/** The 400 of a filing route: its parameters, and the ways its body can be unreadable. */
export const filingBadRequest = (body: string) => badRequest(BAD_FILING_PARAMETER, body);
