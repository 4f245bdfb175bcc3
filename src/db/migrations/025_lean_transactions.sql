-- Transactions kept lean (issue 21, docs/decisions/0020-lean-transactions.md): an order version took
-- 825 bytes; this layout about 200. The 025 step (025_lean_transactions.ts) copies every version into
-- the new table in batches, keeping its seq, then drops the old table and builds the indexes.

-- A transaction filing's integer key: versions name their filing by it (a few bytes, not a 26-character
-- id). Created when the filing first stages a version; a version is visible once `filings` has its id.
CREATE TABLE transaction_filings (
  key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE
) STRICT;

-- What orders' items sell, per platform: sku, name and category repeat across a store's orders, so an
-- item names its product by key (a few bytes). Products are never removed (retention removes orders).
CREATE TABLE transaction_products (
  key INTEGER PRIMARY KEY,
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,         -- '' for an item without one
  UNIQUE (platform_id, sku, name, category)
) STRICT;

CREATE TABLE transaction_versions_lean (
  seq INTEGER PRIMARY KEY,        -- arrival order; the latest visible version is an order's current state
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  order_id TEXT NOT NULL,
  filing INTEGER NOT NULL,        -- transaction_filings.key (filed_at is the filing's received_at)
  seller_id TEXT NOT NULL,
  placed_at INTEGER NOT NULL,     -- ms since the epoch (the month is derived from it)
  status INTEGER NOT NULL,        -- index in ORDER_STATUSES (src/transactions/record.ts)
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL,
  completed_at INTEGER,           -- ms since the epoch: when the order finished (retention runs from it)
  digest BLOB NOT NULL,           -- first 16 bytes of the SHA-256 of the normalised record: equal means unchanged
  pack TEXT NOT NULL,             -- the rest of the record, positional JSON (src/transactions/pack.ts)
  correction_reason TEXT
) STRICT;
