-- With orders in ClickHouse (issue 21): the risk aggregates moved there too. Once, before the first load,
-- the fold folds every published filing into risk_store_hours, and this row records the last it folded;
-- the hours are then carried into ClickHouse's store_hour_facts (a load of their own) and removed here.
-- Transaction filings published after `last_filing` are not folded in SQLite: the loader puts each
-- version's part into store_hour_facts with the filing's own load (src/transactions/clickhouse/loader.ts).
CREATE TABLE risk_hours_moved (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_filing INTEGER NOT NULL,      -- filings.rowid: the last filing folded in SQLite
  moved_at TEXT,                     -- when the hours reached ClickHouse (and left risk_store_hours); NULL: not yet
  frozen_at TEXT NOT NULL
) STRICT;
