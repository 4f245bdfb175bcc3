-- Loads of filings into ClickHouse (issue 21, docs/decisions/0021-clickhouse-transactions.md): each
-- attempt takes a new id before it inserts a row, so that an id is never given twice, even after a crash
-- (AUTOINCREMENT: ids of removed attempts are not reused either). Used only with MARKETGATE_TRANSACTIONS_URL.
CREATE TABLE clickhouse_loads (
  load INTEGER PRIMARY KEY AUTOINCREMENT,
  filing TEXT NOT NULL,
  started_at TEXT NOT NULL,
  -- null while the attempt runs (or was cut off); 'committed' once its `loads` row is in ClickHouse;
  -- 'removed' once its rows were deleted there (an attempt cut off), so the watermark may pass it
  outcome TEXT CHECK (outcome IN ('committed', 'removed'))
) STRICT;
