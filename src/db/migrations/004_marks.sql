-- Trust marks that marketgate issues to verified stores.

CREATE TABLE marks (
  id TEXT PRIMARY KEY,
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  origin TEXT NOT NULL,                 -- the site the mark is for: scheme://host[:port]
  subject_name TEXT NOT NULL,
  subject_uscc TEXT,
  verification_id TEXT NOT NULL REFERENCES verifications(id), -- the compliant verification it rests on
  issued_by TEXT NOT NULL,              -- 'regulator:<id>' or 'policy'
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  payload TEXT NOT NULL,                -- the signed JSON (canonical form)
  signature TEXT NOT NULL,              -- Ed25519 over payload, base64
  revoked_at TEXT,
  revoked_by TEXT,
  revoke_reason TEXT,
  FOREIGN KEY (platform_id, seller_id) REFERENCES sellers (platform_id, seller_id)
) STRICT;
CREATE INDEX marks_store ON marks (platform_id, seller_id) WHERE revoked_at IS NULL; -- serves: a store's active mark; revocation after a verification
CREATE INDEX marks_subject ON marks (subject_id) WHERE revoked_at IS NULL;           -- serves: revocation when a subject is listed
CREATE INDEX marks_revoked ON marks (revoked_at) WHERE revoked_at IS NOT NULL;       -- serves: the public revocation list
