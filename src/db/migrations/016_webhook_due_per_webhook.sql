-- The dispatcher fills each webhook's few in-flight slots from that webhook's own due deliveries, so
-- that one webhook's backlog does not hold back the others: due deliveries are found per webhook.
DROP INDEX webhook_deliveries_due;
-- serves: the dispatcher's due deliveries of one webhook, oldest due first
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (webhook_id, next_attempt_at) WHERE status = 'pending';
