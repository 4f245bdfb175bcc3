-- Risk warnings (issue 15, docs/risk-model.md). A warning is a lead for a regulator, never a violation:
-- nothing here writes a credit event.
--
-- The signals read aggregates, not orders. The aggregates are folded from each published filing once, in
-- publishing order (risk_folds keeps how far): a filing is read back by its id (the filing indexes of
-- transaction_versions and seller_versions), so no run rescans the orders. Each aggregate is keyed by
-- what a column store would partition it by (store and hour; store), and only the fold writes it.

-- Per store and China Standard Time clock hour of placing: what the order rules read.
CREATE TABLE risk_store_hours (
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  hour TEXT NOT NULL,                -- YYYY-MM-DDTHH of placed_at in China Standard Time
  orders INTEGER NOT NULL,           -- orders placed in the hour, whatever their state now
  buyers INTEGER NOT NULL,           -- distinct buyer_ref among them
  top_amount_orders INTEGER NOT NULL, -- orders sharing the hour's most frequent total
  quick_reversals INTEGER NOT NULL,  -- cancelled or refunded within 30 minutes of placing
  -- How the distinct counts stay exact as orders change: JSON of counts per buyer (a 32-bit hash of the
  -- platform's pseudonym) and per total, and up to 10 order ids of the hour (the evidence).
  sketch TEXT NOT NULL,
  PRIMARY KEY (platform_id, seller_id, hour)
) STRICT, WITHOUT ROWID;
-- serves: the order rules' window (the last 30 days, across all stores)
CREATE INDEX risk_store_hours_hour ON risk_store_hours (hour);

-- Each seller's identity attributes as last filed, keyed-hashed (never the values themselves), and the
-- core of its name: what shared_contact and relisted_offender compare.
CREATE TABLE risk_sellers (
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  subject_type TEXT NOT NULL,
  category TEXT,
  name_core TEXT NOT NULL,           -- the legal name without region, form and trade words (risk/names.ts)
  store_url TEXT NOT NULL,
  phone_hash BLOB,
  address_hash BLOB,
  representative_hash BLOB,
  status TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  PRIMARY KEY (platform_id, seller_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX risk_sellers_subject ON risk_sellers (subject_id);                                      -- serves: a subject's attributes
CREATE INDEX risk_sellers_phone ON risk_sellers (phone_hash) WHERE phone_hash IS NOT NULL;            -- serves: blocking, sharing
CREATE INDEX risk_sellers_address ON risk_sellers (address_hash) WHERE address_hash IS NOT NULL;      -- serves: blocking, sharing
CREATE INDEX risk_sellers_representative ON risk_sellers (representative_hash) WHERE representative_hash IS NOT NULL; -- serves: the same
CREATE INDEX risk_sellers_name ON risk_sellers (name_core);                                           -- serves: blocking on names
CREATE INDEX risk_sellers_url ON risk_sellers (store_url);                                            -- serves: blocking on store URLs

-- How far the aggregates are folded, in publishing order.
-- A filing larger than one batch is folded over several, each remembering where in it it stopped.
CREATE TABLE risk_folds (
  name TEXT PRIMARY KEY,
  last_filing INTEGER NOT NULL,      -- every filing up to this rowid is folded
  next_seq INTEGER NOT NULL,         -- of the filing after it: its orders up to this seq are folded
  next_seller TEXT NOT NULL,         -- ...or its sellers up to this seller id
  folded_at TEXT NOT NULL
) STRICT;

-- One warning per signal and target (a store, a subject or a platform): a rule that fires again on the
-- same target updates it (last_seen, score, explanation, evidence) instead of adding another.
CREATE TABLE risk_warnings (
  id TEXT PRIMARY KEY,
  signal TEXT NOT NULL,
  target TEXT NOT NULL,              -- 'store:<platform id>:<seller id>', 'subject:<id>', 'platform:<id>'
  subject_id TEXT,
  platform_id INTEGER,
  seller_id TEXT,
  store_url TEXT,
  rule_version TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'confirmed', 'dismissed')),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  explanation TEXT NOT NULL,         -- JSON: the sentence and the numbers behind it
  evidence TEXT NOT NULL,            -- JSON: ids that show it, capped, with totals
  assignee TEXT,
  decided_by TEXT,
  decided_at TEXT,
  reason TEXT,
  penalty_id TEXT REFERENCES penalties(id),
  list_entry_id TEXT REFERENCES list_entries(id),
  updated_at TEXT NOT NULL,
  CHECK (status <> 'confirmed' OR reason IS NOT NULL),
  CHECK (status <> 'dismissed' OR reason IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX risk_warnings_target ON risk_warnings (signal, target);           -- serves: deduplication
CREATE INDEX risk_warnings_queue ON risk_warnings (score DESC, id);                   -- serves: the queue, by score
CREATE INDEX risk_warnings_subject ON risk_warnings (subject_id) WHERE subject_id IS NOT NULL; -- serves: a subject's warnings
