-- card_transactions: one row per distinct transaction_id (docs/semantics.md, the contract the batch and the ground truth implement too).
--
-- Input:  first_arrivals, the decoded records deduplicated by transaction_id with the FIRST arrival
--         winning (smallest Kafka timestamp, then partition, then offset). It is a changelog keyed
--         by transaction_id: +I for the first copy seen, -U/+U when an earlier copy shows up later
--         from another partition (FirstArrivalFunction; SQL ROW_NUMBER() Top-N is not used because
--         Flink 2.2.1 plans it insert-only over an insert-only input and drops the retractions).
-- Output: the view card_transactions_out, an updating stream keyed by transaction_id.
--
-- The business rules are the model's Java functions (udf package): to_usd is FxRates.toUsd
-- (HALF_EVEN; SQL CAST would round HALF_UP), merchant_category, mask_card, is_international,
-- hour_start (the UTC hour; table.local-time-zone is UTC).
CREATE TEMPORARY VIEW card_transactions_out AS
SELECT
    transaction_id,
    account_id,
    event_time,
    hour_start(event_time)                            AS event_hour,
    amount,
    currency,
    CAST(to_usd(amount, currency) AS DECIMAL(18, 2))  AS amount_usd,
    merchant_category(mcc)                            AS merchant_category,
    status,
    is_international(merchant_country)                AS is_international,
    mask_card(card_number)                            AS masked_card,
    kafka_timestamp
FROM first_arrivals;
