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

/**
 * Who files, for a kind of filing: decisions are filed by departments, everything else by platforms. Both
 * are rows of the platforms table, so the machinery sees one id and one slug.
 */
export function filerOf(c: Context<AppEnv>, kind: FilingKind): { id: number; slug: string } {
  const principal = c.get('principal');
  if (kind === 'decisions') {
    if (principal.kind !== 'department')
      throw new DomainError('forbidden', 'decisions are filed with department keys');
    return { id: principal.departmentId, slug: principal.slug };
  }
  const platform = platformOf(c);
  return { id: platform.platformId, slug: platform.slug };
}

/** The platforms-table id of the platform or department calling: whose filings it may read. */
export function filerIdOf(c: Context<AppEnv>): number {
  const principal = c.get('principal');
  if (principal.kind === 'department') return principal.departmentId;
  return platformOf(c).platformId;
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
    const filer = filerOf(c, kind);
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
      platform: filer,
      kind,
      format,
      body,
      idempotencyKey,
      atomic,
    });
    return receiptResponse(c, outcome);
  };
}
