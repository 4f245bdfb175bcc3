/**
 * The closed lists and limits of assistance requests (docs/assistance-requests.md). The scope follows what
 * the Measures for the Supervision and Administration of Online Transactions (SAMR Order 37, 2021) let a
 * regulator require of a platform about one of its sellers: identity, the goods and orders, payment,
 * logistics and after-sales records.
 */
export const SCOPES = ['identity', 'orders', 'payments', 'logistics', 'after_sales'] as const;
export type Scope = (typeof SCOPES)[number];

export const REQUEST_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What the lists filter by: a stored status, `overdue` (open past its due date) or everything. */
export const STATUS_FILTERS = [...REQUEST_STATUSES, 'overdue', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/**
 * Working days a platform is given: 1 to 30, 10 when the regulator does not say (the same as a
 * platform's answer to a forwarded complaint; a month of working days is the longest a case waits).
 */
export const DUE_WORKING_DAYS = { min: 1, max: 30, default: 10 } as const;

/** Media types an answer may be, each checked against the content (src/assistance/content.ts). */
export const ANSWER_MEDIA_TYPES = ['application/x-ndjson', 'text/csv', 'application/zip'] as const;
export type AnswerMediaType = (typeof ANSWER_MEDIA_TYPES)[number];

/** Other names clients send for the same formats. */
export const MEDIA_TYPE_ALIASES: Record<string, AnswerMediaType> = {
  'application/x-ndjson': 'application/x-ndjson',
  'application/ndjson': 'application/x-ndjson',
  'application/jsonl': 'application/x-ndjson',
  'text/csv': 'text/csv',
  'application/zip': 'application/zip',
  'application/x-zip-compressed': 'application/zip',
};

export const FILE_EXTENSIONS: Record<AnswerMediaType, string> = {
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
  'application/zip': 'zip',
};

/** The largest answer file: 64 MiB, streamed to disk (never held in memory); more goes in more parts. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Parts one request may take: enough for a ZIP per scope and then some, not an unbounded store. */
export const MAX_PARTS = 50;

export const TEXT_LIMITS = { legal_basis: 500, case_number: 64, note: 2000, cancel_reason: 2000 } as const;
