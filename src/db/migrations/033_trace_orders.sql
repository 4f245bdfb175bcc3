-- The trace codes of each staged or current order version, one row a version (issue 23): what replacing,
-- discarding and removing a version's codes in trace_sales reads, in place of an index of trace_sales by
-- order. An index entry a code was a second page written at random for every code filed
-- (docs/benchmarks.md, product traceability); this is one row an order, written where the order's key
-- goes.
CREATE TABLE trace_orders (
  platform_id INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  placed_at INTEGER NOT NULL,        -- ms since the epoch (retention by month)
  codes TEXT NOT NULL,               -- "<scheme>:<code>" joined by spaces (schemes as in trace_sales)
  PRIMARY KEY (platform_id, order_id, seq)
) STRICT, WITHOUT ROWID;

INSERT INTO trace_orders (platform_id, order_id, seq, placed_at, codes)
SELECT platform_id, order_id, seq, min(placed_at), group_concat(scheme || ':' || code, ' ')
FROM trace_sales GROUP BY platform_id, order_id, seq;

DROP INDEX trace_sales_order;
