-- How many orders each published transaction filing filed for the first time, and how many of those by
-- the end of the day after they were placed (China Standard Time): open data's platform filing
-- statistics (issue 19). Written when the filing publishes (issue 21): with orders in ClickHouse the
-- versions leave SQLite, so these can no longer be counted from transaction_versions when open data is
-- built. Filings published before this migration are counted here once, from their versions.
CREATE TABLE transaction_filing_counts (
  filing TEXT PRIMARY KEY,        -- filings.id
  first_filed INTEGER NOT NULL,
  on_time INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO transaction_filing_counts (filing, first_filed, on_time)
SELECT fi.id, count(*),
  sum(date(fi.received_at, '+8 hours') <= date(v.placed_at / 1000, 'unixepoch', '+8 hours', '+1 day'))
FROM transaction_versions v
JOIN transaction_filings k ON k.key = v.filing
JOIN filings fi ON fi.id = k.id
WHERE v.seq = (SELECT min(p.seq) FROM transaction_versions p
               WHERE p.platform_id = v.platform_id AND p.order_id = v.order_id)
GROUP BY fi.id;
