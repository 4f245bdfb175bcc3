-- Product trace codes sold (issue 23, docs/trace-codes.md): one row a code on the current version of an
-- order, whichever store keeps the orders (SQLite or ClickHouse), with what the public check, the
-- duplicate_trace_code signal and recalls read. A filing stages its rows with its versions (`filing`);
-- they are seen once the filing is published (its row in `filings`, as versions are); publishing removes
-- the rows of the versions it replaced (trace_replaced), in its own transaction.
CREATE TABLE trace_sales (
  scheme INTEGER NOT NULL,           -- index in TRACE_SCHEMES: 0 drug, 1 gs1, 2 other
  code TEXT NOT NULL,
  platform_id INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,              -- the version's seq
  filing INTEGER NOT NULL,           -- transaction_filings.key
  seller_id TEXT NOT NULL,
  placed_at INTEGER NOT NULL,        -- ms since the epoch
  status INTEGER NOT NULL,           -- index in ORDER_STATUSES
  category TEXT NOT NULL,            -- the item's category ('' when none)
  PRIMARY KEY (scheme, code, platform_id, order_id, seq)
) STRICT, WITHOUT ROWID;
-- serves: an order's rows (replacing them), a filing's rows by order when it is cut off
CREATE INDEX trace_sales_order ON trace_sales (platform_id, order_id, seq);

-- The orders whose earlier rows a staged version replaces: removed from trace_sales when its filing is
-- published (the rows of a seq below it), and with it.
CREATE TABLE trace_replaced (
  filing INTEGER NOT NULL,
  platform_id INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (filing, platform_id, order_id)
) STRICT, WITHOUT ROWID;

-- Recalls (POST /v1/regulator/recalls): the codes named, or a prefix; what they found when made.
CREATE TABLE recalls (
  id TEXT PRIMARY KEY,
  scheme INTEGER NOT NULL,
  code_prefix TEXT,                  -- NULL: the codes are in recall_codes
  reason TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  recalled_at TEXT NOT NULL,
  recalled_by TEXT NOT NULL,
  codes INTEGER NOT NULL,            -- codes named (0 for a prefix)
  codes_sold INTEGER NOT NULL,       -- of them (or under the prefix), codes found sold
  orders INTEGER NOT NULL,
  platforms INTEGER NOT NULL
) STRICT;
CREATE INDEX recalls_prefix ON recalls (scheme, code_prefix) WHERE code_prefix IS NOT NULL;
CREATE TABLE recall_codes (
  scheme INTEGER NOT NULL,
  code TEXT NOT NULL,
  recall_id TEXT NOT NULL,
  PRIMARY KEY (scheme, code, recall_id)
) STRICT, WITHOUT ROWID;

-- The codes of orders filed before this migration: those of each order's latest published version that
-- SQLite holds (orders with trace codes are stored whole: their pack is {"record": ...}).
INSERT OR IGNORE INTO trace_sales (scheme, code, platform_id, order_id, seq, filing, seller_id, placed_at, status,
  category)
SELECT CASE json_extract(t.value, '$.scheme') WHEN 'drug' THEN 0 WHEN 'gs1' THEN 1 ELSE 2 END,
       json_extract(t.value, '$.code'), v.platform_id, v.order_id, v.seq, v.filing, v.seller_id, v.placed_at,
       v.status, coalesce(json_extract(i.value, '$.category'), '')
FROM transaction_versions v
  JOIN transaction_filings k ON k.key = v.filing
  JOIN filings f ON f.id = k.id,
  json_each(v.pack, '$.record.items') i,
  json_each(i.value, '$.trace_codes') t
WHERE v.pack LIKE '{%'
  AND v.seq = (SELECT max(w.seq) FROM transaction_versions w
                 JOIN transaction_filings wk ON wk.key = w.filing JOIN filings wf ON wf.id = wk.id
               WHERE w.platform_id = v.platform_id AND w.order_id = v.order_id);
