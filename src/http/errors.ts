/**
 * The one error type that domain code throws. Its code is stable (clients and other tools match on it);
 * the status comes from the exhaustive map below, so a code can never be sent with two statuses.
 */
export const ERROR_STATUS = {
  invalid_parameter: 400,
  invalid_body: 400,
  malformed_json: 400,
  malformed_csv: 400,
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
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  invalid_parameter: 'Invalid parameter',
  invalid_body: 'Invalid request body',
  malformed_json: 'Malformed JSON',
  malformed_csv: 'Malformed CSV',
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
  internal_error: 'Internal error',
};

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members of the problem document (e.g. the line and column of a JSON error). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = ERROR_STATUS[code];
    this.title = TITLES[code];
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
