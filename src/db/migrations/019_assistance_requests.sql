-- Assistance requests (issue 16 part 4): a regulator investigating a case asks a platform for one
-- seller's records (identity, orders, payments, logistics, after-sales) over a period; the platform
-- answers by uploading files (NDJSON, CSV or ZIP), each kept content-addressed under
-- <data>/assistance-files and acknowledged with a signed receipt. src/assistance/ holds the rules.

CREATE TABLE assistance_requests (
  id TEXT PRIMARY KEY,                 -- ULID
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  seller_id TEXT NOT NULL,             -- a seller the platform filed when the request was made
  subject_id TEXT REFERENCES subjects(id),
  legal_basis TEXT NOT NULL,
  case_number TEXT NOT NULL,
  scope TEXT NOT NULL,                 -- JSON array, a non-empty subset of src/assistance/terms.ts SCOPES
  period_from TEXT NOT NULL,           -- YYYY-MM-DD (China Standard Time dates), period_from <= period_to
  period_to TEXT NOT NULL,
  note TEXT,
  due_working_days INTEGER NOT NULL CHECK (due_working_days BETWEEN 1 AND 30),
  due_date TEXT NOT NULL,              -- YYYY-MM-DD: answers on this date (CST) are in time
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'cancelled')),
  requested_by TEXT NOT NULL,          -- 'regulator:<id>'
  requested_at TEXT NOT NULL,
  first_viewed_at TEXT,                -- the platform's first read of it
  answered_at TEXT,                    -- when the answer that completed it arrived
  answered_late INTEGER CHECK (answered_late IN (0, 1)),
  cancelled_at TEXT,
  cancel_reason TEXT,
  event_seq INTEGER,                   -- the assistance.requested event
  CHECK (period_from <= period_to),
  CHECK (status <> 'answered' OR (answered_at IS NOT NULL AND answered_late IS NOT NULL)),
  CHECK (status <> 'cancelled' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
) STRICT;
-- serves: the regulator's list (by status, newest first) and the overdue signal (open, by due date)
CREATE INDEX assistance_requests_status ON assistance_requests (status, due_date);
-- serves: a platform's own requests (open first) and the regulator's list filtered by platform
CREATE INDEX assistance_requests_platform ON assistance_requests (platform_id, status, due_date);

CREATE TABLE assistance_answers (
  id TEXT PRIMARY KEY,                 -- ULID
  request_id TEXT NOT NULL REFERENCES assistance_requests(id),
  part INTEGER NOT NULL,               -- 1, 2, ... in arrival order
  sha256 TEXT NOT NULL,                -- the file under <data>/assistance-files/<2 hex>/<sha256>
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  media_type TEXT NOT NULL CHECK (media_type IN ('application/x-ndjson', 'text/csv', 'application/zip')),
  received_at TEXT NOT NULL,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),
  final INTEGER NOT NULL CHECK (final IN (0, 1)),   -- this part completed the request
  received_by TEXT NOT NULL,           -- 'platform:<slug>'
  receipt TEXT NOT NULL,               -- the signed receipt, as sent
  UNIQUE (request_id, part)            -- serves: a request's answers in order
) STRICT;
