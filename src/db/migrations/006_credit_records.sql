-- Credit records beside the ledger: administrative penalties and their publication, the two lists,
-- credit commitments, stored scores per model version, and alerts for regulators. The rows here hold
-- the state of each record (published, removed...); every change that bears on credit also writes an
-- append-only credit event (005), and every regulator action an audit entry (007).

CREATE TABLE penalties (
  id TEXT PRIMARY KEY,
  decision_number TEXT NOT NULL UNIQUE,  -- the decision's own number, e.g. 京市监罚〔2026〕123号
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  platform_id INTEGER,                   -- the store it concerns, where it concerns one
  seller_id TEXT,
  authority TEXT NOT NULL,
  facts TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  penalty TEXT NOT NULL,                 -- what was imposed
  severity TEXT NOT NULL CHECK (severity IN ('minor', 'moderate', 'serious')),
  sector TEXT NOT NULL CHECK (sector IN ('general', 'food', 'drugs', 'special_equipment')),
  decided_on TEXT NOT NULL,              -- YYYY-MM-DD (China Standard Time)
  publish_by TEXT NOT NULL,              -- decided_on + 20 working days
  published_at TEXT,
  public_until TEXT,                     -- published + 3 months (minor) or 3 years
  overturned_on TEXT,
  withdraw_by TEXT,                      -- overturned_on + 3 working days
  withdrawn_at TEXT,
  withdrawal_reason TEXT,
  repaired_at TEXT,
  repair_reason TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX penalties_subject ON penalties (subject_id);                                           -- serves: a subject's record
CREATE INDEX penalties_unpublished ON penalties (publish_by) WHERE published_at IS NULL AND withdrawn_at IS NULL; -- serves: overdue publication

-- The abnormal-operations list and the serious illegal and dishonest list.
CREATE TABLE list_entries (
  id TEXT PRIMARY KEY,
  list TEXT NOT NULL CHECK (list IN ('abnormal', 'serious')),
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  reason TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  penalty_id TEXT REFERENCES penalties(id),       -- the qualifying penalty (serious list)
  from_entry TEXT REFERENCES list_entries(id),    -- the abnormal entry it follows (serious list)
  entered_on TEXT NOT NULL,                        -- YYYY-MM-DD
  ends_on TEXT NOT NULL,                           -- serious: expiry; abnormal: proposal for the serious list
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  proposed_at TEXT,                                -- abnormal entry still open after 3 years
  removed_at TEXT,
  removal_reason TEXT CHECK (removal_reason IN ('expired', 'repaired', 'moved_to_serious', 'error')),
  removal_note TEXT,
  removed_by TEXT,
  CHECK (list = 'abnormal' OR penalty_id IS NOT NULL OR from_entry IS NOT NULL)
) STRICT;
-- One open entry per subject and list.
CREATE UNIQUE INDEX list_entries_open ON list_entries (subject_id, list) WHERE removed_at IS NULL;
CREATE INDEX list_entries_subject ON list_entries (subject_id);                            -- serves: a subject's record
CREATE INDEX list_entries_ending ON list_entries (ends_on) WHERE removed_at IS NULL;       -- serves: the sweep

-- Credit commitments that platforms file for their sellers.
CREATE TABLE commitments (
  id TEXT PRIMARY KEY,
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  text TEXT NOT NULL,
  signatory TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  counted INTEGER NOT NULL CHECK (counted IN (0, 1)),  -- whether it wrote a credit event (once a year)
  filed_at TEXT NOT NULL,
  FOREIGN KEY (platform_id, seller_id) REFERENCES sellers (platform_id, seller_id)
) STRICT;
CREATE INDEX commitments_subject ON commitments (subject_id, filed_at);

-- The latest score of each subject under each model version: a new version adds rows, never replaces.
CREATE TABLE credit_scores (
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  model_version TEXT NOT NULL,
  score REAL NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C', 'D')),
  tier_rule TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  explanation TEXT NOT NULL,   -- JSON of the CreditScore
  PRIMARY KEY (subject_id, model_version)
) STRICT, WITHOUT ROWID;
CREATE INDEX credit_scores_rank ON credit_scores (model_version, score, subject_id); -- serves: riskiest subjects, tiers

-- What regulators should look at: a listed subject filed again by a platform.
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('subject_on_blacklist')),
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  filing_id TEXT NOT NULL,
  list_entry_id TEXT NOT NULL REFERENCES list_entries(id),
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
) STRICT;
CREATE INDEX alerts_open ON alerts (created_at) WHERE acknowledged_at IS NULL; -- serves: the open alerts
CREATE INDEX alerts_subject ON alerts (subject_id);

-- serves: the public inquiry by store URL
CREATE INDEX sellers_store_url ON sellers (store_url);
