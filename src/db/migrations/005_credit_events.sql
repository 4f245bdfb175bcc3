-- The credit ledger: one fact per row about a market subject. Append-only: a correction is a new event
-- that cancels an earlier one (the triggers refuse UPDATE and DELETE).

CREATE TABLE credit_events (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  platform_id INTEGER,            -- the store it concerns, where it concerns one
  seller_id TEXT,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('minor', 'moderate', 'serious')),
  source TEXT NOT NULL CHECK (source IN ('filing', 'verification', 'trust_mark', 'complaint', 'penalty', 'list', 'commitment', 'repair', 'correction')),
  source_id TEXT NOT NULL,        -- the id of the source record: the evidence
  occurred_at TEXT NOT NULL,
  counts_until TEXT,              -- when it stops counting; NULL: until it decays away
  public INTEGER NOT NULL CHECK (public IN (0, 1)),
  cancels TEXT REFERENCES credit_events(id),
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX credit_events_subject ON credit_events (subject_id, occurred_at); -- serves: a subject's record and score
-- One event per source record and kind: a source delivered twice (a retried crawl step) records once.
CREATE UNIQUE INDEX credit_events_source ON credit_events (source, source_id, kind);

CREATE TRIGGER credit_events_no_update BEFORE UPDATE ON credit_events
BEGIN SELECT RAISE(ABORT, 'credit events are append-only: record a correction instead'); END;
CREATE TRIGGER credit_events_no_delete BEFORE DELETE ON credit_events
BEGIN SELECT RAISE(ABORT, 'credit events are append-only: record a correction instead'); END;
