-- Consumer complaints: one row per complaint with its workflow state (src/complaints/workflow.ts), one
-- row per workflow event, and the evidence files consumers add (content-addressed under
-- <data>/complaint-files). The complainant's name, phone and e-mail are encrypted (AES-256-GCM); the
-- phone is matched by a keyed hash for the rate limit.

CREATE TABLE complaints (
  id TEXT PRIMARY KEY,
  tracking_code TEXT NOT NULL UNIQUE,
  token_hash BLOB NOT NULL,            -- SHA-256 of the access token shown once to the consumer
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  seller_id TEXT,                      -- the store complained about, when it is filed
  subject_id TEXT REFERENCES subjects(id),
  store_url TEXT,                      -- as named by the consumer (normalised)
  order_id TEXT,
  order_link TEXT NOT NULL CHECK (order_link IN ('verified', 'unverified', 'wrong_store', 'none')),
  order_seller_id TEXT,                -- the store the filed order belongs to (wrong_store)
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  amount_minor INTEGER,
  currency TEXT,
  name_enc BLOB NOT NULL,
  phone_enc BLOB NOT NULL,
  phone_hash BLOB NOT NULL,
  email_enc BLOB,
  publish_consent INTEGER NOT NULL CHECK (publish_consent IN (0, 1)),
  status TEXT NOT NULL,
  state TEXT NOT NULL,                 -- JSON of the workflow's ComplaintState
  next_due TEXT,                       -- the deadline of the step now awaited (YYYY-MM-DD), NULL when none
  substantiated INTEGER NOT NULL DEFAULT 0 CHECK (substantiated IN (0, 1)), -- closed and counting against the seller
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_queue ON complaints (status, next_due);                          -- serves: the regulator's queue, the sweep
CREATE INDEX complaints_platform ON complaints (platform_id, status, next_due);           -- serves: a platform's complaints
CREATE INDEX complaints_subject ON complaints (subject_id);                              -- serves: statistics per subject
CREATE INDEX complaints_seller ON complaints (platform_id, seller_id);                   -- serves: statistics per seller
CREATE INDEX complaints_order ON complaints (platform_id, order_id, category) WHERE order_id IS NOT NULL; -- serves: duplicates
CREATE INDEX complaints_phone ON complaints (phone_hash, submitted_at);                 -- serves: the rate limit per phone

CREATE TABLE complaint_events (
  complaint_id TEXT NOT NULL REFERENCES complaints(id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,                 -- consumer, platform, regulator, system
  actor_id TEXT,                       -- 'platform:<slug>', 'regulator:<id>'
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  message TEXT,
  detail TEXT NOT NULL,                -- JSON of the workflow event (reason, kind, outcome, deadlines...)
  PRIMARY KEY (complaint_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE complaint_files (
  complaint_id TEXT NOT NULL REFERENCES complaints(id),
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,            -- from the content, never from the name
  size INTEGER NOT NULL,
  name TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (complaint_id, sha256)
) STRICT, WITHOUT ROWID;
