/**
 * The one error type that domain code throws. It knows nothing of HTTP: its code is stable (clients and
 * other tools match on it) and src/http/errors.ts maps every code to one status, exhaustively, so a
 * code can never be sent with two statuses.
 */
export const ERROR_TITLES = {
  invalid_parameter: 'Invalid parameter',
  invalid_body: 'Invalid request body',
  invalid_trace_code: 'Invalid trace code',
  malformed_json: 'Malformed JSON',
  malformed_csv: 'Malformed CSV',
  malformed_xlsx: 'Unreadable spreadsheet',
  invalid_encoding: 'Body is not valid UTF-8',
  unknown_columns: 'Unknown CSV columns',
  missing_columns: 'Missing CSV columns',
  body_incomplete: 'Request body incomplete',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  store_not_eligible: 'Store not eligible',
  already_listed: 'Already on the list',
  basis_not_qualifying: 'No qualifying basis for the list',
  repair_not_eligible: 'Credit repair not possible (yet)',
  illegal_transition: 'Step not allowed in this state',
  duplicate_complaint: 'Duplicate complaint',
  complaint_time_barred: 'Purchase too long ago',
  actor_not_permitted: 'Not yours to take this step',
  rate_limited: 'Too many requests',
  unsupported_file_type: 'Unsupported file type',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  idempotency_key_reused: 'Idempotency key reused with another body',
  atomic_filing_rejected: 'Atomic filing rejected',
  filing_abandoned: 'Filing abandoned',
  store_unavailable: 'Store unavailable',
  not_ready: 'Not ready',
  internal_error: 'Internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_TITLES;

export class DomainError extends Error {
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members of the problem document (e.g. the line and column of a JSON error). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.title = ERROR_TITLES[code];
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);

/** A refusal to do something now that may be done later: the problem says when (`Retry-After`). */
export const rateLimited = (detail: string, retryAfterSeconds: number) =>
  new DomainError('rate_limited', detail, { retry_after_seconds: retryAfterSeconds });
