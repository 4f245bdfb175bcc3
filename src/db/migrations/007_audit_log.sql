-- The audit log: every regulator action and every read of unmasked personal data. Each entry carries the
-- SHA-256 of its predecessor's hash and its own canonical JSON, so that changing, removing or reordering
-- an entry breaks the chain (`marketgate audit verify`). Append-only, as the credit ledger.

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,       -- 1, 2, 3... without gaps
  at TEXT NOT NULL,
  actor TEXT NOT NULL,           -- 'regulator:<id>', 'platform:<slug>', 'system', 'cli'
  action TEXT NOT NULL,          -- e.g. 'penalty.record', 'list.enter', 'mark.revoke'
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT,
  detail TEXT NOT NULL,          -- JSON object
  prev_hash TEXT NOT NULL,       -- hex; 64 zeros for the first entry
  hash TEXT NOT NULL             -- hex SHA-256 of prev_hash and the entry's canonical JSON
) STRICT;
CREATE INDEX audit_log_target ON audit_log (target_type, target_id); -- serves: a record's history

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
