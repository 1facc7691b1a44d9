-- The newest event hour the batch has written (NULL when it has written none). Parity compares the
-- stream's (and truth's) transactions and hourly rows with the batch's up to this hour; a poison
-- record that reached Kafka after this hour's cutoff (+ 1 h + grace) was never read by any batch
-- run. ${TABLE} is the batch's card_transactions, quoted and checked against the catalog.
SELECT max(event_hour)
FROM ${TABLE}
