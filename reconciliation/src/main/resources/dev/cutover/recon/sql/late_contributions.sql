-- What the transactions that reached Kafka after the batch cutoff of their hour
-- (event_hour + 1 h + grace, DESIGN.md "Semantics that parity depends on") add to each
-- account_hourly_spend row: the part of the stream's (or truth's) hourly aggregate that the batch
-- cannot have. ${TABLE} is a card_transactions table, quoted and checked against the catalog.
-- Parameter: the grace in seconds.
SELECT account_id,
       event_hour,
       count(*)                                                    AS txn_count,
       coalesce(sum(amount_usd) FILTER (WHERE status = 'APPROVED'), 0) AS approved_amount_usd,
       count(*) FILTER (WHERE status = 'DECLINED')                 AS declined_count,
       count(*) FILTER (WHERE is_international)                    AS international_count,
       max(amount_usd)                                             AS max_amount_usd
FROM ${TABLE}
WHERE kafka_timestamp >= event_hour + interval '1 hour' + make_interval(secs => ?)
GROUP BY account_id, event_hour
