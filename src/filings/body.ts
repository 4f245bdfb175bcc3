import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '../errors.ts';

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
    throw new DomainError(
      'unsupported_media_type',
      `Content-Type ${type ? `"${type}"` : '(none)'} is not accepted here; send one of ${accepted.join(', ')}`,
      { accepted },
    );
  }
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      throw new DomainError('unsupported_media_type', `charset "${value}" is not accepted; send UTF-8`, {
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
  const tooLarge = () =>
    new DomainError(
      'payload_too_large',
      `the body is larger than the limit of ${maxBytes} bytes; split the filing`,
      { limit_bytes: maxBytes },
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
          throw new DomainError(
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
 * The request body as the node server received it, read straight from Node's IncomingMessage with a
 * buffer of its own: up to 2 MiB are read ahead, then the socket is paused until the filing catches up
 * (8 MiB held 10 MiB more at the peak of a large filing and made it no faster).
 * Node 20's Readable.toWeb (behind the web Request body) queues a whole body in memory when it is read
 * slower than it arrives, and reading the IncomingMessage chunk by chunk (16 KiB) stalls the upload.
 * Requests made in-process (app.request in tests) have no IncomingMessage and use the web body.
 */
export function requestBody(c: Context): AsyncIterable<Uint8Array> | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function') return readAhead(incoming, 2 * 1024 * 1024);
  return c.req.raw.body;
}

async function* readAhead(incoming: IncomingMessage, highWater: number): AsyncGenerator<Uint8Array> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= highWater) incoming.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  // A client that goes away before the end: 'aborted' on older Node, 'close' without 'end' on newer.
  const onClose = () => {
    if (!ended && !incoming.complete) failure ??= new Error('the request was aborted');
    notify();
  };
  const onError = (err: Error) => {
    failure ??= err;
    notify();
  };
  incoming
    .on('data', onData)
    .on('end', onEnd)
    .on('close', onClose)
    .on('aborted', onClose)
    .on('error', onError);
  try {
    for (;;) {
      if (queue.length) {
        const chunk = queue.shift()!;
        queued -= chunk.length;
        if (queued < highWater / 4 && incoming.isPaused()) incoming.resume();
        yield chunk;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    incoming
      .off('data', onData)
      .off('end', onEnd)
      .off('close', onClose)
      .off('aborted', onClose)
      .off('error', onError);
  }
}
