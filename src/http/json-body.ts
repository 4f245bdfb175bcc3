import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { limitedBody, requestBody } from '../filings/body.ts';
import { locateJsonError } from '../lib/json-locate.ts';
import { DomainError } from '../errors.ts';

/** Small JSON bodies (commands, not filings) are read whole, up to this size. */
export const COMMAND_BODY_MAX_BYTES = 1024 * 1024;

/**
 * Reads a small JSON command body and validates it: 415 when it is not JSON, 413 past the limit,
 * 400 `malformed_json` with the place it breaks, 400 `invalid_body` naming every bad field.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes = COMMAND_BODY_MAX_BYTES,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DomainError('unsupported_media_type', 'send the body as application/json');
  }
  // Read through the same limiter as filings: a body past the limit is never held whole in memory.
  const parts: Uint8Array[] = [];
  for await (const chunk of limitedBody(requestBody(c), c.req.header('content-length'), maxBytes).chunks)
    parts.push(chunk);
  const parsed = parseJsonBytes(Buffer.concat(parts));
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
    }));
    throw new DomainError(
      'invalid_body',
      errors.map((e) => `${e.field || 'body'}: ${e.message}`).join('; '),
      {
        errors,
      },
    );
  }
  return result.data;
}

const BOM = '\uFEFF';

/**
 * A whole JSON body from its bytes: 400 `invalid_encoding` when it is not UTF-8, 400 `malformed_json`
 * with the line and column where it breaks. A leading byte-order mark is ignored.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('invalid_encoding', 'the body is not valid UTF-8');
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    throw new DomainError(
      'malformed_json',
      `the body is not valid JSON: expected ${where.expected} at line ${where.line}, column ${where.column}`,
      { line: where.line, column: where.column, offset: where.offset },
    );
  }
}
