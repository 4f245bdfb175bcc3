-- Ended webhook deliveries are removed some days after they were created (MARKETGATE_WEBHOOK_DELIVERY_DAYS,
-- the sweep): the events themselves stay on the feed; a delivery is the record of sending one.
-- serves: finding the deliveries old enough to remove, oldest first
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);
