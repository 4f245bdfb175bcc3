import { Agent, fetch as guardedFetch } from 'undici';
import { AddressNotPublic, isPublicAddress, literalAddress, publicOnlyLookup } from './address-guard.ts';
import { FetchFailed, networkFailure } from './errors.ts';

/** Connections that only go to public addresses (see address-guard.ts); one pool for the process. */
let publicOnlyAgent: Agent | undefined;

export interface FetchOptions {
  userAgent: string;
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Bytes of (decoded) body kept; the rest is not read and the response is marked truncated. */
  maxBytes: number;
  accept?: string;
  /** Sent as Referer: trust-mark issuers check which page shows their mark. */
  referer?: string;
  /** Connect to public addresses only (the gateway's default: see address-guard.ts). */
  publicOnly?: boolean;
  /** Cuts the exchange off when it aborts (the verifier closing). */
  signal?: AbortSignal;
}

/** One HTTP exchange, redirects not followed (the crawler follows them through its limiter). */
export interface FetchedResponse {
  url: string;
  status: number;
  /** The headers a regulator may need to show what the server said. */
  headers: Record<string, string>;
  location?: string;
  body: Buffer;
  truncated: boolean;
  startedAt: string;
  /** Milliseconds to the response headers and to the end of the body. */
  timings: { headersMs: number; totalMs: number };
}

const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'date',
  'last-modified',
  'etag',
  'server',
  'location',
  'retry-after',
  'x-robots-tag',
];

/** GET one URL with a deadline over the whole exchange and a cap on the body read. */
export async function fetchOnce(url: string, options: FetchOptions): Promise<FetchedResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const cutOff = () => controller.abort();
  if (options.signal?.aborted) cutOff();
  options.signal?.addEventListener('abort', cutOff);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  try {
    let send: typeof fetch = fetch;
    if (options.publicOnly) {
      const literal = literalAddress(new URL(url).hostname);
      if (literal && !isPublicAddress(literal))
        throw new AddressNotPublic(`${literal} is not a public address`);
      publicOnlyAgent ??= new Agent({ connect: { lookup: publicOnlyLookup } });
      const agent = publicOnlyAgent;
      send = ((input: string, init: RequestInit) =>
        guardedFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
    }
    const response = await send(url, {
      redirect: 'manual',
      signal: controller.signal,
      headers: {
        'user-agent': options.userAgent,
        accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
        ...(options.referer ? { referer: options.referer } : {}),
      },
    });
    const headersMs = performance.now() - started;
    const { body, truncated } = await readCapped(response, options.maxBytes, controller);
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      headers,
      ...(location ? { location: new URL(location, url).href } : {}),
      body,
      truncated,
      startedAt,
      timings: { headersMs: round(headersMs), totalMs: round(performance.now() - started) },
    };
  } catch (error) {
    throw networkFailure(error, timedOut, url);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cutOff);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<{ body: Buffer; truncated: boolean }> {
  if (!response.body) return { body: Buffer.alloc(0), truncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks, size), truncated: false };
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(Buffer.from(value.buffer, value.byteOffset, room));
      size += room;
      // What is past the cap is never read: the connection is dropped rather than drained.
      controller.abort();
      await reader.cancel().catch(() => {});
      return { body: Buffer.concat(chunks, size), truncated: true };
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    size += value.byteLength;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export { FetchFailed };
