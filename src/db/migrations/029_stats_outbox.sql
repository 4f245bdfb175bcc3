-- With orders in ClickHouse (MARKETGATE_TRANSACTIONS_URL, issue 21), the monthly statistics are there
-- too: a published filing's effect on them (per seller, month and currency, what admission summed) is
-- kept here beside its versions, and the loader moves both to ClickHouse under the filing's one load
-- (docs/decisions/0021). Rows of a filing go when its versions go. Unused without ClickHouse, where the
-- deltas are added to seller_month_stats on publishing, as before.
CREATE TABLE transaction_stat_deltas (
  filing INTEGER NOT NULL,           -- transaction_filings.key
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  month TEXT NOT NULL,
  currency TEXT NOT NULL,
  orders INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  refunds_minor INTEGER NOT NULL,
  refunded_orders INTEGER NOT NULL,
  PRIMARY KEY (filing, platform_id, seller_id, month, currency)
) STRICT, WITHOUT ROWID;
-- serves: a seller's statistics not loaded yet
CREATE INDEX transaction_stat_deltas_seller ON transaction_stat_deltas (platform_id, seller_id);

-- The orders each store has filed (not counting cancelled ones), all months together: what complaint
-- rates are per thousand of. One row a store, beside the sellers, whichever store keeps the orders.
CREATE TABLE seller_order_counts (
  platform_id INTEGER NOT NULL,
  seller_id TEXT NOT NULL,
  orders INTEGER NOT NULL,
  PRIMARY KEY (platform_id, seller_id)
) STRICT, WITHOUT ROWID;

INSERT INTO seller_order_counts (platform_id, seller_id, orders)
SELECT platform_id, seller_id, sum(orders) FROM seller_month_stats GROUP BY platform_id, seller_id;
