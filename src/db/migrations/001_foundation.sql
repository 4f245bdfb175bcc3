-- Platforms, regulators and their API keys; market subjects; sellers with every filed version;
-- filings with their signed receipts and idempotency keys.

CREATE TABLE platforms (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  uscc TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE regulators (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('regulator', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- A key belongs to exactly one platform or one regulator. Only a SHA-256 of the secret is kept.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL UNIQUE, -- serves: the lookup of every authenticated request
  secret_hash BLOB NOT NULL,
  platform_id INTEGER REFERENCES platforms(id),
  regulator_id INTEGER REFERENCES regulators(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((platform_id IS NULL) <> (regulator_id IS NULL))
) STRICT;
-- serves: listing a platform's keys for rotate-key and revoke-key
CREATE INDEX api_keys_platform ON api_keys (platform_id) WHERE platform_id IS NOT NULL;

-- A market subject: an organisation by its USCC, or a natural person by a keyed hash of the ID number.
CREATE TABLE subjects (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'individual_business', 'natural_person')),
  uscc TEXT UNIQUE,     -- serves: linking a filed seller to its subject
  id_hash BLOB UNIQUE,  -- serves: the same, for natural persons
  id_number_enc BLOB,
  legal_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((uscc IS NULL) <> (id_hash IS NULL))
) STRICT;

-- The current state of each seller: the pointer to its latest published version, with that version's
-- fields denormalised for the queries that schedule crawls and list stores. Written only when a filing
-- is published, so readers never see a half-filed state.
CREATE TABLE sellers (
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  seller_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  version INTEGER NOT NULL,
  digest BLOB NOT NULL, -- keyed hash of the normalised record: equal digest means unchanged
  subject_type TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  store_name TEXT NOT NULL,
  store_url TEXT NOT NULL,
  status TEXT NOT NULL,
  first_filed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (platform_id, seller_id)
) STRICT, WITHOUT ROWID;
-- serves: all stores of one subject across platforms
CREATE INDEX sellers_subject ON sellers (subject_id);

-- Every filed version of every seller; never updated. A version is staged while its filing streams in
-- and counts once the filing's row exists in `filings` (it may precede its seller's row).
CREATE TABLE seller_versions (
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  filing_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  filed_at TEXT NOT NULL,
  digest BLOB NOT NULL,
  subject_type TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  store_name TEXT NOT NULL,
  store_url TEXT NOT NULL,
  status TEXT NOT NULL,
  record TEXT NOT NULL,        -- JSON of the normalised record, personal data masked
  id_number_enc BLOB,          -- AES-256-GCM, see src/keys/keyring.ts
  contact_phone_enc BLOB,
  contact_phone_hash BLOB,
  PRIMARY KEY (platform_id, seller_id, version)
) STRICT, WITHOUT ROWID;
-- serves: publishing a filing and discarding an abandoned one
CREATE INDEX seller_versions_filing ON seller_versions (filing_id);

CREATE TABLE filings (
  id TEXT PRIMARY KEY,
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  kind TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  idempotency_key TEXT,
  receipt TEXT NOT NULL  -- the signed receipt without its errors and warnings (see filing_problems)
) STRICT;
-- serves: Idempotency-Key look-ups (a key is unique per platform)
CREATE UNIQUE INDEX filings_idempotency ON filings (platform_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- serves: a platform's filings in arrival order
CREATE INDEX filings_platform ON filings (platform_id, id);

-- A filing's per-record errors and warnings, in record order. Kept apart from the receipt so that a
-- filing with a million bad records is written and paged without holding them all in memory.
-- Rows of a streamed filing are written while it streams and count only once its filings row exists.
CREATE TABLE filing_problems (
  filing_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('error', 'warning')),
  ord INTEGER NOT NULL,
  body TEXT NOT NULL, -- JSON of one RecordError
  PRIMARY KEY (filing_id, kind, ord)
) STRICT, WITHOUT ROWID;

-- Filings that are streaming in (or were cut off): their versions are invisible until published.
CREATE TABLE filing_stages (
  id TEXT PRIMARY KEY,
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  kind TEXT NOT NULL,
  idempotency_key TEXT,
  started_at TEXT NOT NULL
) STRICT;
