-- Store verification: crawls, the stores each crawl covers, and one verification per store visit.

CREATE TABLE crawls (
  id TEXT PRIMARY KEY,
  requested_by TEXT NOT NULL,          -- 'regulator:<id>', 'cli' or 'schedule'
  scope TEXT NOT NULL,                 -- JSON of what was asked for (stores, platforms, stale_days)
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT
) STRICT;
CREATE INDEX crawls_running ON crawls (status) WHERE status IN ('queued', 'running'); -- serves: resuming after a restart

-- The stores of one crawl. verification_id is set when the store has been visited, so a crawl that a
-- restart interrupted goes on with the stores it has not visited yet.
CREATE TABLE crawl_stores (
  crawl_id TEXT NOT NULL REFERENCES crawls(id),
  ord INTEGER NOT NULL,
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  verification_id TEXT,
  PRIMARY KEY (crawl_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX crawl_stores_pending ON crawl_stores (crawl_id, ord) WHERE verification_id IS NULL; -- serves: what is left to visit

CREATE TABLE verifications (
  id TEXT PRIMARY KEY,
  crawl_id TEXT REFERENCES crawls(id),
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  seller_version INTEGER NOT NULL,     -- the filing the page was compared with
  store_url TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('compliant', 'identity_missing', 'identity_mismatch', 'inconclusive')),
  reason TEXT,
  record TEXT NOT NULL,                -- JSON of the crawler's Verification, evidence hashes included
  finished_at TEXT NOT NULL,
  FOREIGN KEY (platform_id, seller_id) REFERENCES sellers (platform_id, seller_id)
) STRICT;
CREATE INDEX verifications_store ON verifications (platform_id, seller_id, finished_at); -- serves: a store's verifications, newest first; staleness
CREATE INDEX verifications_crawl ON verifications (crawl_id, verdict); -- serves: a crawl's progress counts

-- Evidence files live content-addressed under <data>/evidence; this says which verification holds which.
CREATE TABLE verification_evidence (
  verification_id TEXT NOT NULL REFERENCES verifications(id),
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('raw', 'rendered', 'screenshot')),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (verification_id, kind)
) STRICT, WITHOUT ROWID;
