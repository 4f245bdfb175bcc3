import { z } from '@hono/zod-openapi';

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
  .openapi('Receipt', { description: 'Signed proof of a filing.' });

export const ReceiptKeySchema = z
  .object({
    key_id: z.string(),
    algorithm: z.literal('Ed25519'),
    public_key_pem: z.string(),
  })
  .openapi('ReceiptKey');

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
