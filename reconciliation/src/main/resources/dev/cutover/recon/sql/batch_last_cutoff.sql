-- The cutoff of the last hour the batch wrote (max event_hour + 1 h + grace): a record that reached
-- Kafka after it was never read by any batch run. ${TABLE} is the batch's card_transactions,
-- quoted and checked against the catalog. Parameter: the grace in seconds.
SELECT max(event_hour) + interval '1 hour' + make_interval(secs => ?)
FROM ${TABLE}
