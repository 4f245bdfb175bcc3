import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '../errors.ts';

export type BodyFormat = 'json' | 'ndjson' | 'csv' | 'xlsx';

const MEDIA_TYPES: Record<string, BodyFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
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
  /** Whether the client went away before the whole body was read (known without reading it). */
  gone(): boolean;
  /** Stops reading: the next read throws `error`, and the connection is closed. */
  abandon(error: Error): void;
}

/** A request body as it arrives: its bytes, and what is known of the client while nobody reads them. */
export interface BodySource extends AsyncIterable<Uint8Array> {
  gone?(): boolean;
  abandon?(error: Error): void;
}

/**
 * Wraps a request body so that it is hashed as it streams and refused once it passes `maxBytes`
 * (at once when Content-Length says so, otherwise when the limit is crossed). A body cut off by the
 * client surfaces as `body_incomplete`; callers write nothing until the body has been read to its end.
 */
export function limitedBody(
  source: BodySource | null,
  contentLength: string | undefined,
  maxBytes: number,
  /** The longest wait for the client's next bytes; past it the body is abandoned with `filing_abandoned`. */
  stallMs = 0,
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
  let abandoned: Error | null = null;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!source) return;
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        let result: IteratorResult<Uint8Array>;
        try {
          result = await (stallMs > 0 ? withinStall(iterator.next()) : iterator.next());
        } catch {
          throw abandoned ?? incomplete();
        }
        if (abandoned) throw abandoned;
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
  // Only the wait for the client counts: time the filing spends checking and writing is not a stall.
  const withinStall = <T>(next: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DomainError(
          'filing_abandoned',
          `no byte of the body arrived for ${Math.round(stallMs / 1000)} s after ${total} bytes; the filing was abandoned and nothing was filed`,
          { bytes_received: total },
        );
        abandon(error);
        reject(error);
      }, stallMs);
    });
    return Promise.race([next, stalled]).finally(() => clearTimeout(timer));
  };
  const abandon = (error: Error) => {
    abandoned ??= error;
    source?.abandon?.(error);
  };
  let digest: string | undefined;
  return {
    chunks: chunks(),
    sha256: () => {
      digest ??= hash.digest('hex');
      return digest;
    },
    bytes: () => total,
    gone: () => source?.gone?.() ?? false,
    abandon,
  };
}

const incomplete = () =>
  new DomainError(
    'body_incomplete',
    'the connection closed before the whole body arrived; nothing was filed',
  );

/**
 * The request body as the node server received it, read straight from Node's IncomingMessage with a
 * buffer of its own: up to 2 MiB are read ahead, then the socket is paused until the filing catches up
 * (8 MiB held 10 MiB more at the peak of a large filing and made it no faster).
 * Node 20's Readable.toWeb (behind the web Request body) queues a whole body in memory when it is read
 * slower than it arrives, and reading the IncomingMessage chunk by chunk (16 KiB) stalls the upload.
 * Requests made in-process (app.request in tests) have no IncomingMessage and use the web body.
 */
export function requestBody(c: Context): BodySource | null {
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  const incoming = env?.incoming;
  if (incoming && typeof incoming.on === 'function')
    return readAhead(incoming, env.outgoing, 2 * 1024 * 1024);
  return c.req.raw.body;
}

/**
 * Listens to the request from the moment it is called, not from the first read: a filing may wait
 * behind another of its platform before it reads, and a client that goes away meanwhile must be
 * noticed then (its close would be missed by listeners attached later, and the read would wait forever).
 */
function readAhead(
  incoming: IncomingMessage,
  outgoing: ServerResponse | undefined,
  highWater: number,
): BodySource {
  // The connection closed before the answer was sent: whoever asked is no longer there to take it,
  // even when the whole body had arrived.
  let hungUp = false;
  outgoing?.once('close', () => {
    if (!outgoing.writableFinished) hungUp = true;
  });
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
    if (!ended) failure ??= new Error('the request was aborted');
    notify();
  };
  const onError = (err: Error) => {
    failure ??= err;
    notify();
  };
  const detach = () => {
    incoming
      .off('data', onData)
      .off('end', onEnd)
      .off('close', onClose)
      .off('aborted', onClose)
      .off('error', onError);
  };
  // Gone already (a short Content-Length whose rest broke the connection, a client that hung up at
  // once): what the stream buffered went with it.
  if (incoming.destroyed && !incoming.readableEnded) failure = new Error('the request was aborted');
  else
    incoming
      .on('data', onData)
      .on('end', onEnd)
      .on('close', onClose)
      .on('aborted', onClose)
      .on('error', onError);
  async function* read(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (failure) throw failure;
        if (queue.length) {
          const chunk = queue.shift()!;
          queued -= chunk.length;
          if (queued < highWater / 4 && incoming.isPaused()) incoming.resume();
          yield chunk;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      detach();
    }
  }
  return {
    [Symbol.asyncIterator]: read,
    gone: () => failure !== null || hungUp,
    abandon(error) {
      failure ??= error;
      detach();
      notify();
    },
  };
}
