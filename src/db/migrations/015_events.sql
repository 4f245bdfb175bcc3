-- Information exchange (issue 16): every change others must act on is an event, written in the same
-- transaction as the change it announces; webhooks deliver them, signed (Standard Webhooks).

-- The feed. seq is the rowid: SQLite gives max(rowid) + 1 to each insert and writers are serialised, so
-- committed events are numbered without gaps in commit order (a rolled-back insert leaves no hole). Events
-- are never updated or deleted.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  subject_id TEXT,          -- the market subject it is about, if any: platforms that filed it see it
  platform_id INTEGER,      -- the platform it is addressed to, if any (its store, complaint, request)
  data TEXT NOT NULL        -- JSON: what the event says (never personal data)
) STRICT;
-- serves: which platforms must act on an event about a subject (acknowledgements)
CREATE INDEX events_subject ON events (subject_id, seq) WHERE subject_id IS NOT NULL;

-- A platform saying it has seen an event and acted on it (joint punishment).
CREATE TABLE event_acks (
  seq INTEGER NOT NULL REFERENCES events(seq),
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  at TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (seq, platform_id)
) STRICT, WITHOUT ROWID;

-- Where an account wants events delivered. The signing secrets are kept sealed with the data key (they
-- must be used, not only compared); the previous secret signs too until previous_until.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  owner_platform_id INTEGER REFERENCES platforms(id),
  owner_regulator_id INTEGER REFERENCES regulators(id),
  url TEXT NOT NULL,
  events TEXT NOT NULL,             -- JSON array of event types
  secret_enc BLOB NOT NULL,
  previous_secret_enc BLOB,
  previous_until TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'failing', 'disabled', 'deleted')),
  status_reason TEXT,
  status_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((owner_platform_id IS NULL) <> (owner_regulator_id IS NULL))
) STRICT;
-- serves: fanning an event out to the webhooks that want it
CREATE INDEX webhooks_live ON webhooks (status) WHERE status IN ('active', 'failing');

-- One event for one webhook: created with the event (so none is lost to a crash), sent by the server's
-- dispatcher until the receiver answers 2xx or the retries run out.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,              -- the webhook-id header: the same on every attempt
  webhook_id TEXT NOT NULL REFERENCES webhooks(id),
  seq INTEGER NOT NULL REFERENCES events(seq),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,             -- when pending: the earliest time of the next attempt
  last_attempt_at TEXT,
  last_status INTEGER,              -- HTTP status of the last attempt, null when it got none
  last_error TEXT,
  delivered_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
-- serves: the dispatcher's due deliveries
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- serves: a webhook's deliveries, newest first
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, seq);

-- Departments (tax, customs, courts, other regulators) are accounts that file like platforms do (their
-- double-publicity decisions go through the filing machinery), so they are rows of the same table.
ALTER TABLE platforms ADD COLUMN kind TEXT NOT NULL DEFAULT 'platform' CHECK (kind IN ('platform', 'department'));
