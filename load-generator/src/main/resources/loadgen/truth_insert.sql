-- The ground truth of one generate run, written into an output schema (truth by default) whose
-- tables V1__output_tables.sql of the model creates. ${SCHEMA} is the target schema; each
-- statement is one batched INSERT (pgjdbc rewrites batches into multi-row inserts).

-- name: clear
TRUNCATE ${SCHEMA}.card_transactions, ${SCHEMA}.account_hourly_spend, ${SCHEMA}.dead_letters;

-- name: card_transactions
INSERT INTO ${SCHEMA}.card_transactions (transaction_id, account_id, event_time, event_hour, amount,
    currency, amount_usd, merchant_category, status, is_international, masked_card, kafka_timestamp)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: account_hourly_spend
INSERT INTO ${SCHEMA}.account_hourly_spend (account_id, hour_start, txn_count, approved_amount_usd,
    declined_count, international_count, max_amount_usd)
VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: dead_letters
INSERT INTO ${SCHEMA}.dead_letters (topic, kafka_partition, kafka_offset, kafka_timestamp, reason,
    detail, raw_base64)
VALUES (?, ?, ?, ?, ?, ?, ?);
