import type { Context } from 'hono';
import type { AppEnv, Principal } from '../http/env.ts';
import { DomainError } from '../errors.ts';
import { problemResponse } from '../http/problem.ts';
import type { Config } from '../config.ts';
import type { Gateway } from '../gateway-types.ts';
import { type BodyFormat, bodyFormat, limitedBody, requestBody } from './body.ts';
import { checkIdempotencyKey, type FilingOutcome } from './idempotency.ts';
import type { FilingKind } from './receipt.ts';
import { runStreamedFiling } from './streamed.ts';

export function platformOf(c: Context<AppEnv>): Extract<Principal, { kind: 'platform' }> {
  const principal = c.get('principal');
  if (principal.kind !== 'platform') throw new DomainError('forbidden', 'this route is for platform keys');
  return principal;
}

export function booleanQuery(c: Context, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new DomainError('invalid_parameter', `${name} must be true or false`, { parameter: name });
}

/**
 * 201 with the receipt for a new filing, 200 for a replay of an Idempotency-Key; an atomic filing
 * refused as a whole is a 422 problem that still carries its signed receipt.
 */
export function receiptResponse(c: Context<AppEnv>, outcome: FilingOutcome): Response {
  const { receipt, replayed } = outcome;
  const headers: Record<string, string> = { location: `/v1/filings/${receipt.filing_id}` };
  if (replayed) headers['idempotent-replayed'] = 'true';
  if (!receipt.applied) {
    return problemResponse(
      c,
      new DomainError(
        'atomic_filing_rejected',
        `${receipt.counts.rejected} of ${receipt.counts.received} records were rejected, so none was filed (atomic=true)`,
        { receipt },
      ),
      headers,
    );
  }
  return c.json(receipt, replayed ? 200 : 201, headers);
}

/**
 * The whole of a filing route: the platform from its key, the body's format, Idempotency-Key and
 * ?atomic, the body read with its limit, the streamed filing, and the receipt as the answer.
 */
export function fileHandler(
  gw: Gateway,
  kind: FilingKind,
  formats: readonly BodyFormat[],
  maxBytes: (config: Config) => number,
) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const platform = platformOf(c);
    const format = bodyFormat(c.req.header('content-type'), formats);
    const idempotencyKey = checkIdempotencyKey(c.req.header('idempotency-key'));
    const atomic = booleanQuery(c, 'atomic');
    const body = limitedBody(
      requestBody(c),
      c.req.header('content-length'),
      maxBytes(gw.config),
      gw.config.filingStallMs,
    );
    const outcome = await runStreamedFiling(gw, {
      platform: { id: platform.platformId, slug: platform.slug },
      kind,
      format,
      body,
      idempotencyKey,
      atomic,
    });
    return receiptResponse(c, outcome);
  };
}
