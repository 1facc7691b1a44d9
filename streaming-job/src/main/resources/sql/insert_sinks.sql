-- Writes the three outputs to the *_sink tables (jdbc_sinks.sql in production; tests may declare
-- other sinks with the same names). Executed together as one statement set, so one job.
-- Instants become UTC wall-clock TIMESTAMP(3) for the JDBC connector (see jdbc_sinks.sql).
INSERT INTO card_transactions_sink
SELECT
    transaction_id,
    account_id,
    CAST(event_time AS TIMESTAMP(3)),
    CAST(event_hour AS TIMESTAMP(3)),
    amount,
    currency,
    amount_usd,
    merchant_category,
    status,
    is_international,
    masked_card,
    CAST(kafka_timestamp AS TIMESTAMP(3))
FROM card_transactions_out;

INSERT INTO account_hourly_spend_sink
SELECT
    account_id,
    CAST(hour_start AS TIMESTAMP(3)),
    txn_count,
    approved_amount_usd,
    declined_count,
    international_count,
    max_amount_usd
FROM account_hourly_spend_out;

INSERT INTO dead_letters_sink
SELECT
    topic,
    kafka_partition,
    kafka_offset,
    CAST(kafka_timestamp AS TIMESTAMP(3)),
    reason,
    detail,
    raw_base64
FROM dead_letter_records;
