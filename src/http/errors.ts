import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError, ErrorCode } from '../errors.ts';

/** Every domain error code and the one HTTP status it is sent with: a new code does not compile until it has one. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_parameter: 400,
  invalid_trace_code: 400,
  invalid_body: 400,
  malformed_json: 400,
  malformed_csv: 400,
  malformed_xlsx: 400,
  invalid_encoding: 400,
  unknown_columns: 400,
  missing_columns: 400,
  body_incomplete: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  store_not_eligible: 409,
  already_listed: 409,
  basis_not_qualifying: 409,
  repair_not_eligible: 409,
  illegal_transition: 409,
  duplicate_complaint: 409,
  complaint_time_barred: 422,
  actor_not_permitted: 403,
  rate_limited: 429,
  unsupported_file_type: 415,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  atomic_filing_rejected: 422,
  filing_abandoned: 408,
  store_unavailable: 503,
  not_ready: 503,
  internal_error: 500,
};

/** The headers a problem of this kind carries beside its body. */
export function problemHeaders(error: DomainError): Record<string, string> {
  switch (error.code) {
    // The rest of the body is not read, so the connection cannot carry another request: say so.
    case 'payload_too_large':
    case 'filing_abandoned':
      return { connection: 'close' };
    // RFC 6750: a refusal for want of a valid bearer token names the scheme the client must use.
    case 'unauthorized':
      return { 'www-authenticate': 'Bearer realm="marketgate"' };
    case 'store_unavailable':
      return { 'retry-after': '30' };
    case 'rate_limited': {
      const seconds = Number(error.extra.retry_after_seconds);
      return Number.isFinite(seconds) && seconds > 0 ? { 'retry-after': String(Math.ceil(seconds)) } : {};
    }
    default:
      return {};
  }
}

/** The status a page or response sends for a domain error. */
export const statusOf = (error: DomainError) => ERROR_STATUS[error.code] as ContentfulStatusCode;
