-- With orders in ClickHouse (issue 21): the version a staged version replaces, when admission found it
-- in ClickHouse only (loaded, and its SQLite copy removed). The risk fold takes an order's earlier version
-- out of its store-hour before putting the new one in; it reads the earlier one from SQLite, where it is
-- no longer, so without this row a corrected order counted twice in risk_store_hours. Written with the
-- staged version, removed with the filing's SQLite copy (loaded and folded) or when the filing is cut off.
CREATE TABLE transaction_fold_previous (
  seq INTEGER PRIMARY KEY,           -- the staged version's seq
  filing INTEGER NOT NULL,           -- transaction_filings.key of the staged version
  prev_seq INTEGER NOT NULL,         -- the replaced version's, as loaded
  platform_id INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  placed_at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL,
  completed_at INTEGER,
  pack TEXT NOT NULL
) STRICT;
CREATE INDEX transaction_fold_previous_filing ON transaction_fold_previous (filing);
