-- account_hourly_spend: per account and UTC event hour (docs/semantics.md, the contract the batch and the ground truth implement too).
--
-- Input:  card_transactions_out (deduplicated; card_transactions.sql).
-- Output: the view account_hourly_spend_out, an updating stream keyed by (account_id, hour_start).
--
-- A plain keyed aggregation, not a window TVF: window aggregates drop rows that arrive after the
-- watermark passed their window, this one updates the hour's row whenever a late event arrives
-- (state TTL optional: table.exec.state.ttl). It consumes the retractions of the dedup step, so a
-- duplicate that replaces an earlier winner changes nothing here.
--
-- txn_count counts every distinct transaction whatever its status; approved_amount_usd sums
-- amount_usd of APPROVED ones; declined_count counts DECLINED; international_count counts
-- is_international; max_amount_usd is the largest amount_usd of any status.
-- Flink's SUM(DECIMAL(18,2)) is DECIMAL(38,2): cast back to the table's NUMERIC(18,2) explicitly.
CREATE TEMPORARY VIEW account_hourly_spend_out AS
SELECT
    account_id,
    event_hour                                                            AS hour_start,
    CAST(COUNT(*) AS BIGINT)                                              AS txn_count,
    CAST(COALESCE(SUM(CASE WHEN status = 'APPROVED' THEN amount_usd END),
                  CAST(0 AS DECIMAL(18, 2))) AS DECIMAL(18, 2))           AS approved_amount_usd,
    CAST(SUM(CASE WHEN status = 'DECLINED' THEN 1 ELSE 0 END) AS BIGINT)  AS declined_count,
    CAST(SUM(CASE WHEN is_international THEN 1 ELSE 0 END) AS BIGINT)     AS international_count,
    CAST(MAX(amount_usd) AS DECIMAL(18, 2))                               AS max_amount_usd
FROM card_transactions_out
GROUP BY account_id, event_hour;
