-- cutover demo: how far a pipeline's output tables have got, compared with the truth's to decide
-- that the stream has caught up. {schema} is replaced by a fixed schema name (stream, truth),
-- never by user input. One row: transactions, their USD total, dead letters, account-hour rows
-- and the transactions they count.
SELECT (SELECT count(*) FROM {schema}.card_transactions)                      AS transactions,
       (SELECT coalesce(sum(amount_usd), 0) FROM {schema}.card_transactions)  AS amount_usd,
       (SELECT count(*) FROM {schema}.dead_letters)                           AS dead_letters,
       (SELECT count(*) FROM {schema}.account_hourly_spend)                   AS account_hours,
       (SELECT coalesce(sum(txn_count), 0) FROM {schema}.account_hourly_spend) AS hourly_txns
