-- Crawl workers (issue 20): processes on other machines that take store visits from the fleet's queue
-- and send their verifications and evidence to the gateway. They hold API keys (mgw_...) as platforms
-- and regulators do; api_keys is rebuilt so that its CHECK names the third kind of owner (SQLite
-- changes a CHECK only by rebuilding; nothing refers to api_keys, so the rebuild leaves nothing dangling).
CREATE TABLE workers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys_next (
  id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL UNIQUE, -- serves: the lookup of every authenticated request
  secret_hash BLOB NOT NULL,
  platform_id INTEGER REFERENCES platforms(id),
  regulator_id INTEGER REFERENCES regulators(id),
  worker_id INTEGER REFERENCES workers(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((platform_id IS NOT NULL) + (regulator_id IS NOT NULL) + (worker_id IS NOT NULL) = 1)
) STRICT;
INSERT INTO api_keys_next (id, prefix, secret_hash, platform_id, regulator_id, worker_id, created_at, revoked_at)
  SELECT id, prefix, secret_hash, platform_id, regulator_id, NULL, created_at, revoked_at FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_next RENAME TO api_keys;
CREATE INDEX api_keys_platform ON api_keys (platform_id) WHERE platform_id IS NOT NULL;
