import { z } from '@hono/zod-openapi';

const RecordErrorSchema = z
  .object({
    index: z.number().int().optional().openapi({ description: '0-based position in a JSON array body.' }),
    line: z.number().int().optional().openapi({ description: '1-based line of an NDJSON or CSV body.' }),
    seller_id: z.string().nullable().optional(),
    order_id: z.string().nullable().optional(),
    field: z.string().nullable().openapi({ example: 'uscc' }),
    code: z.string().openapi({
      example: 'invalid_uscc',
      description:
        'Stable code: missing_field, invalid_type, invalid_format, invalid_enum, invalid_uscc, invalid_id_number, invalid_url, invalid_date, invalid_phone, too_long, unknown_field, field_not_allowed, duplicate_in_filing, malformed_json, invalid_encoding, record_too_large, wrong_column_count.',
    }),
    message: z.string(),
  })
  .openapi('RecordError');

export const ReceiptSchema = z
  .object({
    filing_id: z.string().openapi({ example: '01JH3X8K6Q2M7N4P5R6S7T8V9W' }),
    platform: z.string().openapi({ example: 'shop-one' }),
    kind: z.enum(['sellers', 'transactions']),
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
    errors_sha256: z.string(),
    warnings_sha256: z.string(),
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
