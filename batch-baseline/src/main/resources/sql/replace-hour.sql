-- The statements the batch uses on its output schema. ${SCHEMA} is that schema (batch by default).
-- Each statement starts after a line "-- name: <name>"; other comment lines are dropped.

-- name: delete-transactions
-- The hour's transactions go first (one transaction_id always has the same event_time, so no
-- other hour holds these ids); the new ones are then COPYed in, in the same transaction.
DELETE FROM ${SCHEMA}.card_transactions WHERE event_hour = ?

-- name: delete-spend
DELETE FROM ${SCHEMA}.account_hourly_spend WHERE hour_start = ?

-- name: insert-dead-letter
-- Keyed by the Kafka position: a rerun (or the next hour's overlapping lookback) finds the same
-- records and keeps the first row of each.
INSERT INTO ${SCHEMA}.dead_letters
    (topic, kafka_partition, kafka_offset, kafka_timestamp, reason, detail, raw_base64)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING

-- name: insert-run
INSERT INTO ${SCHEMA}.runs
    (run_id, hour_start, topic, read_from, cutoff, start_offsets, end_offsets, offsets_from_run,
     records_read, transactions, account_hours, dead_letters, started_at)
VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), ?, ?, ?, ?, ?, ?)

-- name: latest-run
-- The offsets of the latest run of an hour, which a rerun reads again.
SELECT run_id, start_offsets::text AS start_offsets, end_offsets::text AS end_offsets
  FROM ${SCHEMA}.runs
 WHERE topic = ? AND hour_start = ?
 ORDER BY finished_at DESC
 LIMIT 1
