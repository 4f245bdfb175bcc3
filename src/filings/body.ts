import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ApiError } from '../http/errors.ts';

export type BodyFormat = 'json' | 'ndjson' | 'csv';

const MEDIA_TYPES: Record<string, BodyFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};

/** Reads the Content-Type of a filing: one of `allowed`, in UTF-8 (the only charset accepted). */
export function bodyFormat(header: string | undefined, allowed: readonly BodyFormat[]): BodyFormat {
  const accepted = Object.entries(MEDIA_TYPES)
    .filter(([, f]) => allowed.includes(f))
    .map(([t]) => t);
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const format = MEDIA_TYPES[type];
  if (!format || !allowed.includes(format)) {
    throw new ApiError(
      'unsupported_media_type',
      `Content-Type ${type ? `"${type}"` : '(none)'} is not accepted here; send one of ${accepted.join(', ')}`,
      { accepted },
    );
  }
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      throw new ApiError('unsupported_media_type', `charset "${value}" is not accepted; send UTF-8`, {
        accepted,
      });
    }
  }
  return format;
}

export interface LimitedBody {
  chunks: AsyncIterable<Uint8Array>;
  /** SHA-256 (hex) of every byte read; complete once `chunks` has been read to its end. */
  sha256(): string;
  bytes(): number;
}

/**
 * Wraps a request body so that it is hashed as it streams and refused once it passes `maxBytes`
 * (at once when Content-Length says so, otherwise when the limit is crossed). A body cut off by the
 * client surfaces as `body_incomplete`; callers write nothing until the body has been read to its end.
 */
export function limitedBody(
  source: AsyncIterable<Uint8Array> | null,
  contentLength: string | undefined,
  maxBytes: number,
): LimitedBody {
  // The rest of the body is not read, so the connection cannot carry another request: say so.
  const tooLarge = () =>
    new ApiError(
      'payload_too_large',
      `the body is larger than the limit of ${maxBytes} bytes; split the filing`,
      { limit_bytes: maxBytes },
      { connection: 'close' },
    );
  if (contentLength !== undefined && Number(contentLength) > maxBytes) throw tooLarge();
  const hash = createHash('sha256');
  let total = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!source) return;
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        let result: IteratorResult<Uint8Array>;
        try {
          result = await iterator.next();
        } catch {
          throw new ApiError(
            'body_incomplete',
            'the connection closed before the whole body arrived; nothing was filed',
          );
        }
        if (result.done) return;
        total += result.value.byteLength;
        if (total > maxBytes) throw tooLarge();
        hash.update(result.value);
        yield result.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  let digest: string | undefined;
  return {
    chunks: chunks(),
    sha256: () => {
      digest ??= hash.digest('hex');
      return digest;
    },
    bytes: () => total,
  };
}

/**
 * The request body as the node server received it. Read straight from Node's IncomingMessage, which
 * applies backpressure; Node 20's Readable.toWeb (which the web Request body uses) queues the whole
 * body in memory when it is read slower than it arrives. Requests made in-process (app.request in
 * tests) have no IncomingMessage and use the web body.
 */
export function requestBody(c: Context): AsyncIterable<Uint8Array> | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming[Symbol.asyncIterator] === 'function') return incoming;
  return c.req.raw.body;
}
