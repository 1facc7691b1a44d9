-- A parity run (cutover demo, cutover run): how far a pipeline's output tables have got,
-- compared with the truth's to decide that the stream has caught up. ${SCHEMA} is replaced by a
-- fixed schema name (stream, truth), never by user input. One row: transactions, dead letters,
-- account-hour rows and the transactions they count. Counts only: values (sums of amounts) are
-- for reconciliation to compare, so that a stream computing wrong values still "catches up" and
-- the report names its wrong rows.
SELECT (SELECT count(*) FROM ${SCHEMA}.card_transactions)                      AS transactions,
       (SELECT count(*) FROM ${SCHEMA}.dead_letters)                           AS dead_letters,
       (SELECT count(*) FROM ${SCHEMA}.account_hourly_spend)                   AS account_hours,
       (SELECT coalesce(sum(txn_count), 0) FROM ${SCHEMA}.account_hourly_spend) AS hourly_txns
