-- The web console (src/console): regulators' browser sessions and the failed logins that lock an account
-- or a client address out. Only the SHA-256 of a session's secret is kept: a copy of the database opens
-- no session.

CREATE TABLE console_sessions (
  id_hash BLOB PRIMARY KEY,           -- SHA-256 of the secret in the cookie
  regulator_id INTEGER NOT NULL REFERENCES regulators(id),
  csrf_token TEXT NOT NULL,           -- sent back in every form of this session
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,         -- for the idle timeout
  expires_at TEXT NOT NULL            -- absolute end, whatever the activity
) STRICT;
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at); -- serves: removing ended sessions

CREATE TABLE console_login_failures (
  scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
  key TEXT NOT NULL,                  -- the regulator name as typed, or the client address
  at TEXT NOT NULL
) STRICT;
CREATE INDEX console_login_failures_key ON console_login_failures (scope, key, at); -- serves: failures within the lock-out window
