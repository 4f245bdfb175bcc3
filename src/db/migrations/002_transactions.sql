-- Transactions: every filed state of an order is a version; nothing is overwritten.
-- A version belongs to a filing and is visible only once that filing's row exists in `filings`
-- (written last, with the receipt), so a filing cut off halfway leaves nothing that readers see.

CREATE TABLE transaction_versions (
  seq INTEGER PRIMARY KEY,   -- arrival order; the latest visible version is an order's current state
  platform_id INTEGER NOT NULL REFERENCES platforms(id),
  order_id TEXT NOT NULL,
  filing_id TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL,
  completed_at TEXT,
  month TEXT NOT NULL,       -- YYYY-MM of placed_at in China Standard Time
  digest BLOB NOT NULL,      -- of the normalised record: equal digest means unchanged
  record TEXT NOT NULL,      -- the normalised record (items included) as JSON
  correction_reason TEXT,
  filed_at TEXT NOT NULL
) STRICT;
-- serves: an order's current state and history; the look-up of each filed record
CREATE INDEX transaction_versions_order ON transaction_versions (platform_id, order_id, seq);
-- serves: removing what an abandoned filing staged
CREATE INDEX transaction_versions_filing ON transaction_versions (filing_id);
-- serves: retention (orders completed before a date)
CREATE INDEX transaction_versions_completed ON transaction_versions (completed_at) WHERE completed_at IS NOT NULL;

-- Per seller and month (China Standard Time) and currency: kept up to date as each filing is published.
CREATE TABLE seller_month_stats (
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  month TEXT NOT NULL,
  currency TEXT NOT NULL,
  orders INTEGER NOT NULL,          -- orders placed, not counting cancelled ones
  gross_minor INTEGER NOT NULL,     -- their totals
  refunds_minor INTEGER NOT NULL,   -- amounts refunded
  refunded_orders INTEGER NOT NULL,
  PRIMARY KEY (platform_id, seller_id, month, currency)
) STRICT, WITHOUT ROWID;
-- serves: the yearly over-threshold report (a range of months across all sellers)
CREATE INDEX seller_month_stats_month ON seller_month_stats (month, currency);
