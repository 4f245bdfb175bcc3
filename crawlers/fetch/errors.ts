import type { InconclusiveReason } from '../types.ts';

/**
 * Why one request failed, and whether trying again may help: the fetcher decides, the retry loop
 * obeys, so call sites never guess (network errors, timeouts, 5xx and 429 are worth another try).
 */
export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly reason: InconclusiveReason,
    readonly retryable: boolean,
    /** For 429/503 with Retry-After: how long the host asked us to wait. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Reads Retry-After (delta-seconds or an HTTP date) into milliseconds from now. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Otherwise only an HTTP date (RFC 9110 §5.6.7): Date.parse would read "-1" as a year.
  if (!/^[A-Za-z]{3},? /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns what fetch() threw into a FetchFailed. */
export function networkFailure(error: unknown, timedOut: boolean, url: string): FetchFailed {
  if (error instanceof FetchFailed) return error;
  if (timedOut) return new FetchFailed(`${url} did not answer in time`, 'timeout', true);
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === 'EADDRNOTPUBLIC' || (error as { code?: string })?.code === 'EADDRNOTPUBLIC') {
    const message = cause?.message ?? (error as Error).message;
    return new FetchFailed(`${url}: ${message}`, 'address_not_public', false);
  }
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new FetchFailed(`${url}: ${detail}`, 'unreachable', true);
}
